"""Panels of the Compare page (formatting only; the analysis lives in ``report.analysis``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import streamlit as st

from metrics import CRITERIA, Brief, CatalogScore
from metrics.uncertain import CatalogAcceptability, CatalogCellValue, UncertainScore
from report import charts
from report.analysis import (
    bills_long,
    contributions,
    interval_sites,
    joint_robustness,
    normalised_criteria,
)
from report.format import UNKNOWN
from report.pdf import pdf_problem
from scenario import Scenario
from scenario.questions import asked_facts, park_questions
from sites.catalog import Catalog
from sites.model import Park
from sites.schema import FACTS
from ui.i18n import current_language, fact_date, fact_text, msg, num, styled, t
from ui.results import TABLE_FORMATS, rank_range
from ui.robust import cached_robustness

SOURCE_LINK = r"https?://(?:www\.)?([^/]+)"


def shortlist(result: CatalogScore, scenario: Scenario, catalog: Catalog) -> list[str]:
    """The scenario's shortlist, or the top three passing parks when it has fewer than two."""
    chosen = [i for i in scenario.shortlist if i in catalog.ids]
    if len(chosen) >= 2:
        return chosen
    st.caption(t("compare.default_list"))
    return [s.id for s in result.sites if s.rank is not None][:3]


def summary(result: CatalogScore, parks: Sequence[Park], names: Mapping[str, str]) -> None:
    records = {s.id: s for s in result.sites}
    frame = pd.DataFrame([{
        "name": names[p.id], "rank": records[p.id].rank, "score": records[p.id].score,
        "passes": records[p.id].passes, "reasons": "; ".join(map(msg, records[p.id].reasons)),
        "bill_meur": _scaled(records[p.id].annual_bill_eur, 1e6),
        "co2_kt": _scaled(records[p.id].co2_t, 1e3),
    } for p in parks])
    number = st.column_config.NumberColumn
    st.dataframe(styled(frame, TABLE_FORMATS), hide_index=True, width="stretch",
                 column_config={
                     "name": st.column_config.TextColumn(t("col.park"), width=230),
                     "rank": number(t("col.rank"), width=60),
                     "score": number(t("col.score"), width=80, help=t("help.score")),
                     "passes": st.column_config.CheckboxColumn(t("col.passes"), width=110),
                     "reasons": st.column_config.TextColumn(t("col.reasons"), width="large"),
                     "bill_meur": number(t("col.bill"), width=140, help=t("help.bill")),
                     "co2_kt": number(t("col.co2"), width=150, help=t("help.co2")),
                 })


def _scaled(value: float | None, unit: float) -> float | None:
    return None if value is None else value / unit


def facts(parks: Sequence[Park], names: Mapping[str, str]) -> None:
    wide = pd.DataFrame({names[p.id]: [fact_text(p.facts[f]) for f in FACTS]
                         for p in parks}, index=[t(f"fact.{f}") for f in FACTS])
    st.dataframe(wide, width="stretch", height=38 * (len(FACTS) + 1))
    long = pd.DataFrame([{"park": names[p.id], "fact": t(f"fact.{f}"),
                          "status": t(f"status.{p.facts[f].status.value}"),
                          "as_of": fact_date(p.facts[f]) or UNKNOWN,
                          "source": p.facts[f].source or ""}
                         for p in parks for f in FACTS])
    with st.expander(t("compare.sources")):
        st.dataframe(long, hide_index=True, width="stretch", column_config={
            "park": st.column_config.TextColumn(t("col.park")),
            "fact": st.column_config.TextColumn(t("col.fact")),
            "status": st.column_config.TextColumn(t("col.status")),
            "as_of": st.column_config.TextColumn(t("col.as_of")),
            "source": st.column_config.LinkColumn(t("col.source"), display_text=SOURCE_LINK)})


def charts_tab(result: CatalogScore, chosen: Sequence[str], names: Mapping[str, str]) -> None:
    crit = {c: t(f"crit.{c}") for c in CRITERIA}
    scaled = normalised_criteria(result, chosen)
    used = list(result.criteria_used)
    st.plotly_chart(charts.radar(scaled[used] if used else scaled, names, crit,
                                 title=t("compare.radar")), key="cmp_radar")
    bills = bills_long(result, chosen, language=current_language())
    st.plotly_chart(charts.bill_stack(bills, title=t("compare.bill"),
                                      unit_label=t("compare.meur"),
                                      unpriced_label=t("compare.unpriced"), names=names),
                    key="cmp_bill")
    st.plotly_chart(charts.contribution_bars(contributions(result, chosen), names, crit,
                                             title=t("compare.contrib")), key="cmp_contrib")


