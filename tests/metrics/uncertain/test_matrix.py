"""The interval decision matrix and the unknown-filling policies."""

import numpy as np
import pytest

from metrics.errors import ScoringError
from metrics.uncertain import catalog_matrix, interval_matrix, known_matrix

CELLS = [[(5, 5), (10, 10)], [None, (30, 30)], [(3, 3), None], [(2, 4), (20, 20)]]


def test_peer_policy_spans_known_values_and_range_ends():
    """Column 0 known values 5, 3 and range 2..4: unknowns get [2, 5]; column 1 gets [10, 30]."""
    im = interval_matrix(CELLS, "+-")
    assert im.low[1, 0] == 2 and im.high[1, 0] == 5
    assert im.low[2, 1] == 10 and im.high[2, 1] == 30
    assert im.unknown.tolist() == [[False, False], [True, False], [False, True], [False, False]]
    assert im.ranged.tolist() == [[False, False], [False, False], [False, False], [True, False]]


def test_point_values_are_worst_known_and_range_midpoints():
    """Benefit column 0: worst known point is min(5, 3, 3) = 3 (the range's midpoint is 3);
    cost column 1: worst known is max(10, 30, 20) = 30 (as score_catalog imputes)."""
    im = interval_matrix(CELLS, "+-")
    assert im.point[1, 0] == 3 and im.point[3, 0] == 3 and im.point[2, 1] == 30


def test_threshold_policy_runs_from_threshold_to_favourable_peer_extreme():
    """Benefit "at least 4": [4, 5]; cost "at most 25": [10, 25]; the point is clipped in."""
    im = interval_matrix(CELLS, "+-", unknown="threshold", thresholds=[4, 25])
    assert (im.low[1, 0], im.high[1, 0]) == (4, 5)
    assert (im.low[2, 1], im.high[2, 1]) == (10, 25)
    assert im.point[1, 0] == 4 and im.point[2, 1] == 25


def test_threshold_nan_falls_back_to_peer_and_beyond_peer_is_degenerate():
    im = interval_matrix(CELLS, "+-", unknown="threshold", thresholds=[np.nan, 5])
    assert (im.low[1, 0], im.high[1, 0]) == (2, 5)
    assert (im.low[2, 1], im.high[2, 1]) == (5, 5)  # "at most 5" below every peer: [5, 5]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"unknown": "threshold"}, "needs one threshold per criterion"),
        ({"unknown": "threshold", "thresholds": [1]}, "1 thresholds given for 2"),
        ({"unknown": "median"}, "unknown must be one of"),
        ({"cells": [[None, (1, 1)], [None, (2, 2)]]}, "no alternative has a known value"),
        ({"cells": [[(3, 1), (1, 1)]]}, "low 3 > high 1"),
        ({"cells": [[(1, 1)], [(1, 1), (2, 2)]]}, "same number of cells"),
    ],
)
def test_bad_input_is_refused(kwargs, message):
    cells = kwargs.pop("cells", CELLS)
    with pytest.raises(ScoringError, match=message):
        interval_matrix(cells, "+-" if len(cells[0]) == 2 else "+", **kwargs)


def test_immutable_and_narrowing():
    im = interval_matrix(CELLS, "+-")
    with pytest.raises(ValueError, match="read-only"):
        im.low[0, 0] = 1
    fixed = im.fixed(1, 0, 4.5)
    assert fixed.low[1, 0] == fixed.high[1, 0] == fixed.point[1, 0] == 4.5
    assert im.low[1, 0] == 2  # the original is unchanged
    assert not known_matrix([[1.0, 2.0]]).uncertain.any()


def test_catalog_seam_uses_todays_points():
    """The catalog passes Fact.interval() cells and the matrix it ranks today."""
    im = catalog_matrix(CELLS, "+-", points=[[5, 10], [4, 30], [3, 12], [np.nan, 20]])
    assert im.point[1, 0] == 4 and im.point[2, 1] == 12 and im.point[3, 0] == 3
