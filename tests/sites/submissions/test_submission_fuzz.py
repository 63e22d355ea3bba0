"""Property-based fuzzing: a clear error or a valid result, never an exception."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sites.catalog import load_catalog
from sites.profile import ParseResult, parse_profile
from sites.schema import FACTS
from sites.submissions import check_submission
from sites.submissions.templates import csv_bytes, excel_bytes, profile_mapping, toml_bytes
from tests.support.clock import DATA_TODAY

TODAY = DATA_TODAY
BASE = profile_mapping(load_catalog().by_id("kokkola-kip"))
KEYS = st.sampled_from(["id", "name", "country", "location", "facts", "lat", "lon", "value",
                        "unit", "status", "as_of", "source", "note", "precision_m",
                        *list(FACTS)[:8]]) | st.text(max_size=8)
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
           | st.dates() | st.datetimes() | st.sampled_from(["published", "unknown", "FI", "ha",
                                                            "2024", "https://a.fi/x", "nan",
                                                            10**400, -(10**400), 2**64]))
TREES = st.recursive(SCALARS, lambda children: st.lists(children, max_size=4)
                     | st.dictionaries(KEYS | st.integers(), children, max_size=5),
                     max_leaves=30)
TEMPLATES = {"k.toml": toml_bytes(BASE), "k.csv": csv_bytes(BASE), "k.xlsx": excel_bytes(BASE)}
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TREES, st.booleans())
def test_parse_profile_never_raises_on_random_structures(data: Any, convert: bool) -> None:
    result = parse_profile(data, origin="fuzz", today=TODAY, convert_units=convert)
    assert isinstance(result, ParseResult)
    assert (result.park is None) == bool(result.problems) or result.park is None


@st.composite
def mutated_profiles(draw: st.DrawFn) -> dict[str, Any]:
    data = json.loads(json.dumps(BASE))
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(list(FACTS)))
        key = draw(st.sampled_from(["value", "unit", "status", "as_of", "source", "note"]))
        data["facts"][name][key] = draw(SCALARS | TREES)
    if draw(st.booleans()):
        data["location"][draw(st.sampled_from(["lat", "lon", "precision_m"]))] = draw(SCALARS)
    return data


@SETTINGS
@given(mutated_profiles())
def test_parse_profile_never_raises_on_mutated_profiles(data: dict[str, Any]) -> None:
    result = parse_profile(data, origin="fuzz", today=TODAY, convert_units=True)
    assert result.ok or result.problems


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(["x.toml", "x.csv", "x.geojson", "x.json",
                                                  "x.xlsx", "x.bin", "x"]))
def test_every_reader_survives_random_bytes(content: bytes, name: str) -> None:
    sub = check_submission(content, filename=name, today=TODAY)
    assert sub.ok or sub.problems


@SETTINGS
@given(st.data())
def test_every_reader_survives_corrupted_templates(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(TEMPLATES)))
    content = bytearray(TEMPLATES[name])
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(content) - 1))
        content[position] = data.draw(st.integers(0, 255))
    sub = check_submission(bytes(content), filename=name, today=TODAY)
    assert sub.ok or sub.problems


@SETTINGS
@given(TREES)
def test_geojson_reader_survives_random_json(tree: Any) -> None:
    doc = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [23.0, 63.8]},
           "properties": tree}
    sub = check_submission(json.dumps(doc, default=str).encode(), filename="x.geojson",
                           today=TODAY)
    assert sub.ok or sub.problems


def test_profile_parser_regressions_found_by_fuzzing() -> None:
    """Mixed-type keys (sorted() TypeError), ints beyond float range (OverflowError) and an
    unhashable status once crashed ``parse_profile``; each is now a reported problem."""
    fact = {"status": "published", "as_of": "2020", "source": "https://a.fi/x"}
    for data in ({"facts": {"total_area_ha": {1: 2, "a": 3}}}, {"location": {1: 2, "a": 3}},
                 {"facts": {"total_area_ha": {**fact, "value": 10**400}}},
                 {"facts": {"total_area_ha": {**fact, "status": ["published"]}}}):
        result = parse_profile(data, origin="r", today=TODAY)
        assert result.park is None and result.problems
    huge = parse_profile({"facts": {"total_area_ha": {**fact, "value": 10**400}}}, origin="r",
                         today=TODAY)
    assert any(p.problem == "not a finite number" for p in huge.problems)
