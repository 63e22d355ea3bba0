"""The park map inside Streamlit: a cached base map plus a per-scenario parks layer.

The base map (country outlines, overlay layers, draw toolbar) is rendered to its HTML and
script strings once per server and language and cached; every rerun only renders the parks
layer and hands it to the streamlit-folium component as ``feature_group``. The component key
depends on the base script alone, so a weight change recolours the parks without reloading the
map or losing the user's zoom.

This uses streamlit-folium's private helpers (pinned: streamlit-folium 0.27.4); the map is
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
import streamlit_folium as stf

from geodata.layers import load_layer
from geodata.maps import Legend, build_base_map, local_assets, park_layer

OVERLAYS = ("ports", "airports", "raw_materials", "customers", "universities")
CLUSTER_THRESHOLD = 500
RETURNED = ("last_object_clicked", "last_object_clicked_tooltip", "last_active_drawing")


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

    script: str
    header: str
    html: str
    map_id: str
    bounds: tuple[tuple[float | None, float | None], tuple[float | None, float | None]]
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


@st.cache_resource(show_spinner=False, max_entries=8)
def base_map(*, offline: bool, draw: bool, layers: tuple[str, ...] = OVERLAYS) -> BaseMap:
    fmap = build_base_map(overlays=overlays(layers), countries=countries(), offline=offline,
                          draw=draw)
    folium.LayerControl(collapsed=True).add_to(fmap)
    fmap.get_root().render()
    fmap.render()
    html, header = stf._get_html(fmap), stf._get_header(fmap)
    script = stf._get_map_string(fmap)
    bounds = fmap.get_bounds()
    css: list[str] = []
    js: list[str] = []
    for element in _walk(fmap):
        css += [href for _, href in getattr(element, "default_css", [])]
        js += [src for _, src in getattr(element, "default_js", [])]
    assets = local_assets()
    js.append(assets.markercluster_js)  # for large catalogs drawn as clusters
    css += list(assets.markercluster_css)
    return BaseMap(script, header, html, stf.get_full_id(fmap),
                   (tuple(bounds[0]), tuple(bounds[1])),  # type: ignore[arg-type]
                   tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js)))


def _walk(element: Any) -> Any:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def park_at(parks: pd.DataFrame, lat: float, lon: float, *, tolerance_deg: float = 1.0,
            ) -> str | None:
    """The id of the park nearest a clicked position (clicks land within a marker's radius)."""
    if parks.empty or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    distance = (parks["lat"] - lat).abs() + (parks["lon"] - lon).abs()
    best = distance.idxmin()
    return str(parks.loc[best, "id"]) if distance[best] <= tolerance_deg else None


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
                  height: int = 520) -> tuple[dict[str, Any], Legend, bool]:
    """Render the map; only clicks (and drawings when ``draw``) rerun the app.

    Returns the component state, and the legend and failing flag for a caption.
    """
    base = base_map(offline=offline, draw=draw)
    group, legend, failing = park_layer(parks, color_by=color_by, passed=passed,
                                        reasons=reasons, legend_title=legend_title,
                                        cluster_threshold=CLUSTER_THRESHOLD)
    holder = folium.Map(tiles=None)  # only names the parent map in the layer's script
    feature_group = stf._get_feature_group_string(group, map=holder)
    returned = [r for r in RETURNED if draw or r != "last_active_drawing"]
    defaults = {name: None for name in returned}
    hash_key = stf.generate_js_hash(base.script, key, False)

    def on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})

    state = stf._component_func(
        script=base.script, header=base.header, html=base.html, id=base.map_id, key=hash_key,
        height=height, width=None, returned_objects=returned, default=defaults, zoom=None,
        center=None, feature_group=feature_group, return_on_hover=False, layer_control=None,
        pixelated=False, css_links=list(base.css_links), js_links=list(base.js_links),
        on_change=on_change, wrap_longitude=False)
    return dict(state or {}), legend, failing
