"""The park map inside Streamlit: a cached base map plus a per-scenario parks layer.

The base map (country outlines, overlay layers, draw toolbar) is rendered to its HTML and
script strings once per server and language and cached; every rerun only renders the parks
layer and hands it to the streamlit-folium component as ``feature_group``. The component key
depends on the base script alone, so a weight change recolours the parks without reloading the
map or losing the user's zoom.

All streamlit-folium calls go through :mod:`ui.folium_adapter` (version-checked); the map is
covered by an AppTest and a real-browser test.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Final

import folium
import pandas as pd
import streamlit as st

from geodata.maps import (
    Legend,
    MapText,
    add_area_of_interest,
    build_base_map,
    local_assets,
    park_layer,
)
from report.i18n import catalog as messages
from report.i18n import format_number, slug, translate
from ui import folium_adapter, persist
from ui.i18n import current_language

if TYPE_CHECKING:
    import geopandas as gpd

OVERLAYS = ("ports", "airports", "raw_materials", "customers", "universities")
CLUSTER_THRESHOLD = 500
RETURNED = ("last_object_clicked", "last_object_clicked_tooltip", "all_drawings")
"""The events that rerun the app: park clicks and, in drawing mode, the shapes on the draw layer
(``last_active_drawing`` would also change on a click on any map layer, see :mod:`ui.aoi`)."""


@st.cache_resource(show_spinner=False)
def _layer(name: str) -> gpd.GeoDataFrame:
    """A shipped layer, loaded once per server (shared: never mutate it)."""
    from geodata.layers import load_layer  # geopandas and pyogrio: not for a kept base map

    return load_layer(name)


def overlays(names: Sequence[str] = OVERLAYS) -> dict[str, gpd.GeoDataFrame]:
    return {name: _layer(name) for name in names}


def countries() -> gpd.GeoDataFrame:
    return _layer("countries")


def population() -> gpd.GeoDataFrame:
    return _layer("population")


@dataclass(frozen=True)
class BaseMap:
    """The rendered strings of a base map (immutable, safe to share between sessions)."""

    rendered: folium_adapter.RenderedMap
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


@cache
def map_text(language: str) -> MapText:
    """The map's words in ``language`` from the catalog (``map.*``): tooltips, layer names,
    overlay details, legend, the draw toolbar; numbers with the language's separators."""
    def tr(key: str) -> str:
        return translate(key, language)

    def value(layer: str, column: str, raw: object) -> str | None:
        prefix = {"draught_status": "map.draught.", "type": "map.type.",
                  "status": "map.status."}.get(column)
        if prefix is None:
            return None
        key = prefix + slug(raw)
        text = tr(key)
        return None if text == key else text

    draw: dict[str, object] = {}
    for key, text in messages(language).items():
        if key.startswith("map.draw."):
            *path, leaf = key.removeprefix("map.draw.").split(".")
            node = draw
            for part in path:
                node = node.setdefault(part, {})  # type: ignore[assignment]
            node[leaf] = text
    return MapText(
        fails=tr("map.fails"), fails_default=tr("map.fails_default"),
        unknown=tr("status.unknown"), parks=tr("map.parks"), zoom_in=tr("map.zoom_in"),
        zoom_out=tr("map.zoom_out"),
        number=lambda v: format_number(v, language, decimals=3, trim=True),
        layers={name: tr(f"map.layer.{name}") for name in (*OVERLAYS, "population")},
        detail=lambda _layer, column: tr(f"map.detail.{column}"), values=value, draw=draw)


BASE_MAP_SOURCES: Final = ("geodata/maps.py", "geodata/layers.py", "geodata/io.py",
                            "ui/mapview.py", "ui/folium_adapter.py", "report/i18n.py",
                            "ui/locales/en.toml", "ui/locales/fi.toml", "ui/locales/sv.toml",
                            *(f"geodata/data/{name}.geojson" for name in (*OVERLAYS, "countries")))
"""What a rendered base map derives from (with the versions of folium and streamlit-folium)."""


@st.cache_resource(show_spinner=False, max_entries=12)
def base_map(*, offline: bool, draw: bool, layers: tuple[str, ...] = OVERLAYS,
             language: str = "en", cluster: bool = False) -> BaseMap:
    """The rendered base map of one mode and language (shared by every session), rendered once
    and kept in :mod:`ui.persist` across restarts.

    ``cluster`` adds the marker-cluster plugin (catalogs of :data:`CLUSTER_THRESHOLD` parks or
    more); without it the map loads three files less.
    """
    key = [offline, draw, list(layers), language, cluster,
           importlib.metadata.version("folium"), folium_adapter.check_compatible()]
    sources = BASE_MAP_SOURCES if layers == OVERLAYS else (*BASE_MAP_SOURCES, *(
        f"geodata/data/{name}.geojson" for name in layers))
    return persist.persisted("basemap", key, sources,
                             lambda: _render_base_map(offline, draw, layers, cluster, language),
                             encode=_encode_base, decode=_decode_base)


