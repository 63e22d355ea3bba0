"""Fixtures for metrics tests. Parks and prices built here are synthetic test data, labelled so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from metrics.brief import parse_brief
from sites import load_catalog
from sites.model import Fact, Location, Park
from sites.prices import PriceGap, PriceQuote
from sites.schema import FACTS, Status

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


def make_park(pid: str, *, country: str = "FI", municipality: str = "Testby",
              lat: float = 63.0, lon: float = 23.0, **facts: object) -> Park:
    """A synthetic park (test data only): every fact unknown except those given."""
    made = {}
    for name, spec in FACTS.items():
        value = facts.get(name)
        if value is None:
            made[name] = Fact(name, None, spec.unit, Status.UNKNOWN, TODAY, "2026-11-27")
        else:
            v = tuple(value) if isinstance(value, list) else (
                float(value) if isinstance(value, int) and not isinstance(value, bool) else value)
            made[name] = Fact(name, v, spec.unit, Status.ESTIMATE, TODAY, "2026-11-27",
                              "https://example.org/synthetic-test-data", "synthetic test data")
    return Park(pid, f"Synthetic {pid}", country, municipality, "Region", country,
                Location(lat, lon, 1000.0), made)


class FakePrices:
    """A synthetic price source (test data only): ``{(quantity, variant): value}`` per park id."""

    def __init__(self, table: dict[str, dict[tuple[str, str], float]]) -> None:
        self.table = table

    def lookup(self, park: Park, quantity: str, *, variant: str = "",
               period: str | None = None) -> PriceQuote | PriceGap:
        value = self.table.get(park.id, {}).get((quantity, variant))
        if value is None:
            return PriceGap(quantity, (f"park={park.id}",), f"no published {quantity}")
        return PriceQuote(quantity, value, "unit", "park", park.id, variant, period or "2024",
                          "https://example.org/synthetic-test-data", "2024", "estimate")

    def mean(self, park: Park, quantity: str, *, periods: Sequence[str],
             variant: str = "") -> PriceQuote | PriceGap:
        return self.lookup(park, quantity, variant=variant)


def brief_from(**overrides: object):
    """A synthetic brief (test data only)."""
    data: dict[str, object] = {"name": "synthetic test brief", "plant": {}, "weights": {}}
    for k, v in overrides.items():
        data[k] = v
    return parse_brief(data)
