"""The shipped catalog: coverage the issue asks for, and the KIP profile's sourced facts."""

from __future__ import annotations

from collections import Counter

import pytest

from sites import load_catalog
from sites.schema import PROGRAMME_REGIONS, Status


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_catalog_coverage(catalog):
    countries = Counter(p.country for p in catalog)
    assert len(catalog) >= 35
    assert countries["FI"] >= 20
    assert sum(n for c, n in countries.items() if c != "FI") >= 15


def test_every_programme_region_has_a_site(catalog):
    regions = {p.programme_region for p in catalog if p.programme_region}
    assert regions == set(PROGRAMME_REGIONS)


def test_kip_profile_carries_sourced_area_fairway_rail_and_utilities(catalog):
    kip = catalog.by_id("kokkola-kip")
    for name in ("total_area_ha", "port_max_draught_m", "rail_connection",
                 "utility_sulfuric_acid", "utility_hydrogen", "utility_seawater_cooling"):
        fact = kip.fact(name)
        assert fact.status is Status.PUBLISHED, name
        assert fact.source and fact.source.startswith("https://"), name
    assert kip.number("total_area_ha") == 700
    assert kip.number("port_max_draught_m") == 14


def test_version_changes_when_a_park_changes(catalog):
    kip = catalog.by_id("kokkola-kip")
    renamed = type(kip)(**{**{f: getattr(kip, f) for f in kip.__dataclass_fields__},
                           "name": "KIP renamed"})
    changed = catalog.replace_park(renamed)
    assert changed.version != catalog.version
    assert changed.by_id("kokkola-kip").name == "KIP renamed"
    assert catalog.by_id("kokkola-kip").name != "KIP renamed"  # original untouched


def test_frames(catalog):
    frame = catalog.to_frame()
    assert len(frame) == len(catalog)
    gdf = catalog.to_geodataframe()
    assert gdf.crs.to_epsg() == 4326
    assert gdf.geometry.x.between(-10, 32).all() and gdf.geometry.y.between(35, 72).all()


def test_peer_groups(catalog):
    assert set(catalog.peer_ids("finland")) <= set(catalog.peer_ids("nordics"))
    assert len(catalog.peer_ids("europe")) == len(catalog)
    with pytest.raises(ValueError, match="unknown peer group"):
        catalog.peer_ids("mars")
