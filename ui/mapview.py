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

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from geodata.layers import load_layer
from geodata.maps import Legend, add_area_of_interest, build_base_map, local_assets, park_layer
from ui import folium_adapter

OVERLAYS = ("ports", "airports", "raw_materials", "customers", "universities")
CLUSTER_THRESHOLD = 500
RETURNED = ("last_object_clicked", "last_object_clicked_tooltip", "all_drawings")
"""The events that rerun the app: park clicks and, in drawing mode, the shapes on the draw layer
(``last_active_drawing`` would also change on a click on any map layer, see :mod:`ui.aoi`)."""


@st.cache_resource(show_spinner=False)
def _layer(name: str) -> gpd.GeoDataFrame:
    """A shipped layer, loaded once per server (shared: never mutate it)."""
    return load_layer(name)


def overlays(names: Sequence[str] = OVERLAYS) -> dict[str, gpd.GeoDataFrame]:
    return {name: _layer(name) for name in names}


def countries() -> gpd.GeoDataFrame:
    return _layer("countries")


def population() -> gpd.GeoDataFrame:
    return _layer("population")


def offline_default() -> bool:
    """Offline basemap when PARKBENCH_OFFLINE is set (tests, air-gapped installations)."""
    return os.environ.get("PARKBENCH_OFFLINE", "").lower() in {"1", "true", "yes"}


@dataclass(frozen=True)
class BaseMap:
    """The rendered strings of a base map (immutable, safe to share between sessions)."""

    rendered: folium_adapter.RenderedMap
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


@st.cache_resource(show_spinner=False, max_entries=8)
def base_map(*, offline: bool, draw: bool, layers: tuple[str, ...] = OVERLAYS) -> BaseMap:
    fmap = build_base_map(overlays=overlays(layers), countries=countries(), offline=offline,
                          draw=draw)
    folium.LayerControl(collapsed=True).add_to(fmap)
    rendered = folium_adapter.render_map(fmap)
    css: list[str] = []
    js: list[str] = []
    for element in _walk(fmap):
        css += [href for _, href in getattr(element, "default_css", [])]
        js += [src for _, src in getattr(element, "default_js", [])]
    assets = local_assets()
    js.append(assets.markercluster_js)  # for large catalogs drawn as clusters
    css += list(assets.markercluster_css)
    return BaseMap(rendered, tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js)))


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


def clicked_park(state: Mapping[str, Any] | None, parks: pd.DataFrame) -> str | None:
    """Park id from st_folium's click fields: the tooltip's park name, else the nearest park."""
    if not state:
        return None
    tooltip = state.get("last_object_clicked_tooltip")
    if isinstance(tooltip, str) and tooltip.strip():
        text = " ".join(tooltip.split())
        by_name = parks[[text.startswith(" ".join(str(n).split())) for n in parks["name"]]]
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


def show_park_map(parks: gpd.GeoDataFrame, *, key: str, color_by: pd.Series | None = None,
                  passed: pd.Series | None = None, reasons: pd.Series | None = None,
                  legend_title: str | None = None, draw: bool = False, offline: bool = False,
                  height: int = 520, notes: pd.Series | None = None,
                  shapes: Sequence[Mapping[str, Any]] = (), shapes_name: str = "",
                  ) -> tuple[dict[str, Any], Legend, bool]:
    """Render the map; only clicks (and drawings when ``draw``) rerun the app.

    ``shapes`` (the kept area of interest) are drawn as a plain layer when ``draw`` is off;
    with drawing on, the draw layer itself shows them.

    Returns the component state, and the legend and failing flag for a caption.
    """
    base = base_map(offline=offline, draw=draw)
    group, legend, failing = park_layer(parks, color_by=color_by, passed=passed,
                                        reasons=reasons, legend_title=legend_title,
                                        cluster_threshold=CLUSTER_THRESHOLD, notes=notes)
    if not draw and shapes:
        add_area_of_interest(group, shapes, name=shapes_name or "Area of interest")
    returned = [r for r in RETURNED if draw or r != "all_drawings"]
    state = folium_adapter.show(base.rendered, key=key,
                                feature_group=folium_adapter.feature_group_script(group),
                                returned=returned, height=height, css_links=base.css_links,
                                js_links=base.js_links)
    return state, legend, failing
