"""The catalog under incomplete data, on a hand-checkable synthetic catalog and the shipped one.

Parks, prices and briefs built here are synthetic test data (see tests/metrics/conftest.py).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from metrics import load_template
from metrics.messages import message
from metrics.methods.registry import get_method, utility
from metrics.uncertain.catalog import (
    catalog_acceptability,
    catalog_problem,
    evaluate_uncertain,
    rank_uncertain,
)
from sites import load_catalog
from sites.model import Park
from sites.prices import load_prices
from sites.schema import Status
from tests.metrics.conftest import FakePrices, brief_from, make_park
from tests.metrics.uncertain.conftest import sample_worlds


class Cat:
    def __init__(self, *parks: Park) -> None:
        self.parks = tuple(parks)


def with_fact(park: Park, name: str, **changes: object) -> Park:
    """The park with one fact changed (a range, a bound, not applicable ...)."""
    fact = park.facts[name]
    if "status" not in changes:
        changes["status"] = Status.ESTIMATE
    facts = dict(park.facts)
    facts[name] = dataclasses.replace(fact, **changes)
    return dataclasses.replace(park, facts=facts)


WATER = ("water_price", "")
A = make_park("a", free_land_ha=30, port_max_draught_m=12, heavy_chem_zoning=True)
B = with_fact(make_park("b", port_max_draught_m=11, heavy_chem_zoning=True), "free_land_ha",
              value=15.0, qualifier="at least")
C = with_fact(make_park("c", port_max_draught_m=14), "free_land_ha", value=20.0, low=12.0,
              high=25.0)
D = with_fact(make_park("d", free_land_ha=50, heavy_chem_zoning=True), "port_max_draught_m",
              status=Status.NOT_APPLICABLE, value=None)
E = make_park("e", port_max_draught_m=12, heavy_chem_zoning=True)
CATALOG = Cat(A, B, C, D, E)
PRICES = FakePrices({"a": {WATER: 1.0}, "c": {WATER: 2.0}, "d": {WATER: 3.0},
                     "e": {WATER: 1.5}})


def brief(**extra: object):
    plant = {"land_ha": 10, "vessel_draught_m": 10, "water_m3_a": 1_000_000}
    return brief_from(plant=plant | dict(extra.pop("plant", {})),  # type: ignore[arg-type]
                      must_haves=["land", "draught", "zoning"],
                      weights={"annual_bill_eur": 1, "land_margin_ha": 1},
                      pricing={"missing": "median"}, **extra)


@pytest.fixture(scope="module")
def hand():
    uev = evaluate_uncertain(CATALOG, PRICES, brief(), unknown_fails=False)
    return uev, rank_uncertain(uev, {"annual_bill_eur": 1, "land_margin_ha": 1}, method="wsm")


def test_must_haves_have_three_outcomes_with_the_deciding_facts(hand):
    """A and B pass (B's free land "at least 15" covers the 10 ha need); C's zoning is unknown
    -> undecided on zoning; E's free land is unknown -> undecided on land, naming both land
    facts; D's port draught is not applicable (inland) -> fails the draught must-have."""
    _, r = hand
    s = {x.id: x for x in r.sites}
    assert [s[i].must_have_status for i in "abcde"] == \
        ["pass", "pass", "undecided", "fail", "undecided"]
    assert s["c"].deciding == ("zoning",) and s["c"].deciding_facts == ("heavy_chem_zoning",)
    assert s["e"].deciding == ("land",)
    assert s["e"].deciding_facts == ("largest_free_plot_ha", "free_land_ha")
    assert s["d"].failing == ("draught",) and s["d"].deciding == ()
    assert s["d"].rank is None and s["d"].best_rank is None  # the point check fails it too


def test_bill_bounds_by_hand(hand):
    """1e6 m3 of water: A, C, E are priced (1.0, 2.0, 1.5 EUR/m3; D 3.0), B has no price and
    takes the median of the four, 1.75, so its bill is 1.75 MEUR within the peers' range
    1.0..3.0 EUR/m3 = 1..3 MEUR."""
    _, r = hand
    s = {x.id: x for x in r.sites}
    assert (s["a"].annual_bill_eur_low, s["a"].annual_bill_eur_high) == (1e6, 1e6)
    assert s["b"].annual_bill_eur == pytest.approx(1.75e6)
    assert (s["b"].annual_bill_eur_low, s["b"].annual_bill_eur_high) == \
        pytest.approx((1e6, 3e6))
    assert (s["c"].annual_bill_eur_low, s["c"].annual_bill_eur_high) == (2e6, 2e6)


def test_cells_by_hand(hand):
    """Land margin = free land - 10 ha. Peer range of free land: 12 (C's low) .. 50 (D), so
    B's "at least 15" spans 15..50 -> margin 5..40; C's range 12..25 -> 2..15 (point: its
    typical 20 -> 10). E's unknown takes the field's peer range 2..40 under ``peer`` and
    0 (the must-have threshold) .. 40 under ``threshold``; its point is today's imputation,
    the worst known margin of the ranked sites (B's 5)."""
    uev, r = hand
    assert uev.thresholds == {"land_margin_ha": 0.0, "draught_margin_m": 0.0}
    p = catalog_problem(uev, r.result, {"annual_bill_eur": 1, "land_margin_ha": 1})
    assert p is not None and p.ids == ("a", "b", "c", "e")
    assert p.criteria == ("annual_bill_eur", "land_margin_ha")
    land = p.criteria.index("land_margin_ha")
    np.testing.assert_allclose(p.matrix.low[:, land], [20, 5, 2, 2])
    np.testing.assert_allclose(p.matrix.high[:, land], [20, 40, 15, 40])
    np.testing.assert_allclose(p.matrix.point[:, land], [20, 5, 10, 5])
    assert p.present.tolist() == [True, True, False, False]
    assert p.sources[1][land] == ("free_land_ha",)
    t = catalog_problem(uev, r.result, {"annual_bill_eur": 1, "land_margin_ha": 1},
                        unknown="threshold")
    assert t is not None
    assert (t.matrix.low[3, land], t.matrix.high[3, land]) == (0.0, 40.0)


def test_point_ranks_are_todays_and_lie_inside(hand):
    """WSM, min-max, equal weights. Bill (cost) 1, 1.75, 2, 1.5 MEUR -> 1, .25, 0, .5; land
    margin 20, 5, 10, 5 -> 1, 0, 1/3, 0; scores A 1, B .125, C 1/6, E .25: A, E, C, B. Nobody
    is surely ahead of A, so its best rank is 1; A beats C in every world (cheaper, and C's
    margin is at most 15 < 20), so C's best rank is at least 2."""
    _, r = hand
    s = {x.id: x for x in r.sites}
    assert [s[i].rank for i in "aecb"] == [1, 2, 3, 4]
    assert [s[i].score for i in "abce"] == pytest.approx([1, 0.125, 1 / 6, 0.25])
    for x in (s[i] for i in "abce"):
        assert x.best_rank <= x.rank <= x.worst_rank
        assert x.worst_score <= x.score <= x.best_score
    assert s["a"].best_rank == 1 and s["c"].best_rank >= 2
    assert s["b"].uncertain == ("annual_bill_eur", "land_margin_ha")


def test_every_sampled_world_lies_inside(hand):
    """Worlds inside the field's bounds (every must-have passing), ranked by plain WSM."""
    uev, r = hand
    p = catalog_problem(uev, r.result, {"annual_bill_eur": 1, "land_margin_ha": 1})
    assert p is not None
    rows = [r.site(i) for i in p.ids]
    spec = get_method("wsm")
    for x in sample_worlds(p.matrix, np.random.default_rng(1), 300, corners=60):
        res = spec.score(x, p.types, p.weights, on_constant="ignore")
        u = utility("wsm", res.scores)
        for k, s in enumerate(rows):
            assert s.best_rank <= res.ranks[k] <= s.worst_rank
            assert s.worst_score - 1e-9 <= u[k] <= s.best_score + 1e-9


def test_an_undecided_competitor_is_never_surely_ahead():
    """Make E unbeatable (free land 200, cheapest water) but undecided on zoning: A's best rank
    stays 1 (E may drop out); with E's zoning confirmed, A's best rank is 2."""
    e = with_fact(make_park("e", free_land_ha=200, port_max_draught_m=12), "heavy_chem_zoning",
                  status=Status.UNKNOWN, value=None)
    prices = FakePrices(PRICES.table | {"e": {WATER: 0.5}})
    w = {"annual_bill_eur": 1, "land_margin_ha": 1}
    undecided = rank_uncertain(evaluate_uncertain(Cat(A, B, C, D, e), prices, brief(),
                                                  unknown_fails=False), w, method="wsm")
    sure = with_fact(e, "heavy_chem_zoning", value=True)
    decided = rank_uncertain(evaluate_uncertain(Cat(A, B, C, D, sure), prices, brief(),
                                                unknown_fails=False), w, method="wsm")
    assert undecided.site("e").must_have_status == "undecided"
    assert undecided.site("a").best_rank == 1
    assert decided.site("a").best_rank == 2


def test_strict_point_ranking_is_kept_and_undecided_sites_get_intervals():
    """Strict: only A and B pass today (ranks 1, 2); C and E can still pass and get
    intervals without a point rank; A's and B's point ranks lie inside theirs."""
    uev = evaluate_uncertain(CATALOG, PRICES, brief(), unknown_fails=True)
    r = rank_uncertain(uev, {"annual_bill_eur": 1, "land_margin_ha": 1}, method="topsis")
    s = {x.id: x for x in r.sites}
    assert (s["a"].rank, s["b"].rank, s["c"].rank, s["e"].rank) == (1, 2, None, None)
    for i in "ab":
        assert s[i].best_rank <= s[i].rank <= s[i].worst_rank
    assert s["c"].best_rank is not None and s["e"].worst_rank <= 4


def test_fully_known_catalog_gives_point_intervals():
    """Every fact and price known, every must-have decided: best == worst == rank."""
    parks = Cat(make_park("a", free_land_ha=30, heavy_chem_zoning=True),
                make_park("b", free_land_ha=60, heavy_chem_zoning=True),
                make_park("c", free_land_ha=20, heavy_chem_zoning=True))
    prices = FakePrices({"a": {WATER: 1.0}, "b": {WATER: 2.0}, "c": {WATER: 0.7}})
    b = brief_from(plant={"land_ha": 10, "water_m3_a": 1e6}, must_haves=["land", "zoning"],
                   weights={"annual_bill_eur": 1, "land_margin_ha": 2})
    for method in ("topsis", "wsm", "vikor", "promethee"):
        r = rank_uncertain(evaluate_uncertain(parks, prices, b), b.weights, method=method)
        for s in r.sites:
            assert s.must_have_status == "pass"
            assert s.best_rank == s.worst_rank == s.rank
            assert s.best_score == pytest.approx(s.score) and \
                s.worst_score == pytest.approx(s.score)
            assert s.annual_bill_eur_low == s.annual_bill_eur_high == s.annual_bill_eur


def test_a_figure_range_scales_the_bill_and_an_unknown_one_is_needed():
    """Water 0.8..1.2 Mm3 (typical 1.0) at A's 1.0 EUR/m3 -> 0.8..1.2 MEUR; an unknown
    electricity figure without a range is named as needed by the bill."""
    b = brief_from(plant={"land_ha": 10, "electricity_gwh_a": {"status": "unknown"},
                          "water_m3_a": {"value": 1e6, "low": 8e5, "high": 1.2e6,
                                         "status": "estimate", "note": "synthetic"}},
                   weights={"annual_bill_eur": 1, "land_margin_ha": 1})
    r = rank_uncertain(evaluate_uncertain(Cat(A, C), PRICES, b), b.weights)
    a = r.site("a")
    assert (a.annual_bill_eur, a.annual_bill_eur_low, a.annual_bill_eur_high) == \
        pytest.approx((1e6, 8e5, 1.2e6))
    assert r.warnings == (message("bill_needs_figure", figure="electricity_gwh_a"),)


# --- the shipped catalog -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    return load_catalog(), load_prices(), load_template("pcam")


@pytest.mark.parametrize("strict", [False, True])
def test_pcam_marks_sites_undecided_where_must_have_facts_are_unknown(shipped, strict):
    catalog, prices, pcam = shipped
    r = rank_uncertain(evaluate_uncertain(catalog, prices, pcam, unknown_fails=strict),
                       pcam.weights)
    parks = {p.id: p for p in catalog.parks}
    undecided = [s for s in r.sites if s.must_have_status == "undecided"]
    assert undecided
    for s in undecided:
        assert s.deciding and s.deciding_facts
        assert any(not parks[s.id].fact(f).known or parks[s.id].fact(f).qualifier
                   or parks[s.id].fact(f).is_range for f in s.deciding_facts)
        assert s.best_rank is not None and s.best_score is not None
    for s in r.sites:
        if s.rank is not None:
            assert s.best_rank <= s.rank <= s.worst_rank
            assert s.worst_score <= s.score <= s.best_score
        if s.must_have_status == "fail":
            assert s.best_rank is None and s.rank is None
        if s.annual_bill_eur is not None:
            assert s.annual_bill_eur_low <= s.annual_bill_eur <= s.annual_bill_eur_high


# --- invariants on random synthetic catalogs ---------------------------------------------------


W3 = {"annual_bill_eur": 1, "land_margin_ha": 1, "quay_distance_km": 1}


@st.composite
def fact_state(draw, *, lo: int, hi: int, known_only: bool = False):
    """("value", v) | ("range", low, typical, high) | ("at least"/"at most", v) | ("unknown",)."""
    kinds = ["value"] if known_only else ["value", "value", "range", "at least", "at most",
                                          "unknown"]
    kind = draw(st.sampled_from(kinds))
    a, b = sorted(draw(st.lists(st.integers(lo, hi), min_size=2, max_size=2)))
    if kind == "range":
        return ("range", float(a), float(draw(st.integers(a, b))), float(b))
    return ("unknown",) if kind == "unknown" else (kind, float(a))


def _apply(park: Park, name: str, state: tuple) -> Park:
    if state[0] == "unknown":
        return park
    if state[0] == "range":
        return with_fact(park, name, value=state[2], low=state[1], high=state[3])
    if state[0] == "value":
        return with_fact(park, name, value=state[1])
    return with_fact(park, name, value=state[1], qualifier=state[0])


@st.composite
def catalogs(draw, *, known_only: bool = False):
    """3-5 synthetic parks: free land, quay distance, zoning and a water price (or none)."""
    parks, prices = [], {}
    for k in range(draw(st.integers(3, 5))):
        pid = f"p{k}"
        zoning = True if known_only else draw(st.sampled_from([True, True, False, None]))
        park = make_park(pid, heavy_chem_zoning=zoning)
        park = _apply(park, "free_land_ha", draw(fact_state(lo=0, hi=40, known_only=known_only)))
        park = _apply(park, "quay_distance_km",
                      draw(fact_state(lo=0, hi=30, known_only=known_only)))
        price = draw(st.sampled_from([0.5, 1.0, 2.0] + ([] if known_only else [None])))
        if price is not None:
            prices[pid] = {WATER: price}
        parks.append(park)
    if not prices:
        prices["p0"] = {WATER: 1.0}
    b = brief_from(plant={"land_ha": 10, "water_m3_a": 1e6}, must_haves=["land", "zoning"],
                   weights=W3, pricing={"missing": "median"})
    return Cat(*parks), FakePrices(prices), b


METHODS = st.sampled_from(["topsis", "wsm", "vikor", "promethee"])


@settings(max_examples=40, deadline=None)
@given(catalogs(), METHODS, st.booleans())
def test_point_rank_and_score_lie_inside_their_intervals(problem, method, strict):
    catalog, prices, b = problem
    r = rank_uncertain(evaluate_uncertain(catalog, prices, b, unknown_fails=strict), W3,
                       method=method)
    for s in r.sites:
        if s.rank is not None:
            assert s.best_rank <= s.rank <= s.worst_rank
            assert s.worst_score <= s.score <= s.best_score
        if s.best_rank is not None:
            assert 1 <= s.best_rank <= s.worst_rank
            assert s.must_have_status != "fail"
        if s.annual_bill_eur is not None:
            assert s.annual_bill_eur_low <= s.annual_bill_eur <= s.annual_bill_eur_high


@settings(max_examples=30, deadline=None)
@given(catalogs(known_only=True), METHODS)
def test_fully_known_catalog_collapses_onto_the_point_ranking(problem, method):
    catalog, prices, b = problem
    r = rank_uncertain(evaluate_uncertain(catalog, prices, b), W3, method=method)
    for s in r.sites:
        assert s.must_have_status in ("pass", "fail")
        assert s.best_rank == s.worst_rank == s.rank
        if s.rank is not None:
            assert s.best_score == pytest.approx(s.score)
            assert s.worst_score == pytest.approx(s.score)


@settings(max_examples=40, deadline=None)
@given(catalogs(), METHODS, st.data())
def test_narrowing_a_range_around_its_typical_value_never_widens_an_interval(problem, method,
                                                                            data):
    """Quay distance is no must-have, so narrowing it keeps the field and today's points."""
    catalog, prices, b = problem
    ranged = [p for p in catalog.parks if p.facts["quay_distance_km"].is_range]
    assume(ranged)
    park = data.draw(st.sampled_from(ranged))
    f = park.facts["quay_distance_km"]
    low = data.draw(st.floats(f.low, f.value))
    high = data.draw(st.floats(f.value, f.high))
    narrow = Cat(*(with_fact(p, "quay_distance_km", low=low, high=high) if p.id == park.id
                   else p for p in catalog.parks))
    wide = rank_uncertain(evaluate_uncertain(catalog, prices, b, unknown_fails=False), W3,
                          method=method)
    tight = rank_uncertain(evaluate_uncertain(narrow, prices, b, unknown_fails=False), W3,
                           method=method)
    for w, t in zip(wide.sites, tight.sites, strict=True):
        assert (w.id, w.rank, w.must_have_status) == (t.id, t.rank, t.must_have_status)
        if w.best_rank is not None:
            assert w.best_rank <= t.best_rank and t.worst_rank <= w.worst_rank
            assert t.best_score <= w.best_score + 1e-12
            assert t.worst_score >= w.worst_score - 1e-12


# --- rank acceptability under data uncertainty (joint SMAA-2 on the field) --------------------


def test_acceptability_by_hand_covers_the_field_and_names_the_sure_sites(hand):
    """The field is a, b (pass), c, e (undecided); d fails for sure and has no shares."""
    uev, _ = hand
    w = {"annual_bill_eur": 1, "land_margin_ha": 1}
    acc = catalog_acceptability(uev, w, method="wsm", samples=2000)
    assert acc is not None and set(acc.ids) == {"a", "b", "c", "e"}
    assert acc.park("d") is None and acc.samples == 2000 and acc.level == 0.95
    assert {p.id: p.sure for p in acc.parks} == {"a": True, "b": True, "c": False, "e": False}
    assert sum(p.first for p in acc.parks) == pytest.approx(1.0)
    assert sum(p.top for p in acc.parks) == pytest.approx(min(3, len(acc.ids)))
    for p in acc.parks:
        assert p.first_low <= p.first <= p.first_high and p.top_low <= p.top <= p.top_high
        assert p.first <= p.top
    again = catalog_acceptability(uev, w, method="wsm", samples=2000)
    assert again is not None
    np.testing.assert_array_equal(acc.joint.acceptability, again.joint.acceptability)


@pytest.mark.parametrize("method", ["topsis", "wsm", "vikor", "promethee"])
def test_pcam_sampled_worlds_rank_every_site_inside_its_interval(shipped, method):
    """With the weights fixed, every rank a site takes in a sampled world of the shipped
    catalog lies in its rank interval (the Find page's "3–11"): a cross-check of both."""
    catalog, prices, pcam = shipped
    uev = evaluate_uncertain(catalog, prices, pcam, unknown_fails=False)
    r = rank_uncertain(uev, pcam.weights, method=method)
    loop = method in ("vikor", "promethee")
    acc = catalog_acceptability(uev, pcam.weights, method=method, fixed_weights=True,
                                samples=300 if loop else 5000)
    assert acc is not None and acc.fixed_weights and acc.concentration is None
    assert set(acc.ids) == {s.id for s in r.sites if s.must_have_status != "fail"}
    for p in acc.parks:
        s = r.site(p.id)
        assert s.best_rank <= p.seen_best <= p.seen_worst <= s.worst_rank, (p, s)
    np.testing.assert_allclose(acc.joint.acceptability.sum(axis=0), 1.0)
    np.testing.assert_allclose(acc.joint.acceptability.sum(axis=1), 1.0)


def test_pcam_joint_sampling_moves_the_weights_too(shipped):
    catalog, prices, pcam = shipped
    uev = evaluate_uncertain(catalog, prices, pcam, unknown_fails=False)
    joint = catalog_acceptability(uev, pcam.weights)
    data_only = catalog_acceptability(uev, pcam.weights, fixed_weights=True)
    assert joint is not None and data_only is not None
    assert joint.samples == 10_000 and joint.concentration == 30.0 and joint.method == "topsis"
    assert not np.array_equal(joint.joint.acceptability, data_only.joint.acceptability)
    threshold = catalog_acceptability(uev, pcam.weights, unknown="threshold")
    assert threshold is not None and threshold.unknown == "threshold"
