"""Panels of the Data page: every fact and price row with its source, and the downloads."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from sites.catalog import Catalog
from sites.export import csv_text, excel_bytes
from sites.listing import render_catalog
from ui.i18n import t

STATUSES = ("published", "estimate", "unknown", "not_applicable")


def problems(catalog: Catalog) -> None:
    if catalog.problems:
        with st.expander(t("data.problems", n=len(catalog.problems)), icon=":material/warning:"):
            st.dataframe([{"file": p.file, "field": p.field, "problem": p.problem,
                           "expected": p.expected} for p in catalog.problems], hide_index=True)


def facts_tab(facts: pd.DataFrame) -> None:
    status = st.multiselect(t("data.filter_status"), list(STATUSES), default=list(STATUSES),
                            key="data_status")
    st.dataframe(
        facts[facts["status"].isin(status)], hide_index=True, width="stretch", height=480,
        column_config={"source": _source_link(),
                       "stale": st.column_config.CheckboxColumn(t("col.stale"),
                                                                help=t("help.stale"))})
    counts = facts["status"].value_counts()
    st.caption(t("data.status_counts", published=int(counts.get("published", 0)),
                 estimate=int(counts.get("estimate", 0)), unknown=int(counts.get("unknown", 0))))


def prices_tab(prices: pd.DataFrame) -> None:
    quantity = st.selectbox(t("data.quantity"), sorted(prices["quantity"].unique()),
                            key="data_quantity")
    st.dataframe(prices[prices["quantity"] == quantity], hide_index=True, width="stretch",
                 column_config={"source_url": _source_link()})


def downloads_tab(catalog: Catalog, facts: pd.DataFrame, prices: pd.DataFrame) -> None:
    st.write(t("data.download_intro"))
    cols = st.columns(4)
    cols[0].download_button(t("data.dl_csv"), data=lambda: csv_text(facts),
                            file_name="parkbench_facts.csv", mime="text/csv",
                            icon=":material/download:")
    cols[1].download_button(
        t("data.dl_excel"),
        data=lambda: excel_bytes({"facts": facts, "parks": catalog.to_frame(),
                                  "prices": prices}),
        file_name="parkbench.xlsx", icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    cols[2].download_button(t("data.dl_geojson"), data=lambda: render_catalog(catalog, "geojson"),
                            file_name="parkbench_parks.geojson", mime="application/geo+json",
                            icon=":material/download:")

    def gpkg() -> bytes:
        from geodata.io import gpkg_bytes
        from geodata.layers import sourced_parks_layer

        return gpkg_bytes(layers={"parks": sourced_parks_layer(catalog)})

    cols[3].download_button(t("data.dl_gpkg"), data=gpkg, file_name="parkbench.gpkg",
                            mime="application/geopackage+sqlite3", icon=":material/download:")
    st.download_button(t("data.dl_prices_csv"), data=lambda: csv_text(prices),
                       file_name="parkbench_prices.csv", mime="text/csv")


def _source_link() -> Any:
    return st.column_config.LinkColumn(t("col.source"), display_text=r"https?://([^/]+)")


__all__ = ["downloads_tab", "facts_tab", "prices_tab", "problems"]
