"""The Find page's core call: today's ranking of a scenario with every site's intervals."""

from __future__ import annotations

import dataclasses

import pytest

from metrics import evaluate_catalog, load_template, rank_evaluation
from scenario import BY_KEY, Scenario, find_acceptability, find_evaluation, find_ranking, find_sites
from sites import load_catalog
from sites.prices import load_prices


@pytest.fixture(scope="module")
def shipped():
    return load_catalog(), load_prices()


@pytest.fixture(scope="module")
def pcam():
    return Scenario.for_template(load_template("pcam"))


@pytest.mark.parametrize("strict", [False, True])
def test_the_point_ranking_is_todays(shipped, pcam, strict):
    """``result`` is what the dashboard ranks today (evaluate_catalog + rank_evaluation)."""
    catalog, prices = shipped
    scenario = dataclasses.replace(pcam, strict=strict, method="wsm")
    got = find_sites(scenario, catalog, prices)
    brief = scenario.brief(load_template("pcam"))
    today = rank_evaluation(evaluate_catalog(catalog, prices, brief, unknown_fails=strict),
                            brief.weights, method="wsm")
    assert [(s.id, s.rank, s.score, s.annual_bill_eur) for s in got.result.sites] == \
        [(s.id, s.rank, s.score, s.annual_bill_eur) for s in today.sites]
    assert [s.id for s in got.sites] == [s.id for s in got.result.sites]
    for point, iv in zip(got.result.sites, got.sites, strict=True):
        assert (iv.rank, iv.score) == (point.rank, point.score)


def test_every_site_has_its_status_intervals_and_bill_range(shipped, pcam):
    catalog, prices = shipped
    r = find_sites(pcam, catalog, prices)
    assert {s.must_have_status for s in r.sites} == {"pass", "fail", "undecided"}
    for s in r.sites:
        if s.must_have_status == "undecided":
            assert s.deciding_facts and s.best_rank is not None
        if s.rank is not None:
            assert s.best_rank <= s.rank <= s.worst_rank
            assert s.worst_score <= s.score <= s.best_score
        if s.annual_bill_eur is not None:
            assert s.annual_bill_eur_low <= s.annual_bill_eur <= s.annual_bill_eur_high
    kip = r.site("kokkola-kip")  # free land and largest plot "at most 70 ha", 45 ha needed
    assert (kip.must_have_status, kip.deciding) == ("undecided", ("land",))
    assert kip.deciding_facts == ("largest_free_plot_ha",)


def test_a_weight_change_reruns_only_the_ranking_stage(shipped, pcam):
    catalog, prices = shipped
    evaluation = find_evaluation(pcam, catalog, prices)
    moved = pcam.replace_value(BY_KEY["w_customer_km"], 9)
    assert moved.evaluation_key() == pcam.evaluation_key()
    assert find_ranking(moved, evaluation) == find_sites(moved, catalog, prices)


def test_the_result_is_pure_and_keyed_by_hashable_inputs(shipped, pcam):
    catalog, prices = shipped
    hash((pcam, catalog.version, prices.version, "peer"))
    assert find_sites(pcam, catalog, prices) == find_sites(pcam, catalog, prices)
    threshold = find_sites(pcam, catalog, prices, unknown="threshold")
    assert threshold.unknown == "threshold"


def test_the_scenario_chooses_the_unknown_policy(shipped, pcam) -> None:
    catalog, prices = shipped
    threshold = dataclasses.replace(pcam, unknown="threshold")
    got = find_sites(threshold, catalog, prices)
    assert got == find_sites(pcam, catalog, prices, unknown="threshold")
    assert got.unknown == "threshold" and find_sites(pcam, catalog, prices).unknown == "peer"


@pytest.mark.parametrize(("method", "samples"), [("topsis", 10_000), ("wsm", 10_000),
                                                 ("vikor", 1_000), ("promethee", 1_000)])
def test_acceptability_under_data_uncertainty_follows_the_scenario(shipped, pcam, method,
                                                                   samples):
    """Joint SMAA of the scenario's field: its method, weights and unknown policy; seeded."""
    catalog, prices = shipped
    scenario = dataclasses.replace(pcam, method=method)
    evaluation = find_evaluation(scenario, catalog, prices)
    found = find_ranking(scenario, evaluation)
    acc = find_acceptability(scenario, evaluation)
    assert acc is not None and acc.samples == samples and acc.method == method
    assert acc.unknown == scenario.unknown == "peer"
    assert set(acc.ids) == {s.id for s in found.sites if s.must_have_status != "fail"}
    assert sum(p.first for p in acc.parks) == pytest.approx(1.0)
    if method == "topsis":
        again = find_acceptability(scenario, evaluation)
        assert again is not None and again.parks == acc.parks
        fixed = find_acceptability(scenario, evaluation, fixed_weights=True, samples=2000)
        assert fixed is not None
        for p in fixed.parks:
            s = found.site(p.id)
            assert s.best_rank <= p.seen_best <= p.seen_worst <= s.worst_rank
