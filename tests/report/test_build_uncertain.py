"""The report under incomplete data: rank ranges, must-have status, questions to ask."""

from __future__ import annotations

import datetime as dt

import pytest

from metrics import load_template
from report.build import report_html
from scenario import Scenario, find_evaluation, find_sites
from scenario.questions import field_values, park_questions
from sites import load_catalog
from sites.prices import load_prices

IDS = ["kokkola-kip", "kotka-keltakallio", "port-of-antwerp-bruges"]


@pytest.fixture(scope="module")
def pcam():
    catalog, prices = load_catalog(), load_prices()
    scenario = Scenario.for_template(load_template("pcam"))
    found = find_sites(scenario, catalog, prices)
    values = field_values(scenario, find_evaluation(scenario, catalog, prices))
    return catalog, scenario, found, {i: park_questions(values, i) for i in IDS}


@pytest.mark.parametrize(("lang", "undecided", "title"), [
    ("en", "undecided", "Questions to ask each park"),
    ("fi", "ratkaisematta", "Kysymykset kullekin puistolle"),
    ("sv", "oavgjort", "Frågor till varje park")])
def test_report_carries_rank_ranges_status_and_questions(pcam, lang, undecided, title):
    catalog, scenario, found, questions = pcam
    scenario = Scenario.for_template(load_template("pcam"), lang=lang)
    html = report_html(catalog=catalog, result=found.result, scenario=scenario,
                       brief=scenario.brief(load_template("pcam")), ids=IDS, robust=None,
                       today=dt.date(2026, 12, 2), include_map=False, uncertain=found,
                       questions=questions)
    kip = found.site("kokkola-kip")
    assert f'<td class="num">{kip.best_rank}–{kip.worst_rank}</td>' in html
    assert f'<span class="undecided">{undecided}</span>' in html
    assert title in html
    if lang == "en":
        assert "Whether it meets the must-haves depends on: Largest free contiguous plot" in html
        assert "publishing your Wastewater price could move you from 1–23" in html


def test_report_without_intervals_is_unchanged(pcam):
    catalog, scenario, found, _ = pcam
    html = report_html(catalog=catalog, result=found.result, scenario=scenario,
                       brief=scenario.brief(load_template("pcam")), ids=IDS, robust=None,
                       today=dt.date(2026, 12, 2), include_map=False)
    assert "Questions to ask each park" not in html and "Rank range" not in html


@pytest.mark.parametrize(("lang", "heading", "first"), [
    ("en", "Under incomplete data", "plausible worlds (95 % band"),
    ("fi", "Puutteellisilla tiedoilla", "uskottavasta maailmasta (95 %:n väli"),
    ("sv", "Med ofullständiga uppgifter", "rimliga världar (95 %-intervall")])
def test_report_draws_the_intervals_and_the_joint_acceptability(pcam, lang, heading, first):
    from scenario import find_acceptability

    catalog, _, found, questions = pcam
    scenario = Scenario.for_template(load_template("pcam"), lang=lang)
    acc = find_acceptability(scenario, find_evaluation(scenario, catalog, load_prices()))
    assert acc is not None
    html = report_html(catalog=catalog, result=found.result, scenario=scenario,
                       brief=scenario.brief(load_template("pcam")), ids=IDS, robust=None,
                       today=dt.date(2026, 12, 2), include_map=False, uncertain=found,
                       questions=questions, acceptability=acc)
    assert f"<h2>{heading}</h2>" in html and first in html
    assert html.count("data:image/png;base64,") == 2  # the interval chart and the shares
    kip = acc.park("kokkola-kip")
    assert kip is not None
    share = f"{100 * kip.first:.1f}".replace(".", "," if lang != "en" else ".")
    assert f'<td class="num">{share}</td>' in html
    without = report_html(catalog=catalog, result=found.result, scenario=scenario,
                          brief=scenario.brief(load_template("pcam")), ids=IDS, robust=None,
                          today=dt.date(2026, 12, 2), include_map=False, uncertain=found,
                          questions=questions)
    assert f"<h2>{heading}</h2>" in without and first not in without
    assert without.count("data:image/png;base64,") == 1  # the interval chart alone
