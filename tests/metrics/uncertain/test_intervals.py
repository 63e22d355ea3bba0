"""Rank and score intervals: hand-computed cases, exactness checks and soundness invariants."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.errors import ScoringError
from metrics.methods.bounds import constant_possible, norm_bounds
from metrics.methods.normalize import normalize
from metrics.methods.promethee import flow_pair_max, promethee_ii
from metrics.methods.topsis import gap_bounds, topsis
from metrics.methods.wsm import pair_max
from metrics.uncertain import (
    IntervalMatrix,
    attained_ranks,
    interval_matrix,
    known_matrix,
    rank_intervals,
    utility,
)
from tests.metrics.uncertain.conftest import VARIANTS, interval_problems, plain, sample_worlds

TZENG_HUANG = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]


def _run(im, t, w, variant):
    method, norm = VARIANTS[variant]
    return rank_intervals(im, t, w, method=method, normalization=norm, on_constant="ignore")


def test_wsm_3x2_by_hand():
    """Hand computation. A = (1, 10), B = (3, 30), C = (2..5, 20); types (+, -), w = (.5, .5),
    min-max. Point: C at 3.5, column 0 spans [1, 3.5]: n0 = (0, .8, 1); column 1 (cost) spans
    [10, 30]: n1 = (1, 0, .5); scores A .5, B .4, C .75 -> ranks 2, 3, 1.
    Worlds, c in [2, 3]: the span stays 2; A = .5, B = .5, C = .25 + (c - 1)/4 in [.5, .75].
    c in [3, 5]: the span is c - 1; A = .5, B = 1/(c - 1) in [.25, .5], C = .75.
    So C is never beaten: [1, 1], scores [.5, .75]; A ties at c = 2, is second otherwise:
    [1, 2], score .5; B ties all at c = 2 and is last for c > 3: [1, 3], scores [.25, .5]."""
    im = interval_matrix([[(1, 1), (10, 10)], [(3, 3), (30, 30)], [(2, 5), (20, 20)]], "+-")
    r = rank_intervals(im, "+-", [0.5, 0.5], method="wsm")
    np.testing.assert_allclose(r.point.scores, [0.5, 0.4, 0.75])
    assert r.ranks.tolist() == [2, 3, 1]
    assert r.best_rank.tolist() == [1, 1, 1] and r.worst_rank.tolist() == [2, 3, 1]
    np.testing.assert_allclose(r.best_utility, [0.5, 0.5, 0.75])
    np.testing.assert_allclose(r.worst_utility, [0.5, 0.25, 0.5])


def test_unknown_cell_by_hand():
    """A = (1, 10), B = (3, 30), C = (unknown, 20): the peer range puts C in [1, 3], which
    never moves column 0's span of 2; A = B = .5 always, C = .25 + (c - 1)/4 in [.25, .75]
    (point: the worst known value 1 -> .25). C overtakes both for c > 2 and ties them at 2:
    A and B [1, 2], C [1, 3]."""
    im = interval_matrix([[(1, 1), (10, 10)], [(3, 3), (30, 30)], [None, (20, 20)]], "+-")
    r = rank_intervals(im, "+-", [1, 1], method="wsm")
    assert r.ranks.tolist() == [1, 1, 3]
    assert r.best_rank.tolist() == [1, 1, 1] and r.worst_rank.tolist() == [2, 2, 3]
    np.testing.assert_allclose(r.best_utility, [0.5, 0.5, 0.75])
    np.testing.assert_allclose(r.worst_utility, [0.5, 0.5, 0.25])


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_degenerate_ranges_reproduce_tzeng_huang(variant):
    """Data of Tzeng, G. H., & Huang, J. J. (2011). *Multiple Attribute Decision Making*. CRC
    Press (the TOPSIS example of tests/metrics/methods/test_topsis.py): with every range
    degenerate the intervals collapse onto the plain ranking (A3 first under TOPSIS, 0.748249
    with vector normalisation and weights .3/.4/.3)."""
    im = known_matrix(TZENG_HUANG)
    method, norm = VARIANTS[variant]
    r = rank_intervals(im, "+++", [0.3, 0.4, 0.3], method=method, normalization=norm)
    p = plain(method, norm, np.array(TZENG_HUANG, float), np.ones(3, np.int8), [.3, .4, .3])
    assert r.ranks.tolist() == r.best_rank.tolist() == r.worst_rank.tolist() == p.ranks.tolist()
    np.testing.assert_array_equal(r.best_utility, r.worst_utility)
    np.testing.assert_allclose(r.best_score, p.scores)
    if variant == "topsis-vector":
        assert r.point.scores[2] == pytest.approx(0.748249, abs=1e-6)


def _vertices(im):
    cells = np.argwhere(im.uncertain)
    for ends in itertools.product((0, 1), repeat=len(cells)):
        x = im.point.copy()
        for (i, j), e in zip(cells, ends, strict=True):
            x[i, j] = im.high[i, j] if e else im.low[i, j]
        yield x


SMALL = interval_problems(max_rows=4, max_cols=2)


@settings(max_examples=40, deadline=None)
@given(SMALL, st.sampled_from(["minmax", "vector", "max"]))
def test_wsm_scores_and_pairs_are_exact_at_the_vertices(problem, norm):
    """Each bound is a maximum of ratios that are monotone in every cell, so it sits at a
    vertex of the box: enumerate them all (at most 2^8 worlds). Where a column can become
    constant at a vertex (scored 0 there, ``on_constant="ignore"``) the bound is the supremum
    approached next to it, so only ``>=`` is checked."""
    im, t, w = problem
    if im.uncertain.sum() > 8:
        return
    wn = w / w.sum()
    scores = np.array([plain("wsm", norm, x, t, wn).scores for x in _vertices(im)])
    nlo, nhi = norm_bounds(im.low, im.high, t, norm)
    can, always = constant_possible(im.low, im.high)
    exact = not (can & ~always).any()
    diff = (scores[:, :, None] - scores[:, None, :]).max(axis=0)
    np.fill_diagonal(diff, 0.0)
    bound = pair_max(im.low, im.high, t, wn, normalization=norm)
    assert (nhi @ wn >= scores.max(axis=0) - 1e-12).all()
    assert (nlo @ wn <= scores.min(axis=0) + 1e-12).all()
    assert (bound >= diff - 1e-12).all()
    if exact:
        np.testing.assert_allclose(nhi @ wn, scores.max(axis=0), atol=1e-12)
        np.testing.assert_allclose(nlo @ wn, scores.min(axis=0), atol=1e-12)
        if norm != "minmax":
            np.testing.assert_allclose(bound, diff, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(SMALL)
def test_promethee_scores_are_exact_at_the_vertices(problem):
    im, t, w = problem
    if im.uncertain.sum() > 8:
        return
    r = rank_intervals(im, t, w, method="promethee", on_constant="ignore")
    flows = np.array([plain("promethee", None, x, t, w).scores for x in _vertices(im)])
    np.testing.assert_allclose(r.best_score, flows.max(axis=0), atol=1e-12)
    np.testing.assert_allclose(r.worst_score, flows.min(axis=0), atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(interval_problems(), st.sampled_from(list(VARIANTS)))
def test_point_lies_inside_and_degenerate_collapses(problem, variant):
    im, t, w = problem
    r = _run(im, t, w, variant)
    assert (r.best_rank <= r.ranks).all() and (r.ranks <= r.worst_rank).all()
    assert (r.best_utility >= r.utility).all() and (r.utility >= r.worst_utility).all()
    flat = IntervalMatrix(im.point, im.point, im.point, im.unknown, im.ranged)
    d = _run(flat, t, w, variant)
    assert d.best_rank.tolist() == d.worst_rank.tolist() == d.ranks.tolist()
    method, norm = VARIANTS[variant]
    assert d.ranks.tolist() == plain(method, norm, im.point, t, w).ranks.tolist()


@settings(max_examples=60, deadline=None)
@given(interval_problems(), st.sampled_from(list(VARIANTS)), st.data())
def test_narrowing_a_range_never_widens_an_interval(problem, variant, data):
    im, t, w = problem
    cells = np.argwhere(im.uncertain)
    if not len(cells):
        return
    i, j = cells[data.draw(st.integers(0, len(cells) - 1))]
    lo, hi = im.low[i, j], im.high[i, j]
    a, b = sorted(data.draw(st.lists(st.sampled_from([0.0, 0.25, 0.5, 1.0]), min_size=2,
                                     max_size=2)))
    narrow = im.narrowed(i, j, lo + a * (hi - lo), lo + b * (hi - lo))
    wide, tight = _run(im, t, w, variant), _run(narrow, t, w, variant)
    assert (tight.best_rank >= wide.best_rank).all()
    assert (tight.worst_rank <= wide.worst_rank).all()
    assert (tight.best_utility <= wide.best_utility + 1e-12).all()
    assert (tight.worst_utility >= wide.worst_utility - 1e-12).all()


@settings(max_examples=40, deadline=None)
@given(interval_problems(), st.sampled_from(list(VARIANTS)))
def test_a_site_dominating_in_every_world_is_first_for_sure(problem, variant):
    im, t, w = problem
    low, high, point = im.low.copy(), im.high.copy(), im.point.copy()
    top = np.where(t > 0, high.max(axis=0) + 1, low.min(axis=0) - 1)
    top = np.maximum(top, 0.0)  # vector/max need non-negative values
    low[0], high[0], point[0] = top, top, top
    dom = IntervalMatrix(point, np.minimum(low, high), np.maximum(low, high), im.unknown,
                         im.ranged)
    r = _run(dom, t, w, variant)
    assert r.best_rank[0] == 1 and r.worst_rank[0] == 1


@pytest.mark.parametrize("variant", list(VARIANTS))
@settings(max_examples=12, deadline=None)
@given(problem=interval_problems(max_rows=5))
def test_every_sampled_world_lies_inside_the_intervals(variant, problem):
    """200 worlds inside the ranges (40 of them at vertices), ranked by the plain methods."""
    im, t, w = problem
    method, norm = VARIANTS[variant]
    r = _run(im, t, w, variant)
    rng = np.random.default_rng(0)
    for x in sample_worlds(im, rng, 200, corners=40):
        p = plain(method, norm, x, t, w)
        u = utility(method, p.scores)
        assert (r.best_rank <= p.ranks).all() and (p.ranks <= r.worst_rank).all()
        assert (u <= r.best_utility + 1e-9).all() and (u >= r.worst_utility - 1e-9).all()


def test_topsis_minmax_score_interval_is_exact_when_no_column_can_be_constant():
    """Closeness with min-max rises with every normalised value, whose range is exact."""
    im = interval_matrix([[(1, 2), (5, 5)], [(4, 4), (1, 3)], [(6, 9), (2, 2)]], "+-")
    r = rank_intervals(im, "+-", [1, 2], method="topsis", normalization="minmax")
    assert r.exact_scores
    scores = np.array([topsis(x, "+-", [1, 2], normalization="minmax").scores
                       for x in _vertices(im)])
    np.testing.assert_allclose(r.best_utility, scores.max(axis=0), atol=1e-12)
    np.testing.assert_allclose(r.worst_utility, scores.min(axis=0), atol=1e-12)


def test_vikor_scores_on_utility_and_native_scales():
    im = interval_matrix([[(1, 2), (5, 5)], [(4, 4), (1, 3)], [(6, 9), (2, 2)]], "+-")
    r = rank_intervals(im, "+-", None, method="vikor")
    np.testing.assert_allclose(r.best_score, 1 - r.best_utility)  # best = lowest Q
    assert (r.best_score <= r.point.scores).all()


def test_negative_values_need_minmax():
    im = interval_matrix([[(-1, 2)], [(3, 3)]], "+")
    with pytest.raises(ScoringError, match="non-negative"):
        rank_intervals(im, "+", method="topsis", normalization="vector")
    assert rank_intervals(im, "+", method="topsis").worst_rank[0] == 2  # default: min-max


def test_hand_case_is_exact_by_its_witness_worlds():
    """The 3x2 case above: the witness worlds reach every end of the sound interval."""
    im = interval_matrix([[(1, 1), (10, 10)], [(3, 3), (30, 30)], [(2, 5), (20, 20)]], "+-")
    r = rank_intervals(im, "+-", [0.5, 0.5], method="wsm")
    best, worst = attained_ranks(im, "+-", [0.5, 0.5], method="wsm")
    assert best.tolist() == r.best_rank.tolist() and worst.tolist() == r.worst_rank.tolist()


@settings(max_examples=40, deadline=None)
@given(interval_problems(), st.sampled_from(list(VARIANTS)))
def test_attained_ranks_lie_inside_the_sound_interval(problem, variant):
    im, t, w = problem
    method, norm = VARIANTS[variant]
    r = _run(im, t, w, variant)
    best, worst = attained_ranks(im, t, w, method=method, normalization=norm)
    assert (r.best_rank <= best).all() and (worst <= r.worst_rank).all()
    assert (best <= r.ranks).all() and (r.ranks <= worst).all()


@settings(max_examples=40, deadline=None)
@given(SMALL, st.sampled_from(["vector", "max", "minmax"]))
def test_topsis_gap_ranges_are_exact_at_the_vertices(problem, norm):
    """Per cell, the gaps to the ideal and anti-ideal of the normalised matrix: the bounds of
    gap_bounds contain every vertex world and equal the vertex extremes (where no column can be
    constant) — except the smallest vector gap to the ideal, whose minimum puts the other rows
    at ``min(high, max)``, inside their ranges (x = [0..3, 2..5, 4..7]: row 1 at 4 gives
    1/sqrt(9 + 16 + 16) = 0.156 < 0.186, the best vertex)."""
    im, t, _ = problem
    can, always = constant_possible(im.low, im.high)
    if im.uncertain.sum() > 8 or (can & ~always).any():
        return
    plus, minus = [], []
    for x in _vertices(im):
        n, _ = normalize(x, t, method=norm, on_constant="ignore")
        plus.append(n.max(axis=0) - n)
        minus.append(n - n.min(axis=0))
    p_lo, p_hi, m_lo, m_hi = gap_bounds(im.low, im.high, t, norm)
    assert (p_lo <= np.min(plus, axis=0) + 1e-12).all()
    assert (m_lo <= np.min(minus, axis=0) + 1e-12).all()
    np.testing.assert_allclose(p_hi, np.max(plus, axis=0), atol=1e-12)
    np.testing.assert_allclose(m_hi, np.max(minus, axis=0), atol=1e-12)
    if norm != "vector":  # (a cost column swaps the two gaps, so both lows may be inside)
        np.testing.assert_allclose(p_lo, np.min(plus, axis=0), atol=1e-12)
        np.testing.assert_allclose(m_lo, np.min(minus, axis=0), atol=1e-12)


def test_vector_gap_minimum_inside_the_ranges_by_hand():
    """The case of the docstring above, checked on a fine grid of row 1's value."""
    im = IntervalMatrix(np.array([[0.0], [2.0], [4.0]]), np.array([[0.0], [2.0], [4.0]]),
                        np.array([[3.0], [5.0], [7.0]]), np.zeros((3, 1), bool),
                        np.ones((3, 1), bool))
    p_lo = gap_bounds(im.low, im.high, np.ones(1, np.int8), "vector")[0]
    assert p_lo[0, 0] == pytest.approx(1 / np.sqrt(41))
    grid = [(max(v, 4.0) - 3.0) / np.sqrt(9 + v * v + 16) for v in np.linspace(2, 5, 301)]
    assert min(grid) == pytest.approx(p_lo[0, 0])


