"""Parse and check one park profile (a mapping read from TOML, Excel, CSV or GeoJSON).

:func:`parse_profile` never raises on bad content: it returns every problem it finds, each
naming the field, the value and what was expected, so a park manager can fix a file in one go.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urlparse

from sites._bounds import inside_country
from sites.errors import Problem, ProblemParam, short
from sites.model import QUALIFIERS, Fact, FactValue, Location, Park, Qualifier
from sites.problems import NUMBER_TEXT_EXPECTED as NUMBER_TEXT_EXPECTED
from sites.problems import problem
from sites.schema import BIDDING_ZONES, COUNTRIES, FACTS, PROGRAMME_REGIONS, FactSpec, Kind, Status
from sites.units import conversion_factor, normalise_unit

ID_PATTERN: Final = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
DATE_PATTERN: Final = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

REQUIRED_TEXT: Final = ("id", "name", "country", "municipality", "region", "bidding_zone")
OPTIONAL_TEXT: Final = ("name_fi", "name_sv", "programme_region", "operator", "contact_url",
                        "description")
TOP_LEVEL_KEYS: Final = frozenset((*REQUIRED_TEXT, *OPTIONAL_TEXT, "location", "facts"))
FACT_ORDER: Final = ("value", "low", "high", "qualifier", "unit", "status", "as_of", "undated",
                     "checked", "source", "note")
"""Keys of a fact's inline table, in the order the shipped files write them (schema v2)."""
FACT_KEYS: Final = frozenset(FACT_ORDER)
LOCATION_KEYS: Final = frozenset({"lat", "lon", "precision_m", "source", "as_of", "note"})
TEXT_LIMITS: Final = {"description": 2000, "note": 1000, "operator": 300}
DEFAULT_TEXT_LIMIT: Final = 200


@dataclass(frozen=True, slots=True)
class Conversion:
    """A unit conversion applied while parsing an imported profile."""

    fact: str
    given_value: float
    given_unit: str
    value: float
    unit: str
    factor: float


