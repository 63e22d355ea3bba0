"""Exports: one GeoPackage with a layer per dataset, and GeoJSON (files or bytes).

GeoPackage and GeoJSON are written with pyogrio (GDAL bundled in its wheel) and open in QGIS.
The park layer is exported with every fact's status, source and as-of date
(:func:`geodata.layers.sourced_parks_layer`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import geopandas as gpd
import pyogrio

from geodata.layers import LAYERS, export_layer

EXPORT_LAYERS: tuple[str, ...] = tuple(LAYERS)


def _gpkg_ready(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Copy with column types GeoPackage accepts (lists and dicts become text)."""
    out = gdf.copy()
    for column in out.columns:
        if column != out.geometry.name and out[column].dtype == object:
            out[column] = out[column].map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, list | tuple) else v)
    return out


def collect_layers(names: Iterable[str] = EXPORT_LAYERS, *,
                   layers: Mapping[str, gpd.GeoDataFrame] | None = None,
                   ) -> dict[str, gpd.GeoDataFrame]:
    """The layers to export: given ``layers`` first, the rest loaded by name (parks with the
    provenance of every fact)."""
    given = dict(layers or {})
    return {name: given[name] if name in given else export_layer(name) for name in names}


def export_gpkg(path: str | Path, *, names: Iterable[str] = EXPORT_LAYERS,
                layers: Mapping[str, gpd.GeoDataFrame] | None = None) -> Path:
    """Write a GeoPackage with one layer per dataset (EPSG:4326).

    Parameters
    ----------
    path
        Output file (replaced if it exists).
    names
        Layers to include (default: every registered layer).
    layers
        Already loaded layers by name (e.g. the dashboard's scored parks); others are loaded.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    target = Path(path)
    target.unlink(missing_ok=True)
    for name, gdf in collect_layers(names, layers=layers).items():
        pyogrio.write_dataframe(_gpkg_ready(gdf), target, layer=name, driver="GPKG",
                                append=target.exists())
    return target


def gpkg_bytes(*, names: Iterable[str] = EXPORT_LAYERS,
               layers: Mapping[str, gpd.GeoDataFrame] | None = None) -> bytes:
    """The GeoPackage of :func:`export_gpkg` as bytes (for a download button)."""
    with tempfile.TemporaryDirectory() as tmp:
        return export_gpkg(Path(tmp) / "parkbench.gpkg", names=names, layers=layers).read_bytes()


def geojson_text(gdf: gpd.GeoDataFrame) -> str:
    """A layer as GeoJSON text in EPSG:4326 (RFC 7946 axis order: lon, lat)."""
    return str(_gpkg_ready(gdf).to_crs("EPSG:4326").to_json(drop_id=True, na="null"))


def geojson_bytes(name: str, *, layer: gpd.GeoDataFrame | None = None) -> bytes:
    """One layer as UTF-8 GeoJSON bytes (loaded by name unless ``layer`` is given)."""
    return geojson_text(layer if layer is not None else export_layer(name)).encode("utf-8")