@settings(max_examples=40, deadline=None)
@given(SMALL, st.sampled_from([(0.0, 0.0), (1.0, 4.0), (2.0, 0.0)]))
def test_promethee_pairs_are_sound_and_tighter_than_score_intervals(problem, thresholds):
    """Vertices and random interior worlds never exceed the pairwise bound, which never
    exceeds the difference of the score bounds it refines."""
    im, t, w = problem
    q, p = thresholds
    wn = w / w.sum()
    y_lo, y_hi = np.where(t > 0, im.low, -im.high), np.where(t > 0, im.high, -im.low)
    n = im.shape[1]
    bound = flow_pair_max(y_lo, y_hi, wn, np.full(n, q), np.full(n, p))
    worlds = list(_vertices(im)) if im.uncertain.sum() <= 8 else []
    worlds += list(sample_worlds(im, np.random.default_rng(0), 100))
    flows = np.array([promethee_ii(x, t, wn, indifference=q, preference=p,
                                   on_constant="ignore").scores for x in worlds])
    diff = (flows[:, :, None] - flows[:, None, :]).max(axis=0)
    np.fill_diagonal(diff, 0.0)
    assert (bound >= diff - 1e-12).all()
    r = rank_intervals(im, t, w, method="promethee", indifference=q, preference=p,
                       on_constant="ignore")
    relaxed = r.best_score[:, None] - r.worst_score[None, :]
    np.fill_diagonal(relaxed, 0.0)
    assert (bound <= relaxed + 1e-12).all()


