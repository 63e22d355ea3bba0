"""Layer registry and loading: EPSG:4326, provenance columns, plausible values."""

from __future__ import annotations

import re

import pytest

from geodata import UnknownLayerError
from geodata.layers import LAYERS, layer_names, load_layer, population_layer

SHIPPED = [n for n, info in LAYERS.items() if info.file is not None]
URL = re.compile(r"^https?://\S+$")


def test_registry_is_read_only_and_complete() -> None:
    assert set(layer_names()) == {"parks", "ports", "airports", "raw_materials", "customers",
                                  "universities", "population", "countries"}
    with pytest.raises(TypeError):
        LAYERS["x"] = LAYERS["ports"]  # type: ignore[index]
    for info in LAYERS.values():
        assert info.title and info.description and info.source and info.licence


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_layers_have_provenance(name: str) -> None:
    gdf = load_layer(name)
    assert gdf.crs.to_epsg() == 4326
    assert len(gdf) > 0 and gdf.geometry.notna().all()
    assert gdf["source"].map(lambda s: bool(URL.match(s))).all()
    assert gdf["as_of"].str.len().gt(0).all()


@pytest.mark.parametrize("name", [n for n in SHIPPED if n != "countries"])
def test_point_layers_rounded_with_precision(name: str) -> None:
    gdf = load_layer(name)
    assert (gdf.geom_type == "Point").all()
    assert (gdf.geometry.x.round(5) == gdf.geometry.x).all()
    assert gdf["precision_m"].gt(0).all()


def test_ports_hold_the_required_finnish_ports() -> None:
    ports = load_layer("ports")
    names = " ".join(ports["name"])
    for port in ["Kokkola", "Pietarsaari", "Vaasa", "Kaskinen", "Tahkoluoto", "Mäntyluoto",
                 "Rauma", "Uusikaupunki", "Naantali", "Turku", "Hanko", "Vuosaari", "Sköldvik",
                 "Mussalo", "Hamina", "Raahe", "Oulu", "Ajos", "Röyttä", "Rotterdam",
                 "Antwerp", "Skellefteå", "Luleå", "Mo i Rana", "Porsgrunn", "Stenungsund",
                 "Tarragona", "Teesport"]:
        assert port in names, port
    known = ports.dropna(subset=["max_draught_m"])
    assert known["max_draught_m"].between(5, 25).all()
    baltic = known[known["country"].isin(["FI", "SE"])]
    assert baltic["max_draught_m"].le(15.3).all()  # the Danish straits limit the Baltic
    assert set(ports["draught_status"]) <= {"published", "secondary", "unknown"}
    assert ports.loc[ports["draught_status"] == "unknown", "max_draught_m"].isna().all()


def test_airports_are_unique_iata_codes() -> None:
    airports = load_layer("airports")
    assert airports["iata"].is_unique
    assert {"HEL", "OUL", "VAA", "KOK", "ARN", "AMS", "FRA"} <= set(airports["iata"])


def test_population_layer_is_packaged_geonames() -> None:
    pop = population_layer()
    assert len(pop) > 1000 and pop["population"].ge(15_000).all()
    helsinki = pop[(pop["name"] == "Helsinki") & (pop["country"] == "FI")]
    assert len(helsinki) == 1 and helsinki["population"].iloc[0] > 500_000
    assert pop["licence"].eq("CC BY 4.0 (GeoNames)").all()
    assert population_layer(min_population=1_000_000)["population"].ge(1_000_000).all()


def test_unknown_layer() -> None:
    with pytest.raises(UnknownLayerError, match="unknown layer"):
        load_layer("volcanoes")


def test_layers_are_fresh_objects() -> None:
    a = load_layer("ports")
    a.loc[0, "name"] = "changed"
    assert load_layer("ports").loc[0, "name"] != "changed"


def test_parks_layer_from_catalog() -> None:
    parks = load_layer("parks")
    assert parks.crs.to_epsg() == 4326 and len(parks) > 0
    assert {"id", "name", "source", "as_of"} <= set(parks.columns)
