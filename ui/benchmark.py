"""Panels of the Benchmark page: percentiles, radar against the peers, gaps and what-if."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from metrics import CRITERIA, CatalogScore
from metrics.brief import FIGURES
from metrics.errors import ScoringError
from metrics.levers import Lever, PassPlan, Rescorer, park_levers, pass_plan
from metrics.peers import ParkBenchmark, benchmark_park, smallest_gaps
from metrics.uncertain import CatalogCellValue, UncertainScore
from metrics.whatif import refused_edits
from report import charts
from report.analysis import normalised_criteria
from scenario import Scenario
from scenario.questions import Question, park_questions
from sites.catalog import Catalog
from sites.model import Park
from sites.whatif import EDITABLE, apply_edits, changed, editable_frame
from ui import data
from ui import scenario as sc
from ui.i18n import amount, msg, num, pct, t, unit
from ui.results import rank_range
from ui.safe import md


def benchmark(result: CatalogScore, scenario: Scenario, catalog: Catalog
              ) -> ParkBenchmark | None:
    try:
        return benchmark_park(result, scenario.park, peers=scenario.peers, catalog=catalog)
    except ScoringError as exc:
        st.warning(t("bench.error", error=md(exc)))
        return None


def statement(result: CatalogScore, bench: ParkBenchmark, park_id: str) -> str:
    """What would make the park win, biggest lever last (Markdown; data escaped)."""
    record = next(s for s in result.sites if s.id == park_id)
    if not record.passes:
        return t("bench.fails", reasons=md("; ".join(map(msg, record.reasons))))
    if record.rank == 1:
        return t("bench.first")
    options = smallest_gaps(bench.gaps)  # unit-free: normalised change, smallest first
    if not options:
        return t("bench.no_single")
    lines = [t("bench.gap_line", criterion=t(f"crit.{name}"),
               current=amount(g.current, CRITERIA[name].unit),
               needed=amount(g.needed, CRITERIA[name].unit), unit=unit(CRITERIA[name].unit))
             for name, g in options]
    return t("bench.gaps") + "\n" + "\n".join(f"- {line}" for line in lines)


@st.cache_resource(show_spinner=False, max_entries=32)
def _changes(key: tuple[Any, ...], park_id: str, today: dt.date, _rescorer: Rescorer,
             _park: Park) -> PassPlan | tuple[Lever, ...]:
    """The fixes of a failing park or the levers of a passing one (cached per scenario)."""
    plan = pass_plan(_rescorer, _park, today=today)
    return plan if plan.fixes else park_levers(_rescorer, _park, today=today)


def changes(result: CatalogScore, bench: ParkBenchmark, scenario: Scenario, catalog: Catalog,
            park: Park, *, today: dt.date) -> None:
    """What the park can change: the smallest fixes that make a failing park pass, and for a
    passing one the gap to first place and the levers within its control, each re-scored."""
    record = next(s for s in result.sites if s.id == park.id)
    if record.passes and record.rank is None:
        st.markdown(statement(result, bench, park.id))
        return
    rescorer = sc.rescorer(scenario, catalog)
    key = (catalog.version, data.prices().version, scenario.evaluation_key(),
           tuple(sorted(rescorer.brief.weights.items())), scenario.method,
           scenario.normalization)
    with st.spinner(t("bench.levers_busy")):
        found = _changes(key, park.id, today, rescorer, park)
    if isinstance(found, PassPlan):
        lines = [msg(fix.message()) for fix in found.fixes]
        st.markdown(t("bench.fix_intro") + "\n" + "\n".join(f"- {md(ln)}" for ln in lines))
        rank = found.rank_message()
        if rank is not None:
            st.markdown(md(msg(rank)))
        return
    st.markdown(statement(result, bench, park.id))
    if record.rank == 1:
        return
    st.markdown(f"**{t('bench.levers_title')}**")
    st.caption(t("bench.levers_intro"))
    if not found:
        st.info(t("bench.no_levers"))
        return
    texts = [msg(lv.message()) + ("" if (best := lv.best_message()) is None else
                                  "; " + msg(best)) for lv in found]
    st.markdown("\n".join(f"- {md(text)}" for text in texts))


def headline(result: CatalogScore, park: Park) -> None:
    record = next(s for s in result.sites if s.id == park.id)
    cols = st.columns(3)
    cols[0].metric(t("col.rank"), "–" if record.rank is None else record.rank,
                   help=t("bench.rank_help"))
    cols[1].metric(t("col.score"), num(record.score, decimals=3))
    cols[2].metric(t("col.completeness"), pct(park.completeness()))


def charts_row(result: CatalogScore, bench: ParkBenchmark, scenario: Scenario,
               catalog: Catalog, names: Mapping[str, str]) -> None:
    crit = {c: t(f"crit.{c}") for c in CRITERIA}
    left, right = st.columns(2)
    with left:
        st.plotly_chart(charts.percentile_bars(
            dict(bench.percentiles), crit, title=t("bench.percentiles"),
            unknown_label=t("status.unknown"), axis_title=t("bench.percentile_axis")),
            key="bench_pct")
    with right:
        peer_ids = list(catalog.peer_ids(scenario.peers))
        group = list(dict.fromkeys([scenario.park, *peer_ids]))
        scaled = normalised_criteria(result, group, scale_over=group)
        used = list(bench.percentiles) or list(CRITERIA)
        st.plotly_chart(charts.versus_median(
            scaled[used], scenario.park, peer_ids, names, crit, title=t("bench.radar"),
            median_label=t("bench.median")), key="bench_radar")


def unknown_facts(park: Park) -> None:
    unknown = [f for f in park.facts.values() if not f.resolved]
    if unknown:
        st.caption(t("bench.publish", n=len(unknown),
                     facts=", ".join(t(f"fact.{f.name}") for f in unknown[:8])))


def silence_frame(questions: Sequence[Question]) -> pd.DataFrame:
    """One row per asked fact: its label and the effect of publishing it, in words."""
    return pd.DataFrame({
        "fact": [", ".join(t(f"fact.{f}") for f in q.facts) for q in questions],
        "effect": [_sentence(msg(q.message)) + _also(q.also) for q in questions]},
        columns=["fact", "effect"])


def _also(names: Sequence[str]) -> str:
    if not names:
        return ""
    labels = ", ".join(t(f"fig.{n}") if n in FIGURES else n for n in names)
    return " " + t("bench.silence_also", figures=labels)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def silence(found: UncertainScore, values: Sequence[CatalogCellValue], park: Park) -> None:
    """What the park's silence costs: its unknown facts ranked by value of information for
    the current brief, each with what publishing it could do to its rank range."""
    try:
        record = found.site(park.id)
    except KeyError:
        return
    if record.must_have_status == "fail":
        return
    st.subheader(t("bench.silence_title"), anchor=False)
    now = rank_range(record.best_rank, record.worst_rank)
    questions = park_questions(values, park.id)
    if not questions:
        st.info(t("bench.silence_none", now=now), icon=":material/campaign:")
        return
    st.caption(t("bench.silence_caption", now=now))
    st.dataframe(silence_frame(questions), hide_index=True, width="stretch",
                 key="bench_silence", column_config={
                     "fact": st.column_config.TextColumn(t("col.fact"), width="medium"),
                     "effect": st.column_config.TextColumn(t("bench.silence_effect"),
                                                           width="large")})


def whatif_frame(park: Park) -> pd.DataFrame:
    """The editable figures with their labels and units in the session's language."""
    frame = editable_frame(park)
    return frame.assign(label=[t(f"fact.{name}") for name in frame["fact"]],
                        unit=[unit(u) for u in frame["unit"]])


