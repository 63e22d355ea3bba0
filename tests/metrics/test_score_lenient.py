"""Lenient must-haves and the evaluate/rank split of score_catalog."""

from __future__ import annotations

import dataclasses

import pytest

from metrics import evaluate_catalog, load_template, rank_evaluation, score_catalog
from metrics.messages import message
from sites import load_catalog
from sites.prices import load_prices


@pytest.fixture(scope="module")
def setup():
    brief = dataclasses.replace(load_template("pcam"),
                                must_haves=frozenset({"draught", "zoning"}))
    return load_catalog(), load_prices(), brief


def test_unknown_fails_by_default_and_passes_when_lenient(setup):
    catalog, prices, brief = setup
    strict = {s.id: s for s in score_catalog(catalog, prices, brief).sites}
    lenient = {s.id: s for s in score_catalog(catalog, prices, brief, unknown_fails=False).sites}
    unknown_only = [i for i, s in strict.items()
                    if s.reasons and all(r.code == "must_unknown" for r in s.reasons)]
    assert unknown_only, "the catalog has parks failing only on unknown facts"
    for park_id in unknown_only:
        assert lenient[park_id].passes
        assert lenient[park_id].unconfirmed == strict[park_id].reasons
    real_failures = [i for i, s in strict.items()
                     if any(r.code != "must_unknown" for r in s.reasons)]
    for park_id in real_failures:  # a fact that falls short fails either way
        assert not lenient[park_id].passes
    assert sum(s.passes for s in lenient.values()) > sum(s.passes for s in strict.values())


def test_rank_evaluation_equals_score_catalog(setup):
    catalog, prices, brief = setup
    evaluation = evaluate_catalog(catalog, prices, brief, unknown_fails=False)
    for method in ("topsis", "wsm", "vikor", "promethee"):
        direct = score_catalog(catalog, prices, brief, method=method, unknown_fails=False)
        split = rank_evaluation(evaluation, brief.weights, method=method)
        assert [(s.id, s.rank, s.score) for s in split.sites] == \
            [(s.id, s.rank, s.score) for s in direct.sites]


def test_a_line_no_site_can_price_is_left_out_of_every_total_and_reported(setup):
    catalog, prices, brief = setup
    brief = brief.with_figure("electricity_gwh_a", 300).with_figure("heat_gwh_a", 120)
    brief = dataclasses.replace(brief, heat_medium="steam",
                                pricing=dataclasses.replace(brief.pricing, missing="median"))
    result = score_catalog(catalog, prices, brief, unknown_fails=False)
    assert message("line_unpriced", item="steam", quantity="steam_price") in result.warnings
    kip = next(s for s in result.sites if s.id == "kokkola-kip")
    steam = [ln for ln in kip.bill if ln.item == "steam"]
    assert steam and steam[0].cost_eur is None  # shown as unpriced in the bill, never zero
    priced = sum(ln.cost_eur for ln in kip.bill if ln.cost_eur is not None)
    assert kip.annual_bill_eur == pytest.approx(priced)


def test_a_brief_with_nothing_priceable_has_no_bill_not_a_zero_bill(setup):
    catalog, prices, _ = setup
    brief = load_template("lioh")
    result = score_catalog(catalog, prices, brief, unknown_fails=False)
    for site in result.sites:
        if all(line.cost_eur is None for line in site.bill):
            assert site.annual_bill_eur is None, site.id
