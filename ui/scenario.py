"""The investor's scenario: sidebar widgets bound to the URL, and the cached scoring run.

Every input that defines a scenario lives here, rendered by the entrypoint on every page, so a
copied link reproduces the same view anywhere. Values read from the URL are validated; anything
invalid is dropped with a visible notice.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from sites.catalog import Catalog
from ui import data
from ui.i18n import t
from ui.mapview import offline_default


def offline() -> bool:
    return bool(st.session_state.get("offline", offline_default()))


def scenario_sidebar() -> None:
    """Render the scenario widgets (entrypoint, every page)."""
    with st.sidebar:
        st.toggle(t("app.offline"), key="offline", value=offline_default(),
                  bind="query-params", help=t("app.offline_help"))


def current_result() -> Any | None:
    return None


def results_table(result: Any | None, catalog: Catalog) -> pd.DataFrame:
    frame = catalog.to_frame()
    base = pd.DataFrame({
        "id": frame["id"], "name": frame["name"], "country": frame["country"],
        "total_area_ha": frame["total_area_ha"], "free_land_ha": frame["free_land_ha"],
        "port_max_draught_m": frame["port_max_draught_m"],
        "completeness": frame["completeness"],
    })
    return base


def table_columns(result: Any | None) -> dict[str, Any]:
    return {
        "id": None,
        "name": st.column_config.TextColumn(t("col.park"), width="medium"),
        "country": st.column_config.TextColumn(t("col.country"), width="small"),
        "total_area_ha": st.column_config.NumberColumn(t("col.total_area"), format="%.0f"),
        "free_land_ha": st.column_config.NumberColumn(t("col.free_land"), format="%.0f"),
        "port_max_draught_m": st.column_config.NumberColumn(t("col.draught"), format="%.1f"),
        "completeness": st.column_config.ProgressColumn(
            t("col.completeness"), min_value=0.0, max_value=1.0, format="percent",
            help=t("help.completeness")),
    }


def table_order(result: Any | None) -> list[str]:
    return ["name", "country", "total_area_ha", "free_land_ha", "port_max_draught_m",
            "completeness"]


def store_drawing(drawing: Mapping[str, Any] | None) -> None:
    st.session_state["find_drawing"] = dict(drawing) if isinstance(drawing, Mapping) else None


def filter_by_drawing(table: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    drawing = st.session_state.get("find_drawing")
    if not drawing:
        return table
    from geodata.aoi import within_drawing

    try:
        inside = within_drawing(catalog.to_geodataframe(), drawing)
    except ValueError:
        st.warning(t("find.bad_drawing"))
        return table
    return table[table["id"].isin(set(inside["id"]))]


def render_site_result(result: Any, park_id: str) -> None:
    return None


_ = data
