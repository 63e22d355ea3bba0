"""Weight stability intervals and SMAA rank acceptability."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.errors import ScoringError
from metrics.methods import get_method
from metrics.robustness import rank_acceptability, reweight, weight_intervals

X = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]


def test_reweight_keeps_proportions():
    w = reweight(np.array([0.2, 0.3, 0.5]), 0, 0.6)
    np.testing.assert_allclose(w, [0.6, 0.15, 0.25])
    np.testing.assert_allclose(reweight(np.array([1.0, 0.0, 0.0]), 0, 0.4), [0.4, 0.3, 0.3])


def test_wsm_interval_matches_exact_break_point():
    """Two alternatives, minmax: A = (1, 0), B = (0, 1); A leads while w0 > 0.5."""
    (iv0, iv1) = weight_intervals([[1, 0], [0, 1]], "++", [0.7, 0.3], method="wsm")
    assert iv0.top == 0
    assert iv0.low == pytest.approx(0.5, abs=1e-5)
    assert iv0.high == 1.0
    assert iv1.low == 0.0
    assert iv1.high == pytest.approx(0.5, abs=1e-5)


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee"])
def test_top_is_unchanged_inside_and_changes_outside(method):
    ivs = weight_intervals(X, "+++", [0.3, 0.4, 0.3], method=method)
    w = np.array([0.3, 0.4, 0.3])
    fn = get_method(method).score
    assert [iv.high < 0.99 for iv in ivs] == [False, False, True]  # one interval ends inside
    for iv in ivs:
        assert iv.low <= iv.weight <= iv.high
        for t in (iv.low + 1e-4, iv.high - 1e-4):
            assert fn(X, "+++", reweight(w, iv.criterion, t)).best == iv.top
        if iv.high < 0.99:
            assert fn(X, "+++", reweight(w, iv.criterion, iv.high + 1e-3)).best != iv.top


def test_acceptability_is_a_doubly_stochastic_share():
    rng = np.random.default_rng(7)
    x = rng.random((30, 5))
    a = rank_acceptability(x, "++-+-", rng=np.random.default_rng(1), samples=2000)
    np.testing.assert_allclose(a.acceptability.sum(axis=0), 1.0)
    np.testing.assert_allclose(a.acceptability.sum(axis=1), 1.0)
    assert a.samples == 2000


def test_acceptability_is_reproducible_and_independent_of_threads():
    x = np.random.default_rng(2).random((50, 4))
    a = rank_acceptability(x, "++++", rng=np.random.default_rng(3), samples=3000, chunk=700)
    b = rank_acceptability(x, "++++", rng=np.random.default_rng(3), samples=3000, chunk=700,
                           workers=1)
    np.testing.assert_array_equal(a.acceptability, b.acceptability)


def test_dominating_alternative_is_always_first():
    x = [[9, 9, 1], [5, 5, 5], [1, 8, 2]]
    for method in ("wsm", "topsis", "vikor", "promethee"):
        a = rank_acceptability(x, "++-", [1, 1, 1], rng=np.random.default_rng(0), samples=500,
                               method=method, concentration=5.0)
        assert a.first[0] == 1.0


def test_concentrated_sampling_follows_the_users_weights():
    x = [[1, 0], [0, 1]]
    a = rank_acceptability(x, "++", [0.9, 0.1], rng=np.random.default_rng(0), samples=4000,
                           concentration=50.0, method="wsm")
    assert a.first[0] > 0.99


def test_zero_user_weight_stays_zero():
    x = [[1, 0], [0, 1]]
    a = rank_acceptability(x, "++", [1.0, 0.0], rng=np.random.default_rng(0), samples=500,
                           concentration=1.0, method="wsm")
    assert a.first[0] == 1.0


def test_bad_options():
    with pytest.raises(ScoringError, match="samples"):
        rank_acceptability(X, "+++", rng=np.random.default_rng(0), samples=0)
    with pytest.raises(ScoringError, match="method must be one of"):
        rank_acceptability(X, "+++", rng=np.random.default_rng(0), method="electre")
    with pytest.raises(ScoringError, match="concentration"):
        rank_acceptability(X, "+++", [1, 1, 1], rng=np.random.default_rng(0), concentration=0)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(["wsm", "topsis", "vikor", "promethee"]))
def test_no_nan_escapes_robustness(seed, method):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 4, (5, 3)).astype(float)
    x[:, 2] = 1.0  # a constant column
    w = rng.integers(0, 3, 3).astype(float) + np.array([1.0, 0.0, 0.0])
    acc = rank_acceptability(x, "+-+", w, rng=rng, samples=50, method=method,
                             concentration=2.0)
    assert np.isfinite(acc.acceptability).all()
    for iv in weight_intervals(x, "+-+", w, method=method, grid=21):
        assert all(np.isfinite([iv.low, iv.high, iv.weight]))
