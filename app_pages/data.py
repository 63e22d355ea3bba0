"""Data: the catalog and every price table with sources, dates and staleness; downloads.

The park, country and status filters narrow the facts table and the downloads alike.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from sites.export import facts_long, prices_frame
from ui import data, datapage
from ui.i18n import t

today = dt.datetime.now(dt.UTC).date()
catalog, prices = data.catalog(), data.prices()

st.title(t("data.title"))
st.caption(t("data.caption", parks=len(catalog), rows=len(prices.rows)))
datapage.problems(catalog)
chosen = datapage.filters(catalog)
shown = catalog.subset(chosen.parks)
facts = datapage.apply(facts_long(shown, today=today), chosen)
price_table = prices_frame(prices, today=today)

tab_facts, tab_prices, tab_download, tab_sources = st.tabs(
    [t("data.tab_facts"), t("data.tab_prices"), t("data.tab_download"), t("data.tab_sources")])
with tab_facts:
    datapage.facts_tab(facts, shown)
with tab_prices:
    datapage.prices_tab(price_table)
with tab_download:
    datapage.downloads_tab(shown, facts, price_table)
with tab_sources:
    datapage.sources_tab(Path(__file__).resolve().parents[1] / "DATA_SOURCES.md")
