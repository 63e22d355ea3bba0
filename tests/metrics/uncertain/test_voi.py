"""Value of information of uncertain cells."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.uncertain import interval_matrix, known_matrix, rank_intervals, value_of_information
from metrics.uncertain.intervals import ColumnwiseBounds
from tests.metrics.uncertain.conftest import VARIANTS, interval_problems

CELLS = [[(5, 5), (8, 8), None], [(7, 7), None, (8, 8)], [(8, 8), (8, 8), (6, 6)],
         [(7, 7), (4, 4), (5, 7)]]


def test_one_entry_per_uncertain_cell_most_valuable_first():
    im = interval_matrix(CELLS, "+++")
    cells = value_of_information(im, "+++", [.3, .4, .3], method="wsm")
    assert {(c.alternative, c.criterion) for c in cells} == {(0, 2), (1, 1), (3, 2)}
    assert [c.order for c in cells] == [1, 2, 3]
    gains = [c.width_reduction for c in cells]
    assert gains == sorted(gains, reverse=True) and min(gains) >= 0
    assert cells[0].kind == "unknown" and cells[-1].kind == "range"
    for c in cells:
        assert c.favourable_best_rank <= c.unfavourable_best_rank
        assert c.best_rank <= c.favourable_best_rank and c.favourable_worst_rank <= c.worst_rank
        assert 0.0 <= c.top_change_probability <= 1.0


def test_a_cell_that_cannot_matter_has_no_value():
    """Site C dominates A and B whatever its unknown second value is (C's first criterion
    beats both by far and weight 0 on the second): learning it changes nothing."""
    im = interval_matrix([[(1, 1), (1, 1)], [(2, 2), (5, 5)], [(9, 9), None]], "++")
    (cell,) = value_of_information(im, "++", [1, 0], method="wsm", top=1)
    assert cell.width_reduction == 0.0 and cell.top_change_probability == 0.0


def test_fully_known_matrix_has_nothing_to_ask():
    assert value_of_information(known_matrix(np.eye(3) + 1), "+++", method="topsis") == ()


@settings(max_examples=60, deadline=None)
@given(interval_problems(max_rows=6, max_cols=3),
       st.sampled_from(["wsm-minmax", "wsm-vector", "wsm-max", "promethee"]), st.data())
def test_columnwise_variants_equal_a_full_recomputation(problem, variant, data):
    """Separable methods recompute one column per one-cell variant; the rank bounds are those
    of rank_intervals on the variant."""
    im, t, w = problem
    method, norm = VARIANTS[variant]
    cells = np.argwhere(im.uncertain)
    if not len(cells):
        return
    i, j = (int(v) for v in cells[data.draw(st.integers(0, len(cells) - 1))])
    present = data.draw(st.lists(st.booleans(), min_size=im.shape[0], max_size=im.shape[0]))
    fast = ColumnwiseBounds.of(im, t, w, method=method, normalization=norm,
                               on_constant="ignore", present=present)
    assert fast is not None
    u = data.draw(st.sampled_from([0.0, 0.3, 1.0]))
    x = im.fixed(i, j, float(im.low[i, j] + u * (im.high[i, j] - im.low[i, j])))
    full = rank_intervals(x, t, w, method=method, normalization=norm, on_constant="ignore",
                          present=present)
    got = fast.variant(x, j)
    assert got.ranks.tolist() == full.ranks.tolist()
    assert got.best_rank.tolist() == full.best_rank.tolist()
    assert got.worst_rank.tolist() == full.worst_rank.tolist()


def test_columnwise_bounds_only_for_separable_methods():
    im = interval_matrix([[(1, 2), (3, 3)], [(2, 2), (1, 4)]], "+-")
    assert ColumnwiseBounds.of(im, "+-", method="topsis") is None
    assert ColumnwiseBounds.of(im, "+-", method="vikor") is None
    assert ColumnwiseBounds.of(im, "+-", method="wsm") is not None