def robustness_tab(result: CatalogScore, chosen: Sequence[str], names: Mapping[str, str]
                   ) -> None:
    robust = cached_robustness(result)
    if robust is None:
        st.info(t("compare.no_robust"))
        return
    st.plotly_chart(charts.acceptability_bars(
        robust, chosen, title=t("compare.acceptability", n=num(robust.samples)),
        rank_label=t("col.rank"), share_label=t("compare.share"), names=names), key="cmp_acc")
    for park_id in (i for i in chosen if i in robust.ids):
        share = 100 * float(robust.acceptability[robust.ids.index(park_id), 0])
        st.text(t("compare.first_share", park=names[park_id], share=round(share)))
    records = {s.id: s for s in result.sites}
    intervals = pd.DataFrame([{
        "criterion": t(f"crit.{c}"), "weight": w, "low": lo, "high": hi,
        "top": names.get(top, records[top].name)} for c, w, lo, hi, top in robust.intervals])
    st.dataframe(styled(intervals, dict.fromkeys(("weight", "low", "high"), "weight")),
                 hide_index=True, width="stretch", column_config={
                     "criterion": st.column_config.TextColumn(t("result.criterion")),
                     "weight": st.column_config.NumberColumn(t("compare.weight")),
                     "low": st.column_config.NumberColumn(t("compare.low")),
                     "high": st.column_config.NumberColumn(t("compare.high")),
                     "top": st.column_config.TextColumn(t("compare.top"))})
    st.caption(t("compare.intervals_help"))


def interval_chart(found: UncertainScore, chosen: Sequence[str], names: Mapping[str, str],
                   policy: str) -> None:
    """Per shortlisted park: possible ranks and scores as range bars, today's marked."""
    st.plotly_chart(charts.rank_intervals(
        interval_sites(found, chosen), names, title=t("compare.iv_title"),
        rank_label=t("compare.iv_rank_axis"), score_label=t("compare.iv_score_axis"),
        range_label=t("compare.iv_ranks"), undecided_range_label=t("compare.iv_ranks_undecided"),
        today_label=t("compare.iv_today"), undecided_label=t("compare.iv_undecided"),
        fails_label=t("compare.iv_fails")), key="cmp_intervals")
    st.caption(t("compare.iv_help", policy=t(f"sc.unknown_{policy}")))


def _share(value: object) -> str:
    return num(100 * value if isinstance(value, int | float) else None, decimals=1)


def _band(low: float, high: float) -> str:
    return f"{num(100 * low, decimals=1)}–{num(100 * high, decimals=1)}"


def acceptability_frame(found: UncertainScore, acc: CatalogAcceptability,
                        chosen: Sequence[str], names: Mapping[str, str]) -> pd.DataFrame:
    """Per shortlisted park: status, rank today and its range, the joint shares with their
    95 % bands, and the ranks seen in the sampled worlds."""
    rows = []
    for park_id in chosen:
        site, p = found.site(park_id), acc.park(park_id)
        rows.append({
            "name": names[park_id], "status": t(f"must_status.{site.must_have_status}"),
            "rank": site.rank, "rank_range": rank_range(site.best_rank, site.worst_rank),
            "first": None if p is None else p.first,
            "first_band": "–" if p is None else _band(p.first_low, p.first_high),
            "top": None if p is None else p.top,
            "top_band": "–" if p is None else _band(p.top_low, p.top_high),
            "seen": "–" if p is None else rank_range(p.seen_best, p.seen_worst)})
    return pd.DataFrame(rows, columns=["name", "status", "rank", "rank_range", "first",
                                       "first_band", "top", "top_band", "seen"])


