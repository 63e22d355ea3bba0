"""Profile parsing: every kind of error gets a clear problem naming field, value and expectation."""

from __future__ import annotations

from typing import Any

import pytest

from sites.profile import parse_profile
from sites.schema import FACTS, Status
from tests.support.clock import DATA_TODAY

TODAY = DATA_TODAY


def _parse(data: Any, **kw: Any):
    return parse_profile(data, origin="test.toml", today=TODAY, **kw)


def _fields(result) -> list[str]:
    return [p.field for p in result.problems]


def test_shipped_kip_profile_parses(kip_profile):
    result = _parse(kip_profile)
    assert result.ok, [p.line() for p in result.problems]
    park = result.park
    assert park.id == "kokkola-kip"
    assert park.number("total_area_ha") == 700
    assert park.number("port_max_draught_m") == 14.0
    assert park.flag("utility_sulfuric_acid") is True
    assert park.number("grid_capacity_mw") is None
    assert park.fact("grid_capacity_mw").status is Status.UNKNOWN
    assert set(park.facts) == set(FACTS)


def test_every_fact_must_be_present(kip_profile):
    del kip_profile["facts"]["free_land_ha"]
    result = _parse(kip_profile)
    assert result.park is None
    assert "facts.free_land_ha" in _fields(result)
    assert 'status = "unknown"' in result.problems[0].expected


@pytest.mark.parametrize(
    ("fact", "patch", "field", "fragment"),
    [
        ("total_area_ha", {"value": -5}, "facts.total_area_ha.value", "out of range"),
        ("total_area_ha", {"value": float("nan")}, "facts.total_area_ha.value", "finite"),
        ("total_area_ha", {"value": "lots"}, "facts.total_area_ha.value", "not a number"),
        ("total_area_ha", {"unit": "acres"}, "facts.total_area_ha.unit", "wrong unit"),
        ("total_area_ha", {"status": "rumour"}, "facts.total_area_ha.status", "invalid status"),
        ("total_area_ha", {"as_of": "2031-01-01"}, "facts.total_area_ha.as_of", "future"),
        ("total_area_ha", {"as_of": "last spring"}, "facts.total_area_ha.as_of", "invalid date"),
        ("total_area_ha", {"source": "kip.fi"}, "facts.total_area_ha.source", "not a valid URL"),
        ("total_area_ha", {"source": "javascript:alert(1)"}, "facts.total_area_ha.source",
         "not a valid URL"),
        ("port_max_draught_m", {"value": 140}, "facts.port_max_draught_m.value", "out of range"),
        ("utility_hydrogen", {"value": "maybe"}, "facts.utility_hydrogen.value", "yes/no"),
        ("grid_capacity_mw", {"value": 50}, "facts.grid_capacity_mw.value", "status is unknown"),
        ("employees", {"status": "published", "value": None}, "facts.employees.value",
         "missing value"),
    ],
)
def test_fact_errors_name_field_and_expectation(kip_profile, fact, patch, field, fragment):
    entry = kip_profile["facts"][fact]
    for key, value in patch.items():
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value
    result = _parse(kip_profile)
    assert result.park is None
    matching = [p for p in result.problems if p.field == field]
    assert matching, [p.line() for p in result.problems]
    assert fragment in matching[0].problem
    assert matching[0].expected


def test_published_fact_without_source_is_rejected(kip_profile):
    del kip_profile["facts"]["total_area_ha"]["source"]
    result = _parse(kip_profile)
    assert "facts.total_area_ha.source" in _fields(result)


def test_price_per_kwh_entered_as_per_mwh_is_caught(kip_profile):
    kip_profile["facts"]["steam_price_eur_mwh"] = {
        "value": 0.045, "unit": "EUR/MWh", "status": "published", "as_of": "2025",
        "source": "https://example.org/tariff"}
    result = _parse(kip_profile)
    problem = next(p for p in result.problems if p.field == "facts.steam_price_eur_mwh.value")
    assert "looks like EUR/kWh" in problem.problem


def test_unit_conversion_on_import_is_reported(kip_profile):
    kip_profile["facts"]["steam_price_eur_mwh"] = {
        "value": 0.045, "unit": "EUR/kWh", "status": "published", "as_of": "2025",
        "source": "https://example.org/tariff"}
    kip_profile["facts"]["free_land_ha"]["value"] = 700_000
    kip_profile["facts"]["free_land_ha"]["unit"] = "m²"
    result = _parse(kip_profile, convert_units=True)
    assert result.ok, [p.line() for p in result.problems]
    assert result.park.number("steam_price_eur_mwh") == pytest.approx(45.0)
    assert result.park.number("free_land_ha") == pytest.approx(70.0)
    assert {c.fact for c in result.conversions} == {"steam_price_eur_mwh", "free_land_ha"}


@pytest.mark.parametrize(
    ("location", "fragment"),
    [
        ({"lat": 23.03, "lon": 63.84, "precision_m": 100}, "swapped"),
        ({"lat": 7080000.0, "lon": 330000.0, "precision_m": 100}, "projected"),
        ({"lat": 48.85, "lon": 2.35, "precision_m": 100}, "outside Finland"),
        ({"lat": 63.8, "lon": 23.0, "precision_m": 0}, "precision"),
    ],
)
def test_location_errors(kip_profile, location, fragment):
    kip_profile["location"] = location
    result = _parse(kip_profile)
    assert result.park is None
    assert any(fragment in p.problem or fragment in p.field for p in result.problems), \
        [p.line() for p in result.problems]


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("id", "Kokkola KIP!", "invalid value"),
        ("country", "XX", "invalid value"),
        ("bidding_zone", "FI1", "invalid value"),
        ("contact_url", "ftp://kip.fi", "invalid value"),
        ("name", "a" * 500, "too long"),
        ("name", "bad\x00name", "control characters"),
        ("name", 42, "not text"),
        ("colour", "red", "unknown field"),
    ],
)
def test_header_errors(kip_profile, field, value, fragment):
    kip_profile[field] = value
    result = _parse(kip_profile)
    assert result.park is None
    assert any(p.field == field and fragment in p.problem for p in result.problems), \
        [p.line() for p in result.problems]


def test_hostile_name_is_kept_as_plain_text(kip_profile):
    kip_profile["name"] = "<img src=x onerror=alert(1)>"
    result = _parse(kip_profile)
    assert result.ok
    assert result.park.name == "<img src=x onerror=alert(1)>"


def test_not_a_mapping():
    result = _parse(["not", "a", "profile"])
    assert result.park is None and result.problems[0].field == "(profile)"


def test_stale_flag_uses_24_months(kip_profile):
    park = _parse(kip_profile).park
    assert park.fact("free_land_ha").is_stale(TODAY)  # 2016 figure
    assert not park.fact("grid_capacity_mw").is_stale(TODAY)  # unknown is never "stale"


def test_point_in_the_right_box_but_wrong_country_is_caught(kip_profile):
    # inside Finland's bounding box, but in Sweden (Luleå): the outline test catches it
    kip_profile["location"] = {"lat": 65.58, "lon": 22.15, "precision_m": 100}
    result = _parse(kip_profile)
    assert any("outside Finland" in p.problem for p in result.problems), \
        [p.line() for p in result.problems]
