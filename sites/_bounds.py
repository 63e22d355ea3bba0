"""Generous WGS84 bounding boxes per country, to catch swapped or projected coordinates.

The boxes are drawn loosely around each country's mainland and islands (degrees:
min lon, min lat, max lon, max lat) and are used for validation only, never for distances.
"""

from __future__ import annotations

from typing import Final

COUNTRY_BOXES: Final[dict[str, tuple[float, float, float, float]]] = {
    "FI": (19.0, 59.5, 31.7, 70.2),
    "SE": (10.5, 55.2, 24.3, 69.2),
    "NO": (4.3, 57.8, 31.3, 71.3),
    "DK": (7.9, 54.5, 15.3, 57.9),
    "EE": (21.6, 57.4, 28.3, 59.8),
    "DE": (5.8, 47.2, 15.1, 55.1),
    "NL": (3.3, 50.7, 7.3, 53.6),
    "BE": (2.5, 49.4, 6.5, 51.6),
    "FR": (-5.2, 41.3, 9.6, 51.2),
    "PL": (14.1, 49.0, 24.2, 54.9),
    "ES": (-9.4, 35.9, 4.4, 43.9),
    "GB": (-8.7, 49.8, 1.8, 60.9),
    "AT": (9.5, 46.3, 17.2, 49.1),
    "IT": (6.6, 36.6, 18.6, 47.1),
    "CZ": (12.0, 48.5, 18.9, 51.1),
    "HU": (16.1, 45.7, 22.9, 48.6),
    "PT": (-9.6, 36.9, -6.1, 42.2),
}


def inside_country(lat: float, lon: float, country: str) -> bool | None:
    """Whether the point lies in the country's box; ``None`` when no box is known."""
    box = COUNTRY_BOXES.get(country)
    if box is None:
        return None
    min_lon, min_lat, max_lon, max_lat = box
    return min_lon <= lon <= max_lon and min_lat <= lat <= max_lat