def what_if(park: Park, *, today: dt.date) -> Park:
    """The park with the figures the user edited (kept for this visit only); values the
    catalog's rules refuse are listed with field, value and limit and not applied."""
    st.subheader(t("bench.whatif"), anchor=False)
    st.caption(t("bench.whatif_help"))
    edited = st.data_editor(
        whatif_frame(park), key=f"whatif_{park.id}", hide_index=True, width="stretch",
        disabled=["label", "unit"], column_order=["label", "value", "unit"], column_config={
            "fact": None,
            "label": st.column_config.TextColumn(t("col.fact"), width="large"),
            "value": st.column_config.NumberColumn(t("col.value")),
            "unit": st.column_config.TextColumn(t("col.unit"), width="small")})
    values = dict(zip(edited["fact"], pd.to_numeric(edited["value"], errors="coerce"),
                      strict=True))
    edits = {k: values.get(k) for k in EDITABLE}
    refused = refused_edits(park, edits)
    if refused:
        st.error(t("bench.whatif_refused") + "\n\n" + "\n".join(
            f"- {md(msg(m))}" for m in refused), icon=":material/block:")
    return apply_edits(park, edits, today=today)


def trial(result: CatalogScore, park: Park, edited: Park, *,
          rescore: Callable[[Catalog], CatalogScore | None], catalog: Catalog,
          scenario: Scenario) -> None:
    """Rank and gaps of the edited park against the unchanged others."""
    if not changed(park, edited):
        return
    scored = rescore(catalog.replace_park(edited))
    if scored is None:
        return
    before = next(s for s in result.sites if s.id == park.id)
    after = next(s for s in scored.sites if s.id == park.id)
    st.metric(t("bench.new_rank"), "–" if after.rank is None else after.rank,
              delta=None if after.rank is None or before.rank is None
              else before.rank - after.rank, help=t("bench.new_rank_help"))
    if not after.passes:
        st.text(t("bench.fails", reasons="; ".join(map(msg, after.reasons))))
    again = benchmark(scored, scenario, catalog.replace_park(edited))
    if again is not None:
        st.markdown(statement(scored, again, park.id))