def test_an_alternative_that_may_drop_out_is_never_surely_ahead():
    """Known scores A > B > C; A may drop out of the field (undecided must-haves): B's best
    rank is 1, C's 2 (B is sure to be there and ahead), A keeps [1, 1]."""
    im = known_matrix([[3.0], [2.0], [1.0]])
    r = rank_intervals(im, "+", method="wsm", present=[False, True, True])
    assert r.best_rank.tolist() == [1, 1, 2]
    assert r.worst_rank.tolist() == [1, 2, 3]
    assert r.ranks.tolist() == [1, 2, 3]
    with pytest.raises(ScoringError, match="present has 2 entries for 3"):
        rank_intervals(im, "+", method="wsm", present=[True, True])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 6).map(float), min_size=4, max_size=4))
def test_usual_criterion_closed_form_equals_the_general_supremum(values):
    """sup over y in [lo, hi] of sign(a - y) - sign(b - y): the closed form of the usual
    criterion (PROMETHEE's default) against the candidate-point search of the general case."""
    from metrics.methods.promethee import _third_row_sup, _third_row_sup_usual

    a, b, lo, hi = values
    lo, hi = min(lo, hi), max(lo, hi)
    args = (np.array([[[a]]]), np.array([[[b]]]), np.array([[[lo]]]), np.array([[[hi]]]))
    assert _third_row_sup_usual(*args) == _third_row_sup(*args, 0.0, 0.0)