@dataclass(frozen=True, slots=True)
class ParseResult:
    """The parsed park (``None`` when any problem was found), every problem and conversion."""

    park: Park | None
    problems: tuple[Problem, ...] = ()
    conversions: tuple[Conversion, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return self.park is not None and not self.problems


class _Collector:
    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.problems: list[Problem] = []
        self.conversions: list[Conversion] = []

    def add(self, where: str, code: str, value: object = None, /,
            **params: ProblemParam) -> None:
        shown = "" if value is None else short(value)
        self.problems.append(problem(self.origin, where, code, shown, **params))


def parse_date(value: object) -> tuple[dt.date, str] | None:
    """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (or a date) to its first day and its text."""
    if isinstance(value, dt.datetime):
        return value.date(), value.date().isoformat()
    if isinstance(value, dt.date):
        return value, value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    match = DATE_PATTERN.match(value.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        return dt.date(year, month, day), value.strip()
    except ValueError:
        return None


def _url_host(value: str) -> str | None:
    """The host of a URL, or ``None`` when ``urlparse`` refuses it or any part is malformed.

    ``urlparse`` raises ``ValueError`` on ``http://[::1`` and ``https://kip.fi]/`` (an unbalanced
    IPv6 bracket), and ``.port`` raises on ``:99999``; every such URL is simply not valid.
    """
    try:
        parsed = urlparse(value)
        parsed.port  # noqa: B018 - raises ValueError on a port out of range or not a number
        host = parsed.hostname
    except ValueError:
        return None
    if parsed.scheme not in {"http", "https"} or not host or "[" in parsed.netloc:
        return None
    return host


def is_http_url(value: object) -> bool:
    """An absolute http(s) URL with a dotted host and no whitespace or control characters.

    Never raises: a URL ``urlparse`` cannot parse is not valid. Non-ASCII hosts are allowed
    (internationalised domain names); IPv6 literals are not (a park's page has a name).
    """
    if not isinstance(value, str) or len(value) > 2000 or re.search(r"[\s\x00-\x1f\x7f]",
                                                                      value):
        return False
    host = _url_host(value)
    return host is not None and "." in host.strip(".")


def _text(out: _Collector, where: str, value: object, *, limit: int) -> str | None:
    if not isinstance(value, str):
        out.add(where, "not_text", value)
        return None
    if _CONTROL.search(value):
        out.add(where, "control_characters", value)
        return None
    if len(value) > limit:
        out.add(where, "too_long", value, length=len(value), limit=limit)
        return None
    return value.strip()


_GROUP_SPACES: Final = " \u00a0\u202f\u2009"
"""Space, no-break space, narrow no-break space and thin space: digit-group separators."""
_PLAIN_NUMBER: Final = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_SPACED_NUMBER: Final = re.compile(r"[+-]?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?",
                                   re.ASCII)
_THOUSANDS: Final = re.compile(r"[+-]?[1-9]\d{0,2}(?:[.,]\d{3})+", re.ASCII)


def number_text_problem(text: str) -> str | None:
    """Why a number written as text is refused, or ``None`` when it is read unambiguously.

    The rule (refused, not guessed):

    - accepted: ASCII digits with an optional sign, at most one decimal separator (``.`` or
      ``,``) and an optional exponent: ``2400``, ``2400.5``, ``2400,5``, ``0.045``, ``0,045``,
      ``1e-05``; digit groups of three separated by a space, no-break space, narrow no-break
      or thin space: ``2 400``, ``1 200 000,5``;
    - refused as ambiguous: one to three digits (not starting with 0) followed by groups of
      exactly three digits after ``.`` or ``,`` — ``2,400``, ``1.200``, ``1.200.000`` (a
      thousands separator in one locale, a decimal separator in another);
    - refused as mixed: both ``.`` and ``,`` (``1,200.5``, ``1.200,5``), or either twice;
    - refused: other digits (Arabic-Indic, fullwidth) and any other text.
    """
    stripped = text.strip()
    if _SPACED_NUMBER.fullmatch(stripped):
        return None
    if "," in stripped and "." in stripped:
        return _MIXED
    if _THOUSANDS.fullmatch(stripped):
        return _AMBIGUOUS
    if not _PLAIN_NUMBER.fullmatch(stripped):
        return "not a number"
    return None


_MIXED: Final = "mixed '.' and ',' separators (one is a thousands separator)"
_AMBIGUOUS: Final = "ambiguous: ',' or '.' before three digits could be a thousands separator"
NUMBER_TEXT_CODES: Final = {_MIXED: "number_mixed", _AMBIGUOUS: "number_ambiguous"}
"""Problem code of each reason :func:`number_text_problem` gives for a refused number."""


def _number(value: object) -> float | None:
    """A number from a parsed value; text only when :func:`number_text_problem` accepts it."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        return value
    if isinstance(value, int):
        return float(value) if abs(value) < 2**1000 else (math.inf if value > 0 else -math.inf)
    if isinstance(value, str):
        if number_text_problem(value) is not None:
            return None
        digits = value.strip()
        for space in _GROUP_SPACES:
            digits = digits.replace(space, "")
        try:
            return float(digits.replace(",", "."))
        except (ValueError, OverflowError):
            return None
    return None


_TRUE: Final = {"true", "yes", "y", "1", "kyllä", "ja"}
_FALSE: Final = {"false", "no", "n", "0", "ei", "nej"}


def _boolean(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        low = value.strip().lower()
        return True if low in _TRUE else False if low in _FALSE else None
    return None


def _fact_value(out: _Collector, spec: FactSpec, raw: object, where: str,
                unit: str, *, convert_units: bool) -> FactValue:
    if spec.kind is Kind.BOOL:
        flag = _boolean(raw)
        if flag is None:
            out.add(where, "not_yes_no", raw)
        return flag
    if spec.kind is Kind.TEXT:
        return _text(out, where, raw, limit=DEFAULT_TEXT_LIMIT)
    if spec.kind is Kind.LIST:
        items = raw.split(";") if isinstance(raw, str) else raw
        if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
            out.add(where, "not_list", raw)
            return None
        if len(items) > 100:
            out.add(where, "too_many_entries", None, count=len(items), limit=100)
            return None
        cleaned = [_text(out, where, i, limit=DEFAULT_TEXT_LIMIT) for i in items]
        return tuple(c for c in cleaned if c)
    return _numeric_fact(out, spec, raw, where, unit, convert_units=convert_units)


def _numeric_fact(out: _Collector, spec: FactSpec, raw: object, where: str, unit: str,
                  *, convert_units: bool) -> float | None:
    number = _number(raw)
    if number is None:
        out.add(where, "not_number", raw, unit=spec.unit)
        return None
    if not math.isfinite(number):
        out.add(where, "not_finite", raw, unit=spec.unit)
        return None
    factor = conversion_factor(unit, spec.unit) if convert_units else 1.0
    if factor is not None and factor != 1.0:
        converted = number * factor
        out.conversions.append(Conversion(spec.name, number, unit, converted, spec.unit, factor))
        number = converted
    lo, hi = spec.minimum, spec.maximum
    if lo is not None and hi is not None and not lo <= number <= hi:
        out.add(where, _magnitude_hint(spec, number), raw, number=number, unit=spec.unit,
                low=lo, high=hi)
        return None
    return number


def _magnitude_hint(spec: FactSpec, number: float) -> str:
    """The out-of-range code, with what the number looks like (EUR/kWh, m2, negative)."""
    if spec.unit == "EUR/MWh" and 0 < number < 1:
        return "out_of_range_kwh"
    if spec.unit == "ha" and spec.maximum is not None and number > spec.maximum:
        return "out_of_range_m2"
    if number < 0:
        return "out_of_range_negative"
    return "out_of_range"


_FACT_SHAPE: Final = "{ " + ", ".join(FACT_ORDER) + " }"


def _status(out: _Collector, where: str, raw: Mapping[str, Any]) -> Status | None:
    status_raw = raw.get("status")
    try:
        return Status(status_raw if isinstance(status_raw, str) else "")
    except ValueError:
        out.add(f"{where}.status", "status_invalid", status_raw,
                statuses=", ".join(s.value for s in Status))
        return None


def _given(raw: Mapping[str, Any], key: str) -> bool:
    return raw.get(key) not in (None, "")


def _checked(out: _Collector, where: str, raw: Mapping[str, Any], *, today: dt.date
             ) -> tuple[dt.date, str] | None:
    value = raw.get("checked")
    if not _given(raw, "checked"):
        return None  # optional in a submission; the shipped catalog requires it (validate.py)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        parsed = parse_date(value)
    elif isinstance(value, dt.date):
        parsed = (value, value.isoformat())
    else:
        parsed = None
    if parsed is None:
        out.add(f"{where}.checked", "checked_invalid", value)
        return None
    if parsed[0] > today:
        out.add(f"{where}.checked", "date_future", parsed[1], today=str(today))
        return None
    return parsed


def _undated(out: _Collector, where: str, raw: Mapping[str, Any]) -> bool:
    if "undated" not in raw or raw["undated"] in (None, ""):
        return False
    flag = _boolean(raw["undated"])
    if flag is None:
        out.add(f"{where}.undated", "undated_not_yes_no", raw["undated"])
        return False
    return flag


def _as_of(out: _Collector, where: str, raw: Mapping[str, Any], *, status: Status,
           undated: bool, checked: tuple[dt.date, str] | None, today: dt.date
           ) -> tuple[dt.date, str] | None:
    """The figure's own date; problems for a date where none belongs or a missing one."""
    if status in (Status.UNKNOWN, Status.NOT_APPLICABLE):
        if _given(raw, "as_of") or undated:
            key = "as_of" if _given(raw, "as_of") else "undated"
            out.add(f"{where}.{key}", "date_without_figure", raw.get(key), status=status.value)
        return None
    if undated:
        if _given(raw, "as_of"):
            out.add(f"{where}.as_of", "as_of_and_undated", raw.get("as_of"))
        return None
    parsed = parse_date(raw.get("as_of"))
    if parsed is None:
        code = "as_of_invalid" if _given(raw, "as_of") else "as_of_missing"
        out.add(f"{where}.as_of", code, raw.get("as_of"))
        return None
    if parsed[0] > today:
        out.add(f"{where}.as_of", "date_future", parsed[1], today=str(today))
        return None
    if checked is not None and parsed[0] > checked[0]:
        out.add(f"{where}.as_of", "as_of_after_checked", parsed[1], checked=checked[1])
        return None
    return parsed


def _qualifier(out: _Collector, where: str, raw: Mapping[str, Any], spec: FactSpec
               ) -> Qualifier | None:
    if not _given(raw, "qualifier"):
        return None
    given = raw["qualifier"]
    text = given.strip().lower() if isinstance(given, str) else given
    if spec.kind is not Kind.NUMBER:
        out.add(f"{where}.qualifier", "qualifier_kind", given, kind=spec.kind.value)
        return None
    for qualifier in QUALIFIERS:
        if text == qualifier:
            return qualifier
    out.add(f"{where}.qualifier", "qualifier_invalid", given,
            qualifiers=" or ".join(f'"{q}"' for q in QUALIFIERS))
    return None


def _range(out: _Collector, where: str, raw: Mapping[str, Any], spec: FactSpec, unit: str,
           *, convert_units: bool) -> tuple[float | None, float | None]:
    if not (_given(raw, "low") or _given(raw, "high")):
        return None, None
    if spec.kind is not Kind.NUMBER:
        key = "low" if _given(raw, "low") else "high"
        out.add(f"{where}.{key}", "range_kind", raw.get(key), kind=spec.kind.value)
        return None, None
    bounds: list[float | None] = []
    for key in ("low", "high"):
        if not _given(raw, key):
            out.add(f"{where}.{key}", "range_bound_missing", None, bound=key)
            bounds.append(None)
        else:
            bounds.append(_numeric_fact(out, spec, raw[key], f"{where}.{key}", unit,
                                        convert_units=convert_units))
    low, high = bounds
    if low is not None and high is not None and low > high:
        out.add(f"{where}.low", "range_inverted", raw["low"], low=low, high=high)
    return low, high


def _shape(out: _Collector, where: str, raw: Mapping[str, Any], *, value: FactValue,
           low: float | None, high: float | None, qualifier: Qualifier | None) -> None:
    """Cross-key rules of one known fact: a range holds its typical value; no bounded range."""
    if low is not None and high is not None:
        if qualifier is not None:
            out.add(f"{where}.qualifier", "qualifier_on_range", qualifier)
        if isinstance(value, float) and not low <= value <= high:
            out.add(f"{where}.value", "value_outside_range", raw.get("value"), value=value,
                    low=low, high=high)
    elif qualifier is not None and value is None and not _given(raw, "value"):
        out.add(f"{where}.value", "qualifier_without_value")


def _empty_fact_problems(out: _Collector, where: str, raw: Mapping[str, Any], status: Status,
                         note: str) -> None:
    for key in ("value", "low", "high", "qualifier"):
        if _given(raw, key):
            out.add(f"{where}.{key}", "given_without_figure", raw.get(key), key=key,
                    status=status.value)
    if not note:
        code = "note_missing_unknown" if status is Status.UNKNOWN else \
            "note_missing_not_applicable"
        out.add(f"{where}.note", code, None, status=status.value)


def _fact(out: _Collector, spec: FactSpec, raw: object, *, today: dt.date,
          convert_units: bool) -> Fact | None:
    where = f"facts.{spec.name}"
    if not isinstance(raw, Mapping):
        out.add(where, "fact_not_table", raw, shape=_FACT_SHAPE)
        return None
    for key in sorted(set(map(str, raw)) - FACT_KEYS):
        out.add(f"{where}.{key}", "unknown_key", None, keys=", ".join(FACT_ORDER))
    before = len(out.problems)
    status = _status(out, where, raw)
    if status is None:
        return None
    unit_raw = raw.get("unit", spec.unit)
    unit = normalise_unit(unit_raw) if isinstance(unit_raw, str) else ""
    if not isinstance(unit_raw, str) or (
        unit != spec.unit and not (convert_units and conversion_factor(unit, spec.unit))
    ):
        out.add(f"{where}.unit", "unit_wrong", unit_raw, unit=repr(spec.unit))
    checked = _checked(out, where, raw, today=today)
    undated = _undated(out, where, raw)
    as_of = _as_of(out, where, raw, status=status, undated=undated, checked=checked, today=today)
    source = raw.get("source")
    if source not in (None, "") and not is_http_url(source):
        out.add(f"{where}.source", "source_invalid", source)
    note_text = _text(out, f"{where}.note", raw.get("note", ""), limit=TEXT_LIMITS["note"]) or ""
    value: FactValue = None
    low = high = None
    qualifier: Qualifier | None = None
    if status in (Status.UNKNOWN, Status.NOT_APPLICABLE):
        _empty_fact_problems(out, where, raw, status, note_text)
    else:
        low, high = _range(out, where, raw, spec, unit, convert_units=convert_units)
        qualifier = _qualifier(out, where, raw, spec)
        if _given(raw, "value"):
            value = _fact_value(out, spec, raw["value"], f"{where}.value",
                                unit, convert_units=convert_units)
        elif not (_given(raw, "low") or _given(raw, "high")):
            out.add(f"{where}.value", "value_missing", None, status=status.value)
        _shape(out, where, raw, value=value, low=low, high=high, qualifier=qualifier)
        if source in (None, ""):
            out.add(f"{where}.source", "source_missing", None, status=status.value)
    if len(out.problems) > before:
        return None
    return Fact(spec.name, value, spec.unit, status, as_of[0] if as_of else None,
                as_of[1] if as_of else "", source or None, note_text, low=low, high=high,
                qualifier=qualifier, undated=undated, checked=checked[0] if checked else None,
                checked_text=checked[1] if checked else "")


CONTAINED: Final = (("free_land_ha", "total_area_ha"), ("largest_free_plot_ha", "free_land_ha"),
                    ("largest_free_plot_ha", "total_area_ha"))
"""``(part, whole)``: land figures that cannot exceed the one containing them (the largest plot
lies in the free land, the free land in the park)."""


def cross_field_problems(facts: Mapping[str, Fact], *, origin: str) -> list[Problem]:
    """Contradictions between facts: free land above total area, a plot above free land or
    above total area (:data:`CONTAINED`).

    Two facts contradict when the smallest figure the first allows exceeds the largest the
    second allows (so bounds and ranges only clash when they cannot both be true).
    """
    problems = []
    for small, big in CONTAINED:
        if small not in facts or big not in facts:
            continue
        lo_small, hi_big = facts[small].interval(), facts[big].interval()
        if lo_small is None or hi_big is None or lo_small[0] <= hi_big[1]:
            continue
        problems.append(problem(
            origin, f"facts.{small}", "facts_contradict", facts[small].display_value(),
            label=FACTS[small].label, small=facts[small].display_value(),
            big_label=FACTS[big].label.lower(), big=facts[big].display_value(),
            small_fact=small, big_fact=big, small_min=lo_small[0], big_max=hi_big[1],
            unit=facts[small].unit))
    return problems


def _location(out: _Collector, raw: object, country: str | None) -> Location | None:
    if not isinstance(raw, Mapping):
        out.add("location", "location_missing")
        return None
    for key in sorted(set(map(str, raw)) - LOCATION_KEYS):
        out.add(f"location.{key}", "unknown_key", None, keys=", ".join(sorted(LOCATION_KEYS)))
    lat, lon = _number(raw.get("lat")), _number(raw.get("lon"))
    precision = _number(raw.get("precision_m"))
    ok = True
    for name, val, lo, hi in (("lat", lat, -90, 90), ("lon", lon, -180, 180)):
        if val is None or not math.isfinite(val) or not lo <= val <= hi:
            code = "coordinate_projected" if val and abs(val) > 1000 else "coordinate_invalid"
            out.add(f"location.{name}", code, raw.get(name), low=lo, high=hi)
            ok = False
    if precision is None or not math.isfinite(precision) or not 0 < precision <= 100_000:
        out.add("location.precision_m", "precision_invalid", raw.get("precision_m"))
        ok = False
    if ok and lat is not None and lon is not None and country \
            and inside_country(lat, lon, country) is False:
            swapped = inside_country(lon, lat, country)
            code = "outside_country_swapped" if swapped else "outside_country"
            out.add("location", code, f"{lat}, {lon}", lat=lat, lon=lon,
                    country=country, country_name=COUNTRIES.get(country, country))
            ok = False
    texts = {k: _text(out, f"location.{k}", raw.get(k, ""), limit=TEXT_LIMITS["note"])
             for k in ("source", "note")}
    as_of = raw.get("as_of", "")
    if as_of and parse_date(as_of) is None:
        out.add("location.as_of", "location_date_invalid", as_of)
    if not ok or lat is None or lon is None or precision is None:
        return None
    return Location(round(lat, 6), round(lon, 6), precision, texts["source"] or "",
                    str(as_of), texts["note"] or "")


def _header(out: _Collector, data: Mapping[str, Any]) -> dict[str, str]:
    header: dict[str, str] = {}
    for key in REQUIRED_TEXT:
        if data.get(key) in (None, ""):
            out.add(key, "field_missing")
            continue
        text = _text(out, key, data[key], limit=TEXT_LIMITS.get(key, DEFAULT_TEXT_LIMIT))
        if text is not None:
            header[key] = text
    for key in OPTIONAL_TEXT:
        if data.get(key) not in (None, ""):
            text = _text(out, key, data[key], limit=TEXT_LIMITS.get(key, DEFAULT_TEXT_LIMIT))
            if text is not None:
                header[key] = text
    checks: tuple[tuple[str, Callable[[str], bool], str, dict[str, ProblemParam]], ...] = (
        ("id", lambda v: bool(ID_PATTERN.match(v)), "id_invalid", {}),
        ("country", lambda v: v in COUNTRIES, "country_invalid",
         {"countries": ", ".join(COUNTRIES)}),
        ("bidding_zone", lambda v: v in BIDDING_ZONES, "zone_invalid",
         {"zones": ", ".join(sorted(BIDDING_ZONES))}),
        ("programme_region", lambda v: v in PROGRAMME_REGIONS, "programme_region_invalid",
         {"regions": ", ".join(PROGRAMME_REGIONS)}),
        ("contact_url", is_http_url, "url_invalid", {}),
    )
    for key, check, code, params in checks:
        if key in header and not check(header[key]):
            out.add(key, code, header.pop(key), **params)
    return header


def parse_profile(data: object, *, origin: str, today: dt.date | None = None,
                  convert_units: bool = False) -> ParseResult:
    """Check a profile mapping and build a :class:`~sites.model.Park`.

    Parameters
    ----------
    data
        The profile as read from a file (TOML layout: top-level fields, ``location``, ``facts``).
    origin
        File name or label used in problem messages.
    today
        Dates after this are rejected; defaults to the current UTC date.
    convert_units
        Convert compatible units (m² to ha, EUR/kWh to EUR/MWh ...) instead of rejecting them.
    """
    today = today or dt.datetime.now(dt.UTC).date()
    out = _Collector(origin)
    if not isinstance(data, Mapping):
        out.add("(profile)", "not_mapping", data)
        return ParseResult(None, tuple(out.problems))
    for key in sorted(set(map(str, data)) - TOP_LEVEL_KEYS):
        out.add(key, "unknown_field", None, fields=", ".join(sorted(TOP_LEVEL_KEYS)))
    header = _header(out, data)
    location = _location(out, data.get("location"), header.get("country"))
    facts_raw = data.get("facts")
    facts: dict[str, Fact] = {}
    if not isinstance(facts_raw, Mapping):
        out.add("facts", "facts_missing")
    else:
        for name in sorted(set(map(str, facts_raw)) - set(FACTS)):
            out.add(f"facts.{name}", "unknown_fact", None, facts=", ".join(FACTS))
        for name, spec in FACTS.items():
            if name not in facts_raw:
                out.add(f"facts.{name}", "fact_missing")
                continue
            fact = _fact(out, spec, facts_raw[name], today=today, convert_units=convert_units)
            if fact is not None:
                facts[name] = fact
        out.problems += cross_field_problems(facts, origin=origin)
    if out.problems or location is None:
        return ParseResult(None, tuple(out.problems), tuple(out.conversions))
    park = Park(
        id=header["id"], name=header["name"], country=header["country"],
        municipality=header["municipality"], region=header["region"],
        bidding_zone=header["bidding_zone"], location=location, facts=facts,
        name_fi=header.get("name_fi", ""), name_sv=header.get("name_sv", ""),
        programme_region=header.get("programme_region", ""),
        operator=header.get("operator", ""), contact_url=header.get("contact_url", ""),
        description=header.get("description", ""), origin=origin,
    )
    return ParseResult(park, (), tuple(out.conversions))
