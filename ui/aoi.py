"""The area of interest drawn on the Find map, kept for the visit (session only).

The shapes arrive as the map component's ``all_drawings``: every shape on the map's draw layer
(the trash tool removes them from it). ``last_active_drawing`` is not used: streamlit-folium also
sets it to any map layer clicked, so a click on a country outline (even the mouse-up that ends a
rectangle) replaced the area with the whole country.

The map is drawn before the table and outside any fragment, so the rerun a drawing causes is the
whole page and the table is filtered in that same run. "Clear area" acts in its ``on_click``
callback, before the page runs again: it forgets the shapes and gives the map component a new
key, so the new component starts without them and reports none (the old component kept
reporting its drawing, which stored it again at once while drawing was on).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from sites.catalog import Catalog
from ui.i18n import t

DRAWING = "find_drawing"
GENERATION = "find_map_generation"


def map_key(base: str) -> str:
    """The map component's key: a new one after every "Clear area"."""
    return f"{base}-{int(st.session_state.get(GENERATION, 0))}"


def reported_drawings(state: Mapping[str, Any] | None) -> list[dict[str, Any]] | None:
    """The shapes on the map's draw layer (``[]`` all deleted, ``None`` nothing reported)."""
    drawings = state.get("all_drawings") if state else None
    if not isinstance(drawings, list):
        return None
    return [dict(d) for d in drawings if isinstance(d, Mapping)]


def take_drawings(state: Mapping[str, Any] | None) -> None:
    """Keep the reported shapes; a new map (nothing reported yet) leaves the kept ones."""
    drawings = reported_drawings(state)
    if drawings is not None:
        st.session_state[DRAWING] = drawings or None


def clear() -> None:
    """Forget the shapes and start a new map component (``on_click`` of "Clear area")."""
    st.session_state[DRAWING] = None
    st.session_state[GENERATION] = int(st.session_state.get(GENERATION, 0)) + 1


def active() -> bool:
    return bool(st.session_state.get(DRAWING))


def kept() -> tuple[dict[str, Any], ...]:
    """The kept shapes (copies), for showing them while the draw toolbar is off."""
    return tuple(dict(d) for d in st.session_state.get(DRAWING) or ())


def filter_by_drawing(table: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Rows of parks inside any drawn shape (all rows when nothing is drawn)."""
    drawings = st.session_state.get(DRAWING)
    if not drawings:
        return table
    from geodata.aoi import within_drawings

    try:
        inside = within_drawings(catalog.to_geodataframe(), drawings)
    except (ValueError, TypeError, KeyError):
        st.warning(t("find.bad_drawing"))
        return table
    return table[table["id"].isin(set(inside["id"]))]


def notice(shown: int, total: int) -> None:
    """How many parks the area keeps, and the button that clears it."""
    if active():
        st.info(t("find.aoi_active", n=shown, total=total))
        st.button(t("find.clear_aoi"), key="find_clear_aoi", on_click=clear)
