"""Benchmark (park managers): where your park leads and lags, and what would make it win."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ui import benchmark as bm
from ui import data
from ui import scenario as sc
from ui.i18n import t
from ui.safe import md

today = dt.datetime.now(dt.UTC).date()
catalog = data.catalog()
scenario = sc.sidebar(("template", "needs", "must", "weights", "pricing", "park"))
st.title(t("bench.title"))
result = sc.result(scenario, catalog)
if result is None or scenario.park not in catalog.ids:
    st.info(t("bench.choose"))
    st.stop()
park = catalog.by_id(scenario.park)
names = {p.id: p.display_name(scenario.lang) for p in catalog}
st.caption(t("bench.caption", park=md(names[park.id]), peers=t(f"peers.{scenario.peers}")))

bench = bm.benchmark(result, scenario, catalog)
bm.headline(result, park)
if bench is not None:
    bm.charts_row(result, bench, scenario, catalog, names)
    st.subheader(t("bench.gap_title"), anchor=False)
    bm.changes(result, bench, scenario, catalog, park, today=today)
    bm.unknown_facts(park)
    bm.silence(sc.find(scenario, catalog), sc.cell_values(scenario, catalog), park)

edited = bm.what_if(park, today=today)
bm.trial(result, park, edited, rescore=lambda cat: sc.result(scenario, cat), catalog=catalog,
         scenario=scenario)
