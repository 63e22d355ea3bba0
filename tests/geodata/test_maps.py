"""Rendered map HTML: parks present, hostile names escaped, offline pages stay on the host."""

from __future__ import annotations

import json
import re

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from folium.plugins import Draw, FastMarkerCluster

from geodata.layers import load_layer
from geodata.maps import (
    FAIL_COLOR,
    UNDECIDED_COLOR,
    UNDECIDED_LABEL,
    Legend,
    build_park_map,
    escape_text,
    legend_html,
    map_html,
    value_colors,
)

URL = re.compile(r"""(?:https?:)?//[^\s"'<>)\\]+""")
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def countries() -> gpd.GeoDataFrame:
    return load_layer("countries")


def external_urls(page: str) -> set[str]:
    """Every absolute or protocol-relative URL in the page."""
    return {u for u in URL.findall(page) if not u.startswith("///")}


def test_escape_text_neutralises_html_and_template_literals() -> None:
    assert escape_text(HOSTILE) == "&lt;img src=x onerror=alert(1)&gt;"
    assert escape_text("`${alert(1)}`\\") == "&#96;&#36;{alert(1)}&#96;&#92;"
    assert escape_text('"quoted" & \'single\'') == "&quot;quoted&quot; &amp; &#x27;single&#x27;"


def test_map_contains_every_park_rounded(parks: gpd.GeoDataFrame) -> None:
    page = map_html(build_park_map(parks, color_by="score"))
    for name in ["Kokkola KIP", "Pori Tahkoluoto", "Porvoo Kilpilahti"]:
        assert name in page
    assert "[23.0298, 63.8435]" in page  # GeoJSON order: lon, lat; 1e-5 degree rounding
    assert page.count('"tip":') == len(parks)  # one feature per park in one GeoJSON layer
    assert "prefer_canvas" in page or "preferCanvas" in page


def test_hostile_names_render_as_text(parks: gpd.GeoDataFrame) -> None:
    passed = pd.Series([True, True, True, False], index=parks.index)
    reasons = pd.Series([None, None, None, "`${alert(2)}` <script>"], index=parks.index)
    page = map_html(build_park_map(parks, color_by="name", passed=passed, reasons=reasons,
                                   legend_title=HOSTILE))
    assert HOSTILE not in page
    assert "<script>`" not in page and "${alert(2)}" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_failing_parks_are_grey_with_reason(parks: gpd.GeoDataFrame) -> None:
    passed = pd.Series([True, False, True, True], index=parks.index)
    reasons = pd.Series([None, "port draught below 12 m", None, None], index=parks.index)
    page = map_html(build_park_map(parks, color_by="score", passed=passed, reasons=reasons))
    assert "Fails: port draught below 12 m" in page
    assert f'"fillColor": "{FAIL_COLOR}"' in page
    assert "fails a requirement" in page  # legend entry


def test_value_colors_numeric_and_categorical() -> None:
    colors, legend = value_colors(pd.Series([0.0, 5.0, np.nan, 10.0]), title="km")
    assert legend.kind == "numeric" and legend.stops[0][0] == "0" and legend.stops[-1][0] == "10"
    assert colors.iloc[2] == "#d0d0d0" and colors.iloc[0] != colors.iloc[3]
    cats, legend = value_colors(pd.Series(["FI", "SE", "FI"]))
    assert legend.kind == "categorical" and cats.iloc[0] == cats.iloc[2] != cats.iloc[1]
    assert "&lt;b&gt;" in legend_html(Legend("<b>", legend.kind, legend.stops))


def test_offline_map_references_only_the_app(parks: gpd.GeoDataFrame,
                                             countries: gpd.GeoDataFrame) -> None:
    overlays = {name: load_layer(name) for name in ("ports", "airports", "customers")}
    page = map_html(build_park_map(parks, color_by="score", overlays=overlays,
                                   countries=countries, offline=True, draw=True))
    assert external_urls(page) == set()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/app/static/") for s in sources)
    assert "tile.openstreetmap.org" not in page
    assert '"name": "Finland"' in page  # the shipped basemap is embedded


def test_offline_clustered_map_references_only_the_app(countries: gpd.GeoDataFrame) -> None:
    """SYNTHETIC catalog of 2,000 random points: clustering with a circle-marker callback."""
    rng = np.random.default_rng(0)
    n = 2_000
    synthetic = gpd.GeoDataFrame(
        {"name": [f"synthetic site {i}" for i in range(n)], "v": rng.random(n)},
        geometry=gpd.points_from_xy(rng.uniform(5, 30, n), rng.uniform(45, 68, n)),
        crs="EPSG:4326")
    page = map_html(build_park_map(synthetic, color_by="v", countries=countries, offline=True,
                                   cluster_threshold=500))
    assert external_urls(page) == set()
    assert "L.markerClusterGroup" in page and "L.circleMarker" in page
    assert "/app/static/leaflet.markercluster@1.1.0/leaflet.markercluster.js" in page
    assert "synthetic site 1999" in page


def test_online_map_has_outlines_under_the_tiles(parks: gpd.GeoDataFrame,
                                                 countries: gpd.GeoDataFrame) -> None:
    """Without internet the tiles fail and the outlines beneath them still show the map."""
    page = map_html(build_park_map(parks, countries=countries))
    assert "tile.openstreetmap.org" in page
    pane = re.search(r"var (pane_\w+) = \w+\.createPane\(\s*\"parkbench-outlines\"", page)
    assert pane, "the outline pane is created"
    assert f"{pane.group(1)}.style.zIndex = 150;" in page  # Leaflet's tile pane is at 200
    assert '"pane": "parkbench-outlines"' in page and '"fillOpacity": 1.0' in page
    assert "Finland" in page