def _render_base_map(offline: bool, draw: bool, layers: tuple[str, ...], cluster: bool,
                     language: str = "en") -> BaseMap:
    fmap = build_base_map(overlays=overlays(layers), countries=countries(), offline=offline,
                          draw=draw, text=map_text(language))
    folium.LayerControl(collapsed=True).add_to(fmap)
    rendered = folium_adapter.render_map(fmap)
    css: list[str] = []
    js: list[str] = []
    for element in _walk(fmap):
        css += [href for _, href in getattr(element, "default_css", [])]
        js += [src for _, src in getattr(element, "default_js", [])]
    if cluster:
        assets = local_assets()
        js.append(assets.markercluster_js)
        css += list(assets.markercluster_css)
    return BaseMap(rendered, tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js)))


def _encode_base(base: BaseMap) -> dict[str, Any]:
    return {**dataclasses.asdict(base.rendered), "css": list(base.css_links),
            "js": list(base.js_links)}


def _decode_base(data: Any) -> BaseMap:
    strings = {name: str(data[name]) for name in ("script", "header", "html", "map_id")}
    return BaseMap(folium_adapter.RenderedMap(**strings), tuple(map(str, data["css"])),
                   tuple(map(str, data["js"])))


def _walk(element: Any) -> Any:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def park_at(parks: pd.DataFrame, lat: float, lon: float, *, tolerance_km: float = 50.0,
            ) -> str | None:
    """The id of the park geodesically nearest a clicked position, within ``tolerance_km``."""
    if parks.empty or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    from geodata.measures import geodesic_km

    distance = geodesic_km(parks["lat"].to_numpy(float), parks["lon"].to_numpy(float), lat, lon)
    best = int(distance.argmin())
    return str(parks["id"].iloc[best]) if distance[best] <= tolerance_km else None


def display_names(parks: pd.DataFrame, language: str) -> pd.Series:
    """Each park's name in ``language`` (``name_fi`` / ``name_sv`` where given), as
    :meth:`sites.model.Park.display_name` writes it."""
    names = parks["name"].astype(str)
    column = {"fi": "name_fi", "sv": "name_sv"}.get(language)
    if column is None or column not in parks:
        return names
    own = parks[column].fillna("").astype(str)
    return own.where(own != "", names)


def clicked_park(state: Mapping[str, Any] | None, parks: pd.DataFrame, *,
                 language: str = "en") -> str | None:
    """Park id from st_folium's click fields: the tooltip's park name (as the map shows it
    in ``language``), else the nearest park."""
    if not state:
        return None
    tooltip = state.get("last_object_clicked_tooltip")
    if isinstance(tooltip, str) and tooltip.strip():
        text = " ".join(tooltip.split())
        shown = display_names(parks, language)
        by_name = parks[[text.startswith(" ".join(str(n).split())) for n in shown]]
        if len(by_name) == 1:
            return str(by_name["id"].iloc[0])
    clicked = state.get("last_object_clicked")
    if not isinstance(clicked, Mapping):
        return None
    try:
        lat, lon = float(clicked["lat"]), float(clicked["lng"])
    except (KeyError, TypeError, ValueError):
        return None
    return park_at(parks, lat, lon)


def show_park_map(parks: pd.DataFrame, *, key: str, color_by: pd.Series | None = None,
                  passed: pd.Series | None = None, reasons: pd.Series | None = None,
                  legend_title: str | None = None, draw: bool = False, offline: bool = False,
                  height: int = 520, notes: pd.Series | None = None,
                  shapes: Sequence[Mapping[str, Any]] = (), shapes_name: str = "",
                  ) -> tuple[dict[str, Any], Legend, bool]:
    """Render the map; only clicks (and drawings when ``draw``) rerun the app.

    ``parks``: one row per park with ``id``, ``name`` and ``lat``/``lon`` (or a GeoDataFrame).

    ``shapes`` (the kept area of interest) are drawn as a plain layer when ``draw`` is off;
    with drawing on, the draw layer itself shows them.

    Returns the component state, and the legend and failing flag for a caption.
    """
    language = current_language()
    base = base_map(offline=offline, draw=draw, language=language,
                    cluster=len(parks) >= CLUSTER_THRESHOLD)
    shown = parks.assign(display_name=display_names(parks, language))
    group, legend, failing = park_layer(shown, color_by=color_by, passed=passed,
                                        reasons=reasons, legend_title=legend_title,
                                        cluster_threshold=CLUSTER_THRESHOLD, notes=notes,
                                        name_column="display_name", text=map_text(language))
    if not draw and shapes:
        add_area_of_interest(group, shapes, name=shapes_name or "Area of interest")
    returned = [r for r in RETURNED if draw or r != "all_drawings"]
    state = folium_adapter.show(base.rendered, key=key,
                                feature_group=folium_adapter.feature_group_script(group),
                                returned=returned, height=height, css_links=base.css_links,
                                js_links=base.js_links)
    return state, legend, failing
