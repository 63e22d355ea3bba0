"""Benchmark (park managers): where your park leads and lags, and what would make it win."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from metrics import CRITERIA, CatalogScore
from metrics.errors import ScoringError
from metrics.peers import ParkBenchmark, benchmark_park
from report import charts
from report.analysis import normalised_criteria
from ui import data, scenario
from ui.i18n import current_language, num, t
from ui.safe import md
from ui.whatif import EDITABLE, apply_edits, changed, editable_frame

today = dt.datetime.now(dt.UTC).date()
catalog = data.catalog()
st.title(t("bench.title"))
result = scenario.current_result()
park_id = st.session_state.get("park")
if result is None or park_id not in catalog.ids:
    st.info(t("bench.choose"))
    st.stop()
park = catalog.by_id(park_id)
peers = st.session_state.get("peers", "europe")
names = {p.id: p.display_name(current_language()) for p in catalog}
crit_labels = {c: t(f"crit.{c}") for c in CRITERIA}
st.caption(t("bench.caption", park=md(names[park_id]), peers=t(f"peers.{peers}")))


def _benchmark(res: CatalogScore) -> ParkBenchmark | None:
    try:
        return benchmark_park(res, park_id, peers=peers, catalog=catalog)
    except ScoringError as exc:
        st.warning(t("bench.error", error=md(exc)))
        return None


def _statement(res: CatalogScore, bench: ParkBenchmark) -> str:
    record = next(s for s in res.sites if s.id == park_id)
    if not record.passes:
        return t("bench.fails", reasons=md("; ".join(record.reasons)))
    if record.rank == 1:
        return t("bench.first")
    options = [(abs(g.change or 0.0), name, g) for name, g in bench.gaps.items()
               if g.change is not None]
    if not options:
        return t("bench.no_single")
    lines = [t("bench.gap_line", criterion=crit_labels[name], current=num(g.current, decimals=2),
               needed=num(g.needed, decimals=2), unit=CRITERIA[name].unit)
             for _, name, g in sorted(options, key=lambda o: o[0])]
    return t("bench.gaps") + "\n" + "\n".join(f"- {line}" for line in lines)


bench = _benchmark(result)
record = next(s for s in result.sites if s.id == park_id)
cols = st.columns(3)
cols[0].metric(t("col.rank"), "–" if record.rank is None else record.rank,
               help=t("bench.rank_help"))
cols[1].metric(t("col.score"), num(record.score, decimals=3))
cols[2].metric(t("col.completeness"), f"{park.completeness():.0%}")

if bench is not None:
    left, right = st.columns(2)
    with left:
        st.plotly_chart(charts.percentile_bars(
            {c: bench.percentiles.get(c) for c in bench.percentiles}, crit_labels,
            title=t("bench.percentiles"), unknown_label=t("status.unknown")), key="bench_pct")
    with right:
        peer_ids = list(catalog.peer_ids(peers))
        group = list(dict.fromkeys([park_id, *peer_ids]))
        scaled = normalised_criteria(result, group, scale_over=group)
        used = list(bench.percentiles) or list(CRITERIA)
        st.plotly_chart(charts.versus_median(
            scaled[used], park_id, peer_ids, names, crit_labels, title=t("bench.radar"),
            median_label=t("bench.median")), key="bench_radar")
    st.subheader(t("bench.gap_title"), anchor=False)
    st.markdown(_statement(result, bench))
    unknown = [f for f in park.facts.values() if not f.resolved]
    if unknown:
        st.caption(t("bench.publish", n=len(unknown),
                     facts=", ".join(t(f"fact.{f.name}") for f in unknown[:8])))

st.subheader(t("bench.whatif"), anchor=False)
st.caption(t("bench.whatif_help"))
edited_frame = st.data_editor(
    editable_frame(park), key=f"whatif_{park_id}", hide_index=True, width="stretch",
    disabled=["fact", "unit"], column_config={
        "fact": st.column_config.TextColumn(t("col.fact")),
        "value": st.column_config.NumberColumn(t("col.value"), min_value=0.0),
        "unit": st.column_config.TextColumn(t("col.unit"))})
edits = dict(zip(edited_frame["fact"], pd.to_numeric(edited_frame["value"], errors="coerce"),
                 strict=True))
what_if = apply_edits(park, {k: edits.get(k) for k in EDITABLE}, today=today)
if changed(park, what_if):
    trial = scenario.score_catalog_for(catalog.replace_park(what_if))
    if trial is not None:
        new = next(s for s in trial.sites if s.id == park_id)
        st.metric(t("bench.new_rank"), "–" if new.rank is None else new.rank,
                  delta=None if new.rank is None or record.rank is None
                  else record.rank - new.rank, help=t("bench.new_rank_help"))
        if not new.passes:
            st.text(t("bench.fails", reasons="; ".join(new.reasons)))
        trial_bench = _benchmark(trial)
        if trial_bench is not None:
            st.markdown(_statement(trial, trial_bench))
