"""Data: the catalog and every price table with sources, dates and staleness; downloads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from sites.__main__ import render_catalog
from sites.export import excel_bytes, facts_long, prices_frame
from ui import data
from ui.i18n import t

today = dt.datetime.now(dt.UTC).date()
catalog, prices = data.catalog(), data.prices()

st.title(t("data.title"))
st.caption(t("data.caption", parks=len(catalog), rows=len(prices.rows)))
if catalog.problems:
    with st.expander(t("data.problems", n=len(catalog.problems)), icon=":material/warning:"):
        st.dataframe([{"file": p.file, "field": p.field, "problem": p.problem,
                       "expected": p.expected} for p in catalog.problems], hide_index=True)

facts = facts_long(catalog, today=today)
price_table = prices_frame(prices, today=today)
source_link = st.column_config.LinkColumn(t("col.source"), display_text=r"https?://([^/]+)")

tab_facts, tab_prices, tab_download, tab_sources = st.tabs(
    [t("data.tab_facts"), t("data.tab_prices"), t("data.tab_download"), t("data.tab_sources")])

with tab_facts:
    statuses = ["published", "estimate", "unknown", "not_applicable"]
    status = st.multiselect(t("data.filter_status"), statuses, default=statuses,
                            key="data_status")
    shown = facts[facts["status"].isin(status)]
    st.dataframe(
        shown, hide_index=True, width="stretch", height=480,
        column_config={"source": source_link,
                       "stale": st.column_config.CheckboxColumn(t("col.stale"),
                                                                help=t("help.stale"))},
    )
    counts = facts["status"].value_counts()
    st.caption(t("data.status_counts", published=int(counts.get("published", 0)),
                 estimate=int(counts.get("estimate", 0)), unknown=int(counts.get("unknown", 0))))

with tab_prices:
    quantity = st.selectbox(t("data.quantity"), sorted(price_table["quantity"].unique()),
                            key="data_quantity")
    st.dataframe(price_table[price_table["quantity"] == quantity], hide_index=True,
                 width="stretch", column_config={"source_url": source_link})

with tab_download:
    st.write(t("data.download_intro"))
    cols = st.columns(4)
    cols[0].download_button(t("data.dl_csv"), data=lambda: facts.to_csv(index=False),
                            file_name="parkbench_facts.csv", mime="text/csv",
                            icon=":material/download:")
    cols[1].download_button(
        t("data.dl_excel"),
        data=lambda: excel_bytes({"facts": facts, "parks": catalog.to_frame(),
                                  "prices": price_table}),
        file_name="parkbench.xlsx", icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    cols[2].download_button(t("data.dl_geojson"), data=lambda: render_catalog(catalog, "geojson"),
                            file_name="parkbench_parks.geojson", mime="application/geo+json",
                            icon=":material/download:")

    def _gpkg() -> bytes:
        from geodata.io import gpkg_bytes
        from geodata.layers import parks_layer

        return gpkg_bytes(layers={"parks": parks_layer(catalog)})

    cols[3].download_button(t("data.dl_gpkg"), data=_gpkg, file_name="parkbench.gpkg",
                            mime="application/geopackage+sqlite3", icon=":material/download:")
    st.download_button(t("data.dl_prices_csv"), data=lambda: price_table.to_csv(index=False),
                       file_name="parkbench_prices.csv", mime="text/csv")

with tab_sources:
    sources = Path(__file__).resolve().parents[1] / "DATA_SOURCES.md"
    st.markdown(sources.read_text(encoding="utf-8") if sources.exists() else t("data.no_sources"))
