"""Spatial layers, geodesic measures, areas of interest, maps and exports for parkbench.

Modules: :mod:`geodata.layers` (registry and loading), :mod:`geodata.measures` (distances,
nearest feature, catchments), :mod:`geodata.aoi` (areas of interest), :mod:`geodata.maps`
(folium maps, offline-safe), :mod:`geodata.io` (GeoPackage/GeoJSON export),
:mod:`geodata.cli` (``python -m geodata``).

The names below are imported from their module when first used: importing one module of the
package (the dashboard's first view needs only :mod:`geodata.maps`) does not load geopandas,
shapely, pyproj and pyogrio for the others (about 0.1 s of CPU on a cold server start).
"""

from __future__ import annotations

import importlib
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from geodata._errors import ConditionError, CoordinateError, GeodataError, UnknownLayerError

if TYPE_CHECKING:
    from geodata.aoi import (
        country_of,
        within_bbox,
        within_drawing,
        within_drawings,
        within_polygon,
        within_radius,
    )
    from geodata.io import export_gpkg, geojson_bytes, geojson_text, gpkg_bytes
    from geodata.layers import LAYERS, LayerInfo, layer_names, load_layer
    from geodata.maps import build_park_map, escape_text, map_html
    from geodata.measures import (
        ROAD_DETOUR_FACTOR,
        distance_matrix_km,
        distance_to_point_km,
        filter_features,
        geodesic_km,
        nearest,
        parse_condition,
        population_within_km,
        road_distance_km,
    )

_MODULES: Final = MappingProxyType({
    "geodata.aoi": ("country_of", "within_bbox", "within_drawing", "within_drawings",
                    "within_polygon", "within_radius"),
    "geodata.io": ("export_gpkg", "geojson_bytes", "geojson_text", "gpkg_bytes"),
    "geodata.layers": ("LAYERS", "LayerInfo", "layer_names", "load_layer"),
    "geodata.maps": ("build_park_map", "escape_text", "map_html"),
    "geodata.measures": ("ROAD_DETOUR_FACTOR", "distance_matrix_km", "distance_to_point_km",
                         "filter_features", "geodesic_km", "nearest", "parse_condition",
                         "population_within_km", "road_distance_km"),
})
_HOME: Final = MappingProxyType({name: module for module, names in _MODULES.items()
                                 for name in names})


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'geodata' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "LAYERS", "ROAD_DETOUR_FACTOR", "ConditionError", "CoordinateError", "GeodataError",
    "LayerInfo", "UnknownLayerError", "build_park_map", "country_of", "distance_matrix_km",
    "distance_to_point_km", "escape_text", "export_gpkg", "filter_features", "geodesic_km",
    "geojson_bytes", "geojson_text", "gpkg_bytes", "layer_names", "load_layer", "map_html",
    "nearest", "parse_condition", "population_within_km", "road_distance_km", "within_bbox",
    "within_drawing", "within_drawings", "within_polygon", "within_radius",
]
