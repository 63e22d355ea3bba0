"""Saaty slider answers → reciprocal pairwise matrix."""

from __future__ import annotations

import numpy as np

from metrics import ahp
from metrics.methods.ahp import saaty_matrix


def test_left_more_important_and_reciprocity():
    m = saaty_matrix(["a", "b", "c"], {("a", "b"): -3, ("a", "c"): -9, ("b", "c"): 5})
    assert m[0, 1] == 3 and m[1, 0] == 1 / 3
    assert m[0, 2] == 9
    assert m[1, 2] == 1 / 5 and m[2, 1] == 5
    np.testing.assert_allclose(m * m.T, np.ones((3, 3)))


def test_equal_answers_give_equal_weights():
    m = saaty_matrix(["a", "b", "c", "d"], {})
    np.testing.assert_allclose(ahp(m).weights, [0.25] * 4)
