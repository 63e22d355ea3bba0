"""Compare (promoters): two to five parks side by side, with robustness and a report."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from metrics import CRITERIA
from report import charts
from report.analysis import bills_long, contributions, normalised_criteria
from sites.schema import FACTS
from ui import data, results, scenario
from ui.i18n import current_language, t
from ui.robust import cached_robustness

today = dt.datetime.now(dt.UTC).date()
catalog = data.catalog()
st.title(t("compare.title"))
result = scenario.current_result()
if result is None:
    st.stop()
results.render_warnings(result)

chosen = [i for i in (st.session_state.get("list") or []) if i in catalog.ids]
if len(chosen) < 2:
    chosen = [s.id for s in result.sites if s.rank is not None][:3]
    st.caption(t("compare.default_list"))
if len(chosen) < 2:
    st.info(t("compare.need_two"))
    st.stop()

parks = [catalog.by_id(i) for i in chosen]
names = {p.id: p.display_name(current_language()) for p in parks}
crit_labels = {c: t(f"crit.{c}") for c in CRITERIA}
records = {s.id: s for s in result.sites}

summary = pd.DataFrame([{
    "name": names[p.id], "rank": records[p.id].rank, "score": records[p.id].score,
    "passes": records[p.id].passes, "reasons": "; ".join(records[p.id].reasons),
    "bill_meur": None if records[p.id].annual_bill_eur is None
    else records[p.id].annual_bill_eur / 1e6,
    "co2_kt": None if records[p.id].co2_t is None else records[p.id].co2_t / 1e3,
} for p in parks])
st.dataframe(summary, hide_index=True, width="stretch", column_config={
    "name": st.column_config.TextColumn(t("col.park")),
    "rank": st.column_config.NumberColumn(t("col.rank"), format="%d"),
    "score": st.column_config.ProgressColumn(t("col.score"), min_value=0.0, max_value=1.0,
                                             format="%.3f"),
    "passes": st.column_config.CheckboxColumn(t("col.passes")),
    "reasons": st.column_config.TextColumn(t("col.reasons"), width="large"),
    "bill_meur": st.column_config.NumberColumn(t("col.bill"), format="%.2f"),
    "co2_kt": st.column_config.NumberColumn(t("col.co2"), format="%.1f"),
})

tab_facts, tab_charts, tab_robust = st.tabs([t("compare.tab_facts"), t("compare.tab_charts"),
                                             t("compare.tab_robust")])
with tab_facts:
    wide = pd.DataFrame({names[p.id]: [p.facts[f].display_value() for f in FACTS]
                         for p in parks}, index=[t(f"fact.{f}") for f in FACTS])
    st.dataframe(wide, width="stretch", height=38 * (len(FACTS) + 1))
    long = pd.DataFrame([{"park": names[p.id], "fact": t(f"fact.{f}"),
                          "status": t(f"status.{p.facts[f].status.value}"),
                          "as_of": p.facts[f].date_text(), "source": p.facts[f].source}
                         for p in parks for f in FACTS])
    with st.expander(t("compare.sources")):
        st.dataframe(long, hide_index=True, width="stretch", column_config={
            "source": st.column_config.LinkColumn(t("col.source"),
                                                  display_text=r"https?://(?:www\.)?([^/]+)")})

with tab_charts:
    scaled = normalised_criteria(result, chosen)
    used = [c for c in result.criteria_used]
    st.plotly_chart(charts.radar(scaled[used] if used else scaled, names, crit_labels,
                                 title=t("compare.radar")), key="cmp_radar")
    st.plotly_chart(charts.bill_stack(bills_long(result, chosen), title=t("compare.bill"),
                                      unit_label=t("compare.meur"),
                                      unpriced_label=t("compare.unpriced")), key="cmp_bill")
    st.plotly_chart(charts.contribution_bars(contributions(result, chosen), names, crit_labels,
                                             title=t("compare.contrib")), key="cmp_contrib")

with tab_robust:
    robust = cached_robustness(result)
    if robust is None:
        st.info(t("compare.no_robust"))
    else:
        st.plotly_chart(charts.acceptability_bars(
            robust, chosen, title=t("compare.acceptability", n=robust.samples),
            rank_label=t("col.rank"), share_label=t("compare.share")), key="cmp_acc")
        firsts = {i: 100 * float(robust.acceptability[robust.ids.index(i), 0])
                  for i in chosen if i in robust.ids}
        for park_id, share in firsts.items():
            st.text(t("compare.first_share", park=names[park_id], share=round(share)))
        st.dataframe(pd.DataFrame([{
            "criterion": crit_labels[c], "weight": w, "low": lo, "high": hi,
            "top": records[top].name} for c, w, lo, hi, top in robust.intervals]),
            hide_index=True, width="stretch", column_config={
                "criterion": st.column_config.TextColumn(t("result.criterion")),
                "weight": st.column_config.NumberColumn(t("compare.weight"), format="%.3f"),
                "low": st.column_config.NumberColumn(t("compare.low"), format="%.3f"),
                "high": st.column_config.NumberColumn(t("compare.high"), format="%.3f"),
                "top": st.column_config.TextColumn(t("compare.top"))})
        st.caption(t("compare.intervals_help"))

st.divider()


def _report() -> bytes:
    from report.build import report_html

    return report_html(catalog=catalog, result=result, brief=scenario.current_brief(),
                       ids=chosen, robust=cached_robustness(result), language=current_language(),
                       today=today, options=scenario.scoring_options()).encode("utf-8")


st.download_button(t("compare.report"), data=_report, file_name="parkbench_report.html",
                   mime="text/html", icon=":material/description:", type="primary",
                   help=t("compare.report_help"))
