"""Park names with math markup, bidi overrides and invisible characters in the report."""

from __future__ import annotations

import dataclasses
import datetime as dt

from metrics import load_template, score_catalog
from report.analysis import robustness
from report.build import report_html
from report.charts import label
from scenario import Scenario
from sites import load_catalog
from sites.prices import load_prices

NAME = "KIP $\\macro{x}$ \u202eevil\u202c\u200b \x1b[31m"


def test_math_bidi_and_controls_in_a_park_name_do_not_break_the_report() -> None:
    catalog = load_catalog()
    kip = catalog.by_id("kokkola-kip")
    catalog = catalog.replace_park(dataclasses.replace(kip, name=NAME))
    brief = dataclasses.replace(load_template("pcam"), must_haves=frozenset())
    result = score_catalog(catalog, load_prices(), brief)
    ids = ["kokkola-kip", *[s.id for s in result.sites if s.id != "kokkola-kip"][:2]]
    html = report_html(catalog=catalog, result=result, brief=brief, ids=ids,
                       robust=robustness(result), scenario=Scenario(lang="en", method="topsis"),
                       today=dt.date(2026, 11, 27))
    for char in ("\u202e", "\u202c", "\u200b", "\x1b"):
        assert char not in html
    assert "KIP $\\macro{x}$ evil \u241b[31m" in html


def test_chart_labels_hold_no_math_or_bidi() -> None:
    assert label("$x$ \u2066a\u2069") == "&#36;x&#36; a"
