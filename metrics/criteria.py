"""Criteria per site for a brief, with unit and direction, and the must-have checks."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

import numpy as np

from metrics.brief import Brief, Place
from metrics.messages import Message, message
from sites.model import Park
from sites.prices import PriceQuote
from sites.schema import Status

DistanceFn = Callable[[float, float, float, float], float]
"""``(lat1, lon1, lat2, lon2) -> km``; e.g. :func:`geodata.measures.geodesic_km`."""


@dataclass(frozen=True, slots=True)
class CriterionSpec:
    """A scoring criterion: label, unit and direction (``+`` benefit, ``-`` cost)."""

    name: str
    label: str
    unit: str
    direction: Literal["+", "-"]


CRITERIA: Final[Mapping[str, CriterionSpec]] = MappingProxyType({c.name: c for c in (
    CriterionSpec("annual_bill_eur", "Annual utility and land bill", "EUR/a", "-"),
    CriterionSpec("land_margin_ha", "Free land beyond need + reserve", "ha", "+"),
    CriterionSpec("draught_margin_m", "Port draught beyond design vessel", "m", "+"),
    CriterionSpec("quay_distance_km", "Distance to quay", "km", "-"),
    CriterionSpec("raw_material_km", "Mean distance to raw materials", "km", "-"),
    CriterionSpec("customer_km", "Mean distance to customers", "km", "-"),
    CriterionSpec("grid_capacity_mw", "Available grid capacity", "MW", "+"),
    CriterionSpec("workforce", "Workforce catchment", "persons", "+"),
    CriterionSpec("co2_t_a", "Location-based CO2 from electricity", "t/a", "-"),
    CriterionSpec("utilities_missing", "Needed utilities not confirmed on site", "count", "-"),
    CriterionSpec("completeness", "Share of park facts known", "0-1", "+"),
)})
"""Every criterion a brief can weight, in display order."""


def default_distance() -> DistanceFn:
    """The geodata geodesic distance if available, else a spherical haversine fallback."""
    try:
        from geodata.measures import geodesic_km
    except ImportError:  # pragma: no cover - geodata ships with parkbench
        return _haversine_km

    def dist(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
        return float(geodesic_km(lat1, lon1, lat2, lon2))
    return dist


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * \
        math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def place_point(place: Place, parks: Mapping[str, Park]) -> tuple[float, float] | None:
    """Coordinates of a place: its own, or its catalog park's (``None`` if unknown)."""
    if place.lat is not None and place.lon is not None:
        return place.lat, place.lon
    park = parks.get(place.park)
    return None if park is None else (park.location.lat, park.location.lon)


def mean_distance(park: Park, places: Sequence[Place], parks: Mapping[str, Park],
                  distance: DistanceFn) -> float | None:
    """Mean distance (weighted by ``t_a`` when every place has it) from a park to places."""
    pts = [(place_point(p, parks), p.t_a) for p in places]
    if not pts or any(pt is None for pt, _ in pts):
        return None
    d = [distance(park.location.lat, park.location.lon, pt[0], pt[1])
         for pt, _ in pts if pt is not None]
    w = [t for _, t in pts]
    if all(t is not None and t > 0 for t in w):
        return float(np.average(d, weights=[float(t) for t in w if t is not None]))
    return float(np.mean(d))


def needed_utilities(brief: Brief) -> tuple[str, ...]:
    """Park utility facts the plant needs, from its figures."""
    need = []
    if brief.value("heat_gwh_a"):
        need.append("utility_steam" if brief.heat_medium == "steam" else "utility_district_heat")
    if brief.value("gas_gwh_a"):
        need.append("utility_natural_gas")
    if brief.value("water_m3_a"):
        need.append("utility_process_water")
    if brief.value("wastewater_m3_a"):
        need.append("utility_wastewater_treatment")
    return tuple(need)


def land_fact(park: Park) -> str:
    """The land fact a plot must fit in: the largest free plot if known, else all free land."""
    return ("largest_free_plot_ha" if park.number("largest_free_plot_ha") is not None
            else "free_land_ha")


def _free_land(park: Park) -> float | None:
    return park.number(land_fact(park))


def land_need(brief: Brief) -> float | None:
    """Plot need plus expansion reserve (ha), ``None`` if the plot need is unknown."""
    land = brief.value("land_ha")
    return None if land is None else land + (brief.value("expansion_ha") or 0.0)


def site_criteria(park: Park, brief: Brief, *, bill_eur: float | None,
                  co2_intensity: PriceQuote | None, parks: Mapping[str, Park],
                  distance: DistanceFn | None = None, workforce: float | None = None,
                  distances: Mapping[str, float | None] | None = None,
                  ) -> dict[str, float | None]:
    """Every criterion of :data:`CRITERIA` for one site (``None`` = unknown).

    ``distances`` may hold precomputed ``raw_material_km`` / ``customer_km`` for this park;
    otherwise they are computed with ``distance`` (default :func:`default_distance`).
    """
    dist = distance or default_distance()
    pre = distances or {}
    need = land_need(brief)
    free = _free_land(park)
    draught, vessel = park.number("port_max_draught_m"), brief.value("vessel_draught_m")
    elec = brief.value("electricity_gwh_a")
    co2 = None
    if elec is not None and co2_intensity is not None:
        co2 = elec * co2_intensity.value  # GWh x g/kWh = t
    flags = [park.flag(u) for u in needed_utilities(brief)]
    return {
        "annual_bill_eur": bill_eur,
        "land_margin_ha": None if free is None or need is None else free - need,
        "draught_margin_m": None if draught is None or vessel is None else draught - vessel,
        "quay_distance_km": park.number("quay_distance_km"),
        "raw_material_km": pre["raw_material_km"] if "raw_material_km" in pre
        else mean_distance(park, brief.raw_materials, parks, dist),
        "customer_km": pre["customer_km"] if "customer_km" in pre
        else mean_distance(park, brief.customers, parks, dist),
        "grid_capacity_mw": park.number("grid_capacity_mw"),
        "workforce": workforce,
        "co2_t_a": co2,
        "utilities_missing": float(sum(f is not True for f in flags)),
        "completeness": park.completeness(),
    }


