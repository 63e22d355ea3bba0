"""The investor's brief: what the plant needs, what must be true, what matters how much.

A brief is a TOML file (see ``metrics/templates``) loaded into an immutable :class:`Brief`.
Every plant figure says where it comes from: a source URL, an estimate with its basis, the
user's own input, or ``unknown`` (then no cost line or check can use it, and the gap is shown).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Literal

from metrics.errors import BriefError

TEMPLATE_DIR: Final = Path(__file__).resolve().parent / "templates"

FIGURES: Final[Mapping[str, str]] = MappingProxyType({
    "capacity_t_a": "t/a",
    "land_ha": "ha",
    "expansion_ha": "ha",
    "peak_mw": "MW",
    "electricity_gwh_a": "GWh/a",
    "heat_gwh_a": "GWh/a",
    "gas_gwh_a": "GWh/a",
    "water_m3_a": "m3/a",
    "wastewater_m3_a": "m3/a",
    "sea_freight_t_a": "t/a",
    "vessel_draught_m": "m",
})
"""Plant figures a brief may give, with their units."""

MUST_HAVES: Final[Mapping[str, str]] = MappingProxyType({
    "land": "free land >= land need + expansion reserve",
    "grid": "available grid capacity >= peak power",
    "draught": "port draught >= design-vessel draught",
    "rail": "rail connection",
    "zoning": "zoning for hazardous chemicals",
    "water": "process water on site",
    "wastewater": "wastewater treatment on site",
    "steam": "steam on site",
    "gas": "natural gas on site",
})
"""Must-haves a brief may require, with their meaning."""

Basis = Literal["source", "estimate", "user", "unknown"]
ElectricityMethod = Literal["spot", "band"]
LandMode = Literal["lease", "purchase"]
MissingPolicy = Literal["unpriced", "worst", "median", "value"]


@dataclass(frozen=True, slots=True)
class Figure:
    """One plant figure with its provenance.

    ``basis`` is ``source`` (``source`` holds the URL), ``estimate`` (``note`` says how it
    was derived), ``user`` (the investor's own number) or ``unknown`` (``value`` is None).

    ``low`` .. ``high`` is the range that real plants give for the figure (the note says which
    plants); ``value`` is then the typical figure inside it, used for the point bill. A range
    written without a typical value takes its midpoint as the point value (basis ``estimate``).
    """

    value: float | None
    unit: str
    basis: Basis
    source: str = ""
    note: str = ""
    low: float | None = None
    high: float | None = None

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None

    def interval(self) -> tuple[float, float] | None:
        """``(low, high)`` for a range, ``(v, v)`` for a value, ``None`` when unknown."""
        if self.low is not None and self.high is not None:
            return (self.low, self.high)
        return None if self.value is None else (self.value, self.value)


@dataclass(frozen=True, slots=True)
class Place:
    """A raw-material origin or customer: a catalog park id or a WGS84 point."""

    name: str
    park: str = ""
    lat: float | None = None
    lon: float | None = None
    t_a: float | None = None


@dataclass(frozen=True, slots=True)
class Pricing:
    """How the annual bill is priced.

    Attributes
    ----------
    electricity
        ``spot`` (zone spot mean of ``spot_years`` + transmission + industry electricity tax)
        or ``band`` (Eurostat all-in band price for the plant's consumption).
    spot_years
        Years averaged for the spot price.
    band_period
        Eurostat period (``2024-S2``); latest when empty.
    land
        ``lease`` or ``purchase`` (annualised with the capital recovery factor).
    discount_rate, horizon_years
        For annualising a land purchase.
    missing
        Policy for a missing price: ``unpriced`` (line left without cost, site flagged),
        ``worst`` (highest price among the sites scored), ``median`` (peer median) or ``value``
        (the user's ``values``).
    values
        User prices by quantity name (in the price table's canonical unit).
    """

    electricity: ElectricityMethod = "spot"
    spot_years: tuple[str, ...] = ("2023", "2024", "2025")
    band_period: str = ""
    land: LandMode = "lease"
    discount_rate: float = 0.08
    horizon_years: int = 25
    missing: MissingPolicy = "unpriced"
    values: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))


@dataclass(frozen=True, slots=True)
class Brief:
    """An investor's brief. Build with :func:`load_brief` or :func:`parse_brief`."""

    name: str
    template: str
    figures: Mapping[str, Figure]
    rail_needed: bool = False
    hazardous_zoning: bool = False
    heat_medium: Literal["steam", "district_heat"] = "steam"
    startup_year: int | None = None
    raw_materials: tuple[Place, ...] = ()
    customers: tuple[Place, ...] = ()
    must_haves: frozenset[str] = frozenset()
    weights: Mapping[str, float] = field(default_factory=dict)
    pricing: Pricing = field(default_factory=Pricing)
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "figures", MappingProxyType(dict(self.figures)))
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))

    def value(self, name: str) -> float | None:
        """A figure's value, or ``None`` when unknown or not given."""
        fig = self.figures.get(name)
        return fig.value if fig is not None else None

    def with_figure(self, name: str, value: float, *, note: str = "") -> Brief:
        """A copy with one figure replaced by the user's own value."""
        if name not in FIGURES:
            raise BriefError(f"unknown figure {name!r}; expected one of {', '.join(FIGURES)}")
        figs = dict(self.figures)
        figs[name] = Figure(float(value), FIGURES[name], "user", note=note)
        return replace(self, figures=figs)


def _figure(name: str, raw: object, where: str) -> Figure:
    unit = FIGURES[name]
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if raw < 0:
            raise BriefError(f"{where}: {name} must be a non-negative number; got {raw!r}")
        return Figure(float(raw), unit, "user")
    if not isinstance(raw, dict):
        raise BriefError(f"{where}: {name} must be a number or a table")
    value = raw.get("value")
    source, note = str(raw.get("source", "")), str(raw.get("note", ""))
    status = raw.get("status", "")
    low, high = _range(name, raw, where)
    if value is None and low is not None and high is not None:
        if not note:
            raise BriefError(f"{where}: {name} is a range without a note on its basis")
        value, status = (low + high) / 2, "estimate"
    if value is None:
        if status != "unknown":
            raise BriefError(f"{where}: {name} has no value; write status = \"unknown\"")
        return Figure(None, unit, "unknown", source, note)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise BriefError(f"{where}: {name} must be a non-negative number; got {value!r}")
    if source:
        if not source.startswith(("http://", "https://")):
            raise BriefError(f"{where}: {name} source must be an http(s) URL")
        basis: Basis = "source"
    elif status == "estimate":
        if not note:
            raise BriefError(f"{where}: {name} is an estimate without a note on its basis")
        basis = "estimate"
    else:
        basis = "user"
    if raw.get("unit", unit) != unit:
        raise BriefError(f"{where}: {name} must be in {unit}; got {raw.get('unit')!r}")
    if low is not None and high is not None and not low <= value <= high:
        raise BriefError(f"{where}: {name} value {value!r} must lie in its range "
                         f"{low!r}..{high!r}")
    return Figure(float(value), unit, basis, source, note, low, high)


def _range(name: str, raw: Mapping[str, Any], where: str) -> tuple[float | None, float | None]:
    """A figure's ``low`` and ``high`` (both or neither; non-negative; ``low <= high``)."""
    low, high = raw.get("low"), raw.get("high")
    if low is None and high is None:
        return None, None
    numbers = [v for v in (low, high)
               if isinstance(v, int | float) and not isinstance(v, bool) and v >= 0]
    if len(numbers) != 2 or low > high:  # type: ignore[operator]
        raise BriefError(f"{where}: {name} needs both low and high, non-negative numbers with "
                         f"low <= high; got low={low!r}, high={high!r}")
    return float(low), float(high)  # type: ignore[arg-type]


def _place(raw: object, where: str) -> Place:
    if not isinstance(raw, dict) or not raw.get("name"):
        raise BriefError(f"{where}: a place needs a name and a park id or lat/lon")
    lat, lon = raw.get("lat"), raw.get("lon")
    park = str(raw.get("park", ""))
    if not park and not (isinstance(lat, int | float) and isinstance(lon, int | float)):
        raise BriefError(f"{where}: place {raw['name']!r} needs a park id or lat and lon")
    if lat is not None and not (isinstance(lat, int | float) and -90 <= lat <= 90
                                and isinstance(lon, int | float) and -180 <= lon <= 180):
        raise BriefError(f"{where}: place {raw['name']!r} has invalid coordinates")
    t_a = raw.get("t_a")
    return Place(str(raw["name"]), park, None if lat is None else float(lat),
                 None if lon is None else float(lon),
                 None if t_a is None else float(t_a))


def _pricing(raw: Mapping[str, Any], where: str) -> Pricing:
    p = Pricing()
    choices = {"electricity": ("spot", "band"), "land": ("lease", "purchase"),
               "missing": ("unpriced", "worst", "median", "value")}
    kwargs: dict[str, Any] = {}
    for key, allowed in choices.items():
        if key in raw:
            if raw[key] not in allowed:
                raise BriefError(f"{where}: pricing.{key} must be one of {', '.join(allowed)}")
            kwargs[key] = raw[key]
    if "spot_years" in raw:
        kwargs["spot_years"] = tuple(str(y) for y in raw["spot_years"])
        if not kwargs["spot_years"]:
            raise BriefError(f"{where}: pricing.spot_years is empty")
    if "band_period" in raw:
        kwargs["band_period"] = str(raw["band_period"])
    rate = raw.get("discount_rate", p.discount_rate)
    years = raw.get("horizon_years", p.horizon_years)
    if not isinstance(rate, int | float) or not 0 <= rate < 1:
        raise BriefError(f"{where}: pricing.discount_rate must be in [0, 1)")
    if not isinstance(years, int) or years < 1:
        raise BriefError(f"{where}: pricing.horizon_years must be a positive integer")
    values = raw.get("values", {})
    if not isinstance(values, dict) or not all(
            isinstance(v, int | float) and v >= 0 for v in values.values()):
        raise BriefError(f"{where}: pricing.values must map quantities to numbers >= 0")
    if kwargs.get("missing") == "value" and not values:
        raise BriefError(f"{where}: pricing.missing = \"value\" needs pricing.values")
    return replace(p, **kwargs, discount_rate=float(rate), horizon_years=years,
                   values={k: float(v) for k, v in values.items()})


def parse_brief(data: Mapping[str, Any], *, origin: str = "brief") -> Brief:
    """Validate a brief mapping (parsed TOML) and build a :class:`Brief`."""
    if not data.get("name"):
        raise BriefError(f"{origin}: a brief needs a name")
    plant = data.get("plant", {})
    unknown = set(plant) - set(FIGURES) - {"rail_needed", "hazardous_zoning", "heat_medium"}
    if unknown:
        raise BriefError(f"{origin}: unknown plant field(s) {', '.join(sorted(unknown))}")
    figures = {n: _figure(n, plant[n], origin) for n in FIGURES if n in plant}
    musts = data.get("must_haves", [])
    bad = [m for m in musts if m not in MUST_HAVES]
    if bad:
        raise BriefError(f"{origin}: unknown must-have(s) {', '.join(bad)}; expected "
                         + ", ".join(MUST_HAVES))
    weights = data.get("weights", {})
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and v >= 0
               for v in weights.values()):
        raise BriefError(f"{origin}: weights must be numbers >= 0")
    heat = plant.get("heat_medium", "steam")
    if heat not in ("steam", "district_heat"):
        raise BriefError(f"{origin}: heat_medium must be steam or district_heat")
    year = data.get("startup_year")
    if year is not None and not isinstance(year, int):
        raise BriefError(f"{origin}: startup_year must be an integer")
    return Brief(
        name=str(data["name"]), template=str(data.get("template", "custom")), figures=figures,
        rail_needed=bool(plant.get("rail_needed", False)),
        hazardous_zoning=bool(plant.get("hazardous_zoning", False)), heat_medium=heat,
        startup_year=year,
        raw_materials=tuple(_place(r, origin) for r in data.get("raw_materials", [])),
        customers=tuple(_place(r, origin) for r in data.get("customers", [])),
        must_haves=frozenset(musts), weights={k: float(v) for k, v in weights.items()},
        pricing=_pricing(data.get("pricing", {}), origin),
        description=str(data.get("description", "")),
    )


def load_brief(path: str | Path) -> Brief:
    """Read and validate a brief TOML file."""
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BriefError(f"{file}: cannot read: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise BriefError(f"{file}: invalid TOML: {exc}") from None
    return parse_brief(data, origin=file.name)


def template_names() -> tuple[str, ...]:
    """Names of the shipped plant templates."""
    return tuple(sorted(p.stem for p in TEMPLATE_DIR.glob("*.toml")))


def load_template(name: str) -> Brief:
    """A shipped plant template by name (``pcam``, ``cam``, ``lioh``, ...)."""
    if name not in template_names():
        raise BriefError(
            f"unknown template {name!r}; expected one of {', '.join(template_names())}")
    return load_brief(TEMPLATE_DIR / f"{name}.toml")
