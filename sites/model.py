"""Immutable records of the catalog: a fact, a location, a park."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Literal

from sites.schema import FACTS, Status

FactValue = float | bool | str | tuple[str, ...] | None
Qualifier = Literal["at least", "at most"]
QUALIFIERS: Final[tuple[Qualifier, ...]] = ("at least", "at most")
"""The two bounds a number can be: ``value`` is a minimum or a maximum."""
_SIGNS: Final[Mapping[str, str]] = MappingProxyType({"at least": "≥", "at most": "≤"})
_RESOLVED: Final = frozenset({Status.PUBLISHED, Status.ESTIMATE})


def _number_text(number: float) -> str:
    return f"{number:,.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True, slots=True)
class Fact:
    """One figure about a park, with its unit, provenance and trust level (schema v2).

    A known fact (published or estimate) holds a ``value`` (number, yes/no, text or list), or a
    numeric range ``low``..``high`` with an optional typical ``value`` between them, or a bound: a
    number ``value`` with ``qualifier`` "at least" / "at most". Unknown and not-applicable facts
    hold none of these.

    ``as_of`` is the date the figure refers to (or its source's publication date); ``None`` when
    the source is ``undated`` and for unknown / not-applicable facts. ``as_of_text`` keeps the
    precision it was written with (``2016``, ``2016-02`` ...). ``checked`` is the day the fact was
    last verified or looked for.
    """

    name: str
    value: FactValue
    unit: str
    status: Status
    as_of: dt.date | None = None
    as_of_text: str = ""
    source: str | None = None
    note: str = ""
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier | None = None
    undated: bool = False
    checked: dt.date | None = None
    checked_text: str = ""

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None

    @property
    def known(self) -> bool:
        """Published or estimated, with a value or a range."""
        return self.status in _RESOLVED and (self.value is not None or self.is_range)

    @property
    def resolved(self) -> bool:
        """Known, or marked not applicable (counts towards coverage and completeness)."""
        return self.known or self.status is Status.NOT_APPLICABLE

    @property
    def date_unknown(self) -> bool:
        """A known figure whose source gives no date (staleness cannot be judged)."""
        return self.known and self.as_of is None

    def interval(self) -> tuple[float, float] | None:
        """The numbers the figure allows: ``(v, v)``, ``(low, high)``, or a bound to a schema limit.

        ``None`` when the fact is not known or not numeric. An "at least" bound runs to the
        fact's schema maximum, an "at most" bound down to its schema minimum (``inf`` / ``-inf``
        when the schema has none).
        """
        if not self.known:
            return None
        if self.is_range:
            assert self.low is not None and self.high is not None
            return (self.low, self.high)
        value = self.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        number = float(value)
        spec = FACTS.get(self.name)
        if self.qualifier == "at least":
            top = spec.maximum if spec and spec.maximum is not None else math.inf
            return (number, max(number, top))
        if self.qualifier == "at most":
            bottom = spec.minimum if spec and spec.minimum is not None else -math.inf
            return (min(number, bottom), number)
        return (number, number)

    def number(self) -> float | None:
        """One number for the figure: the value, a bound itself, or a range's midpoint."""
        if not self.known:
            return None
        value = self.value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if self.is_range:
            assert self.low is not None and self.high is not None
            return (self.low + self.high) / 2
        return None

    def age_months(self, today: dt.date) -> int | None:
        """Whole months between ``as_of`` and ``today``; ``None`` without a date."""
        if self.as_of is None:
            return None
        return (today.year - self.as_of.year) * 12 + today.month - self.as_of.month

    def is_stale(self, today: dt.date, *, months: int = 24) -> bool:
        """A known, dated figure older than ``months`` may be out of date."""
        age = self.age_months(today)
        return self.known and age is not None and age > months

    def _with_unit(self, number: float) -> str:
        return f"{_number_text(number)} {self.unit}".strip()

    def display_value(self) -> str:
        """Plain text: ``40 ha``, ``≥ 40 ha``, ``40–70 ha (typ. 55 ha)``, ``not applicable``."""
        if self.status is Status.NOT_APPLICABLE:
            return "not applicable"
        if not self.known:
            return "unknown"
        value = self.value
        if self.is_range:
            assert self.low is not None and self.high is not None
            text = f"{_number_text(self.low)}–{self._with_unit(self.high)}"
            if isinstance(value, int | float) and not isinstance(value, bool):
                text += f" (typ. {self._with_unit(float(value))})"
            return text
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, tuple):
            return ", ".join(value)
        if isinstance(value, int | float):
            sign = _SIGNS.get(self.qualifier or "", "")
            return f"{sign} {self._with_unit(float(value))}".strip()
        return str(value)

    def date_text(self) -> str:
        """The date column: ``2016-02``, ``undated``, ``not found (searched 2026-12)`` or ``""``."""
        if self.status is Status.UNKNOWN:
            month = self.checked_text[:7]
            return f"not found (searched {month})" if month else "not found"
        if self.status is Status.NOT_APPLICABLE:
            return ""
        return self.as_of_text or ("undated" if self.undated or self.as_of is None else "")


@dataclass(frozen=True, slots=True)
class Location:
    """A WGS84 point with the precision it is known to."""

    lat: float
    lon: float
    precision_m: float
    source: str = ""
    as_of: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Park:
    """A heavy-industry park profile. Construct through :func:`sites.profile.parse_profile`."""

    id: str
    name: str
    country: str
    municipality: str
    region: str
    bidding_zone: str
    location: Location
    facts: Mapping[str, Fact]
    name_fi: str = ""
    name_sv: str = ""
    programme_region: str = ""
    operator: str = ""
    contact_url: str = ""
    description: str = ""
    origin: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "facts", MappingProxyType(dict(self.facts)))

    def fact(self, name: str) -> Fact:
        if name not in FACTS:
            raise KeyError(f"unknown fact {name!r}; expected one of {', '.join(FACTS)}")
        return self.facts[name]

    def number(self, name: str) -> float | None:
        """One number for a fact (see :meth:`Fact.number`), or ``None`` when not known.

        The value itself; for a bound the bound; for a range without a typical value its
        midpoint. Use :meth:`Fact.interval` where the spread matters.
        """
        return self.fact(name).number()

    def flag(self, name: str) -> bool | None:
        """The yes/no value of a fact, or ``None`` when unknown."""
        value = self.fact(name).value
        return value if isinstance(value, bool) else None

    def completeness(self) -> float:
        """Share of facts that are resolved (known or not applicable), 0..1."""
        return sum(f.resolved for f in self.facts.values()) / len(FACTS)

    def display_name(self, language: str = "en") -> str:
        if language == "fi" and self.name_fi:
            return self.name_fi
        if language == "sv" and self.name_sv:
            return self.name_sv
        return self.name
