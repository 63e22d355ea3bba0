"""VIKOR against Opricovic & Tzeng's published examples."""

import numpy as np
import pytest

from metrics.errors import ScoringError
from metrics.methods.vikor import vikor

HYDRO = np.array([
    [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
    [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
    [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
    [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
    [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
    [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
])
HYDRO_TYPES = "+,-,+,+,-,-,-,+"


def test_opricovic_tzeng_2004():
    """Opricovic, S., & Tzeng, G. H. (2004). Compromise solution by MCDM methods: A
    comparative analysis of VIKOR and TOPSIS. *EJOR* 156(2), 445–455 — numerical example
    (risk: min, altitude: max, equal weights): S = 0.5, 0.375, 0.5; R = 0.5, 0.25, 0.5;
    Q = 1, 0, 1; compromise solution A2."""
    r = vikor([[1, 3000], [2, 3750], [5, 4500]], "-+", [0.5, 0.5])
    np.testing.assert_allclose(r.details["S"], [0.5, 0.375, 0.5], atol=5e-4)
    np.testing.assert_allclose(r.details["R"], [0.5, 0.25, 0.5], atol=5e-4)
    np.testing.assert_allclose(r.scores, [1.0, 0.0, 1.0], atol=5e-4)
    assert r.details["compromise"].tolist() == [1]
    assert not r.higher_is_better


@pytest.mark.parametrize(
    ("weights", "s", "r", "q", "ranks", "compromise"),
    [
        ([1] * 8, [0.692, 0.7, 0.29, 0.423, 0.28, 0.346],
         [0.125, 0.125, 0.121, 0.125, 0.067, 0.125],
         [0.991, 1.0, 0.473, 0.670, 0.0, 0.578], [5, 6, 2, 4, 1, 3], [4]),
        ([2, 2, 2, 2, 1, 1, 1, 1], [0.701, 0.6, 0.386, 0.365, 0.317, 0.459],
         [0.167, 0.114, 0.161, 0.167, 0.089, 0.167],
         [1.0, 0.533, 0.552, 0.563, 0.0, 0.686], [6, 2, 3, 4, 1, 5], [4]),
        ([1, 1, 1, 1, 2, 2, 2, 2], [0.683, 0.8, 0.193, 0.48, 0.243, 0.232],
         [0.113, 0.167, 0.08, 0.122, 0.044, 0.083],
         [0.684, 1.0, 0.147, 0.554, 0.041, 0.191], [5, 6, 2, 4, 1, 3], [4, 2, 5]),
    ],
)
def test_opricovic_tzeng_2007(weights, s, r, q, ranks, compromise):
    """Opricovic, S., & Tzeng, G. H. (2007). Extended VIKOR method in comparison with
    outranking methods. *EJOR* 178(2), 514–529 — six reservoir alternatives, eight criteria,
    weight sets W1–W3 (values as reproduced in scikit-criteria's tests/agg/test_vikor.py)."""
    res = vikor(HYDRO, HYDRO_TYPES, weights)
    np.testing.assert_allclose(res.details["S"], s, atol=1e-3)
    np.testing.assert_allclose(res.details["R"], r, atol=1e-3)
    np.testing.assert_allclose(res.scores, q, atol=1e-3)
    assert res.ranks.tolist() == ranks
    assert sorted(res.details["compromise"].tolist()) == sorted(compromise)
    np.testing.assert_allclose(res.contributions.sum(axis=1), res.details["S"])


def test_v_out_of_range():
    with pytest.raises(ScoringError, match=r"v must lie in \[0, 1\]"):
        vikor(HYDRO, HYDRO_TYPES, v=1.5)