def uncertainty_tab(found: UncertainScore, acc: CatalogAcceptability | None,
                    chosen: Sequence[str], names: Mapping[str, str], policy: str) -> None:
    """The interval chart, then rank acceptability when weights and data are sampled together:
    "first in 34 % of plausible worlds", with the sample count and 95 % bands."""
    interval_chart(found, chosen, names, policy)
    st.subheader(t("compare.joint_heading"), anchor=False)
    if acc is None:
        st.info(t("compare.joint_none"))
        return
    n = num(acc.samples)
    st.plotly_chart(charts.acceptability_bars(
        joint_robustness(acc, names), chosen, title=t("compare.joint_title", n=n),
        rank_label=t("col.rank"), share_label=t("compare.joint_share"), names=names),
        key="cmp_joint_acc")
    for park_id in chosen:
        p = acc.park(park_id)
        st.text(t("compare.joint_out", park=names[park_id]) if p is None else
                t("compare.joint_first", park=names[park_id],
                  share=num(100 * p.first, decimals=1),
                  n=n, low=num(100 * p.first_low, decimals=1),
                  high=num(100 * p.first_high, decimals=1)))
    frame = acceptability_frame(found, acc, chosen, names)
    column = st.column_config
    share = {"first": _share, "top": _share}  # one decimal, as the bands beside them
    st.dataframe(styled(frame, {"rank": "rank", **share}),
                 hide_index=True, width="stretch", key="cmp_joint_table", column_config={
                     "name": column.TextColumn(t("col.park"), width=230),
                     "status": column.TextColumn(t("col.must_status")),
                     "rank": column.NumberColumn(t("col.rank"), width=60),
                     "rank_range": column.TextColumn(t("col.rank_range"),
                                                     help=t("help.rank_range")),
                     "first": column.NumberColumn(t("col.first_share")),
                     "first_band": column.TextColumn(t("col.band")),
                     "top": column.NumberColumn(t("col.top_share", k=acc.top)),
                     "top_band": column.TextColumn(t("col.band")),
                     "seen": column.TextColumn(t("col.seen_ranks"), help=t("help.seen_ranks"))})
    st.caption(t("compare.joint_help", policy=t(f"sc.unknown_{acc.unknown}"), n=n))


def rfi_rows(found: UncertainScore, values: Sequence[CatalogCellValue], park: Park
             ) -> list[tuple[str, str, str]]:
    """The facts to ask one park for, with why they matter for this brief (the RFI sheet)."""
    site = found.site(park.id)
    deciding = site.deciding_facts if site.must_have_status == "undecided" else ()
    questions = park_questions(values, park.id)
    why: dict[str, str] = {f: t("rfi.why_must") for f in deciding if f in FACTS}
    for q in questions:
        for fact in q.facts:
            why.setdefault(fact, msg(q.message))
    return [(f, t(f"fact.{f}"), why[f]) for f in asked_facts(questions, deciding)]


def rfi_buttons(found: UncertainScore, values: Sequence[CatalogCellValue],
                parks: Sequence[Park], names: Mapping[str, str]) -> None:
    """Per shortlisted park, an Excel request for information in the Submit template's
    format: pre-filled with what is known, the asked facts first with why they matter."""
    st.subheader(t("rfi.title"), anchor=False)
    st.caption(t("rfi.caption"))
    columns = st.columns(min(len(parks), 3))
    for i, park in enumerate(parks):
        rows = rfi_rows(found, values, park)
        columns[i % len(columns)].download_button(
            t("rfi.download", park=names.get(park.id, park.name), n=len(rows)),
            data=_rfi_workbook(park, rows),
            file_name=f"parkbench_rfi_{park.id}.xlsx", icon=":material/contact_mail:",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"rfi_{park.id}", on_click="ignore")


def _rfi_workbook(park: Park, rows: Sequence[tuple[str, str, str]]) -> Callable[[], bytes]:
    from sites.submissions.templates import excel_bytes, profile_mapping

    return lambda: excel_bytes(profile_mapping(park), first=[f for f, _, _ in rows],
                               request=rows)


def report_button(*, catalog: Catalog, result: CatalogScore, scenario: Scenario, brief: Brief,
                  chosen: Sequence[str], today: dt.date, link: str,
                  uncertain: UncertainScore | None = None,
                  values: Sequence[CatalogCellValue] = (),
                  acceptability: CatalogAcceptability | None = None) -> None:
    """The report download; everything it states is bound now, from this run's scenario
    (with ``uncertain`` and ``values``: rank ranges, must-have status, questions to ask; with
    ``acceptability``: the shares of plausible worlds)."""
    ids = tuple(chosen)
    questions = {i: park_questions(values, i) for i in ids}

    def build() -> bytes:
        from report.build import report_html

        return report_html(catalog=catalog, result=result, scenario=scenario, brief=brief,
                           ids=ids, robust=cached_robustness(result), today=today,
                           link=link, uncertain=uncertain, questions=questions,
                           acceptability=acceptability).encode("utf-8")

    html_column, pdf_column = st.columns(2)
    html_column.download_button(t("compare.report"), data=build,
                                file_name="parkbench_report.html", mime="text/html",
                                icon=":material/description:", type="primary",
                                help=t("compare.report_help"), on_click="ignore")
    problem = pdf_problem()
    if problem is not None:
        pdf_column.caption(t("report.pdf_unavailable", error=problem))
        return

    def build_pdf() -> bytes:
        from report.pdf import report_pdf

        return report_pdf(build().decode("utf-8"))

    pdf_column.download_button(t("report.pdf"), data=build_pdf, file_name="parkbench_report.pdf",
                               mime="application/pdf", icon=":material/picture_as_pdf:",
                               on_click="ignore")
