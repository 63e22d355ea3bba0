"""Unit conversions that are unambiguous, for imports that use a different but compatible unit."""

from __future__ import annotations

from typing import Final

# (given unit, canonical unit) -> factor to multiply the given value by
CONVERSIONS: Final[dict[tuple[str, str], float]] = {
    ("m2", "ha"): 1e-4,
    ("km2", "ha"): 100.0,
    ("acre", "ha"): 0.40468564224,
    ("acres", "ha"): 0.40468564224,
    ("EUR/kWh", "EUR/MWh"): 1000.0,
    ("c/kWh", "EUR/MWh"): 10.0,
    ("EUR/GJ", "EUR/MWh"): 3.6,
    ("EUR/ha", "EUR/m2"): 1e-4,
    ("EUR/ha/a", "EUR/m2/a"): 1e-4,
    ("m", "km"): 1e-3,
    ("GW", "MW"): 1000.0,
    ("kW", "MW"): 1e-3,
    ("V", "kV"): 1e-3,
    ("cm", "m"): 1e-2,
    ("ft", "m"): 0.3048,
}
"""Conversions applied on import, with the factor shown to the user."""

_ALIASES: Final[dict[str, str]] = {
    "m²": "m2", "km²": "km2", "€/m²": "EUR/m2", "€/m2": "EUR/m2", "eur/m2": "EUR/m2",
    "€/m²/a": "EUR/m2/a", "€/m2/a": "EUR/m2/a", "€/mwh": "EUR/MWh", "eur/mwh": "EUR/MWh",
    "€/kwh": "EUR/kWh", "eur/kwh": "EUR/kWh", "€/m³": "EUR/m3", "€/m3": "EUR/m3",
    "eur/m3": "EUR/m3", "hectares": "ha", "hectare": "ha", "kv": "kV", "mw": "MW",
}


def normalise_unit(unit: str) -> str:
    """Map common spellings (``€/MWh``, ``m²``) to the catalog's ASCII unit names."""
    stripped = unit.strip()
    return _ALIASES.get(stripped.lower(), _ALIASES.get(stripped, stripped))


def conversion_factor(given: str, canonical: str) -> float | None:
    """Factor from ``given`` to ``canonical`` unit, 1.0 if equal, ``None`` if not convertible."""
    given_n, canonical_n = normalise_unit(given), normalise_unit(canonical)
    if given_n == canonical_n:
        return 1.0
    return CONVERSIONS.get((given_n, canonical_n))
