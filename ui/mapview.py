"""The park map inside Streamlit: cached layers, the st_folium call, click → park id."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from typing import Any

import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geodata.layers import load_layer
from geodata.maps import build_park_map

OVERLAYS = ("ports", "airports", "raw_materials", "customers", "universities")


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


def park_at(parks: pd.DataFrame, lat: float, lon: float, *, tolerance_deg: float = 1e-4,
            ) -> str | None:
    """The id of the park drawn at a clicked marker position (markers are rounded to 1e-5°)."""
    if parks.empty or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    distance = (parks["lat"] - lat).abs() + (parks["lon"] - lon).abs()
    best = distance.idxmin()
    return str(parks.loc[best, "id"]) if distance[best] <= tolerance_deg else None


def clicked_park(state: Mapping[str, Any] | None, parks: pd.DataFrame) -> str | None:
    """Park id from st_folium's ``last_object_clicked`` (``None`` when nothing usable)."""
    if not state:
        return None
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
                  layers: Sequence[str] = OVERLAYS, height: int = 520) -> dict[str, Any]:
    """Render the map; only clicks (and drawings when ``draw``) rerun the app."""
    fmap = build_park_map(
        parks, color_by=color_by, passed=passed, reasons=reasons, overlays=overlays(layers),
        countries=countries(), offline=offline, legend_title=legend_title, draw=draw)
    returned = ["last_object_clicked"] + (["last_active_drawing"] if draw else [])
    result = st_folium(fmap, key=key, height=height, use_container_width=True,
                       returned_objects=returned)
    return dict(result or {})
