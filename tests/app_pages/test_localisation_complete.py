"""Issue 13 item 4: a Finnish or Swedish render of every page and of the report shows no English.

Each render is collected with :func:`tests.support.visible.visible_texts` (markdown, captions,
widgets, tabs, metrics, table headers and cells, plotly titles/legends/axes/ticks, the folium
map's tooltips, layers, legend and draw toolbar) and searched for words of the English catalog
that the session language's own catalog does not use.

Left out on purpose, and why:

* each language's own name in the language picker ("English");
* proper names: parks (every language's name; a park without a Finnish or Swedish name keeps
  its one name), operators, key companies, municipalities, ports, airports, plants and
  universities of the overlay layers, data-set and publisher names (Eurostat, Natural Earth,
  OpenStreetMap, Nord Pool, ENTSO-E), method names (TOPSIS, VIKOR, PROMETHEE, AHP) and units;
* source text: the ``source`` and ``note`` columns and fact notes quoted from the sources
  (kept in the language they were published in, as the data contract asks) and source URLs;
* the full technical data-sources reference (``DATA_SOURCES.md``: files, columns, conversions
  and licence terms as published), shown in English inside an expander under its translated
  summary (``ui/locales/data_sources.<lang>.md``);
* the text of upload problem lists on the Submit page: converted to message codes separately
  (``ui/problems.py``, branch ``problems``); this test renders Submit without an upload.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

import pytest

from report.i18n import catalog, translate
from sites import load_catalog
from tests.app_pages.conftest import ROOT, no_exception
from tests.support.visible import english_decimals, english_words, html_texts, visible_texts

LANGS = ("fi", "sv")
SOURCE_COLUMNS = re.compile(r"^cell (source|note|url|contact_url|description|value_note)")
"""Table columns that hold source text (quoted as published) or addresses."""
NAMES = ("English", "Suomi", "Svenska",  # the language picker names each language in itself
         "Eurostat", "Natural Earth", "OpenStreetMap", "Nord Pool", "ENTSO-E", "Fingrid",
         "Svenska kraftnät", "TOPSIS", "VIKOR", "PROMETHEE", "AHP", "WSM", "Saaty", "Hwang",
         "Yoon", "Brans", "Opricovic", "parkbench", "Leaflet", "GeoJSON", "GeoPackage", "Excel",
         "TOML", "CSV", "JSON", "HTML", "PDF", "RFI", "SMAA", "Seveso", "ECSPP", "LNG", "EUR",
         "MWh", "GWh", "MW", "kV", "kWh", "Streamlit", "Babel", "Jahanshahloo", "Lahdelma",
         "Salminen", "Mareschal", "Natura", "IATA", "UTC", "SQLite", "OSM", "Leaflet.draw",
         "leaflet.markercluster", "jQuery", "BSD-2-Clause", "MIT", "CC BY 4.0", "CC BY")


@cache
def proper_names() -> tuple[str, ...]:
    """Names and source text that stay as they are in every language (see the docstring)."""
    from geodata.layers import load_layer
    from metrics.brief import load_template, template_names
    from report.build import public_note

    names: set[str] = set(NAMES)
    for park in load_catalog():
        names |= {park.name, park.display_name("fi"), park.display_name("sv"), park.id}
        names |= {park.operator, park.municipality, park.description, park.location.note,
                  park.location.source}
        for fact in park.facts.values():
            names |= {fact.note, public_note(fact.note), fact.source}
            if fact.name in {"key_companies", "port_name"} and fact.value is not None:
                value = fact.value
                names |= {str(v) for v in (value if isinstance(value, list | tuple) else
                                           [value])}
    for template in template_names():  # the plant figures' provenance notes (quotes, derivations)
        for figure in load_template(template).figures.values():
            names |= {figure.note, public_note(figure.note), figure.source}
    for layer in ("ports", "airports", "raw_materials", "customers", "universities"):
        frame = load_layer(layer)  # names, and the free text the layers were compiled from
        for column in ("name", "operator", "city", "material", "fields", "products"):
            if column in frame:
                names |= {str(v) for v in frame[column].dropna()}
    return tuple(sorted((n for n in names if n and len(n) > 1), key=len, reverse=True))


def _without(text: str, phrases: Iterable[str]) -> str:
    for phrase in phrases:
        if phrase in text:
            text = text.replace(phrase, " ")
    return text


@cache
def reference() -> str:
    return (ROOT / "DATA_SOURCES.md").read_text(encoding="utf-8").strip()


def leaks(texts: Iterable[tuple[str, str]], lang: str) -> list[str]:
    found = []
    for where, text in texts:
        if SOURCE_COLUMNS.match(where) or text.strip() == reference():
            continue
        words = english_words(text, lang, allowed=proper_names())
        points = english_decimals(_without(text, proper_names()))
        if words or points:
            found.append(f"{where}: {text[:160]!r} -> {sorted(set(words + points))}")
    return sorted(set(found))


def other_names(texts: Iterable[tuple[str, str]], lang: str) -> list[str]:
    """Park names shown in another language than the session's (one name per park)."""
    parks = list(load_catalog())
    own = sorted({p.display_name(lang) for p in parks}, key=len, reverse=True)
    foreign = {p.name for p in parks if p.display_name(lang) != p.name}
    found = []
    for where, text in texts:
        if SOURCE_COLUMNS.match(where) or where == "cell note":
            continue
        rest = _without(text, own)
        found += [f"{where}: {name!r}" for name in foreign if name in rest]
    return sorted(set(found))


