"""The fixed vocabulary of a park profile: which facts exist, their units, kinds and ranges.

Every park file lists every fact in :data:`FACTS`. A fact nobody has published is written with
``status = "unknown"`` (never left out, never invented), so the catalog itself shows what a park
manager could publish next.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Status(StrEnum):
    """How much a figure can be trusted."""

    PUBLISHED = "published"
    """Read from a public page (the ``source`` URL); ``as_of`` is the date it refers to."""
    ESTIMATE = "estimate"
    """Derived or approximate; the ``note`` says how."""
    UNKNOWN = "unknown"
    """Not found in public sources when last looked for (``checked``); ``value`` is empty and
    the ``note`` says where it was looked for."""
    NOT_APPLICABLE = "not_applicable"
    """The fact does not apply to this park (an inland park has no port draught); ``note`` says
    why. Counts as resolved, like a known fact."""


class Kind(StrEnum):
    """The type of a fact's value."""

    NUMBER = "number"
    BOOL = "bool"
    TEXT = "text"
    LIST = "list"


@dataclass(frozen=True, slots=True)
class FactSpec:
    """Definition of one fact: its unit, value kind, plausible range and display group."""

    name: str
    label: str
    unit: str
    kind: Kind
    group: str
    minimum: float | None = None
    maximum: float | None = None
    help: str = ""


def _num(name: str, label: str, unit: str, group: str, lo: float, hi: float,
         help: str = "") -> FactSpec:
    return FactSpec(name, label, unit, Kind.NUMBER, group, lo, hi, help)


def _flag(name: str, label: str, group: str, help: str = "") -> FactSpec:
    return FactSpec(name, label, "yes/no", Kind.BOOL, group, help=help)


_SPECS: Final[tuple[FactSpec, ...]] = (
    # land
    _num("total_area_ha", "Total area", "ha", "land", 1, 20_000),
    _num("free_land_ha", "Free land for new investment", "ha", "land", 0, 10_000),
    _num("largest_free_plot_ha", "Largest free contiguous plot", "ha", "land", 0, 10_000),
    _flag("heavy_chem_zoning", "Zoned for heavy / hazardous-chemical industry", "land",
          "e.g. Finnish T/kem in the local detailed plan"),
    _flag("seveso_capable", "Seveso upper-tier establishments possible", "land"),
    # logistics
    FactSpec("port_name", "Port", "", Kind.TEXT, "logistics"),
    _num("port_max_draught_m", "Port maximum authorised draught", "m", "logistics", 0, 25),
    _num("quay_distance_km", "Distance to quay", "km", "logistics", 0, 500),
    _flag("rail_connection", "Rail connection", "logistics"),
    _num("rail_gauge_mm", "Rail gauge", "mm", "logistics", 600, 1700),
    # energy
    _num("grid_voltage_kv", "Grid connection voltage", "kV", "energy", 1, 800),
    _num("grid_capacity_mw", "Available grid capacity", "MW", "energy", 0, 10_000),
    # utilities on site
    _flag("utility_steam", "Steam", "utilities"),
    _flag("utility_process_water", "Process water", "utilities",
          "note says which qualities (raw, demineralised, cooling...)"),
    _flag("utility_seawater_cooling", "Seawater cooling", "utilities"),
    _flag("utility_industrial_gases", "Industrial gases (O2, N2, CO2...)", "utilities"),
    _flag("utility_hydrogen", "Hydrogen", "utilities"),
    _flag("utility_sulfuric_acid", "Sulfuric acid", "utilities"),
    _flag("utility_district_heat", "District heat", "utilities"),
    _flag("utility_wastewater_treatment", "Wastewater treatment", "utilities"),
    _flag("utility_natural_gas", "Natural gas (grid or LNG pipeline)", "utilities"),
    # community
    FactSpec("key_companies", "Key companies", "", Kind.LIST, "community"),
    _num("employees", "Employees on site", "persons", "community", 0, 200_000),
    _flag("ecspp_member", "European Chemical Site Promotion Platform member", "community"),
    # park-specific prices
    _num("land_price_eur_m2", "Land purchase price", "EUR/m2", "prices", 0.1, 1_000),
    _num("lease_price_eur_m2_a", "Land lease", "EUR/m2/a", "prices", 0.01, 100),
    _num("steam_price_eur_mwh", "Steam price", "EUR/MWh", "prices", 1, 500),
    _num("water_price_eur_m3", "Process water price", "EUR/m3", "prices", 0.01, 20),
    _num("wastewater_price_eur_m3", "Wastewater price", "EUR/m3", "prices", 0.01, 30),
)

FACTS: Final[dict[str, FactSpec]] = {spec.name: spec for spec in _SPECS}
"""Every fact a park profile carries, by name, in display order."""

UTILITY_FACTS: Final[tuple[str, ...]] = tuple(n for n in FACTS if n.startswith("utility_"))

COUNTRIES: Final[dict[str, str]] = {
    "FI": "Finland", "SE": "Sweden", "NO": "Norway", "DK": "Denmark", "EE": "Estonia",
    "DE": "Germany", "NL": "Netherlands", "BE": "Belgium", "FR": "France", "PL": "Poland",
    "ES": "Spain", "GB": "United Kingdom", "AT": "Austria", "IT": "Italy", "CZ": "Czechia",
    "HU": "Hungary", "PT": "Portugal",
}
"""ISO 3166-1 alpha-2 codes of the countries the catalog may hold."""

NORDICS: Final[frozenset[str]] = frozenset({"FI", "SE", "NO", "DK", "IS"})

BIDDING_ZONES: Final[frozenset[str]] = frozenset({
    "FI", "SE1", "SE2", "SE3", "SE4", "NO1", "NO2", "NO3", "NO4", "NO5", "DK1", "DK2", "EE",
    "DE-LU", "NL", "BE", "FR", "PL", "ES", "GB", "AT", "IT-NORD", "CZ", "HU", "PT",
})
"""Day-ahead bidding zones (ENTSO-E naming)."""

PROGRAMME_REGIONS: Final[tuple[str, ...]] = (
    "Kokkola", "Vaasa", "Pori", "Turku", "Lappeenranta", "Jyväskylä", "Kuopio",
)
"""City regions of the Finnish battery-chemicals programme."""