MUST_FACTS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType({
    "land": ("largest_free_plot_ha", "free_land_ha"), "grid": ("grid_capacity_mw",),
    "draught": ("port_max_draught_m",), "rail": ("rail_connection",),
    "zoning": ("heavy_chem_zoning",), "water": ("utility_process_water",),
    "wastewater": ("utility_wastewater_treatment",), "steam": ("utility_steam",),
    "gas": ("utility_natural_gas",)})
"""The park facts that decide each must-have (land: the largest free plot, else free land)."""


def not_applicable(park: Park, facts: Sequence[str]) -> bool:
    """Whether every one of ``facts`` is marked not applicable (an inland park's port ...)."""
    return all(park.fact(f).status is Status.NOT_APPLICABLE for f in facts)


THRESHOLD_MUSTS: Final[tuple[str, ...]] = ("land", "grid", "draught")
"""Must-haves that compare a park figure with a plant figure; the others read a yes/no fact."""


@dataclass(frozen=True, slots=True)
class Threshold:
    """A threshold must-have for one park: the fact it reads, the need and what the park has."""

    must: str
    fact: str
    need: float | None
    have: float | None
    unit: str


def must_threshold(park: Park, brief: Brief, must: str) -> Threshold:
    """The fact, need and available value of threshold must-have ``must`` (``land``,
    ``grid`` or ``draught``); ``need`` is ``None`` when the brief lacks the plant figure."""
    if must == "land":
        fact = land_fact(park)
        return Threshold(must, fact, land_need(brief), park.number(fact), "ha")
    if must == "grid":
        return Threshold(must, "grid_capacity_mw", brief.value("peak_mw"),
                         park.number("grid_capacity_mw"), "MW")
    if must == "draught":
        return Threshold(must, "port_max_draught_m", brief.value("vessel_draught_m"),
                         park.number("port_max_draught_m"), "m")
    raise KeyError(f"not a threshold must-have: {must!r}")


def must_have_checks(park: Park, brief: Brief) -> tuple[tuple[Message, bool], ...]:
    """Every failed must-have as ``(message, failed only because unknown)``.

    Messages: ``must_short`` (a threshold not met, with ``have``, ``need`` and ``unit``),
    ``must_unknown`` (the park's fact is unknown) and ``must_missing`` (the park says no, or
    marks the fact not applicable: an inland park has no port draught).
    """
    checks: list[tuple[Message, bool]] = []
    m = brief.must_haves
    for key in THRESHOLD_MUSTS:
        th = must_threshold(park, brief, key)
        if key not in m or th.need is None:
            continue
        if th.have is None and not_applicable(park, MUST_FACTS[key]):
            checks.append((message("must_missing", must=key), False))
        elif th.have is None:
            checks.append((message("must_unknown", must=key), True))
        elif th.have < th.need:
            checks.append((message("must_short", must=key, fact=th.fact, have=th.have,
                                   need=th.need, unit=th.unit),
                           False))
    for key, (fact,) in ((k, v) for k, v in MUST_FACTS.items() if k not in THRESHOLD_MUSTS):
        if key in m:
            flag = park.flag(fact)
            if flag is None and not_applicable(park, (fact,)):
                checks.append((message("must_missing", must=key), False))
            elif flag is None:
                checks.append((message("must_unknown", must=key), True))
            elif not flag:
                checks.append((message("must_missing", must=key), False))
    return tuple(checks)


def must_have_reasons(park: Park, brief: Brief, *, unknown_fails: bool = True
                      ) -> tuple[Message, ...]:
    """Every failed must-have of a park as a message (empty when it passes).

    A fact the park has not published fails the check (``must_unknown``) unless
    ``unknown_fails`` is false; a check whose plant figure the brief does not give is skipped
    (see :func:`unchecked_must_haves`).
    """
    return tuple(reason for reason, unknown in must_have_checks(park, brief)
                 if unknown_fails or not unknown)


def must_have_unknowns(park: Park, brief: Brief) -> tuple[Message, ...]:
    """Must-haves that cannot be confirmed because the park's fact is unknown."""
    return tuple(reason for reason, unknown in must_have_checks(park, brief) if unknown)


def unchecked_must_haves(brief: Brief) -> tuple[Message, ...]:
    """Must-haves that cannot be checked because the brief lacks the plant figure."""
    needs = {"land": "land_ha", "grid": "peak_mw", "draught": "vessel_draught_m"}
    return tuple(message("must_unchecked", must=k, figure=v) for k, v in needs.items()
                 if k in brief.must_haves and brief.value(v) is None)


def workforce_catchment(catalog: object, *, radius_km: float = 60.0) -> dict[str, float]:
    """Population of GeoNames cities (>= 15,000 inhabitants) within ``radius_km`` of each park.

    A proxy for the workforce catchment, from :mod:`geodata` (packaged data, no download).

    Parameters
    ----------
    catalog
        A :class:`sites.Catalog`.
    radius_km
        Commuting radius (geodesic).

    Returns
    -------
    dict
        ``{park_id: persons}``.
    """
    from geodata.layers import parks_layer, population_layer
    from geodata.measures import population_within_km

    sites = parks_layer(catalog)  # type: ignore[arg-type]
    totals = population_within_km(sites, population_layer(), radius_km=radius_km)
    return {str(i): float(v) for i, v in zip(sites["id"], totals, strict=True)}
