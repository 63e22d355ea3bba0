"""Scenario in the URL: seeded from query parameters, hostile strings ignored with a notice,
language chosen and switched, and the URL written back with language-independent codes."""

from __future__ import annotations

from report.i18n import catalog
from tests.app_pages.conftest import no_exception

HOSTILE = {
    "method": "<script>alert(1)</script>",
    "w_workforce": "1e309",
    "must": "land,![x](http://evil.example/x.png)",
    "list": "kokkola-kip,../../etc/passwd",
    "lang": "xx",
    "rate": "NaN",
    "f_land_ha": "-5",
    "zzz": "1" * 5000,
}


def _widget(kind, label):
    """A sidebar widget by its (English) label."""
    return next(w for w in kind if w.label == label)


def test_scenario_is_seeded_from_the_url(app):
    at = app(method="vikor", w_customer_km="9", must="draught,rail", tpl="lioh", lang="sv")
    no_exception(at)
    scenario = at.session_state["scenario"]
    assert (scenario.method, scenario.weight("customer_km"), scenario.template,
            scenario.lang) == ("vikor", 9, "lioh", "sv")
    assert scenario.must == ("draught", "rail")
    assert at.title[0].value != "Find sites"  # Swedish


def test_hostile_query_string_is_ignored_with_a_notice(app):
    at = app(**HOSTILE)
    no_exception(at)
    scenario = at.session_state["scenario"]
    assert scenario.method == "topsis"
    assert scenario.shortlist == ("kokkola-kip",)
    assert scenario.must == ("land",)
    assert scenario.lang in ("en", "fi", "sv")
    (notice,) = [w.value for w in at.warning if "ignored" in w.value]
    assert "<script>" not in notice and "![x]" not in notice  # shown escaped, never rendered
    assert "method" in notice and "unknown parameter" in notice


def test_url_is_written_back_with_codes(app):
    at = app()
    _widget(at.slider, "Distance to customers (km)").set_value(9).run()
    _widget(at.selectbox, "Scoring method").set_value("wsm").run()
    no_exception(at)
    params = dict(at.query_params)
    assert params["w_customer_km"] in ("9", ["9"])
    assert params["method"] in ("wsm", ["wsm"])  # a code, not the displayed label
    assert "offline" not in params  # defaults stay out of the link


def test_language_switch_translates_pages(app):
    titles = {lang: catalog(lang)["data.title"] for lang in ("en", "fi", "sv")}
    assert titles["en"] == "Data and sources" and len(set(titles.values())) == 3
    for lang, title in titles.items():
        at = app(page="app_pages/data.py", lang=lang)
        no_exception(at)
        assert at.title[0].value == title, lang
