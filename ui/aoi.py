"""The area of interest drawn on the Find map, kept for the visit (session only)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from sites.catalog import Catalog
from ui.i18n import t


def store_drawing(drawing: Mapping[str, Any] | None) -> None:
    st.session_state["find_drawing"] = dict(drawing) if isinstance(drawing, Mapping) else None


def filter_by_drawing(table: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Rows of parks inside the drawn shape (all rows when nothing is drawn)."""
    drawing = st.session_state.get("find_drawing")
    if not drawing:
        return table
    from geodata.aoi import within_drawing

    try:
        inside = within_drawing(catalog.to_geodataframe(), drawing)
    except (ValueError, TypeError, KeyError):
        st.warning(t("find.bad_drawing"))
        return table
    return table[table["id"].isin(set(inside["id"]))]
