"""GeoJSON submissions and coordinates given in a projected CRS (metres instead of degrees)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Final

from sites._bounds import inside_country
from sites.errors import Problem, short
from sites.problems import FILE, problem

PROJECTED_GUESSES: Final = (
    (3067, "ETRS-TM35FIN"), (3006, "SWEREF99 TM"), (25833, "ETRS89 / UTM 33N"),
    (25832, "ETRS89 / UTM 32N"), (25835, "ETRS89 / UTM 35N"), (3857, "Web Mercator"),
)
"""Projected CRSs tried, in order, to explain coordinates given in metres."""
_WGS84_NAMES: Final = frozenset({"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84",
                                 "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"})


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def guess_projection(easting: float, northing: float, *, country: str | None
                     ) -> tuple[int, str, float, float] | None:
    """The first CRS in :data:`PROJECTED_GUESSES` that puts the point inside ``country``.

    Returns ``(epsg, name, lat, lon)``; ``None`` when no guess lands in the country's box.
    """
    if not country:
        return None
    from pyproj import Transformer

    for epsg, name in PROJECTED_GUESSES:
        transformer = Transformer.from_crs(epsg, 4326, always_xy=True)
        lon, lat = transformer.transform(easting, northing)
        if math.isfinite(lat) and math.isfinite(lon) and inside_country(lat, lon, country):
            return epsg, name, round(lat, 6), round(lon, 6)
    return None


def projected_hint(data: Mapping[str, Any], *, origin: str) -> list[Problem]:
    """A problem explaining ``location.lat``/``lon`` that look like metres, with WGS84 values."""
    location = data.get("location")
    if not isinstance(location, Mapping):
        return []
    lat, lon = _number(location.get("lat")), _number(location.get("lon"))
    if lat is None or lon is None or max(abs(lat), abs(lon)) <= 1000:
        return []
    country = data.get("country") if isinstance(data.get("country"), str) else None
    easting, northing = min(lat, lon), max(lat, lon)  # northings exceed eastings in Europe
    guess = guess_projection(easting, northing, country=country)
    shown = f"lat {lat:.0f}, lon {lon:.0f}"
    if guess is None:
        return [problem(origin, "location", "projected_unknown", shown)]
    epsg, name, wgs_lat, wgs_lon = guess
    return [problem(origin, "location", "projected_guess", shown, epsg=str(epsg), crs=name,
                    lat=wgs_lat, lon=wgs_lon)]


def geojson_to_profile(document: object, *, origin: str
                       ) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Profile mapping from a Feature's properties, with ``location.lat/lon`` from its Point."""
    feature, problems = _single_feature(document, origin=origin)
    if feature is None:
        return None, problems
    properties = feature.get("properties")
    if not isinstance(properties, Mapping):
        return None, [problem(origin, "properties", "properties_missing")]
    data = dict(properties)
    location = data.get("location", {})
    if not isinstance(location, Mapping):
        return None, [problem(origin, "properties.location", "location_not_object",
                              short(location))]
    point, problems = _point(feature.get("geometry"), origin=origin, crs=_crs(document, feature))
    if point is None:
        return None, problems
    location = dict(location)
    for key, value in zip(("lon", "lat"), point, strict=True):
        given = _number(location.get(key))
        if given is not None and abs(given - value) > 1e-6:
            problems.append(problem(origin, f"properties.location.{key}", "geometry_differs",
                                    short(location.get(key)), geometry=value))
        location[key] = value
    data["location"] = location
    return (None if problems else data), problems


def _single_feature(document: object, *, origin: str
                    ) -> tuple[Mapping[str, Any] | None, list[Problem]]:
    if not isinstance(document, Mapping):
        return None, [problem(origin, FILE, "not_geojson_object")]
    if document.get("type") == "FeatureCollection":
        features = document.get("features")
        if not isinstance(features, list) or len(features) != 1:
            count = len(features) if isinstance(features, list) else 0
            return None, [problem(origin, "features", "feature_count", count=count)]
        document = features[0]
        if not isinstance(document, Mapping):
            return None, [problem(origin, "features[0]", "feature_not_object")]
    if document.get("type") != "Feature":
        return None, [problem(origin, "type", "not_feature", short(document.get("type")))]
    return document, []


def _crs(document: object, feature: Mapping[str, Any]) -> str | None:
    for holder in (feature, document):
        crs = holder.get("crs") if isinstance(holder, Mapping) else None
        if isinstance(crs, Mapping) and isinstance(crs.get("properties"), Mapping):
            name = crs["properties"].get("name")
            return name if isinstance(name, str) else short(name)
    return None


def _point(geometry: object, *, origin: str, crs: str | None
           ) -> tuple[tuple[float, float] | None, list[Problem]]:
    if crs is not None and crs not in _WGS84_NAMES:
        return None, [problem(origin, "crs", "crs_projected", short(crs))]
    if not isinstance(geometry, Mapping) or geometry.get("type") != "Point":
        kind = geometry.get("type") if isinstance(geometry, Mapping) else geometry
        return None, [problem(origin, "geometry", "not_point", short(kind))]
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) not in (2, 3):
        return None, [problem(origin, "geometry.coordinates", "not_position",
                              short(coordinates))]
    lon, lat = _number(coordinates[0]), _number(coordinates[1])
    if lon is None or lat is None:
        return None, [problem(origin, "geometry.coordinates", "coordinates_not_finite",
                              short(coordinates))]
    return (lon, lat), []