RENDERS: dict[str, dict[str, str]] = {
    "find": {},
    "find-profile": {},
    "find-ahp": {"wmode": "ahp"},
    "find-draw": {"strict": "false"},  # the draw toolbar on; unknowns let through
    "compare": {"page": "app_pages/compare.py"},
    "benchmark-fails": {"page": "app_pages/benchmark.py", "park": "gigavaasa"},
    "benchmark-passes": {"page": "app_pages/benchmark.py", "park": "kotka-keltakallio"},
    "data": {"page": "app_pages/data.py"},
    "data-heat": {"page": "app_pages/data.py"},
    "data-tariff": {"page": "app_pages/data.py"},
    "submit": {"page": "app_pages/submit.py"},
    "method": {"page": "app_pages/method.py"},
}


def render(app: Callable[..., object], name: str, lang: str):
    params = dict(RENDERS[name])
    at = app(lang=lang, **params)
    if name == "find-profile":
        at.session_state["find_park"] = "kokkola-kip"
        at.run()
    if name == "find-draw":
        label = translate("find.draw_aoi", lang)
        next(w for w in at.toggle if w.label == label).set_value(True).run()
    quantity = {"data-heat": "district_heat_price", "data-tariff": "transmission_tariff"}
    if name in quantity:
        at.selectbox(key="data_quantity").set_value(quantity[name]).run()
    return at


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(RENDERS))
def test_page_shows_no_english(app, name, lang):
    at = render(app, name, lang)
    no_exception(at)
    texts = visible_texts(at)
    assert len(texts) > 5, texts
    found = leaks(texts, lang) + other_names(texts, lang)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", LANGS)
def test_report_shows_no_english(app, downloads, lang):
    at = app(page="app_pages/compare.py", lang=lang)
    no_exception(at)
    report = downloads["parkbench_report.html"]()
    text = report.decode("utf-8") if isinstance(report, bytes) else str(report)
    assert f'<html lang="{lang}">' in text
    body = re.sub(r'<a href="[^"]*"[^>]*>[^<]*</a>', " ", text)  # source links
    texts = [("report", t) for t in html_texts(body)]
    found = leaks(texts, lang) + other_names(texts, lang)
    assert not found, "\n".join(found)


def test_detector_finds_english_in_finnish():
    assert english_words("Pisteet: unknown; Fails: no rail connection", "fi") == [
        "unknown", "Fails", "rail", "connection"]
    assert english_words("Vapaa maa-ala 40 ha (julkaistu)", "fi") == []
    assert english_words("Kokkola Industrial Park", "fi",
                         allowed=("Kokkola Industrial Park",)) == []


def test_the_draw_toolbar_speaks_the_session_language(app):
    at = render(app, "find-draw", "fi")
    no_exception(at)
    toolbar = [text for where, text in visible_texts(at) if where == "draw toolbar"]
    assert "Piirrä monikulmio" in toolbar and "Peruuta" in toolbar


def test_finnish_uses_tuo_for_upload_and_lataa_only_for_download():
    english, finnish = catalog("en"), catalog("fi")
    upload = [k for k, v in english.items() if re.search(r"\bupload", v, re.I)]
    assert {"submit.step_upload", "submit.caption_roles", "rfi.caption"} <= set(upload)
    for key in upload:
        text = finnish[key].lower()
        assert re.search(r"\btuo", text), (key, finnish[key])
        if not re.search(r"\bdownload", english[key], re.I):
            assert "lata" not in text, (key, finnish[key])
    for key, text in english.items():
        if re.search(r"\bdownload", text, re.I) and not re.search(r"\bupload", text, re.I):
            assert not re.search(r"\btuo", finnish[key].lower()), (key, finnish[key])
