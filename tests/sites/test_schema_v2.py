"""Fact schema v2: ranges, bounds, not-applicable facts, undated sources and checked dates."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sites.catalog import PARKS_DIR, load_catalog
from sites.export import FACT_COLUMNS, facts_long
from sites.model import Fact
from sites.profile import FACT_ORDER, parse_profile
from sites.schema import FACTS, Kind, Status
from sites.submissions.templates import profile_mapping, toml_bytes
from sites.validate import catalog_problems, shipped_files, validate_files
from tests.support.clock import DATA_TODAY

TODAY = DATA_TODAY
URL = "https://example.org/page"


def _parse(data: Any):
    return parse_profile(data, origin="test.toml", today=TODAY)


def _with(kip_profile: dict[str, Any], **facts: dict[str, Any]) -> dict[str, Any]:
    for name, entry in facts.items():
        kip_profile["facts"][name] = entry
    return kip_profile


def _fact(**entry: Any) -> Fact:
    return Fact(entry.pop("name", "free_land_ha"), entry.pop("value", None), "ha",
                entry.pop("status", Status.PUBLISHED), **entry)


# --- display, interval, number ------------------------------------------------------------------

@pytest.mark.parametrize(("fact", "shown"), [
    (_fact(value=40.0), "40 ha"),
    (_fact(value=40.0, qualifier="at least"), "≥ 40 ha"),
    (_fact(value=40.0, qualifier="at most"), "≤ 40 ha"),
    (_fact(low=40.0, high=70.0), "40–70 ha"),
    (_fact(value=55.0, low=40.0, high=70.0), "40–70 ha (typ. 55 ha)"),
    (_fact(value=5500.0, name="employees"), "5,500 ha"),
    (_fact(status=Status.NOT_APPLICABLE), "not applicable"),
    (_fact(status=Status.UNKNOWN), "unknown"),
])
def test_display_value_shows_ranges_bounds_and_kinds(fact: Fact, shown: str) -> None:
    assert fact.display_value() == shown


def test_interval_and_number_follow_the_contract() -> None:
    spec = FACTS["free_land_ha"]
    assert _fact(value=40.0).interval() == (40.0, 40.0)
    assert _fact(low=40.0, high=70.0).interval() == (40.0, 70.0)
    assert _fact(value=40.0, qualifier="at least").interval() == (40.0, spec.maximum)
    assert _fact(value=40.0, qualifier="at most").interval() == (spec.minimum, 40.0)
    assert _fact(status=Status.UNKNOWN).interval() is None
    assert _fact(name="rail_connection", value=True).interval() is None
    assert _fact(low=40.0, high=70.0).number() == 55.0
    assert _fact(value=50.0, low=40.0, high=70.0).number() == 50.0
    assert _fact(value=40.0, qualifier="at least").number() == 40.0


def test_known_resolved_and_dates() -> None:
    undated = _fact(value=1.0, undated=True, checked=TODAY, checked_text="2026-12-01")
    assert undated.known and undated.resolved and undated.date_unknown
    assert not undated.is_stale(TODAY) and undated.date_text() == "undated"
    old = _fact(value=1.0, as_of=dt.date(2016, 2, 2), as_of_text="2016-02-02")
    assert old.is_stale(TODAY) and not old.date_unknown and old.date_text() == "2016-02-02"
    na = _fact(status=Status.NOT_APPLICABLE)
    assert na.resolved and not na.known and not na.date_unknown
    unknown = _fact(status=Status.UNKNOWN, checked=TODAY, checked_text="2026-12-01")
    assert not unknown.resolved and unknown.date_text() == "not found (searched 2026-12)"
    assert _fact(low=1.0, high=2.0).known


def test_completeness_counts_not_applicable(kip_profile: dict[str, Any]) -> None:
    before = _parse(kip_profile).park
    na = {"unit": "", "status": "not_applicable", "checked": "2026-12-01", "note": "No port."}
    after = _parse(_with(kip_profile, port_name=na)).park
    assert before is not None and after is not None
    assert before.fact("port_name").known
    assert after.completeness() == before.completeness()
    assert after.number("port_max_draught_m") == 14.0


# --- parser rules --------------------------------------------------------------------------------

def _ok(kip_profile: dict[str, Any], name: str, entry: dict[str, Any]) -> Fact:
    result = _parse(_with(kip_profile, **{name: entry}))
    assert result.ok, [p.line() for p in result.problems]
    assert result.park is not None
    return result.park.fact(name)


def test_range_bound_and_undated_parse(kip_profile: dict[str, Any]) -> None:
    base = {"unit": "ha", "status": "published", "checked": "2026-12-01", "source": URL}
    fact = _ok(kip_profile, "largest_free_plot_ha",
               base | {"low": 5, "high": 20, "as_of": "2018-05"})
    assert (fact.low, fact.high, fact.value, fact.as_of) == (5, 20, None, dt.date(2018, 5, 1))
    fact = _ok(kip_profile, "largest_free_plot_ha",
               base | {"value": 5, "qualifier": "at most", "undated": True})
    assert fact.qualifier == "at most" and fact.undated and fact.as_of is None
    assert fact.checked == dt.date(2026, 12, 1) and fact.checked_text == "2026-12-01"


@pytest.mark.parametrize(("name", "entry", "field", "fragment"), [
    ("free_land_ha", {"low": 70, "high": 40}, "free_land_ha.low", "above high"),
    ("free_land_ha", {"value": 80, "low": 40, "high": 70}, "free_land_ha.value", "outside"),
    ("free_land_ha", {"low": 40}, "free_land_ha.high", "missing high"),
    ("free_land_ha", {"low": 40, "high": 70, "qualifier": "at least"}, "free_land_ha.qualifier",
     "qualifier on a range"),
    ("free_land_ha", {"value": 40, "qualifier": "about"}, "free_land_ha.qualifier",
     "invalid qualifier"),
    ("rail_connection", {"value": True, "qualifier": "at least", "unit": "yes/no"},
     "rail_connection.qualifier", "only on numbers"),
    ("port_name", {"low": 1, "high": 2, "unit": ""}, "port_name.low", "only on numbers"),
    ("free_land_ha", {"value": 40, "as_of": "2020", "undated": True}, "free_land_ha.as_of",
     "undated = true"),
    ("free_land_ha", {"value": 40, "as_of": None}, "free_land_ha.as_of", "missing as_of"),
    ("free_land_ha", {"value": 40, "checked": "2026-12"}, "free_land_ha.checked",
     "invalid date"),
    ("free_land_ha", {"value": 40, "checked": "2027-01-01"}, "free_land_ha.checked", "future"),
    ("free_land_ha", {"value": 40, "as_of": "2026-06", "checked": "2026-01-05"},
     "free_land_ha.as_of", "after its checked date"),
    ("free_land_ha", {"value": 40, "undated": "perhaps"}, "free_land_ha.undated", "yes/no"),
])
def test_malformed_v2_fact_names_field_value_and_expectation(
        kip_profile: dict[str, Any], name: str, entry: dict[str, Any], field: str,
        fragment: str) -> None:
    base = {"unit": FACTS[name].unit, "status": "published", "as_of": "2020",
            "checked": "2026-12-01", "source": URL}
    result = _parse(_with(kip_profile, **{name: {k: v for k, v in (base | entry).items()
                                                 if v is not None}}))
    assert result.park is None
    hits = [p for p in result.problems if p.field == f"facts.{field}"]
    assert hits and fragment in hits[0].problem + hits[0].expected, \
        [p.line() for p in result.problems]
    assert all(p.file == "test.toml" and p.expected for p in hits)


@pytest.mark.parametrize("status", ["unknown", "not_applicable"])
@pytest.mark.parametrize(("extra", "field"), [
    ({"value": 3}, "value"), ({"low": 1, "high": 2}, "low"), ({"qualifier": "at least"},
                                                             "qualifier"),
    ({"as_of": "2026-11-27"}, "as_of"), ({"undated": True}, "undated"), ({"note": ""}, "note"),
])
def test_unknown_and_not_applicable_carry_no_value_and_need_a_note(
        kip_profile: dict[str, Any], status: str, extra: dict[str, Any], field: str) -> None:
    entry = {"unit": "MW", "status": status, "checked": "2026-12-01",
             "note": "Searched Fingrid releases; not found."} | extra
    result = _parse(_with(kip_profile, grid_capacity_mw=entry))
    assert result.park is None
    assert f"facts.grid_capacity_mw.{field}" in [p.field for p in result.problems]


def test_free_land_above_total_area_is_refused(kip_profile: dict[str, Any]) -> None:
    kip_profile["facts"]["free_land_ha"] |= {"value": 800}
    kip_profile["facts"]["free_land_ha"].pop("qualifier", None)
    result = _parse(kip_profile)
    assert result.park is None
    (problem,) = result.problems
    assert problem.field == "facts.free_land_ha" and "facts.total_area_ha" in problem.problem
    assert problem.value == "800 ha"


def test_largest_plot_above_free_land_names_both_fields(kip_profile: dict[str, Any]) -> None:
    kip_profile["facts"]["largest_free_plot_ha"] = {
        "value": 90, "unit": "ha", "status": "estimate", "as_of": "2020",
        "checked": "2026-12-01", "source": URL}
    (problem,) = _parse(kip_profile).problems
    assert problem.field == "facts.largest_free_plot_ha"
    assert "facts.free_land_ha" in problem.problem and "90 ha" in problem.problem


def test_bounds_only_clash_when_they_cannot_both_hold(kip_profile: dict[str, Any]) -> None:
    base = {"unit": "ha", "status": "published", "as_of": "2020", "checked": "2026-12-01",
            "source": URL}
    kip_profile["facts"]["total_area_ha"] = base | {"value": 200, "qualifier": "at most"}
    kip_profile["facts"]["free_land_ha"] = base | {"value": 40, "qualifier": "at least"}
    kip_profile["facts"]["largest_free_plot_ha"] = base | {"low": 30, "high": 60}
    assert _parse(kip_profile).ok
    kip_profile["facts"]["free_land_ha"] = base | {"value": 250, "qualifier": "at least"}
    assert not _parse(kip_profile).ok


# --- catalog rules -------------------------------------------------------------------------------

def test_lookup_month_as_of_and_missing_checked_are_catalog_problems(
        kip_profile: dict[str, Any]) -> None:
    kip_profile["facts"]["total_area_ha"] |= {"as_of": "2026-11-27", "checked": "2026-11-27"}
    del kip_profile["facts"]["rail_gauge_mm"]["checked"]
    park = _parse(kip_profile).park
    assert park is not None
    problems = {p.field: p for p in catalog_problems(park, origin="kip.toml")}
    assert set(problems) == {"facts.total_area_ha.as_of", "facts.rail_gauge_mm.checked"}
    assert "lookup date" in problems["facts.total_area_ha.as_of"].problem
    assert "undated = true" in problems["facts.total_area_ha.as_of"].expected


def test_shipped_catalog_passes_every_v2_rule() -> None:
    assert validate_files(shipped_files(), today=TODAY) == []


def test_no_shipped_known_fact_is_dated_in_its_checked_month() -> None:
    for park in load_catalog(today=TODAY):
        for name, fact in park.facts.items():
            assert fact.checked is not None, (park.id, name)
            if fact.known and fact.as_of is not None:
                assert (fact.as_of.year, fact.as_of.month) != (
                    fact.checked.year, fact.checked.month), (park.id, name)


def test_shipped_fact_lines_are_one_inline_table_in_contract_order() -> None:
    for path in sorted(PARKS_DIR.glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        body = text.split("\n[facts]\n", 1)[1]
        lines = [line for line in body.splitlines() if line.strip()]
        assert len(lines) == len(FACTS), path.name
        for line in lines:
            name, entry = next(iter(tomllib.loads(line).items()))
            assert list(entry) == [k for k in FACT_ORDER if k in entry], (path.name, name)


def test_facts_long_has_the_v2_columns() -> None:
    frame = facts_long(load_catalog(today=TODAY), today=TODAY)
    assert list(frame.columns) == list(FACT_COLUMNS)
    numeric = frame[frame["fact"] == "total_area_ha"]["value"].dropna()
    assert all(isinstance(v, float) for v in numeric)
    undated = frame[frame["undated"]]
    assert len(undated) > 30 and undated["as_of"].isna().all() and undated["date_unknown"].all()
    assert not undated["stale"].any()
    assert frame["checked"].notna().all()


# --- round trip (hypothesis) ---------------------------------------------------------------------

_DATES = st.dates(dt.date(1990, 1, 1), dt.date(2026, 10, 31)).map(dt.date.isoformat) | \
    st.integers(1990, 2025).map(str)
_CHECKED = st.dates(dt.date(2026, 11, 1), TODAY).map(dt.date.isoformat)
_NOTE = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=40)


def _number_shape(spec_name: str) -> st.SearchStrategy[dict[str, Any]]:
    spec = FACTS[spec_name]
    assert spec.minimum is not None and spec.maximum is not None
    numbers = st.integers(int(spec.minimum) + 1, int(spec.maximum) - 1) | st.floats(
        spec.minimum, spec.maximum, allow_nan=False).map(lambda x: round(x, 3))
    point = numbers.map(lambda v: {"value": v})
    bound = st.tuples(numbers, st.sampled_from(["at least", "at most"])).map(
        lambda t: {"value": t[0], "qualifier": t[1]})
    span = st.tuples(numbers, numbers, st.booleans()).map(
        lambda t: {"low": min(t[:2]), "high": max(t[:2])}
        | ({"value": min(t[:2])} if t[2] else {}))
    return point | bound | span


@st.composite
def _v2_fact(draw: st.DrawFn, name: str) -> dict[str, Any]:
    spec = FACTS[name]
    status = draw(st.sampled_from(list(Status)))
    entry: dict[str, Any] = {"unit": spec.unit, "status": status.value,
                             "checked": draw(_CHECKED)}
    if status in (Status.UNKNOWN, Status.NOT_APPLICABLE):
        return entry | {"note": "Searched city pages; " + draw(_NOTE)}
    if spec.kind is Kind.NUMBER:
        entry |= draw(_number_shape(name))
    elif spec.kind is Kind.BOOL:
        entry["value"] = draw(st.booleans())
    elif spec.kind is Kind.TEXT:
        entry["value"] = "Port " + draw(_NOTE).strip()
    else:
        entry["value"] = draw(st.lists(st.sampled_from(["Boliden", "Umicore", "Yara"]),
                                       min_size=1, max_size=3))
    entry |= {"undated": True} if draw(st.booleans()) else {"as_of": draw(_DATES)}
    return entry | {"source": URL, "note": draw(_NOTE)}


_LAND = ("total_area_ha", "free_land_ha", "largest_free_plot_ha")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_toml_export_then_import_reproduces_a_v2_profile(data: st.DataObject) -> None:
    from tests.conftest import KIP_FILE

    profile = tomllib.loads(KIP_FILE.read_text(encoding="utf-8"))
    drawn = {name: data.draw(_v2_fact(name), label=name) for name in FACTS if name not in _LAND}
    profile["facts"] |= drawn
    first = _parse(profile)
    assert first.ok, [p.line() for p in first.problems]
    assert first.park is not None
    exported = profile_mapping(first.park)["facts"]
    def text(v: Any) -> Any:  # surrounding blanks are dropped, an empty note is no note
        return (v.strip() or None) if isinstance(v, str) else v

    for name, entry in drawn.items():  # the export holds what was drawn, not just a fixpoint
        assert {k: text(exported[name].get(k)) for k in entry} == {
            k: text(v) for k, v in entry.items()}, name
    text = toml_bytes(profile_mapping(first.park)).decode("utf-8")
    again = _parse(tomllib.loads(text))
    assert again.ok, [p.line() for p in again.problems]
    assert again.park == first.park
    assert toml_bytes(profile_mapping(again.park)).decode("utf-8") == text


def test_shipped_catalog_exercises_every_v2_shape() -> None:
    """The template round-trip tests run over the shipped parks, so every shape must occur."""
    facts = [f for park in load_catalog(today=TODAY) for f in park.facts.values()]
    assert any(f.is_range and f.value is None for f in facts)
    assert {f.qualifier for f in facts} >= {"at least", "at most"}
    assert any(f.undated for f in facts)
    assert any(f.status is Status.NOT_APPLICABLE for f in facts)
    assert all(f.as_of is None for f in facts if f.status is Status.UNKNOWN)
