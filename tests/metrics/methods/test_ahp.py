"""AHP weights and consistency against Saaty's published example."""

import numpy as np
import pytest

from metrics.errors import ConsistencyError, ScoringError
from metrics.methods import ahp

WEALTH = np.array([
    [1, 4, 9, 6, 6, 5, 5],
    [1 / 4, 1, 7, 5, 5, 3, 4],
    [1 / 9, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 7, 1 / 5],
    [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
    [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
    [1 / 5, 1 / 3, 7, 3, 3, 1, 2],
    [1 / 5, 1 / 4, 5, 3, 3, 1 / 2, 1],
])


def test_saaty_1977_wealth_of_nations():
    """Saaty, T. L. (1977). A scaling method for priorities in hierarchical structures.
    *J. Mathematical Psychology* 15(3), 234–281 — relative wealth of seven nations (US, USSR,
    China, France, UK, Japan, West Germany): eigenvector 0.427, 0.230, 0.021, 0.052, 0.052,
    0.123, 0.094 and lambda_max = 7.61. CR uses Saaty's RI = 1.32 for n = 7."""
    r = ahp(WEALTH)
    np.testing.assert_allclose(r.weights, [0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094],
                               atol=5e-4)
    assert r.lambda_max == pytest.approx(7.61, abs=5e-3)
    assert r.ri == 1.32
    assert r.cr == pytest.approx((r.lambda_max - 7) / 6 / 1.32)
    assert r.acceptable


def test_consistent_matrix_has_zero_cr():
    w = np.array([0.5, 0.3, 0.2])
    r = ahp(w[:, None] / w[None, :])
    np.testing.assert_allclose(r.weights, w, atol=1e-12)
    assert r.cr == pytest.approx(0.0, abs=1e-12)


def test_rounded_reciprocals_are_accepted():
    r = ahp([[1, 3], [0.33, 1]])
    assert r.weights[0] == pytest.approx(0.75, abs=0.01)


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1, 3], [3, 1]], "not reciprocal"),
        ([[1, 2, 3], [0.5, 1, 2]], "square"),
        ([[1, -2], [-0.5, 1]], "> 0"),
        ([[2, 2], [0.5, 2]], "diagonal"),
        (np.ones((11, 11)), "at most 10"),
    ],
)
def test_bad_matrices(matrix, message):
    with pytest.raises(ConsistencyError, match=message):
        ahp(matrix)
    assert issubclass(ConsistencyError, ScoringError)
