"""Joint SMAA over weights and data, and the Wilson score interval."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.errors import ScoringError
from metrics.methods.registry import DEFAULT_NORMALIZATION, get_method
from metrics.uncertain import (
    interval_matrix,
    joint_acceptability,
    known_matrix,
    rank_intervals,
    wilson_interval,
)
from metrics.uncertain.smaa import _draw, _layout, _world_keys
from tests.metrics.uncertain.conftest import VARIANTS, plain


def _problem(seed=3, m=30, n=5):
    """A synthetic matrix (test data): 30 % unknown cells, 20 % ranges of width 10."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(1, 100, (m, n))
    unk, rg = rng.random((m, n)) < 0.3, rng.random((m, n)) < 0.2
    cells = [[None if unk[i, j] else ((x[i, j], x[i, j] + 10) if rg[i, j] else
                                      (x[i, j], x[i, j])) for j in range(n)] for i in range(m)]
    t = rng.choice([1, -1], n).astype(np.int8)
    return interval_matrix(cells, t), t, rng


def test_wilson_newcombe_1998():
    """Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
    comparison of seven methods. *Statistics in Medicine* 17(8), 857–872, Table I (method 3,
    score interval without continuity correction): 81/263 -> 0.2553–0.3662; 0/20 -> 0–0.1611."""
    lo, hi = wilson_interval([81, 0], 263, level=0.95)
    assert lo[0] == pytest.approx(0.2553, abs=1e-4) and hi[0] == pytest.approx(0.3662, abs=1e-4)
    lo, hi = wilson_interval(0, 20, level=0.95)
    assert lo == 0.0 and hi == pytest.approx(0.1611, abs=1e-4)


@pytest.mark.parametrize("method", ["wsm", "topsis"])
@pytest.mark.parametrize("norm", ["minmax", "vector", "max"])
def test_vectorised_keys_order_worlds_as_the_plain_methods_do(method, norm):
    im, t, rng = _problem()
    lay = _layout(im)
    vals = _draw(lay, np.random.default_rng(1), 40)
    w = rng.dirichlet(np.ones(t.size), 40)
    keys = _world_keys(lay, vals, w, t, get_method(method), norm)
    for s in range(40):
        world = im.point.copy()
        world[lay.rows, lay.cols] = vals[:, s]
        scores = plain(method, norm, world, t, w[s]).scores
        assert np.argsort(keys[s]).tolist() == np.argsort(-scores).tolist()


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee"])
def test_known_matrix_and_fixed_weights_give_the_point_ranking(method):
    x = np.array([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6.5]])
    a = joint_acceptability(known_matrix(x), "+++", [.3, .4, .3], rng=np.random.default_rng(0),
                            samples=50, fixed_weights=True, method=method, chunk=16)
    ranks = plain(method, DEFAULT_NORMALIZATION, x,
                  np.ones(3, np.int8), [.3, .4, .3]).ranks
    assert a.acceptability[np.arange(4), ranks - 1].tolist() == [1.0] * 4


def test_shares_are_reproducible_and_independent_of_threads():
    im, t, _ = _problem()
    kw = {"samples": 3000, "method": "topsis", "chunk": 500}
    a = joint_acceptability(im, t, rng=np.random.default_rng(5), workers=2, **kw)
    b = joint_acceptability(im, t, rng=np.random.default_rng(5), workers=1, **kw)
    np.testing.assert_array_equal(a.acceptability, b.acceptability)
    assert a.seen_best is None and a.seen_worst is None  # not asked for
    np.testing.assert_allclose(a.acceptability.sum(axis=0), 1.0)
    np.testing.assert_allclose(a.acceptability.sum(axis=1), 1.0)
    lo, hi = a.first_band
    assert (lo <= a.first).all() and (a.first <= hi).all() and a.level == 0.95
    assert a.top(3).sum() == pytest.approx(3.0)


def test_a_site_dominated_in_every_world_is_never_first():
    """Row 1 is below row 0 on every criterion in every world; only data varies."""
    im = interval_matrix([[(8, 9), (7, 7)], [(1, 2), None], [(3, 8), (1, 1)]], "++")
    a = joint_acceptability(im, "++", [1, 1], rng=np.random.default_rng(2), samples=2000,
                            fixed_weights=True, method="wsm")
    assert a.first[1] == 0.0 and a.first[0] > 0.5
    assert a.samples == 2000


def test_bad_options():
    im, t, _ = _problem()
    with pytest.raises(ScoringError, match="samples"):
        joint_acceptability(im, t, rng=np.random.default_rng(0), samples=0)
    with pytest.raises(ScoringError, match="level"):
        joint_acceptability(im, t, rng=np.random.default_rng(0), samples=10, level=1.5)


# --- invariants (hypothesis; matrices drawn here are synthetic test data) -----------------