def test_offline_needs_countries(parks: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValueError, match="countries"):
        build_park_map(parks, offline=True)


def test_offline_build_leaves_folium_classes_untouched(parks: gpd.GeoDataFrame,
                                                      countries: gpd.GeoDataFrame) -> None:
    before = (list(folium.Map.default_js), list(FastMarkerCluster.default_js),
              list(Draw.default_js))
    build_park_map(parks, countries=countries, offline=True, draw=True, cluster_threshold=1)
    after = (list(folium.Map.default_js), list(FastMarkerCluster.default_js),
             list(Draw.default_js))
    assert before == after
    assert any("cdn.jsdelivr.net" in url for _, url in folium.Map.default_js)


def test_vendored_assets_exist() -> None:
    from pathlib import Path

    from geodata.maps import local_assets

    root = Path(__file__).resolve().parents[2]
    assets = local_assets()
    for url in [assets.leaflet_js, assets.leaflet_css, assets.jquery_js, assets.markercluster_js,
                *assets.markercluster_css, assets.draw_js, assets.draw_css]:
        assert (root / "static" / url.removeprefix("/app/static/")).is_file(), url


def test_online_map_loads_scripts_from_the_app_and_only_tiles_from_the_web():
    """Corporate networks block CDNs: even online, Leaflet and plugins come from /app/static."""
    import re

    import geopandas as gpd
    from shapely.geometry import Point

    from geodata.maps import build_park_map, map_html

    parks = gpd.GeoDataFrame({"id": ["a"], "name": ["A"]}, geometry=[Point(23.0, 63.8)],
                             crs="EPSG:4326")
    html = map_html(build_park_map(parks, offline=False, draw=True))
    hosts = set(re.findall(r"https?://([^/\"'\s]+)", html))
    assert hosts <= {"tile.openstreetmap.org", "www.openstreetmap.org"}, hosts
    assert "/app/static/leaflet@1.9.3/leaflet.js" in html


def test_kept_area_of_interest_is_drawn_when_the_toolbar_is_off() -> None:
    """Polygons and Leaflet.draw circles become a dashed, non-clickable layer; junk is skipped."""
    from geodata.maps import AOI_STYLE, add_area_of_interest

    square = {"type": "Feature", "properties": {}, "geometry": {
        "type": "Polygon", "coordinates": [[[20, 60], [25, 60], [25, 64], [20, 64], [20, 60]]]}}
    circle = {"type": "Feature", "properties": {"radius": 25_000.0},
              "geometry": {"type": "Point", "coordinates": [23.03, 63.84]}}
    junk = [{"type": "Feature", "geometry": None}, {"geometry": {"type": "Point",
                                                                "coordinates": [1, 2]}},
            {"properties": {"radius": 5.0}, "geometry": {"type": "Point",
                                                         "coordinates": ["x", None]}}]
    group = folium.FeatureGroup(name="Parks")
    add_area_of_interest(group, [square, circle, *junk], name="Area")
    m = folium.Map(tiles=None)
    group.add_to(m)
    html = m.get_root().render()
    assert html.count("L.circle(") == 1 and "25000.0" in html
    assert '"coordinates": [[[20, 60], [25, 60]' in html
    assert AOI_STYLE["dashArray"] in html and '"interactive": false' in html

    empty = folium.FeatureGroup(name="Parks")
    add_area_of_interest(empty, junk)
    assert not empty._children


def test_undecided_parks_get_an_orange_ring_in_the_legend(parks: gpd.GeoDataFrame) -> None:
    notes = pd.Series(["undecided: depends on <b>free land</b>"], index=parks.index[:1])
    page = map_html(build_park_map(parks, color_by="score", notes=notes,
                                   undecided_label="orange <ring>"))
    assert f"border:3px solid {UNDECIDED_COLOR}" in page and "orange &lt;ring&gt;" in page
    assert "free land" in page and "<b>free land" not in page  # the tooltip line, escaped
    plain = map_html(build_park_map(parks, color_by="score"))
    assert f"border:3px solid {UNDECIDED_COLOR}" not in plain
    assert UNDECIDED_LABEL in legend_html(Legend("", "none", ()), undecided=UNDECIDED_LABEL)


def test_the_map_speaks_the_readers_language(parks: gpd.GeoDataFrame,
                                             countries: gpd.GeoDataFrame) -> None:
    from geodata.maps import MapText

    text = MapText(fails="Ei täytä", fails_default="ei täytä vaatimusta", unknown="tuntematon",
                   number=lambda v: f"{v:.3f}".replace(".", ","),
                   layers={"ports": "Satamat"},
                   detail=lambda _layer, column: {"max_draught_m": "suurin syväys"}.get(
                       column, column),
                   values=lambda _l, column, value: "julkaistu" if value == "published"
                   else None,
                   draw={"draw": {"toolbar": {"buttons": {"polygon": "Piirrä monikulmio"}}}},
                   parks="Puistot")
    passed = pd.Series([True, False, True, True], index=parks.index)
    page = map_html(build_park_map(parks, color_by="score", passed=passed, text=text,
                                   overlays={"ports": load_layer("ports")}, draw=True,
                                   countries=countries))
    def has(phrase: str) -> bool:  # as written, or JSON-escaped inside the GeoJSON
        return phrase in page or json.dumps(phrase)[1:-1] in page

    assert has("Ei täytä: ei täytä vaatimusta") and "Fails" not in page
    assert re.search(r"\d,\d{3}", page)  # the scores with a decimal comma
    assert has("Satamat") and has("suurin syväys") and has("julkaistu")
    assert "parkbenchDrawLocal" in page and has("Piirrä monikulmio")
    assert page.index("parkbenchDrawLocal") < page.index("L.Control.Draw")
