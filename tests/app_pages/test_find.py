"""Find sites page in AppTest: map, table, profile selection."""

from __future__ import annotations

import json

from tests.app_pages.conftest import no_exception, no_none_cells, shown
from ui.safe import md


def folium_args(at) -> dict:
    """The st_folium component's arguments (the Leaflet script and its settings)."""
    (component,) = at.get("component_instance")
    return json.loads(component.proto.json_args)


def test_find_page_renders_map_and_table(app):
    at = app()
    no_exception(at)
    assert at.title[0].value == "Find sites"
    table = at.dataframe[0].value
    assert len(table) >= 35
    assert "Kokkola Industrial Park (KIP)" in set(table["name"])
    args = folium_args(at)
    assert "L.map(" in args["script"]  # the cached base map
    parks_layer = args["feature_group"]  # the per-scenario parks layer
    assert parks_layer.count('"tip":') == len(table)
    assert "Kokkola Industrial Park (KIP)" in parks_layer
    assert all(link.startswith("/app/static/") for link in args["js_links"] + args["css_links"])


def test_table_selection_opens_profile(app):
    at = app()
    table = at.dataframe[0].value
    row = int((table["id"] == "kokkola-kip").to_numpy().nonzero()[0][0])
    at.session_state["find_table"] = {"selection": {"rows": [row], "columns": []}}
    at.run()
    no_exception(at)
    assert any(s.value == md("Kokkola Industrial Park (KIP)") for s in at.subheader)
    profile = at.dataframe[1].value
    assert len(profile) == 29
    assert "https://kip.fi/en/frontpage.html" in set(profile["source"])


KEY_COLUMNS = ["rank", "name", "country", "score", "passes", "bill_meur", "co2_kt"]
VISIBLE_PX_AT_1366 = 900
"""Room for the table at a 1366 px wide window with the sidebar open (about 1366 - 336 px of
sidebar - 2 x 64 px of page padding)."""


def test_ranking_table_key_columns_fit_at_1366_px(app):
    at = app()
    table = at.dataframe[0]
    assert list(table.proto.column_order)[:len(KEY_COLUMNS)] == KEY_COLUMNS
    config = json.loads(table.proto.columns)
    widths = [config[c]["width"] for c in KEY_COLUMNS]
    assert all(isinstance(w, int) for w in widths) and sum(widths) <= VISIBLE_PX_AT_1366
    assert config["rank"].get("pinned") and config["name"].get("pinned")
    assert all("format" not in config[c].get("type_config", {}) for c in
               ("score", "bill_meur", "co2_kt"))  # the locale texts of the Styler show
    assert config["bill_meur"]["label"] == "Annual bill (M€/a)"


def test_ranking_table_numbers_follow_the_session_language(app):
    at = app(lang="fi")
    no_exception(at)
    values, texts = at.dataframe[0].value, shown(at.dataframe[0])
    no_none_cells(texts)
    first = values.index[values["rank"] == 1][0]
    assert texts.loc[first, "score"] == f"{values.loc[first, 'score']:.3f}".replace(".", ",")
    bills = texts["bill_meur"][values["bill_meur"].notna()]
    assert len(bills) and bills.str.fullmatch(r"\d+,\d\d").all()
    assert texts.loc[first, "completeness"].endswith("\u00a0%")
    assert (texts["rank"][values["rank"].isna()] == "–").all()
    big = values["total_area_ha"] >= 1000
    assert texts["total_area_ha"][big].str.contains("\u00a0").all()  # thousands separator
    english = shown(app().dataframe[0])
    assert english["total_area_ha"][big].str.contains(",").all()


def test_find_is_also_served_under_its_old_path(app):
    """``/find`` (a hidden alias of the default page) runs the Find page with the link's
    scenario; the browser test checks the address bar (tests/browser/test_find_link.py)."""
    at = app(tpl="lioh")
    at.switch_page("app_pages/find.py")  # the page registered under url_path "find"
    at.run()
    no_exception(at)
    assert at.title[0].value == "Find sites"
    assert at.session_state["scenario"].template == "lioh"
