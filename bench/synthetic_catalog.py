"""SYNTHETIC park catalogs for benchmarks and load tests only — never shipped or shown as real.

Each synthetic park copies the shape of a real profile (so it passes validation) with random,
clearly labelled values: names start with "SYNTHETIC", sources point to example.org.
"""

from __future__ import annotations

import random
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from sites._bounds import inside_country
from sites.catalog import PARKS_DIR

SYNTHETIC_SOURCE = "https://example.org/synthetic"
_BOXES = {"FI": (60.2, 21.5, 65.5, 29.5), "SE": (56.0, 12.5, 65.5, 21.0),
          "DE": (48.0, 7.0, 53.5, 14.0), "NL": (51.5, 4.5, 53.0, 6.5)}
_ZONES = {"FI": "FI", "SE": "SE3", "DE": "DE-LU", "NL": "NL"}


def synthetic_profile(index: int, rng: random.Random, template: dict[str, Any]) -> dict[str, Any]:
    country = rng.choice(list(_BOXES))
    south, west, north, east = _BOXES[country]
    lat, lon = rng.uniform(south, north), rng.uniform(west, east)
    while not inside_country(lat, lon, country):  # keep synthetic parks on land
        lat, lon = rng.uniform(south, north), rng.uniform(west, east)
    facts: dict[str, Any] = {}
    for name, fact in template["facts"].items():
        entry = dict(fact)
        if fact.get("status") != "unknown" and isinstance(fact.get("value"), int | float) \
                and not isinstance(fact.get("value"), bool):
            entry["value"] = round(float(fact["value"]) * rng.uniform(0.3, 1.7), 2)
            if name == "rail_gauge_mm":
                entry["value"] = rng.choice([1435, 1524])
            if name == "port_max_draught_m":
                entry["value"] = round(rng.uniform(6, 15.3), 1)
        if fact.get("status") != "unknown":
            entry["source"] = SYNTHETIC_SOURCE
            entry["note"] = "SYNTHETIC benchmark value"
        facts[name] = entry
    return {
        "id": f"synthetic-{index:06d}", "name": f"SYNTHETIC park {index}", "country": country,
        "municipality": f"Synthetic town {index % 97}", "region": "Synthetic region",
        "bidding_zone": _ZONES[country],
        "location": {"lat": round(lat, 5), "lon": round(lon, 5), "precision_m": 1000,
                     "source": SYNTHETIC_SOURCE, "note": "SYNTHETIC"},
        "facts": facts,
    }


def write_catalog(directory: Path, n: int, *, seed: int = 7) -> Path:
    """Write ``n`` synthetic TOML profiles into ``directory`` (created if needed)."""
    template = tomllib.loads((PARKS_DIR / "kokkola-kip.toml").read_text(encoding="utf-8"))
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        profile = synthetic_profile(i, rng, template)
        (directory / f"{profile['id']}.toml").write_bytes(tomli_w.dumps(profile).encode())
    return directory
