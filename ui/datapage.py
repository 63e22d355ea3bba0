"""Panels of the Data page: filters, every fact and price row with its source, the downloads.

The filters (park, country, status; empty = all) narrow the facts table and every download:
the facts CSV and the Excel facts sheet follow all three, the park layers (GeoJSON, GeoPackage,
the Excel parks sheet) follow park and country.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from report.format import UNKNOWN, country_name
from sites.catalog import Catalog
from sites.export import csv_text, excel_bytes
from sites.listing import render_catalog
from ui.i18n import LOCALES, current_language, fact_date, fact_text, labels, styled, t, units
from ui.problems import session_rows

STATUSES = ("published", "estimate", "unknown", "not_applicable")


@dataclass(frozen=True, slots=True)
class Filters:
    """The parks and statuses the Data page shows (and downloads)."""

    parks: tuple[str, ...]
    statuses: tuple[str, ...]


def problems(catalog: Catalog) -> None:
    """The catalog's skipped files and why, in the session's language (``ui.problems``)."""
    if catalog.problems:
        rows = [{"file": Path(p.file).name, **row}
                for p, row in zip(catalog.problems, session_rows(catalog.problems), strict=True)]
        with st.expander(t("data.problems", n=len(catalog.problems)), icon=":material/warning:"):
            st.dataframe(rows, hide_index=True, column_config={
                "file": t("data.col_file"), "where": t("submit.col_where"),
                "problem": t("submit.col_problem"), "expected": t("submit.col_expected"),
                "value": t("submit.col_given")})


def filters(catalog: Catalog) -> Filters:
    """Park, country and status multiselects; an empty choice keeps everything."""
    language = current_language()
    names = {p.id: p.display_name(language) for p in catalog}
    countries = sorted({p.country for p in catalog})
    left, middle, right = st.columns([3, 2, 2])
    parks = left.multiselect(t("data.filter_park"), list(names), key="data_parks",
                             format_func=names.__getitem__, placeholder=t("data.all"))
    chosen = middle.multiselect(t("data.filter_country"), countries, key="data_countries",
                                format_func=lambda c: country_name(c, language),
                                placeholder=t("data.all"))
    statuses = right.multiselect(t("data.filter_status"), list(STATUSES), key="data_status",
                                 format_func=labels("status."), placeholder=t("data.all"))
    ids = tuple(p.id for p in catalog if (not parks or p.id in parks)
                and (not chosen or p.country in chosen))
    return Filters(ids, tuple(statuses) or STATUSES)


def apply(facts: pd.DataFrame, chosen: Filters) -> pd.DataFrame:
    """The rows of ``facts`` (:func:`sites.export.facts_long`) the filters keep."""
    keep = facts["park_id"].isin(chosen.parks) & facts["status"].isin(chosen.statuses)
    return facts[keep].reset_index(drop=True)


def fact_table(facts: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """The facts as people read them: translated labels, locale values and dates."""
    language = current_language()
    parks = {p.id: p for p in catalog}
    found = [parks[i].facts[f] for i, f in zip(facts["park_id"], facts["fact"], strict=True)]
    return pd.DataFrame({
        "park_id": facts["park_id"],
        "park": [parks[i].display_name(language) for i in facts["park_id"]],
        "country": [country_name(c, language) for c in facts["country"]],
        "fact": [t(f"fact.{f}") for f in facts["fact"]],
        "value": [fact_text(f) for f in found],
        "status": [t(f"status.{s}") for s in facts["status"]],
        "as_of": [fact_date(f) or UNKNOWN for f in found],
        "stale": facts["stale"], "source": facts["source"].fillna(""),
        "note": facts["note"].fillna(""),
    })


def facts_tab(facts: pd.DataFrame, catalog: Catalog) -> None:
    st.dataframe(
        fact_table(facts, catalog), hide_index=True, width="stretch", height=480,
        column_config={
            "park_id": None,
            "park": st.column_config.TextColumn(t("col.park"), width="medium", pinned=True),
            "country": st.column_config.TextColumn(t("col.country"), width="small"),
            "fact": st.column_config.TextColumn(t("col.fact"), width="medium"),
            "value": st.column_config.TextColumn(t("col.value"), width="medium"),
            "status": st.column_config.TextColumn(t("col.status"), width="small"),
            "as_of": st.column_config.TextColumn(t("col.as_of"), width="small"),
            "stale": st.column_config.CheckboxColumn(t("col.stale"), help=t("help.stale"),
                                                     width="small"),
            "source": _source_link(),
            "note": st.column_config.TextColumn(t("col.note"), width="large"),
        })
    counts = facts["status"].value_counts()
    st.caption(t("data.status_counts", published=int(counts.get("published", 0)),
                 estimate=int(counts.get("estimate", 0)), unknown=int(counts.get("unknown", 0))))


def _known(prefix: str) -> Callable[[object], str]:
    """Like :func:`ui.i18n.labels`, but a value without a catalog entry shows as it is (a
    Eurostat band such as ``ID`` is its own name)."""
    label = labels(prefix)
    return lambda value: "" if not value else (
        text if (text := label(value)) != f"{prefix}{value}" else str(value))


def prices_tab(prices: pd.DataFrame) -> None:
    quantity = st.selectbox(t("data.quantity"), sorted(prices["quantity"].unique()),
                            key="data_quantity", format_func=labels("bill.q."))
    shown = prices[prices["quantity"] == quantity].reset_index(drop=True)
    st.dataframe(
        styled(shown, {"unit": units(), "status": labels("status."), "level": labels("level."),
                       "variant": _known("variant.")}, units={"value": "unit"}),
        hide_index=True, width="stretch", column_config={
            "quantity": None,
            "level": st.column_config.TextColumn(t("bill.level"), width="small"),
            "key": st.column_config.TextColumn(t("data.key"), width="small"),
            "variant": st.column_config.TextColumn(t("data.variant"), width="small"),
            "period": st.column_config.TextColumn(t("bill.period"), width="small"),
            "value": st.column_config.NumberColumn(t("col.value")),
            "unit": st.column_config.TextColumn(t("col.unit"), width="small"),
            "status": st.column_config.TextColumn(t("col.status"), width="small"),
            "source_url": _source_link(),
            "as_of": st.column_config.TextColumn(t("col.as_of"), width="small"),
            "notes": st.column_config.TextColumn(t("col.note"), width="large"),
            "age_months": st.column_config.NumberColumn(t("data.age_months"), width="small"),
            "stale": st.column_config.CheckboxColumn(t("col.stale"), help=t("help.stale"),
                                                     width="small"),
        })


def downloads_tab(catalog: Catalog, facts: pd.DataFrame, prices: pd.DataFrame) -> None:
    """Downloads of what the filters keep (``catalog`` and ``facts`` already filtered)."""
    st.write(t("data.download_intro"))
    st.caption(t("data.download_filtered", parks=len(catalog), rows=len(facts)))
    cols = st.columns(4)
    cols[0].download_button(t("data.dl_csv"), data=lambda: csv_text(facts),
                            file_name="parkbench_facts.csv", mime="text/csv",
                            icon=":material/download:", on_click="ignore")
    cols[1].download_button(
        t("data.dl_excel"),
        data=lambda: excel_bytes({"facts": facts, "parks": catalog.to_frame(),
                                  "prices": prices}),
        file_name="parkbench.xlsx", icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore")
    cols[2].download_button(t("data.dl_geojson"), data=lambda: render_catalog(catalog, "geojson"),
                            file_name="parkbench_parks.geojson", mime="application/geo+json",
                            icon=":material/download:", on_click="ignore")

    def gpkg() -> bytes:
        from geodata.io import gpkg_bytes
        from geodata.layers import sourced_parks_layer

        return gpkg_bytes(layers={"parks": sourced_parks_layer(catalog)})

    cols[3].download_button(t("data.dl_gpkg"), data=gpkg, file_name="parkbench.gpkg",
                            mime="application/geopackage+sqlite3", icon=":material/download:",
                            on_click="ignore")
    st.download_button(t("data.dl_prices_csv"), data=lambda: csv_text(prices),
                       file_name="parkbench_prices.csv", mime="text/csv", on_click="ignore")


def _source_link() -> Any:
    return st.column_config.LinkColumn(t("col.source"), display_text=r"https?://([^/]+)")


__all__ = ["Filters", "apply", "downloads_tab", "fact_table", "facts_tab", "filters",
           "prices_tab", "problems"]


def sources_tab(reference: Path) -> None:
    """Where the data come from: in English the full reference (``DATA_SOURCES.md``); in
    another language its summary in that language (``ui/locales/data_sources.<lang>.md``) and
    the full technical reference, which lists files, columns and conversions, in English."""
    full = reference.read_text(encoding="utf-8") if reference.exists() else t("data.no_sources")
    summary = LOCALES / f"data_sources.{current_language()}.md"
    if not summary.exists():
        st.markdown(full)
        return
    st.markdown(summary.read_text(encoding="utf-8"))
    with st.expander(t("data.sources_full")):
        st.markdown(full)
