"""Areas of interest: radius, bounding box, polygon and folium Draw shapes; country checks."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from geodata import GeodataError
from geodata.aoi import (
    MAX_DRAWINGS,
    country_of,
    within_bbox,
    within_drawing,
    within_drawings,
    within_polygon,
    within_radius,
)
from geodata.layers import load_layer


def ids(gdf: gpd.GeoDataFrame) -> list[str]:
    return list(gdf["id"])


def test_within_radius(parks: gpd.GeoDataFrame) -> None:
    assert ids(within_radius(parks, lat=60.17, lon=24.94, radius_km=40)) == ["porvoo", "hostile"]
    assert ids(within_radius(parks, lat=60.17, lon=24.94, radius_km=0)) == ["hostile"]
    with pytest.raises(GeodataError):
        within_radius(parks, lat=60.17, lon=24.94, radius_km=-1)


def test_within_bbox_and_antimeridian(parks: gpd.GeoDataFrame) -> None:
    assert ids(within_bbox(parks, west=20, south=61, east=24, north=64)) == ["kokkola", "pori"]
    assert ids(within_bbox(parks, west=170, south=-10, east=-170, north=10)) == []
    wrap = gpd.GeoDataFrame({"id": ["fiji"]}, geometry=[Point(179.5, 0)], crs="EPSG:4326")
    assert ids(within_bbox(wrap, west=170, south=-10, east=-170, north=10)) == ["fiji"]
    with pytest.raises(GeodataError):
        within_bbox(parks, west=20, south=64, east=24, north=61)


def test_within_polygon_includes_boundary(parks: gpd.GeoDataFrame) -> None:
    assert ids(within_polygon(parks, box(21.40, 60.0, 26.0, 62.0))) == ["pori", "porvoo",
                                                                        "hostile"]
    with pytest.raises(GeodataError):
        within_polygon(parks, Point(0, 0))


def test_within_drawing_polygon_feature(parks: gpd.GeoDataFrame) -> None:
    """The shape streamlit-folium returns for a rectangle drawn with folium Draw."""
    drawing = {"type": "Feature", "properties": {},
               "geometry": {"type": "Polygon", "coordinates": [[[22, 63], [24, 63], [24, 64],
                                                                [22, 64], [22, 63]]]}}
    assert ids(within_drawing(parks, drawing)) == ["kokkola"]


def test_within_drawing_circle(parks: gpd.GeoDataFrame) -> None:
    drawing = {"type": "Feature", "properties": {"radius": 40_000},
               "geometry": {"type": "Point", "coordinates": [24.94, 60.17]}}
    assert ids(within_drawing(parks, drawing)) == ["porvoo", "hostile"]


@pytest.mark.parametrize("drawing", [
    {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [24, 60]}},
    {"type": "Feature", "properties": {"radius": "1e9"},
     "geometry": {"type": "Point", "coordinates": [24, 60]}},
    {"type": "Feature", "properties": {}, "geometry": {"type": "Nonsense"}},
    {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
])
def test_within_drawing_rejects_bad_input(parks: gpd.GeoDataFrame, drawing: dict) -> None:
    with pytest.raises(GeodataError):
        within_drawing(parks, drawing)


RECTANGLE = {"type": "Feature", "properties": {},
             "geometry": {"type": "Polygon", "coordinates": [[[22, 63], [24, 63], [24, 64],
                                                              [22, 64], [22, 63]]]}}
CIRCLE = {"type": "Feature", "properties": {"radius": 40_000},
          "geometry": {"type": "Point", "coordinates": [24.94, 60.17]}}


def test_within_drawings_is_the_union_in_layer_order(parks: gpd.GeoDataFrame) -> None:
    """``all_drawings``: every shape still on the map; a park in two shapes counts once."""
    assert ids(within_drawings(parks, [CIRCLE, RECTANGLE, CIRCLE])) == ids(
        parks[parks["id"].isin(["kokkola", "porvoo", "hostile"])])
    assert ids(within_drawings(parks, [])) == []
    shuffled = parks.set_axis([7, 7, 3, 1])  # duplicate index labels are harmless
    assert ids(within_drawings(shuffled, [RECTANGLE])) == ["kokkola"]


@pytest.mark.parametrize("drawings", [RECTANGLE, "shape", [RECTANGLE, 3],
                                      [RECTANGLE] * (MAX_DRAWINGS + 1)])
def test_within_drawings_rejects_bad_input(parks: gpd.GeoDataFrame, drawings: object) -> None:
    with pytest.raises(GeodataError):
        within_drawings(parks, drawings)  # type: ignore[arg-type]


def test_country_of_real_layers_lie_in_their_country() -> None:
    """Every shipped feature lies within 25 km of its own country's Natural Earth outline."""
    countries = load_layer("countries").to_crs("EPSG:3035")
    outline = countries.dissolve("iso_a2").geometry
    for name in ("ports", "airports", "raw_materials", "customers", "universities"):
        layer = load_layer(name).to_crs("EPSG:3035")
        gaps = [row["name"] for _, row in layer.iterrows()
                if outline[row["country"]].distance(row.geometry) > 25_000]
        assert gaps == [], f"{name}: {gaps}"


def test_country_of_parks_fixture(parks: gpd.GeoDataFrame) -> None:
    codes = country_of(parks, load_layer("countries"))
    assert codes.tolist() == ["FI"] * 4
    sea = gpd.GeoDataFrame(geometry=[Point(20.0, 61.0)], crs="EPSG:4326")  # Bothnian Sea
    assert country_of(sea, load_layer("countries"), tolerance_km=5).tolist() == [None]
