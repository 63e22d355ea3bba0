"""GeoPackage and GeoJSON exports round-trip through pyogrio (as QGIS would read them)."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pyogrio

from geodata.io import export_gpkg, geojson_bytes, geojson_text, gpkg_bytes
from geodata.layers import load_layer


def test_gpkg_one_layer_per_dataset(tmp_path: Path, parks: gpd.GeoDataFrame) -> None:
    out = export_gpkg(tmp_path / "x.gpkg", names=["parks", "ports", "countries"],
                      layers={"parks": parks})
    listed = {name: kind for name, kind in pyogrio.list_layers(out)}
    assert listed == {"parks": "Point", "ports": "Point", "countries": "MultiPolygon"}
    back = gpd.read_file(out, layer="parks")
    assert back.crs.to_epsg() == 4326 and list(back["name"]) == list(parks["name"])
    assert len(gpd.read_file(out, layer="ports")) == 28


def test_gpkg_bytes_is_a_geopackage(parks: gpd.GeoDataFrame) -> None:
    data = gpkg_bytes(names=["parks", "airports"], layers={"parks": parks})
    assert data[:16] == b"SQLite format 3\x00"


def test_geojson_text_and_bytes(parks: gpd.GeoDataFrame) -> None:
    doc = json.loads(geojson_text(parks))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 4
    assert doc["features"][0]["geometry"]["coordinates"] == [23.0298, 63.8435]  # lon, lat
    ports = json.loads(geojson_bytes("ports"))
    assert len(ports["features"]) == len(load_layer("ports")) > 0
    assert all(f["properties"]["source"].startswith("http") for f in ports["features"])


def test_gpkg_park_layer_keeps_each_facts_provenance(tmp_path: Path) -> None:
    """The exported park layer reads back with ``<fact>__status/__source/__as_of`` columns."""
    from sites import load_catalog
    from sites.export import sourced_columns

    catalog = load_catalog()
    out = export_gpkg(tmp_path / "parks.gpkg", names=["parks"])
    back = pyogrio.read_dataframe(out, layer="parks")
    assert set(sourced_columns()) <= set(back.columns) and len(back) == len(catalog)
    row = back.set_index("id").loc["kokkola-kip"].replace({float("nan"): None})
    for name, fact in catalog.by_id("kokkola-kip").facts.items():
        assert row[f"{name}__status"] == fact.status.value
        assert row[f"{name}__source"] == fact.source
        assert row[f"{name}__as_of"] == (fact.as_of_text or None)
    assert set(back["rail_connection"].dropna()) <= {0, 1}
    parks = json.loads(geojson_bytes("parks"))
    assert "free_land_ha__source" in parks["features"][0]["properties"]
