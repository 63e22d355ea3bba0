"""TOPSIS against published worked examples."""

import numpy as np
import pytest

from metrics.errors import ScoringError
from metrics.methods.topsis import topsis

TZENG = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]


def test_tzeng_huang_2011_vector():
    """Tzeng, G. H., & Huang, J. J. (2011). *Multiple Attribute Decision Making: Methods and
    Applications*. CRC Press — TOPSIS example (4 alternatives, 3 benefit criteria, weights
    0.3/0.4/0.3, vector normalisation): closeness 0.5037, 0.6581, 0.7482, 0.3340; as reproduced
    in scikit-criteria's test suite (tests/madm/test_similarity.py)."""
    r = topsis(TZENG, "+++", [0.3, 0.4, 0.3], normalization="vector")
    np.testing.assert_allclose(r.scores, [0.5037, 0.6581, 0.7482, 0.3340], atol=5e-4)
    assert r.ranks.tolist() == [3, 2, 1, 4]
    assert r.best == 2


def test_cost_is_mirror_of_benefit():
    """Negating a criterion and declaring it a cost gives the textbook minimum ideal."""
    x = np.array(TZENG, dtype=float)
    flipped = x.copy()
    flipped[:, 1] = 10 - x[:, 1]
    a = topsis(x, "+++", [0.3, 0.4, 0.3], normalization="minmax")
    b = topsis(flipped, "+-+", [0.3, 0.4, 0.3], normalization="minmax")
    np.testing.assert_allclose(a.scores, b.scores)


def test_contributions_sum_to_score():
    r = topsis(TZENG, "+-+", [0.2, 0.5, 0.3])
    np.testing.assert_allclose(r.contributions.sum(axis=1), r.scores)
    assert set(r.details) == {"d_plus"}


def test_result_is_read_only():
    r = topsis(TZENG, "+++")
    with pytest.raises(ValueError):
        r.scores[0] = 1.0


def test_vector_refuses_negative_values():
    with pytest.raises(ScoringError, match="non-negative"):
        topsis([[-1, 2], [3, 4]], "++", normalization="vector")
