"""The catalog listing: the GeoJSON carries each fact's value, status, source and date."""

from __future__ import annotations

import json

from sites import load_catalog
from sites.listing import render_catalog
from sites.schema import FACTS, Kind


def test_geojson_features_carry_source_status_and_as_of_per_fact():
    catalog = load_catalog()
    doc = json.loads(render_catalog(catalog, "geojson"))
    assert len(doc["features"]) == len(catalog)
    for feature in doc["features"]:
        park = catalog.by_id(feature["properties"]["id"])
        props = feature["properties"]
        assert feature["geometry"]["coordinates"] == [park.location.lon, park.location.lat]
        for name, fact in park.facts.items():
            assert props[f"{name}__status"] == fact.status.value
            assert props[f"{name}__source"] == fact.source
            assert props[f"{name}__as_of"] == (fact.as_of_text or None)
            if FACTS[name].kind is Kind.NUMBER:
                assert props[f"{name}__low"] == fact.low
                assert props[f"{name}__high"] == fact.high
                assert props[f"{name}__qualifier"] == fact.qualifier
            if not fact.known:
                assert props[name] is None


def test_geojson_values_are_typed():
    catalog = load_catalog()
    props = {f["properties"]["id"]: f["properties"]
             for f in json.loads(render_catalog(catalog, "geojson"))["features"]}
    kip = props["kokkola-kip"]
    assert kip["total_area_ha"] == catalog.by_id("kokkola-kip").facts["total_area_ha"].value
    assert isinstance(kip["rail_connection"], bool)
    assert isinstance(kip["key_companies"], str) and "; " in kip["key_companies"]
