"""Find sites (investors): map and ranked table of the parks; choosing one opens its profile."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from ui import aoi, data, pick, results
from ui import scenario as sc
from ui.i18n import t
from ui.profile import render_profile

today = dt.datetime.now(dt.UTC).date()
catalog = data.catalog()
scenario = sc.sidebar(("offline", "template", "needs", "must", "weights", "pricing"))
if not len(catalog):
    st.warning(t("find.empty_catalog"))
    st.stop()

st.title(t("find.title"))
st.caption(t("find.caption"))
found = sc.find_result(scenario, catalog)
result = None if found is None else found.result
results.render_find_warnings(found)
table = results.results_table(result, catalog, found)


def map_panel(table: pd.DataFrame) -> None:
    """Map, drawing toggle and legend; a click or a drawing reruns the whole page at once."""
    draw = st.toggle(t("find.draw_aoi"), help=t("find.draw_help"))
    with st.spinner(t("find.map_loading")):  # shown after 0.5 s: a new server imports folium
        from ui.mapview import clicked_park, show_park_map  # after the sidebar is sent

        parks = catalog.to_frame().set_index("id", drop=False)  # lat/lon: no geopandas
        scored = table.set_index("id") if result is not None else None
        notes = results.undecided_notes(table)
        state, legend, _failing = show_park_map(
            parks, key=aoi.map_key("find_map"),
            color_by=None if scored is None else scored["score"],
            passed=None if scored is None else scored["passes"],
            reasons=None if scored is None else scored["reasons"],
            legend_title=t("col.score") if result else None, draw=draw, offline=scenario.offline,
            notes=notes, shapes=() if draw else aoi.kept(), shapes_name=t("find.aoi_layer"))
    st.caption(t("map.basemap_offline" if scenario.offline else "map.basemap_online"))
    if result is not None:
        st.caption(t("find.legend", low=legend.stops[0][0] if legend.stops else "–",
                     high=legend.stops[-1][0] if legend.stops else "–"))
        results.undecided_legend(notes)
    pick.offer(st.session_state, "map", clicked_park(state, parks, language=scenario.lang))
    if draw:
        aoi.take_drawings(state)


map_panel(table)
shown = aoi.filter_by_drawing(table, catalog)
aoi.notice(len(shown), len(table))

results.ahp_panel(scenario)
selection = st.dataframe(
    results.styled_table(shown, result), hide_index=True, width="stretch", on_select="rerun",
    selection_mode="single-row", key="find_table", column_config=results.table_columns(result),
    column_order=results.table_order(result),
)
rows = selection.selection.rows if selection else []
pick.offer(st.session_state, "table", str(shown.iloc[rows[0]]["id"]) if rows else None)

park_id = pick.chosen(st.session_state)
st.divider()
if park_id in catalog.ids:
    render_profile(catalog.by_id(park_id), today=today)
    if result is not None:
        results.render_site_result(result, park_id, found)
else:
    st.info(t("profile.choose"))
