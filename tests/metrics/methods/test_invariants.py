"""Property-based invariants of every scoring method (hypothesis)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from metrics.methods.normalize import normalize
from metrics.methods.promethee import promethee_ii
from metrics.methods.topsis import topsis
from metrics.methods.vikor import vikor
from metrics.methods.wsm import wsm

METHODS = {
    "wsm-minmax": lambda x, t, w: wsm(x, t, w, on_constant="ignore"),
    "wsm-vector": lambda x, t, w: wsm(x, t, w, normalization="vector", on_constant="ignore"),
    "wsm-max": lambda x, t, w: wsm(x, t, w, normalization="max", on_constant="ignore"),
    "topsis-vector": lambda x, t, w: topsis(x, t, w, normalization="vector",
                                            on_constant="ignore"),
    "topsis-minmax": lambda x, t, w: topsis(x, t, w, normalization="minmax",
                                            on_constant="ignore"),
    "vikor": lambda x, t, w: vikor(x, t, w, on_constant="ignore"),
    "promethee": lambda x, t, w: promethee_ii(x, t, w, on_constant="ignore"),
}
SCALE_INVARIANT = ["wsm-minmax", "wsm-vector", "wsm-max", "topsis-vector", "topsis-minmax",
                   "vikor", "promethee"]


@st.composite
def problems(draw, min_rows=2):
    m = draw(st.integers(min_rows, 8))
    n = draw(st.integers(1, 5))
    x = draw(arrays(np.float64, (m, n), elements=st.integers(0, 50).map(float)))
    t = draw(arrays(np.int8, n, elements=st.sampled_from([1, -1])))
    w = draw(arrays(np.float64, n, elements=st.integers(0, 10).map(float)))
    if w.sum() == 0:
        w[0] = 1.0
    return x, t, w


def _order_key(r):
    return r.ranks


@settings(max_examples=60, deadline=None)
@given(problems(), st.integers(0, 4), st.sampled_from([0.001, 0.5, 3.0, 1000.0]))
def test_scaling_a_criterion_keeps_ranks(problem, col, factor):
    x, t, w = problem
    col %= x.shape[1]
    y = x.copy()
    y[:, col] *= factor
    for name in SCALE_INVARIANT:
        a, b = METHODS[name](x, t, w), METHODS[name](y, t, w)
        assert a.ranks.tolist() == b.ranks.tolist(), name


@settings(max_examples=60, deadline=None)
@given(problems(), st.data())
def test_dominated_never_outranks_dominator(problem, data):
    x, t, w = problem
    delta = data.draw(arrays(np.float64, x.shape[1], elements=st.integers(0, 10).map(float)))
    x = x.copy()
    x[1] = x[0] - delta * t  # row 1 is worse or equal on every criterion
    x[1] = np.where(x[1] < 0, 0.0, x[1])
    x[0] = np.where(t > 0, np.maximum(x[0], x[1]), np.minimum(x[0], x[1]))
    for name, fn in METHODS.items():
        r = fn(x, t, w)
        assert r.ranks[0] <= r.ranks[1], name


@settings(max_examples=60, deadline=None)
@given(problems(), st.integers(0, 4), st.floats(0.1, 10.0))
def test_raising_a_winning_criterion_weight_never_hurts(problem, col, extra):
    x, t, w = problem
    col %= x.shape[1]
    n_before = wsm(x, t, w, on_constant="ignore")
    n_vals, _ = normalize(x, t, method="minmax", on_constant="ignore")
    if n_vals[0, col] <= n_vals[1, col]:
        return  # A (row 0) must beat B (row 1) on the criterion
    w2 = w.copy()
    w2[col] += extra
    after = wsm(x, t, w2, on_constant="ignore")
    gap_before = (n_before.scores[0] - n_before.scores[1]) * w.sum()
    gap_after = (after.scores[0] - after.scores[1]) * w2.sum()
    assert gap_after >= gap_before - 1e-9
    if n_before.ranks[0] <= n_before.ranks[1]:
        assert after.ranks[0] <= after.ranks[1]


@settings(max_examples=60, deadline=None)
@given(problems(), st.randoms(use_true_random=False))
def test_permuting_sites_permutes_results(problem, random):
    x, t, w = problem
    perm = list(range(x.shape[0]))
    random.shuffle(perm)
    for name, fn in METHODS.items():
        a, b = fn(x, t, w), fn(x[perm], t, w)
        np.testing.assert_allclose(a.scores[perm], b.scores, atol=1e-12, err_msg=name)
        assert a.ranks[perm].tolist() == b.ranks.tolist(), name


@settings(max_examples=100, deadline=None)
@given(problems(min_rows=1))
def test_no_nan_ever_escapes(problem):
    x, t, w = problem
    for name, fn in METHODS.items():
        r = fn(x, t, w)
        for arr in (r.scores, r.contributions, *r.details.values()):
            assert np.isfinite(arr).all(), name
