"""A loaded catalog and price table as plain JSON data, and back (for a cache on disk).

Reading and checking the 63 TOML profiles costs a cold server start 0.2 s of CPU (TOML parsing,
then every check, including the country outline test with shapely and pyproj); the price table
another 0.02 s. :mod:`ui.data` keeps what they produced with :mod:`ui.persist`, keyed by the
content of the input files, the day (a date after today is a problem) and the code that reads
them, so changed files are always read and checked again. This module only converts: every
value is written as it is (a number keeps its type, a list becomes a tuple again) and read back
with its type checked, so a decoded catalog is equal to the loaded one and has the same
``version``. Anything malformed raises :class:`ValueError`, :class:`TypeError` or
:class:`KeyError`; a decoded catalog whose recomputed ``version`` differs from the stored one
is rejected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, TypeVar, cast

from sites.catalog import Catalog, catalog_version
from sites.errors import Problem, ProblemParam, WherePart
from sites.model import QUALIFIERS, Fact, FactValue, Location, Park, Qualifier
from sites.prices import PriceRow, PriceTable
from sites.schema import Status

FORMAT: Final = 1
"""Changes when the layout below changes (the cache key also holds this module's source)."""
_T = TypeVar("_T")


# --- encoding ----------------------------------------------------------------------------------


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _fact(fact: Fact) -> dict[str, Any]:
    value = list(fact.value) if isinstance(fact.value, tuple) else fact.value
    return {"name": fact.name, "value": value, "unit": fact.unit, "status": fact.status.value,
            "as_of": _date(fact.as_of), "as_of_text": fact.as_of_text, "source": fact.source,
            "note": fact.note, "low": fact.low, "high": fact.high, "qualifier": fact.qualifier,
            "undated": fact.undated, "checked": _date(fact.checked),
            "checked_text": fact.checked_text}


def _location(location: Location) -> dict[str, Any]:
    return {"lat": location.lat, "lon": location.lon, "precision_m": location.precision_m,
            "source": location.source, "as_of": location.as_of, "note": location.note}


def _park(park: Park) -> dict[str, Any]:
    return {"id": park.id, "name": park.name, "country": park.country,
            "municipality": park.municipality, "region": park.region,
            "bidding_zone": park.bidding_zone, "location": _location(park.location),
            "facts": [[name, _fact(fact)] for name, fact in park.facts.items()],
            "name_fi": park.name_fi, "name_sv": park.name_sv,
            "programme_region": park.programme_region, "operator": park.operator,
            "contact_url": park.contact_url, "description": park.description,
            "origin": park.origin}


def _problem(problem: Problem) -> dict[str, Any]:
    return {"file": problem.file, "field": problem.field, "problem": problem.problem,
            "expected": problem.expected, "value": problem.value, "code": problem.code,
            "params": [list(p) for p in problem.params],
            "where": [list(w) for w in problem.where]}


def catalog_to_json(catalog: Catalog) -> dict[str, Any]:
    """``catalog`` as JSON-ready data (see :func:`catalog_from_json`)."""
    return {"format": FORMAT, "version": catalog.version,
            "parks": [_park(p) for p in catalog.parks],
            "problems": [_problem(p) for p in catalog.problems],
            "overridden": sorted(catalog.overridden)}


def prices_to_json(prices: PriceTable) -> dict[str, Any]:
    """``prices`` as JSON-ready data (see :func:`prices_from_json`)."""
    return {"format": FORMAT, "version": prices.version,
            "rows": [[r.quantity, r.level, r.key, r.variant, r.period, r.value, r.unit,
                      r.status, r.source_url, r.as_of, r.notes] for r in prices.rows]}


# --- decoding (every value type-checked) -------------------------------------------------------


def _typed(value: object, kind: type[_T] | tuple[type, ...], what: str) -> _T:
    if isinstance(value, bool) and kind is not bool and not (
            isinstance(kind, tuple) and bool in kind):
        raise TypeError(f"{what}: a yes/no where {kind} was expected")
    if not isinstance(value, kind):
        raise TypeError(f"{what}: {type(value).__name__} where {kind} was expected")
    return cast(_T, value)


def _text(data: Mapping[str, Any], key: str) -> str:
    return _typed(data[key], str, key)


def _optional(data: Mapping[str, Any], key: str, read: Callable[[object, str], _T]) -> _T | None:
    value = data[key]
    return None if value is None else read(value, key)


def _number(value: object, what: str) -> float:
    return _typed(value, (int, float), what)


def _read_date(value: object, what: str) -> dt.date:
    return dt.date.fromisoformat(_typed(value, str, what))


def _value(value: object) -> FactValue:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return tuple(_typed(v, str, "value item") for v in value)
    raise TypeError(f"value: unexpected {type(value).__name__}")


def _qualifier(value: object, what: str) -> Qualifier:
    for qualifier in QUALIFIERS:
        if value == qualifier:
            return qualifier
    raise ValueError(f"{what}: unknown qualifier {value!r}")


def _decode_fact(data: Mapping[str, Any]) -> Fact:
    return Fact(
        name=_text(data, "name"), value=_value(data["value"]), unit=_text(data, "unit"),
        status=Status(_text(data, "status")), as_of=_optional(data, "as_of", _read_date),
        as_of_text=_text(data, "as_of_text"),
        source=_optional(data, "source", lambda v, w: _typed(v, str, w)),
        note=_text(data, "note"), low=_optional(data, "low", _number),
        high=_optional(data, "high", _number),
        qualifier=_optional(data, "qualifier", _qualifier),
        undated=_typed(data["undated"], bool, "undated"),
        checked=_optional(data, "checked", _read_date), checked_text=_text(data, "checked_text"))


def _decode_location(data: Mapping[str, Any]) -> Location:
    return Location(lat=_number(data["lat"], "lat"), lon=_number(data["lon"], "lon"),
                    precision_m=_number(data["precision_m"], "precision_m"),
                    source=_text(data, "source"), as_of=_text(data, "as_of"),
                    note=_text(data, "note"))


def _pairs(items: object, what: str) -> list[tuple[object, object]]:
    pairs = []
    for item in _typed(items, list, what):
        first, second = _typed(item, list, what)
        pairs.append((first, second))
    return pairs


def _decode_park(data: Mapping[str, Any]) -> Park:
    facts: dict[str, Fact] = {}
    for name, fact in _pairs(data["facts"], "facts"):
        decoded = _decode_fact(_typed(fact, dict, "fact"))
        if name != decoded.name:
            raise ValueError(f"fact {name!r} holds {decoded.name!r}")
        facts[decoded.name] = decoded
    return Park(
        id=_text(data, "id"), name=_text(data, "name"), country=_text(data, "country"),
        municipality=_text(data, "municipality"), region=_text(data, "region"),
        bidding_zone=_text(data, "bidding_zone"),
        location=_decode_location(_typed(data["location"], dict, "location")), facts=facts,
        name_fi=_text(data, "name_fi"), name_sv=_text(data, "name_sv"),
        programme_region=_text(data, "programme_region"), operator=_text(data, "operator"),
        contact_url=_text(data, "contact_url"), description=_text(data, "description"),
        origin=_text(data, "origin"))


def _param(value: object, what: str) -> ProblemParam:
    return _typed(value, (str, int, float), what)


def _decode_problem(data: Mapping[str, Any]) -> Problem:
    params = tuple((_typed(k, str, "param"), _param(v, "param"))
                   for k, v in _pairs(data["params"], "params"))
    where: tuple[WherePart, ...] = tuple(
        (_typed(k, str, "where"), _typed(v, (str, int), "where"))
        for k, v in _pairs(data["where"], "where"))
    return Problem(file=_text(data, "file"), field=_text(data, "field"),
                   problem=_text(data, "problem"), expected=_text(data, "expected"),
                   value=_text(data, "value"), code=_text(data, "code"), params=params,
                   where=where)


def _records(data: Mapping[str, Any], key: str) -> Sequence[Mapping[str, Any]]:
    return [_typed(item, dict, key) for item in _typed(data[key], list, key)]


def _checked_format(data: object) -> Mapping[str, Any]:
    stored = _typed(data, dict, "entry")
    if stored.get("format") != FORMAT:
        raise ValueError(f"another format: {stored.get('format')!r}")
    return stored


def catalog_from_json(data: object) -> Catalog:
    """The catalog :func:`catalog_to_json` wrote; raises on anything malformed."""
    stored = _checked_format(data)
    parks = tuple(_decode_park(p) for p in _records(stored, "parks"))
    if [p.id for p in parks] != sorted({p.id for p in parks}):
        raise ValueError("parks not in id order or not unique")
    version = _text(stored, "version")
    if catalog_version(parks) != version:
        raise ValueError("the parks do not match the stored version")
    problems = tuple(_decode_problem(p) for p in _records(stored, "problems"))
    overridden = frozenset(_typed(i, str, "overridden")
                           for i in _typed(stored["overridden"], list, "overridden"))
    return Catalog(parks, version, problems, overridden)


def prices_from_json(data: object) -> PriceTable:
    """The price table :func:`prices_to_json` wrote; raises on anything malformed."""
    stored = _checked_format(data)
    rows = []
    for row in _typed(stored["rows"], list, "rows"):
        (quantity, level, key, variant, period, value, unit, status, source_url, as_of,
         notes) = _typed(row, list, "row")
        text = [_typed(v, str, "row") for v in (quantity, level, key, variant, period, unit,
                                                 status, source_url, as_of, notes)]
        rows.append(PriceRow(
            quantity=text[0], level=text[1], key=text[2], variant=text[3], period=text[4],
            value=_typed(value, float, "row value"), unit=text[5], status=text[6],
            source_url=text[7], as_of=text[8], notes=text[9]))
    return PriceTable(tuple(rows), _text(stored, "version"))
