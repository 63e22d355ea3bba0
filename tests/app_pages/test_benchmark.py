"""Benchmark page: percentiles, peer radar, gap statement and the visit-only what-if."""

from __future__ import annotations

import json

from metrics import load_template, score_catalog
from sites import load_catalog
from sites.prices import load_prices
from tests.app_pages.conftest import no_exception


def test_benchmark_charts_and_gap(app):
    at = app(page="app_pages/benchmark.py", park="gigavaasa", peers="finland")
    no_exception(at)
    figures = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(figures) == 2
    bars = figures[0]["data"][0]
    assert bars["type"] == "bar" and all(0 <= x <= 100 for x in bars["x"])
    # GigaVaasa's 9 m fairway fails the pCAM draught must-have: the gap is the fix that passes
    (reason,) = next(s for s in score_catalog(load_catalog(), load_prices(), load_template(
        "pcam")).sites if s.id == "gigavaasa").reasons
    assert (reason.code, reason.params["have"]) == ("must_short", 9.0)
    texts = [m.value.replace("\\", "") for m in at.markdown]
    fix = f"- Port maximum authorised draught ≥ {reason.params['need']:g} m (now 9 m)"
    assert any(text.startswith("Your park fails the must-haves of this brief. The smallest "
                               "changes that would make it pass:") and fix in text
               for text in texts), texts


def test_what_if_changes_rank_for_this_visit_only(app):
    at = app(page="app_pages/benchmark.py", park="gigavaasa", w_draught_margin_m="10")
    no_exception(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Rank"] == "–"  # a 9 m fairway fails the 10 m draught margin
    # deepen the fairway of GigaVaasa in the what-if table
    at.session_state["whatif_gigavaasa"] = {
        "edited_rows": {"2": {"value": 15.3}}, "added_rows": [], "deleted_rows": []}
    at.run()
    no_exception(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Rank"] == "–"  # the catalog's own rank is unchanged
    assert metrics["Rank with your changes"].isdigit()  # the deeper fairway now ranks
    assert load_catalog().by_id("gigavaasa").number("port_max_draught_m") == 9.0  # untouched


def test_what_if_refuses_a_plot_larger_than_the_park(app):
    at = app(page="app_pages/benchmark.py", park="gigavaasa")
    # rows follow sites.whatif.EDITABLE: 1 = largest free plot, 4 = grid capacity
    at.session_state["whatif_gigavaasa"] = {
        "edited_rows": {"1": {"value": 2160.0}, "4": {"value": -5.0}}, "added_rows": [],
        "deleted_rows": []}
    at.run()
    assert not at.exception
    (error,) = [e.value.replace("\\", "") for e in at.error]  # ui.safe.md escapes
    assert "Largest free contiguous plot: 2,160 ha is larger than Total area (1,000 ha)" in error
    assert "Available grid capacity: -5 MW is outside the catalog's range 0–10,000 MW" in error
    assert "Rank with your changes" not in [m.label for m in at.metric]


def test_what_if_editor_shows_labels_in_the_session_language(app):
    at = app(page="app_pages/benchmark.py", park="gigavaasa", lang="fi")
    no_exception(at)
    frame = next(d.value for d in at.dataframe if "label" in d.value.columns)
    assert {"Suurin yhtenäinen vapaa tontti", "Vapaa maa-ala uusille investoinneille"} <= set(
        frame["label"])
    at.session_state["whatif_gigavaasa"] = {
        "edited_rows": {"1": {"value": 2160.0}}, "added_rows": [], "deleted_rows": []}
    at.run()
    (error,) = [e.value.replace("\\", "") for e in at.error]
    assert "2\u00a0160 ha" in error and "ei käytetty" in error


def _texts(at) -> list[str]:
    """Markdown shown, with the escaping of data text undone."""
    return [m.value.replace("\\", "") for m in at.markdown]


def test_a_failing_park_is_told_what_would_make_it_pass(app):
    """GigaVaasa's fairway (9 m) is short of the pCAM design vessel (12.04 m)."""
    at = app(page="app_pages/benchmark.py", park="gigavaasa")
    no_exception(at)
    texts = _texts(at)
    fixes = next(text for text in texts if text.startswith("Your park fails the must-haves"))
    assert "- Port maximum authorised draught ≥ 12.04 m (now 9 m)" in fixes
    assert any(text.startswith("With all of these at exactly the value needed, your park would "
                               "pass and rank ") for text in texts), texts


def test_a_passing_park_gets_its_own_levers_with_the_rank_each_reaches(app):
    at = app(page="app_pages/benchmark.py", park="kotka-keltakallio")
    no_exception(at)
    texts = _texts(at)
    assert "**What your park can change itself**" in texts
    levers = next(text for text in texts if text.startswith("- ") and "→ rank" in text)
    assert "Wastewater: price" in levers, levers


def test_levers_speak_finnish(app):
    at = app(page="app_pages/benchmark.py", park="kotka-keltakallio", lang="fi")
    no_exception(at)
    assert "**Mitä puistosi voi itse muuttaa**" in _texts(at)
    assert any(text.startswith("- ") and "→ sija" in text for text in _texts(at))


def test_what_your_silence_costs(app):
    """pCAM brief, Port of Antwerp-Bruges: its unpublished wastewater price is the most
    valuable unknown of the field; the page says what publishing it could do to its range."""
    at = app(page="app_pages/benchmark.py", park="port-of-antwerp-bruges")
    no_exception(at)
    assert any(s.value == "What your silence costs" for s in at.subheader)
    table = next(d.value for d in at.dataframe if "effect" in d.value.columns)
    first = table.iloc[0]
    assert first["fact"] == "Wastewater price"
    assert first["effect"].startswith("Publishing your Wastewater price could move you from 1–23")
    assert "if the plant's Wastewater were known too" in first["effect"]


def test_what_your_silence_costs_in_finnish(app):
    at = app(page="app_pages/benchmark.py", park="port-of-antwerp-bruges", lang="fi")
    no_exception(at)
    table = next(d.value for d in at.dataframe if "effect" in d.value.columns)
    assert "julkaiseminen voisi siirtää sinut" in table.iloc[0]["effect"]
