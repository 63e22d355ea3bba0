"""Compare (promoters): two to five parks side by side, with robustness and a report."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ui import compare, data, results
from ui import scenario as sc
from ui.i18n import t

today = dt.datetime.now(dt.UTC).date()
catalog = data.catalog()
scenario = sc.sidebar(("template", "needs", "must", "weights", "pricing", "shortlist"))
st.title(t("compare.title"))
result = sc.result(scenario, catalog)
if result is None:
    st.stop()
results.render_warnings(result)

chosen = compare.shortlist(result, scenario, catalog)
if len(chosen) < 2:
    st.info(t("compare.need_two"))
    st.stop()
parks = [catalog.by_id(i) for i in chosen]
names = {p.id: p.display_name(scenario.lang) for p in parks}
compare.summary(result, parks, names)

found, values = sc.find(scenario, catalog), sc.cell_values(scenario, catalog)
accepted = sc.acceptability(scenario, catalog)
tab_facts, tab_charts, tab_robust, tab_uncertain = st.tabs([
    t("compare.tab_facts"), t("compare.tab_charts"), t("compare.tab_robust"),
    t("compare.tab_uncertain")])
with tab_facts:
    compare.facts(parks, names)
with tab_charts:
    compare.charts_tab(result, chosen, names)
with tab_robust:
    compare.robustness_tab(result, chosen, names)
with tab_uncertain:
    compare.uncertainty_tab(found, accepted, chosen, names, scenario.unknown)

st.divider()
compare.report_button(catalog=catalog, result=result, scenario=scenario,
                      brief=scenario.brief(sc.template(scenario.template)), chosen=chosen,
                      today=today, link=sc.link("compare"), uncertain=found, values=values,
                      acceptability=accepted)
compare.rfi_buttons(found, values, parks, names)
