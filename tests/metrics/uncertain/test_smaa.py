"""Joint SMAA over weights and data, and the Wilson score interval."""

import numpy as np
import pytest

from metrics.errors import ScoringError
from metrics.methods.registry import DEFAULT_NORMALIZATION, get_method
from metrics.uncertain import interval_matrix, joint_acceptability, known_matrix, wilson_interval
from metrics.uncertain.smaa import _draw, _layout, _world_keys
from tests.metrics.uncertain.conftest import plain


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
