"""How much of the catalog is known: key-field coverage, location precision and price coverage.

This is the measure the catalog issue sets its targets in (``python -m sites coverage``): for the
parks of a country, the share of the key screening fields that are resolved (known or not
applicable), the share of park points placed to within a precision, and the share of park
municipalities with a published district-heat, water and wastewater price; for every park's
bidding zone, the spot-price years that are present.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sites.catalog import Catalog
from sites.prices import PriceTable

KEY_FIELDS: Final = ("total_area_ha", "free_land_ha", "largest_free_plot_ha",
                     "port_max_draught_m", "rail_connection", "grid_voltage_kv",
                     "heavy_chem_zoning", "utility_process_water",
                     "utility_wastewater_treatment", "utility_steam")
"""The fields an investor screens a Finnish park on first (catalog issue, coverage target)."""

MUNICIPAL_PRICES: Final = ("district_heat_price", "water_price", "wastewater_price")
SPOT_YEARS: Final = ("2021", "2022", "2023", "2024", "2025")


@dataclass(frozen=True, slots=True)
class Share:
    """``count`` of ``total`` items satisfy a rule; ``missing`` names the others."""

    name: str
    count: int
    total: int
    missing: tuple[str, ...] = ()

    @property
    def fraction(self) -> float:
        return self.count / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Coverage:
    """The catalog's coverage for one country's parks (``country``) and all bidding zones."""

    country: str
    parks: int
    fields: tuple[Share, ...]
    locations: Share
    municipal_prices: tuple[Share, ...]
    spot_gaps: tuple[str, ...]

    @property
    def mean_field_fraction(self) -> float:
        return sum(s.fraction for s in self.fields) / len(self.fields) if self.fields else 0.0


def measure(catalog: Catalog, prices: PriceTable, *, country: str = "FI",
            fields: Sequence[str] = KEY_FIELDS, precision_m: float = 1000) -> Coverage:
    """Measure ``catalog`` against the catalog issue's coverage rules.

    Parameters
    ----------
    country
        Parks counted for the field and municipal-price shares (ISO code).
    fields
        Fact names whose resolved share is reported.
    precision_m
        A park point counts as placed when its stated precision is at most this.
    """
    parks = [p for p in catalog.parks if p.country == country]
    shares = tuple(
        Share(name, sum(p.facts[name].resolved for p in parks), len(parks),
              tuple(p.id for p in parks if not p.facts[name].resolved))
        for name in fields)
    placed = Share("location", sum(p.location.precision_m <= precision_m for p in catalog.parks),
                   len(catalog.parks), tuple(p.id for p in catalog.parks
                                             if p.location.precision_m > precision_m))
    municipalities = sorted({p.municipality for p in parks})
    municipal = tuple(
        Share(quantity, len(municipalities) - len(gaps), len(municipalities), tuple(gaps))
        for quantity in MUNICIPAL_PRICES
        for gaps in [[m for m in municipalities
                      if not prices.select(quantity, level="municipality", key=m)]])
    zones = sorted({p.bidding_zone for p in catalog.parks})
    spot_gaps = tuple(f"{zone} {year}" for zone in zones for year in SPOT_YEARS
                      if not prices.select("spot_price", level="zone", key=zone, period=year))
    return Coverage(country, len(parks), shares, placed, municipal, spot_gaps)


def report_lines(coverage: Coverage) -> list[str]:
    """The coverage as plain text lines (what ``python -m sites coverage`` prints)."""

    def line(share: Share) -> str:
        text = f"  {share.name:<30} {share.count:>3}/{share.total:<3} {share.fraction:>6.1%}"
        return text + (f"  missing: {', '.join(share.missing)}" if share.missing else "")

    lines = [f"key fields resolved, {coverage.country} parks ({coverage.parks}):"]
    lines += [line(s) for s in coverage.fields]
    lines.append(f"  {'mean':<30} {coverage.mean_field_fraction:>14.1%}")
    lines += ["park points placed to 1 km or better (all parks):", line(coverage.locations)]
    lines.append(f"municipal prices, {coverage.country} park municipalities:")
    lines += [line(s) for s in coverage.municipal_prices]
    lines.append("spot price gaps (zone year): " + (", ".join(coverage.spot_gaps) or "none"))
    return lines
