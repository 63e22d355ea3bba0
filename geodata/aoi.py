"""Areas of interest: filter parks by a radius, a bounding box or a drawn polygon (pure).

Drawn shapes come as GeoJSON from folium's Draw plugin through streamlit-folium
(``last_active_drawing`` / ``all_drawings``): polygons and rectangles as ``Polygon`` features, and
circles as ``Point`` features with ``properties.radius`` in metres.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.errors import ShapelyError
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geodata._errors import GeodataError
from geodata.measures import geodesic_km, latlon, validate_latlon


def within_radius(sites: gpd.GeoDataFrame, *, lat: float, lon: float,
                  radius_km: float) -> gpd.GeoDataFrame:
    """Sites whose geodesic distance to ``(lat, lon)`` is at most ``radius_km``.

    Parameters
    ----------
    sites
        Layer in EPSG:4326.
    lat, lon
        Centre in degrees.
    radius_km
        Radius in km (non-negative).

    Returns
    -------
    geopandas.GeoDataFrame
        The matching rows of ``sites`` (same index and columns).
    """
    validate_latlon(lat, lon)
    if not radius_km >= 0:
        raise GeodataError("radius_km must be a non-negative number")
    slat, slon = latlon(sites)
    return sites[geodesic_km(slat, slon, lat, lon) <= radius_km]


def within_bbox(sites: gpd.GeoDataFrame, *, west: float, south: float, east: float,
                north: float) -> gpd.GeoDataFrame:
    """Sites inside a longitude/latitude box (edges included).

    A box with ``west > east`` crosses the antimeridian.

    Parameters
    ----------
    sites
        Layer in EPSG:4326.
    west, south, east, north
        Box edges in degrees.

    Returns
    -------
    geopandas.GeoDataFrame
        The matching rows of ``sites``.
    """
    validate_latlon([south, north], [west, east])
    if south > north:
        raise GeodataError("south must not be greater than north")
    slat, slon = latlon(sites)
    in_lat = (slat >= south) & (slat <= north)
    wraps = west > east  # the box crosses the antimeridian
    in_lon = ((slon >= west) | (slon <= east)) if wraps else ((slon >= west) & (slon <= east))
    return sites[in_lat & in_lon]


def within_polygon(sites: gpd.GeoDataFrame, polygon: BaseGeometry) -> gpd.GeoDataFrame:
    """Sites covered by a (multi)polygon in EPSG:4326 (points on the boundary count)."""
    if polygon.geom_type not in {"Polygon", "MultiPolygon"} or polygon.is_empty:
        raise GeodataError(f"expected a non-empty polygon, got {polygon.geom_type}")
    slat, slon = latlon(sites)
    return sites[shapely.covers(polygon, shapely.points(slon, slat))]


def within_drawing(sites: gpd.GeoDataFrame, drawing: Mapping[str, Any]) -> gpd.GeoDataFrame:
    """Sites inside a shape drawn with folium Draw (a GeoJSON Feature or geometry).

    Parameters
    ----------
    sites
        Layer in EPSG:4326.
    drawing
        A GeoJSON ``Feature`` (or bare geometry): ``Polygon``/``MultiPolygon``, or a ``Point``
        with ``properties.radius`` in metres (Leaflet.draw's circle).

    Returns
    -------
    geopandas.GeoDataFrame
        The matching rows of ``sites``.

    Raises
    ------
    GeodataError
        For anything that is not such a shape (the drawing is user input).
    """
    geometry = drawing.get("geometry", drawing) if drawing.get("type") == "Feature" else drawing
    try:
        geom = shape(geometry)
    except (KeyError, TypeError, ValueError, AttributeError, ShapelyError) as exc:
        raise GeodataError(f"not a GeoJSON geometry: {exc}") from exc
    if geom.geom_type == "Point":
        properties = drawing.get("properties") or {}
        radius = properties.get("radius") if isinstance(properties, Mapping) else None
        if not isinstance(radius, int | float) or not np.isfinite(radius):
            raise GeodataError("a drawn point needs properties.radius in metres (a circle)")
        return within_radius(sites, lat=geom.y, lon=geom.x, radius_km=float(radius) / 1000.0)
    return within_polygon(sites, geom)


def country_of(sites: gpd.GeoDataFrame, countries: gpd.GeoDataFrame, *,
               code_column: str = "iso_a2", tolerance_km: float = 25.0) -> pd.Series:
    """ISO code of the country polygon containing (or within ``tolerance_km`` of) each site.

    The shipped Natural Earth 1:110m outlines are coarse: coastal sites can fall a few km into
    the sea, hence the tolerance (the nearest polygon within it is taken).

    Parameters
    ----------
    sites
        Layer in EPSG:4326.
    countries
        The ``countries`` layer (or any polygons with ``code_column``).
    code_column
        Column holding the country code.
    tolerance_km
        How far outside every polygon a site may be and still get the nearest one.

    Returns
    -------
    pandas.Series
        Country codes (``None`` when no polygon is close enough), indexed like ``sites``.
    """
    slat, slon = latlon(sites)
    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(slon, slat), crs="EPSG:4326",
                           index=sites.index)
    metric = "EPSG:3035"  # ETRS89-LAEA Europe: metres, for the tolerance only
    polygons = countries[[code_column, "geometry"]].to_crs(metric)
    joined = gpd.sjoin_nearest(pts.to_crs(metric), polygons, how="left",
                               max_distance=max(tolerance_km * 1000.0, 1e-3))
    codes = joined[~joined.index.duplicated()][code_column]
    return pd.Series(codes.astype(object).where(codes.notna(), None), index=sites.index,
                     name="country_code")


MAX_DRAWINGS = 100
"""More shapes than this in one area of interest are refused (the drawings are user input)."""


def within_drawings(sites: gpd.GeoDataFrame, drawings: Sequence[Mapping[str, Any]]
                    ) -> gpd.GeoDataFrame:
    """Sites inside any of several drawn shapes (streamlit-folium's ``all_drawings``).

    Parameters
    ----------
    sites
        Layer in EPSG:4326.
    drawings
        GeoJSON features as accepted by :func:`within_drawing`; an empty sequence keeps no site.

    Returns
    -------
    geopandas.GeoDataFrame
        The matching rows of ``sites``, each once, in their original order.

    Raises
    ------
    GeodataError
        When ``drawings`` is not a sequence of shapes, or holds more than :data:`MAX_DRAWINGS`.
    """
    if isinstance(drawings, str | bytes | Mapping) or not isinstance(drawings, Sequence):
        raise GeodataError("drawings must be a list of GeoJSON features")
    if len(drawings) > MAX_DRAWINGS:
        raise GeodataError(f"at most {MAX_DRAWINGS} drawn shapes, got {len(drawings)}")
    positional = sites.reset_index(drop=True)
    inside = np.zeros(len(sites), dtype=bool)
    for drawing in drawings:
        if not isinstance(drawing, Mapping):
            raise GeodataError("each drawing must be a GeoJSON feature")
        inside[within_drawing(positional, drawing).index.to_numpy()] = True
    return sites[inside]
