"""Utility-price tables and the lookup cascade park → municipality → bidding zone → country.

A lookup returns a :class:`PriceQuote` naming the level, key, period and source it used, or a
:class:`PriceGap` listing where it looked. It never guesses and never returns a silent zero.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Final

from sites.errors import CatalogError, Problem, short
from sites.model import Park
from sites.profile import is_http_url, parse_date
from sites.schema import Status

PRICES_FILE: Final = Path(__file__).resolve().parent / "data" / "prices.csv"
COLUMNS: Final = ("quantity", "level", "key", "variant", "period", "value", "unit", "status",
                  "source_url", "as_of", "notes")
LEVELS: Final = ("park", "municipality", "zone", "country")


@dataclass(frozen=True, slots=True)
class QuantitySpec:
    """A priced quantity: canonical unit, plausible range and the park fact that can set it."""

    name: str
    label: str
    unit: str
    minimum: float
    maximum: float
    park_fact: str | None = None


_QUANTITIES: Final = (
    QuantitySpec("spot_price", "Day-ahead spot price (annual mean)", "EUR/MWh", 1, 1000),
    QuantitySpec("elec_band_price", "Eurostat non-household electricity price", "EUR/MWh",
                 5, 1000),
    QuantitySpec("electricity_tax", "Electricity tax", "EUR/MWh", 0.001, 300),
    QuantitySpec("transmission_tariff", "Transmission grid tariff", "EUR/MWh", 0.01, 200),
    QuantitySpec("gas_price", "Non-household natural gas price", "EUR/MWh", 1, 500),
    QuantitySpec("district_heat_price", "District heat price", "EUR/MWh", 1, 500),
    QuantitySpec("steam_price", "Steam price", "EUR/MWh", 1, 500, "steam_price_eur_mwh"),
    QuantitySpec("water_price", "Water price", "EUR/m3", 0.01, 20, "water_price_eur_m3"),
    QuantitySpec("wastewater_price", "Wastewater price", "EUR/m3", 0.01, 30,
                 "wastewater_price_eur_m3"),
    QuantitySpec("land_price", "Industrial land purchase price", "EUR/m2", 0.1, 1000,
                 "land_price_eur_m2"),
    QuantitySpec("land_lease", "Industrial land lease", "EUR/m2/a", 0.01, 100,
                 "lease_price_eur_m2_a"),
    QuantitySpec("co2_intensity", "Grid CO2 intensity", "gCO2/kWh", 1, 1500),
    QuantitySpec("corporate_tax", "Corporate income tax rate", "%", 1, 60),
    QuantitySpec("labour_cost", "Hourly labour cost", "EUR/h", 1, 150),
)
QUANTITIES: Final[dict[str, QuantitySpec]] = {q.name: q for q in _QUANTITIES}


@dataclass(frozen=True, slots=True)
class PriceQuote:
    """A price found for a park: the value and exactly where it came from."""

    quantity: str
    value: float
    unit: str
    level: str
    key: str
    variant: str
    period: str
    source: str
    as_of: str
    status: str
    note: str = ""

    @property
    def found(self) -> bool:
        return True


@dataclass(frozen=True, slots=True)
class PriceGap:
    """No price found; ``searched`` lists the level=key pairs that were tried."""

    quantity: str
    searched: tuple[str, ...]
    reason: str

    @property
    def found(self) -> bool:
        return False


@dataclass(frozen=True, slots=True)
class PriceRow:
    quantity: str
    level: str
    key: str
    variant: str
    period: str
    value: float
    unit: str
    status: str
    source_url: str
    as_of: str
    notes: str

    def quote(self) -> PriceQuote:
        return PriceQuote(self.quantity, self.value, self.unit, self.level, self.key,
                          self.variant, self.period, self.source_url, self.as_of, self.status,
                          self.notes)


def _park_keys(park: Park) -> dict[str, str]:
    return {"park": park.id, "municipality": park.municipality, "zone": park.bidding_zone,
            "country": park.country}


@dataclass(frozen=True)
class PriceTable:
    """An immutable price table with the lookup cascade."""

    rows: tuple[PriceRow, ...]
    version: str = ""
    _index: Mapping[tuple[str, str, str], tuple[PriceRow, ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[tuple[str, str, str], list[PriceRow]] = {}
        for row in self.rows:
            index.setdefault((row.quantity, row.level, row.key), []).append(row)
        object.__setattr__(self, "_index", MappingProxyType(
            {k: tuple(v) for k, v in index.items()}))

    def select(self, quantity: str, *, level: str | None = None, key: str | None = None,
               variant: str | None = None, period: str | None = None) -> tuple[PriceRow, ...]:
        candidates = (self._index.get((quantity, level, key), ())
                      if level is not None and key is not None else self.rows)
        return tuple(
            r for r in candidates
            if r.quantity == quantity and (level is None or r.level == level)
            and (key is None or r.key == key) and (variant is None or r.variant == variant)
            and (period is None or r.period == period)
        )

    def periods(self, quantity: str) -> tuple[str, ...]:
        return tuple(sorted({r.period for r in self.rows if r.quantity == quantity}))

    def lookup(self, park: Park, quantity: str, *, variant: str = "",
               period: str | None = None) -> PriceQuote | PriceGap:
        """The most specific price of ``quantity`` for ``park``.

        Tries the park's own published figure, then rows for the park id, its municipality,
        its bidding zone and its country; within a level takes ``period`` if given, else the
        latest period. ``variant`` (band, tax class ...) must match exactly.
        """
        spec = QUANTITIES.get(quantity)
        if spec is None:
            raise KeyError(f"unknown quantity {quantity!r}; expected one of "
                           + ", ".join(QUANTITIES))
        searched: list[str] = []
        if spec.park_fact and period is None and not variant:
            fact = park.fact(spec.park_fact)
            searched.append(f"park fact {spec.park_fact}")
            if fact.known and isinstance(fact.value, float):
                return PriceQuote(quantity, fact.value, spec.unit, "park", park.id, "",
                                  fact.date_text(), fact.source or "", fact.date_text(),
                                  fact.status.value, fact.note)
        for level, key in _park_keys(park).items():
            searched.append(f"{level}={key}")
            rows = self.select(quantity, level=level, key=key, variant=variant, period=period)
            if rows:
                return max(rows, key=lambda r: r.period).quote()
        what = f"{quantity}" + (f" ({variant})" if variant else "") + \
            (f" for {period}" if period else "")
        return PriceGap(quantity, tuple(searched), f"no published {what} at any level")

    def mean(self, park: Park, quantity: str, *, periods: Sequence[str],
             variant: str = "") -> PriceQuote | PriceGap:
        """Mean over several periods (e.g. a 2021–2025 spot average); a gap if any is missing."""
        quotes = [self.lookup(park, quantity, variant=variant, period=p) for p in periods]
        gaps = [q for q in quotes if isinstance(q, PriceGap)]
        if gaps or not quotes:
            missing = ", ".join(p for p, q in zip(periods, quotes, strict=True)
                                if isinstance(q, PriceGap))
            return PriceGap(quantity, gaps[0].searched if gaps else (),
                            f"no {quantity} for period(s) {missing or '(none given)'}")
        found = [q for q in quotes if isinstance(q, PriceQuote)]
        first = found[0]
        value = sum(q.value for q in found) / len(found)
        sources = " ; ".join(dict.fromkeys(q.source for q in found))
        return PriceQuote(quantity, value, first.unit, first.level, first.key, variant,
                          f"{periods[0]}–{periods[-1]} mean", sources, max(q.as_of for q in found),
                          Status.ESTIMATE.value,
                          f"mean of {len(found)} periods: " + ", ".join(
                              f"{q.period} {q.value:.2f}" for q in found))


def check_rows(records: Iterable[dict[str, str]], *, origin: str,
               today: dt.date | None = None) -> tuple[list[PriceRow], list[Problem]]:
    """Validate raw CSV records; return the good rows and a problem per bad field."""
    today = today or dt.datetime.now(dt.UTC).date()
    rows: list[PriceRow] = []
    problems: list[Problem] = []
    seen: set[tuple[str, ...]] = set()
    for number, record in enumerate(records, start=2):
        where = f"row {number}"

        def bad(column: str, problem: str, expected: str, where: str = where,
                record: dict[str, str] = record) -> None:
            problems.append(Problem(origin, f"{where}.{column}", problem, expected,
                                    short(record.get(column))))

        before = len(problems)
        spec = QUANTITIES.get(record.get("quantity", ""))
        if spec is None:
            bad("quantity", "unknown quantity", ", ".join(QUANTITIES))
            continue
        if record.get("level") not in LEVELS:
            bad("level", "invalid level", ", ".join(LEVELS))
        if not record.get("key"):
            bad("key", "missing", "a park id, municipality, bidding zone or country code")
        if record.get("unit") != spec.unit:
            bad("unit", "wrong unit", f"{spec.unit!r} for {spec.name}")
        try:
            value = float(record.get("value", ""))
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            bad("value", "not a finite number", f"a number in {spec.unit}")
        elif not spec.minimum <= value <= spec.maximum:
            hint = "; looks like EUR/kWh" if spec.unit == "EUR/MWh" and 0 < value < 1 else ""
            bad("value", f"{value:g} is implausible{hint}",
                f"{spec.minimum:g} to {spec.maximum:g} {spec.unit}")
        if record.get("status") not in (Status.PUBLISHED.value, Status.ESTIMATE.value):
            bad("status", "invalid status", "published or estimate")
        if not is_http_url(record.get("source_url", "")):
            bad("source_url", "not a valid URL", "an http(s) URL")
        parsed = parse_date(record.get("as_of", ""))
        if parsed is None:
            bad("as_of", "missing or invalid date", "YYYY, YYYY-MM or YYYY-MM-DD")
        elif parsed[0] > today:
            bad("as_of", "date is in the future", f"on or before {today}")
        if not record.get("period"):
            bad("period", "missing", "a year (2024), half-year (2024-S2) or date")
        ident = tuple(record.get(c, "") for c in ("quantity", "level", "key", "variant",
                                                   "period"))
        if ident in seen:
            bad("period", "duplicate row", "one row per quantity, level, key, variant, period")
        seen.add(ident)
        if len(problems) == before:
            text = {c: record.get(c, "") or "" for c in COLUMNS}
            rows.append(PriceRow(
                quantity=text["quantity"], level=text["level"], key=text["key"],
                variant=text["variant"], period=text["period"], value=value, unit=text["unit"],
                status=text["status"], source_url=text["source_url"], as_of=text["as_of"],
                notes=text["notes"]))
    return rows, problems


def read_price_records(text: str, *, origin: str) -> tuple[list[dict[str, str]], list[Problem]]:
    """Parse CSV text with exactly the expected header."""
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(reader.fieldnames or ())
    if header != COLUMNS:
        return [], [Problem(origin, "(header)", f"unexpected columns {header}",
                            ",".join(COLUMNS))]
    return [dict(r) for r in reader], []


def load_prices(path: Path | None = None, *, strict: bool = True,
                today: dt.date | None = None) -> PriceTable:
    """Load and validate the price table (default: the shipped ``sites/data/prices.csv``)."""
    import hashlib

    file = path or PRICES_FILE
    text = file.read_text(encoding="utf-8")
    records, problems = read_price_records(text, origin=file.name)
    rows, row_problems = check_rows(records, origin=file.name, today=today)
    problems += row_problems
    if strict and problems:
        raise CatalogError(problems)
    return PriceTable(tuple(rows), hashlib.sha256(text.encode()).hexdigest()[:16])
