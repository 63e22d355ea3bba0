"""Many-weights scoring (matrix products) agrees with the one-at-a-time methods."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics._batch import batch_order_keys, batch_scores
from metrics.methods import competition_ranks
from metrics.methods._result import competition_ranks as cr
from metrics.methods.normalize import normalize
from metrics.methods.topsis import topsis
from metrics.methods.wsm import wsm


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(["topsis", "wsm"]))
def test_batch_matches_single(seed, method):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 10, (12, 4))
    t = np.array([1, -1, 1, -1], dtype=np.int8)
    w = rng.dirichlet(np.ones(4), 5)
    norm = "vector" if method == "topsis" else "minmax"
    n, _ = normalize(x, t, method=norm, on_constant="ignore")
    batch = batch_scores(n, w, method)
    keys = batch_order_keys(n, w, method, dtype=np.float64)
    fn = topsis if method == "topsis" else wsm
    for k in range(w.shape[0]):
        single = fn(x, t, w[k], normalization=norm).scores
        np.testing.assert_allclose(batch[k], single, atol=1e-12)
        assert np.argsort(keys[k], kind="stable").tolist() == np.argsort(
            -single, kind="stable").tolist()


def test_competition_ranks_ties():
    assert cr(np.array([0.3, 0.9, 0.3, 0.1])).tolist() == [2, 1, 2, 4]
    assert cr(np.array([0.3, 0.9, 0.3]), higher_is_better=False).tolist() == [1, 3, 1]
    assert competition_ranks(np.array([1.0, 1.0 + 1e-15])).tolist() == [1, 1]
    assert cr(np.array([])).tolist() == []


def test_all_constant_topsis_is_half():
    r = topsis([[1, 2], [1, 2]], "++", on_constant="ignore")
    assert r.scores.tolist() == [0.5, 0.5]
    keys = batch_order_keys(np.zeros((2, 2)), np.array([[0.5, 0.5]]), "topsis")
    assert np.isfinite(keys).all()
    with pytest.raises(ValueError):
        topsis([[1, 2], [1, 2]], "++")
