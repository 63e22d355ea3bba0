"""Immutable records of the catalog: a fact, a location, a park."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from sites.schema import FACTS, Status

FactValue = float | bool | str | tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Fact:
    """One figure about a park, with its unit, provenance and trust level.

    ``value`` is ``None`` exactly when ``status`` is :attr:`Status.UNKNOWN`.
    ``as_of`` is the date the figure refers to (for an unknown: when it was last looked for);
    ``as_of_text`` keeps the precision it was written with (``2016``, ``2016-02`` ...).
    """

    name: str
    value: FactValue
    unit: str
    status: Status
    as_of: dt.date
    as_of_text: str
    source: str | None = None
    note: str = ""

    @property
    def known(self) -> bool:
        return self.status is not Status.UNKNOWN and self.value is not None

    def age_months(self, today: dt.date) -> int:
        """Whole months between ``as_of`` and ``today``."""
        return (today.year - self.as_of.year) * 12 + today.month - self.as_of.month

    def is_stale(self, today: dt.date, *, months: int = 24) -> bool:
        """A known figure older than ``months`` may be out of date."""
        return self.known and self.age_months(today) > months

    def display_value(self) -> str:
        """Plain-text value with unit, or ``unknown``."""
        if not self.known:
            return "unknown"
        if isinstance(self.value, bool):
            return "yes" if self.value else "no"
        if isinstance(self.value, tuple):
            return ", ".join(self.value)
        if isinstance(self.value, float):
            number = f"{self.value:,.2f}".rstrip("0").rstrip(".")
            return f"{number} {self.unit}".strip()
        return str(self.value)


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
        """The numeric value of a fact, or ``None`` when unknown."""
        value = self.fact(name).value
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) \
            else None

    def flag(self, name: str) -> bool | None:
        """The yes/no value of a fact, or ``None`` when unknown."""
        value = self.fact(name).value
        return value if isinstance(value, bool) else None

    def completeness(self) -> float:
        """Share of facts that are known (published or estimate), 0..1."""
        return sum(f.known for f in self.facts.values()) / len(FACTS)

    def display_name(self, language: str = "en") -> str:
        if language == "fi" and self.name_fi:
            return self.name_fi
        if language == "sv" and self.name_sv:
            return self.name_sv
        return self.name
