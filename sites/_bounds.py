"""Is a point inside the park's country? A bounding-box check, then the Natural Earth outline.

The boxes (min lon, min lat, max lon, max lat) catch swapped or projected coordinates at once;
the outline test then measures the distance from the point to the country's 1:110m polygon in
the ETRS89 LAEA projection (EPSG:3035, metres) and accepts up to ``TOLERANCE_M``, because the
coarse coastlines can put a harbour-side park a few kilometres into the sea.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
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
COUNTRIES_FILE: Final = Path(__file__).resolve().parents[1] / "geodata" / "data" / \
    "countries.geojson"
TOLERANCE_M: Final = 25_000.0


LAEA_PIPELINE: Final = ("+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
                        "+step +proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 "
                        "+ellps=GRS80")
"""EPSG:4326 (lon, lat) → EPSG:3035 as PROJ's own definition of the projection: the same numbers
as ``Transformer.from_crs(4326, 3035, always_xy=True)`` (``tests/sites/test_bounds.py``) without
its CRS database lookup, about 0.05-0.1 s of a cold start."""


@cache
def _to_laea() -> object:
    import pyproj

    return pyproj.Transformer.from_pipeline(LAEA_PIPELINE)


@cache
def _outlines() -> dict[str, object]:
    """Country polygons in EPSG:3035 by ISO code (read once; shapely geometries are immutable)."""
    import numpy as np
    import shapely
    from shapely.geometry import shape

    if not COUNTRIES_FILE.exists():
        return {}
    to_laea = _to_laea()

    def project(coords: np.ndarray) -> np.ndarray:
        x, y = to_laea.transform(coords[:, 0], coords[:, 1])  # type: ignore[attr-defined]
        return np.column_stack([x, y])

    outlines: dict[str, object] = {}
    for feature in json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))["features"]:
        code = feature["properties"].get("iso_a2")
        if code in COUNTRY_BOXES:
            outlines[code] = shapely.transform(shape(feature["geometry"]), project)
    return outlines


def inside_country(lat: float, lon: float, country: str) -> bool | None:
    """Whether the point lies in (or within 25 km of) the country; ``None`` if not known."""
    box = COUNTRY_BOXES.get(country)
    if box is None:
        return None
    min_lon, min_lat, max_lon, max_lat = box
    if not (min_lon <= lon <= max_lon and min_lat <= lat <= max_lat):
        return False
    outline = _outlines().get(country)
    if outline is None:
        return True
    from shapely.geometry import Point

    x, y = _to_laea().transform(lon, lat)  # type: ignore[attr-defined]
    return bool(outline.distance(Point(x, y)) <= TOLERANCE_M)  # type: ignore[attr-defined]
