"""Weighted sum: hand-computed examples and normalisations."""

import numpy as np
import pytest

from metrics.errors import ScoringError
from metrics.methods.wsm import wsm


def test_triantaphyllou_2000_example():
    """Data from Triantaphyllou, E. (2000). *Multi-Criteria Decision Making Methods: A
    Comparative Study*. Kluwer, sec. 2.2.1 (also en.wikipedia.org/wiki/Weighted_sum_model):
    three alternatives on four benefit criteria on a common scale, weights 0.20/0.15/0.40/0.25.
    Hand computation: A1 = 25*.2 + 20*.15 + 15*.4 + 30*.25 = 21.5, A2 = 22.0, A3 = 22.0. Every
    column maximum is 30, so max normalisation divides each score by 30."""
    x = [[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]]
    r = wsm(x, "++++", [0.20, 0.15, 0.40, 0.25], normalization="max")
    np.testing.assert_allclose(r.scores * 30, [21.5, 22.0, 22.0], atol=5e-4)
    assert r.ranks.tolist() == [3, 1, 1]


def test_minmax_by_hand():
    """Hand computation: x = [[1, 10], [3, 30], [2, 20]], types (+, -), w = (0.5, 0.5):
    n = [[0, 1], [1, 0], [0.5, 0.5]] -> scores 0.5, 0.5, 0.5."""
    r = wsm([[1, 10], [3, 30], [2, 20]], "+-", [1, 1])
    np.testing.assert_allclose(r.scores, [0.5, 0.5, 0.5])
    np.testing.assert_allclose(r.contributions, [[0, 0.5], [0.5, 0], [0.25, 0.25]])


def test_vector_cost_by_hand():
    """x = [[3], [4]] cost: norm 5 -> 1 - 0.6 = 0.4, 1 - 0.8 = 0.2."""
    r = wsm([[3, 1], [4, 2]], "-+", [1, 0], normalization="vector")
    np.testing.assert_allclose(r.scores, [0.4, 0.2])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weights": [-1, 2]}, "weights must be >= 0"),
        ({"weights": [1, 2, 3]}, "3 weights given for 2 criteria"),
        ({"weights": [np.nan, 1]}, "NaN"),
        ({"weights": [0, 0]}, "sum to zero"),
        ({"types": "+"}, "1 criterion types given for 2 criteria"),
        ({"types": "+x"}, "criterion types"),
        ({"matrix": [[1, np.nan], [2, 3]]}, "missing or infinite"),
        ({"matrix": [[1, 5], [2, 5]]}, "same value for every alternative"),
        ({"normalization": "zscore"}, "normalization must be one of"),
        ({"matrix": [1, 2]}, "must be 2-D"),
    ],
)
def test_bad_input_is_refused(kwargs, message):
    args = {"matrix": [[1, 5], [2, 6]], "types": "+-", "weights": [1, 1]} | kwargs
    with pytest.raises(ScoringError, match=message):
        wsm(args.pop("matrix"), args.pop("types"), args.pop("weights"), **args)


def test_constant_column_ignored_contributes_nothing():
    r = wsm([[1, 5], [2, 5], [3, 5]], "++", [0.5, 0.5], on_constant="ignore")
    assert r.constant.tolist() == [False, True]
    np.testing.assert_allclose(r.contributions[:, 1], 0.0)
    np.testing.assert_allclose(r.scores, [0.0, 0.25, 0.5])
