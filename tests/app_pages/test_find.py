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


KEY_COLUMNS = ["rank", "rank_range", "name", "must_status", "score", "bill_meur", "bill_range"]
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
               ("score", "bill_meur"))  # the locale texts of the Styler show
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
    big = values["free_land_ha"] >= 1000
    assert big.any() and texts["free_land_ha"][big].str.contains("\u00a0").all()  # 2 500
    english = shown(app().dataframe[0])
    assert english["free_land_ha"][big].str.contains(",").all()


def test_find_is_also_served_under_its_old_path(app):
    """``/find`` (a hidden alias of the default page) runs the Find page with the link's
    scenario; the browser test checks the address bar (tests/browser/test_find_link.py)."""
    at = app(tpl="lioh")
    at.switch_page("app_pages/find.py")  # the page registered under url_path "find"
    at.run()
    no_exception(at)
    assert at.title[0].value == "Find sites"
    assert at.session_state["scenario"].template == "lioh"


INCONSISTENT = {"wmode": "ahp", "ahp_set": "annual_bill_eur,land_margin_ha,customer_km",
                "p_annual_bill_eur_land_margin_ha": "9", "p_land_margin_ha_customer_km": "9",
                "p_annual_bill_eur_customer_km": "-9"}


def _plain(text: str) -> str:
    return text.replace("\\", "")


def test_ahp_shows_weights_cr_and_the_criteria_it_uses(app):
    """Default pcam brief in AHP mode: six weighted criteria compared, two left out (limit)."""
    at = app(wmode="ahp")
    no_exception(at)
    weights = next(d for d in at.dataframe if "weight" in d.value.columns)
    frame = weights.value
    assert list(frame["criterion"]) == ["Annual bill (€/a)", "Land margin (ha)",
                                        "Draught margin (m)", "Distance to raw materials (km)",
                                        "Distance to customers (km)", "CO₂ from electricity (t/a)"]
    assert abs(frame["weight"].sum() - 1) < 1e-9
    assert set(shown(weights)["weight"]) == {"17%"}
    cr = next(m for m in at.main.metric if m.label == "Consistency ratio")
    assert cr.value == "0.000"
    captions = [_plain(c.value) for c in at.main.caption]
    assert any("uses the 6 criteria" in c for c in captions)
    assert any("Left out: Needed utilities not confirmed, Data completeness" in c
               and "at most 6 criteria (15 pairs)" in c for c in captions)
    assert not [w for w in at.main.warning if "inconsistent" in w.value]


def test_ahp_warns_in_the_main_area_when_inconsistent(app):
    at = app(**INCONSISTENT)
    no_exception(at)
    (warning,) = [w for w in at.main.warning if "inconsistent" in w.value]
    summary = at.session_state["scenario"].ahp_summary()
    assert summary.compared == ("annual_bill_eur", "land_margin_ha", "customer_km")
    assert summary.cr >= 0.10 and f"{summary.cr:.3f} ≥ 0.10" in _plain(warning.value)
    ranking = next(d.value for d in at.dataframe if "rank" in d.value.columns)
    assert len(ranking) >= 35  # it still ranks, and says so


def test_ahp_with_too_few_criteria_says_the_sliders_rank(app):
    at = app(wmode="ahp", ahp_set="annual_bill_eur")
    no_exception(at)
    assert any("at least two criteria" in i.value for i in at.main.info)


def test_ahp_warning_on_compare_too(app):
    at = app(page="app_pages/compare.py", strict="false", **INCONSISTENT)
    no_exception(at)
    assert [w for w in at.main.warning if "inconsistent" in w.value]


RECTANGLE = {"type": "Feature", "properties": {},
             "geometry": {"type": "Polygon", "coordinates": [[[20.3, 62.85], [24.4, 62.85],
                                                              [24.4, 64.1], [20.3, 64.1],
                                                              [20.3, 62.85]]]}}
INSIDE = {"gigavaasa", "kokkola-kip", "pietarsaari-alholma", "kaustinen-keliber-paivaneva"}


def test_drawing_filters_the_table_in_the_run_it_arrives_in(app):
    """The map reports its shapes (``all_drawings``); the table below is filtered in that run."""
    at = app()
    total = len(at.dataframe[0].value)
    at.toggle[0].set_value(True).run()
    key = folium_args(at)["key"]
    assert "all_drawings" in folium_args(at)["returned_objects"]
    at.session_state[key] = {"all_drawings": [RECTANGLE], "last_object_clicked": None,
                             "last_object_clicked_tooltip": None}
    at.run()
    no_exception(at)
    assert set(at.dataframe[0].value["id"]) == INSIDE
    assert f"Showing 4 of {total} parks inside the drawn area." in [i.value for i in at.info]


def test_clear_area_works_with_drawing_on(app):
    """Clear forgets the shapes and gives the map a new component (without the drawn shape)."""
    at = app()
    total = len(at.dataframe[0].value)
    at.toggle[0].set_value(True).run()
    at.session_state["find_drawing"] = [RECTANGLE]
    at.run()
    before = folium_args(at)["key"]
    assert len(at.dataframe[0].value) == 4
    at.button(key="find_clear_aoi").click().run()
    no_exception(at)
    assert len(at.dataframe[0].value) == total
    assert not [i for i in at.info if "drawn area" in i.value]
    assert folium_args(at)["key"] != before and at.toggle[0].value is True


def test_map_says_which_basemap_it_draws(app):
    """The map never stays a silent grey box: it says where its basemap comes from."""
    at = app(page="app_pages/find.py")
    no_exception(at)
    captions = [c.value for c in at.caption]
    assert any("Offline basemap: country outlines (Natural Earth)" in c for c in captions)
    at = app(page="app_pages/find.py", lang="fi")
    assert any("Offline-taustakartta" in c.value for c in at.caption)