@st.composite
def uncertain_problems(draw, max_rows=6, max_cols=3):
    """(IntervalMatrix, types, weights, present): integer data 0..20, ranges up to +8, some
    cells unknown (bounded by the peer or the threshold policy), some sites not sure."""
    m, n = draw(st.integers(2, max_rows)), draw(st.integers(1, max_cols))
    cell = st.one_of(st.none(), st.tuples(st.integers(0, 20), st.sampled_from([0, 0, 1, 3, 8])))
    rows = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
    for j in range(n):  # every column needs a known cell to bound its unknowns
        if all(r[j] is None for r in rows):
            rows[0][j] = (draw(st.integers(0, 20)), 0)
    cells = [[None if c is None else (float(c[0]), float(c[0] + c[1])) for c in r] for r in rows]
    t = np.array(draw(st.lists(st.sampled_from([1, -1]), min_size=n, max_size=n)), np.int8)
    policy = draw(st.sampled_from(["peer", "threshold"]))
    thresholds = draw(st.lists(st.one_of(st.just(np.nan), st.integers(0, 20).map(float)),
                               min_size=n, max_size=n)) if policy == "threshold" else None
    im = interval_matrix(cells, t, unknown=policy, thresholds=thresholds)
    w = np.array(draw(st.lists(st.integers(0, 5), min_size=n, max_size=n)), float)
    if w.sum() == 0:
        w[0] = 1.0
    present = np.array(draw(st.lists(st.booleans(), min_size=m, max_size=m)))
    return im, t, w, present


def _samples(method):
    return 300 if get_method(method).world_keys is not None else 60


@settings(max_examples=40, deadline=None)
@given(uncertain_problems(), st.sampled_from(list(VARIANTS)), st.booleans(),
       st.integers(0, 2**32 - 1))
def test_shares_sum_to_one_per_rank_and_per_alternative(problem, variant, fixed, seed):
    im, t, w, _ = problem
    method, norm = VARIANTS[variant]
    a = joint_acceptability(im, t, w, rng=np.random.default_rng(seed), samples=_samples(method),
                            fixed_weights=fixed, concentration=None if fixed else 30.0,
                            method=method, normalization=norm, chunk=64, seen=True)
    np.testing.assert_allclose(a.acceptability.sum(axis=0), 1.0)
    np.testing.assert_allclose(a.acceptability.sum(axis=1), 1.0)
    assert ((a.acceptability >= 0) & (a.acceptability <= 1)).all()
    lo, hi = a.bands()
    assert (lo <= a.acceptability + 1e-12).all() and (a.acceptability <= hi + 1e-12).all()
    assert (a.seen_best >= 1).all() and (a.seen_best <= a.seen_worst).all()
    assert (a.seen_worst <= im.shape[0]).all()


@settings(max_examples=40, deadline=None)
@given(uncertain_problems(), st.sampled_from(list(VARIANTS)), st.integers(0, 2**32 - 1))
def test_degenerate_ranges_and_fixed_weights_give_the_point_rank_in_every_world(
        problem, variant, seed):
    """Every cell collapsed to its point: each world is today's; with no tie in the point
    ranking the point rank has acceptability 1 (ties share a rank; the strict order of the
    shares breaks them by position, so only the seen ranks are checked then)."""
    im, t, w, _ = problem
    method, norm = VARIANTS[variant]
    x = known_matrix(im.point)
    a = joint_acceptability(x, t, w, rng=np.random.default_rng(seed), samples=40,
                            fixed_weights=True, method=method, normalization=norm, chunk=16,
                            dtype=np.float64, seen=True)
    ranks = plain(method, norm, im.point, t, w).ranks
    assert a.seen_best.tolist() == ranks.tolist() == a.seen_worst.tolist()
    if np.unique(ranks).size == ranks.size:
        assert a.acceptability[np.arange(ranks.size), ranks - 1].tolist() == [1.0] * ranks.size


@settings(max_examples=60, deadline=None)
@given(uncertain_problems(), st.sampled_from(list(VARIANTS)), st.integers(0, 2**32 - 1))
def test_every_sampled_world_ranks_inside_the_rank_interval(problem, variant, seed):
    """Cross-check of :func:`rank_intervals`: with the weights fixed, the competition rank of
    every alternative in every sampled world (the whole field present) lies in its sound
    interval, also when some alternatives may drop out of the field (``present``)."""
    im, t, w, present = problem
    method, norm = VARIANTS[variant]
    r = rank_intervals(im, t, w, method=method, normalization=norm, on_constant="ignore",
                       present=present)
    a = joint_acceptability(im, t, w, rng=np.random.default_rng(seed), samples=_samples(method),
                            fixed_weights=True, method=method, normalization=norm, chunk=64,
                            dtype=np.float64, seen=True)
    assert (r.best_rank <= a.seen_best).all(), (r.best_rank, a.seen_best)
    assert (a.seen_worst <= r.worst_rank).all(), (a.seen_worst, r.worst_rank)
