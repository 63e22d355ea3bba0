"""Value of information: which single unknown or range, if known, would most change the decision.

For each uncertain cell (alternative, criterion) the cell is fixed at values spread over its
range (the midpoints of ``points`` equal-probability bins of a uniform distribution, plus both
ends), every other cell keeping its bounds, and the rank intervals and point ranking are
recomputed. The effects, as numbers for the interface to put into words:

* ``width_reduction`` — expected reduction of the summed rank-interval widths
  (``worst_rank - best_rank``) of the current top ``k`` (by point rank): how much sharper the
  shortlist's ranks become;
* ``top_change_probability`` — probability that the point top-``k`` set differs once the value
  is known;
* the alternative's own rank interval now, and after learning the value at its favourable and
  at its unfavourable end ("could move you from 4–15 to 4–6").

For the separable methods (weighted sum, PROMETHEE) a variant recomputes only the column of
its cell (:class:`metrics.uncertain.intervals.ColumnwiseBounds`); the others rerun
:func:`metrics.uncertain.rank_intervals`.

Cells are ranked by ``width_reduction``, then ``top_change_probability``, then the expected
narrowing of the alternative's own interval. Narrowing a range never widens a sound interval
here, so every reduction is >= 0. The expectation is taken over the cell's range alone (the
others stay uncertain), the myopic one-cell value of information of decision analysis.

References
----------
Howard, R. A. (1966). Information value theory. *IEEE Transactions on Systems Science and
Cybernetics* 2(1), 22–26.
Lahdelma, R., & Salminen, P. (2001). SMAA-2. *Operations Research* 49(3), 444–454.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from metrics._validate import parse_types
from metrics.errors import ScoringError
from metrics.methods.normalize import Normalization, OnConstant
from metrics.methods.registry import DEFAULT_METHOD
from metrics.uncertain.intervals import (
    ColumnwiseBounds,
    RankBounds,
    RankIntervals,
    rank_intervals,
)
from metrics.uncertain.matrix import IntervalMatrix

IntArray = NDArray[np.int64]
CellKind = Literal["unknown", "range"]


@dataclass(frozen=True, slots=True)
class CellValue:
    """The effect on the decision of learning one uncertain cell (numbers only).

    Attributes
    ----------
    order
        1 for the most valuable cell.
    alternative, criterion
        Row and column of the cell.
    kind
        ``"unknown"`` (bounded by the policy) or ``"range"`` (a range in the data).
    low, high, point
        The cell's bounds and its point value.
    top_width, top_width_expected
        Summed rank-interval widths of the current top ``k`` now, and expected once known.
    width_reduction
        ``top_width - top_width_expected`` (>= 0).
    top_change_probability
        Probability that the point top-``k`` set changes once the value is known.
    best_rank, worst_rank
        The alternative's rank interval now.
    favourable_best_rank, favourable_worst_rank
        Its rank interval if the value turns out at the favourable end of the range.
    unfavourable_best_rank, unfavourable_worst_rank
        Its rank interval at the unfavourable end.
    own_width_expected
        Expected width of its own interval once the value is known.
    """

    order: int
    alternative: int
    criterion: int
    kind: CellKind
    low: float
    high: float
    point: float
    top_width: int
    top_width_expected: float
    width_reduction: float
    top_change_probability: float
    best_rank: int
    worst_rank: int
    favourable_best_rank: int
    favourable_worst_rank: int
    unfavourable_best_rank: int
    unfavourable_worst_rank: int
    own_width_expected: float


def top_set(ranks: IntArray, k: int) -> frozenset[int]:
    """Alternatives whose rank is at most ``k`` (ties at the boundary included)."""
    return frozenset(int(i) for i in np.flatnonzero(ranks <= k))


@dataclass(frozen=True, slots=True)
class _Outcome:
    top_width: float
    top_changed: bool
    own: tuple[int, int]


def _evaluate(r: RankIntervals | RankBounds, top: list[int], now: frozenset[int], i: int,
              k: int) -> _Outcome:
    width = float(r.width[top].sum())
    return _Outcome(width, top_set(r.ranks, k) != now,
                    (int(r.best_rank[i]), int(r.worst_rank[i])))


def _cell(im: IntervalMatrix, i: int, j: int, benefit: bool, base: RankIntervals,
          top: list[int], now: frozenset[int], k: int, points: int,
          score: _Scorer) -> CellValue:
    lo, hi = float(im.low[i, j]), float(im.high[i, j])
    mids = lo + (hi - lo) * (np.arange(points) + 0.5) / points
    inner = [_evaluate(score.variant(im.fixed(i, j, float(x)), j), top, now, i, k)
             for x in mids]
    ends = [_evaluate(score.variant(im.fixed(i, j, x), j), top, now, i, k) for x in (lo, hi)]
    fav, unfav = (ends[1], ends[0]) if benefit else (ends[0], ends[1])
    expected = float(np.mean([o.top_width for o in inner]))
    top_width = int(base.width[top].sum())
    return CellValue(
        0, i, j, "unknown" if im.unknown[i, j] else "range", lo, hi, float(im.point[i, j]),
        top_width, expected, max(top_width - expected, 0.0),
        float(np.mean([o.top_changed for o in inner])),
        int(base.best_rank[i]), int(base.worst_rank[i]), *fav.own, *unfav.own,
        float(np.mean([o.own[1] - o.own[0] for o in inner])),
    )


@dataclass(frozen=True, slots=True)
class _Scorer:
    """Rank intervals of variants of one problem (the options fixed once)."""

    types: NDArray[np.int8]
    weights: ArrayLike | None
    method: str
    normalization: Normalization | None
    on_constant: OnConstant
    present: ArrayLike | None = None
    columns: ColumnwiseBounds | None = None

    def __call__(self, im: IntervalMatrix) -> RankIntervals:
        return rank_intervals(im, self.types, self.weights, method=self.method,
                              normalization=self.normalization, on_constant=self.on_constant,
                              present=self.present)

    def variant(self, im: IntervalMatrix, j: int) -> RankIntervals | RankBounds:
        """Intervals of a variant of the base matrix whose column ``j`` changed."""
        return self(im) if self.columns is None else self.columns.variant(im, j)


def value_of_information(
    im: IntervalMatrix, types: Sequence[str | int] | ArrayLike,
    weights: ArrayLike | None = None, *, method: str = DEFAULT_METHOD,
    normalization: Normalization | None = None, on_constant: OnConstant = "raise",
    top: int = 3, points: int = 3, present: ArrayLike | None = None,
    cells: ArrayLike | None = None,
) -> tuple[CellValue, ...]:
    """Rank every uncertain cell by how much knowing it would change the decision.

    Parameters
    ----------
    im
        The interval decision matrix.
    types, weights
        The decision problem.
    method, normalization, on_constant
        As in :func:`metrics.uncertain.rank_intervals`.
    top
        Size ``k`` of the shortlist whose intervals and membership matter.
    points
        Values per cell at which the expectation is evaluated (bin midpoints of a uniform).
    present
        Alternatives sure to be in the field (see :func:`metrics.uncertain.rank_intervals`).
    cells
        Optional mask of the cells to evaluate (default: every uncertain cell); the others
        are left out of the result.

    Returns
    -------
    tuple of CellValue
        One per evaluated uncertain cell, most valuable first (``order`` 1, 2, ...).

    References
    ----------
    Howard (1966) — see the module docstring.
    """
    if top < 1 or points < 1:
        raise ScoringError("top and points must be >= 1")
    t = parse_types(types, im.shape[1])
    score = _Scorer(t, weights, method, normalization, on_constant, present)
    base = score(im)
    score = replace(score, columns=ColumnwiseBounds.of(
        im, t, weights, method=method, normalization=normalization, on_constant=on_constant,
        present=present))
    now = top_set(base.ranks, top)
    shortlist = sorted(now)
    chosen = im.uncertain if cells is None else im.uncertain & np.asarray(cells, dtype=bool)
    values = [_cell(im, int(i), int(j), bool(t[j] > 0), base, shortlist, now, top, points,
                    score) for i, j in np.argwhere(chosen)]
    values.sort(key=lambda c: (-c.width_reduction, -c.top_change_probability,
                              c.own_width_expected - (c.worst_rank - c.best_rank),
                              c.alternative, c.criterion))
    return tuple(_with_order(c, n + 1) for n, c in enumerate(values))


def _with_order(c: CellValue, order: int) -> CellValue:
    return replace(c, order=order)
