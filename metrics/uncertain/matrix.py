"""The interval decision matrix: point values, ranges, unknown cells and how unknowns are bounded.

A cell is *known* (``low == high``), a *range* ``[low, high]`` given in the data, or *unknown*.
Unknown cells are bounded by a stated policy:

* ``peer`` — the column's known values and range ends: ``[min of known lows, max of known
  highs]`` over the alternatives of the matrix (the peer group);
* ``threshold`` — from the column's must-have threshold to the peer extreme in the favourable
  direction: ``[t, max(t, peer high)]`` for a benefit criterion ("at least t"),
  ``[min(t, peer low), t]`` for a cost criterion ("at most t"). Columns without a threshold
  (NaN) fall back to ``peer``.

The *point* value of a cell is the one today's single ranking uses: the value of a known cell,
the typical value of a range (its midpoint unless given) and, for an unknown cell, the worst
known value of the column (the least favourable assumption, as :func:`metrics.score_catalog`
imputes), clipped into the cell's bounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from metrics._validate import parse_types
from metrics.errors import ScoringError

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
UnknownPolicy = Literal["peer", "threshold"]
UNKNOWN_POLICIES: tuple[UnknownPolicy, ...] = ("peer", "threshold")
Cell = tuple[float, float] | None
"""One cell as read from data: ``(low, high)`` (``low == high`` for a point) or ``None``."""


def _frozen(arr: NDArray[np.generic]) -> NDArray[np.generic]:
    out = np.array(arr, copy=True)
    out.flags.writeable = False
    return out


@dataclass(frozen=True, slots=True)
class IntervalMatrix:
    """Alternatives x criteria with a point value and bounds per cell (immutable).

    Attributes
    ----------
    point
        Values at which the point (today's) ranking is computed; ``low <= point <= high``.
    low, high
        Bounds of every cell (equal for a known cell).
    unknown
        Cells that were unknown in the data and are bounded by the policy.
    ranged
        Cells given as a range in the data.
    """

    point: FloatArray
    low: FloatArray
    high: FloatArray
    unknown: BoolArray
    ranged: BoolArray

    def __post_init__(self) -> None:
        for name in ("point", "low", "high"):
            object.__setattr__(self, name, _frozen(np.asarray(getattr(self, name), np.float64)))
        for name in ("unknown", "ranged"):
            object.__setattr__(self, name, _frozen(np.asarray(getattr(self, name), bool)))
        _check(self)

    @property
    def shape(self) -> tuple[int, int]:
        """``(alternatives, criteria)``."""
        return (int(self.point.shape[0]), int(self.point.shape[1]))

    @property
    def uncertain(self) -> BoolArray:
        """Cells whose bounds differ (a degenerate range or unknown counts as known)."""
        return np.asarray(self.high > self.low)

    @property
    def is_known(self) -> bool:
        """True when no cell is uncertain."""
        return not bool(self.uncertain.any())

    def fixed(self, i: int, j: int, value: float) -> IntervalMatrix:
        """The matrix with cell ``(i, j)`` known to be ``value`` (other cells unchanged)."""
        return self.narrowed(i, j, value, value)

    def narrowed(self, i: int, j: int, low: float, high: float) -> IntervalMatrix:
        """The matrix with cell ``(i, j)`` bounded by ``[low, high]`` and its point clipped."""
        lo, hi, pt = self.low.copy(), self.high.copy(), self.point.copy()
        lo[i, j], hi[i, j] = low, high
        pt[i, j] = min(max(pt[i, j], low), high)
        return replace(self, point=pt, low=lo, high=hi)


def _check(m: IntervalMatrix) -> None:
    if m.point.ndim != 2 or m.point.shape[0] < 1 or m.point.shape[1] < 1:
        raise ScoringError(f"decision matrix must be 2-D (alternatives x criteria); "
                           f"shape {m.point.shape}")
    shapes = {a.shape for a in (m.point, m.low, m.high, m.unknown, m.ranged)}
    if len(shapes) != 1:
        raise ScoringError(f"point, low, high and masks differ in shape: {sorted(shapes)}")
    if not (np.isfinite(m.low).all() and np.isfinite(m.high).all()
            and np.isfinite(m.point).all()):
        raise ScoringError("interval matrix bounds and points must be finite")
    bad = np.argwhere((m.low > m.point) | (m.point > m.high))
    if bad.size:
        i, j = bad[0]
        raise ScoringError(f"cell ({i}, {j}): need low <= point <= high; got "
                           f"{m.low[i, j]:g} <= {m.point[i, j]:g} <= {m.high[i, j]:g}")


def known_matrix(matrix: ArrayLike) -> IntervalMatrix:
    """An interval matrix whose every cell is known (``low == point == high``)."""
    x = np.asarray(matrix, dtype=np.float64)
    none = np.zeros(x.shape, dtype=bool)
    return IntervalMatrix(x, x, x, none, none)


def _thresholds(thresholds: ArrayLike | None, n: int) -> FloatArray:
    if thresholds is None:
        raise ScoringError("unknown='threshold' needs one threshold per criterion "
                           "(NaN or empty where a criterion has none)")
    t = np.asarray(thresholds, dtype=np.float64).ravel()
    if t.size != n:
        raise ScoringError(f"{t.size} thresholds given for {n} criteria")
    return t


def _peer_bounds(low: FloatArray, high: FloatArray, missing: BoolArray,
                 names: Sequence[str]) -> tuple[FloatArray, FloatArray]:
    """Per column: min of the known lows and max of the known highs."""
    empty = missing.all(axis=0)
    if empty.any():
        cols = ", ".join(names[int(j)] for j in np.flatnonzero(empty))
        raise ScoringError(f"criterion {cols}: no alternative has a known value, so its "
                           "unknowns cannot be bounded; drop the criterion or give a range")
    lo = np.where(missing, np.inf, low).min(axis=0)
    hi = np.where(missing, -np.inf, high).max(axis=0)
    return lo, hi


def fill_unknown(
    low: FloatArray, high: FloatArray, missing: BoolArray, types: NDArray[np.int8], *,
    policy: UnknownPolicy = "peer", thresholds: ArrayLike | None = None,
    names: Sequence[str] | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Bounds of every cell with the unknown ones filled by ``policy`` (see the module notes).

    Parameters
    ----------
    low, high
        Bounds of the known and ranged cells (ignored where ``missing``).
    missing
        Unknown cells.
    types
        +1 benefit, -1 cost per criterion.
    policy
        ``"peer"`` or ``"threshold"``.
    thresholds
        One must-have threshold per criterion for ``"threshold"`` (NaN: none, use ``peer``).
    names
        Criterion names for messages.

    Returns
    -------
    tuple
        Filled ``(low, high)``.
    """
    if policy not in UNKNOWN_POLICIES:
        raise ScoringError(f"unknown must be one of {', '.join(UNKNOWN_POLICIES)}; got {policy!r}")
    n = low.shape[1]
    labels = list(names) if names is not None else [f"C{j + 1}" for j in range(n)]
    t = _thresholds(thresholds, n) if policy == "threshold" else np.full(n, np.nan)
    has_t = np.isfinite(t)
    peer_lo, peer_hi = _peer_bounds(low, high, missing, labels)
    benefit = types > 0
    col_lo = np.where(has_t, np.where(benefit, t, np.minimum(t, peer_lo)), peer_lo)
    col_hi = np.where(has_t, np.where(benefit, np.maximum(t, peer_hi), t), peer_hi)
    return (np.where(missing, col_lo, low), np.where(missing, col_hi, high))


def _worst_points(point: FloatArray, missing: BoolArray,
                  types: NDArray[np.int8]) -> FloatArray:
    """Per column the least favourable known point value (0 for a column with none)."""
    lo = np.where(missing, np.inf, point).min(axis=0)
    hi = np.where(missing, -np.inf, point).max(axis=0)
    worst = np.where(types > 0, lo, hi)
    return np.where(np.isfinite(worst), worst, 0.0)


def interval_matrix(
    cells: Sequence[Sequence[Cell]], types: Sequence[str | int] | ArrayLike, *,
    unknown: UnknownPolicy = "peer", thresholds: ArrayLike | None = None,
    points: ArrayLike | None = None, names: Sequence[str] | None = None,
) -> IntervalMatrix:
    """Build an :class:`IntervalMatrix` from cells read from data.

    Parameters
    ----------
    cells
        Rows of cells: ``(low, high)`` (``low == high`` for a known value) or ``None``
        (unknown).
    types
        ``"+"``/``"-"`` per criterion (the favourable direction for ``threshold``).
    unknown
        Policy bounding the unknown cells: ``"peer"`` (default) or ``"threshold"``.
    thresholds
        Per-criterion must-have thresholds for ``"threshold"`` (NaN where none).
    points
        Optional point values (NaN: use the default: midpoint of a range, worst known value of
        the column for an unknown); clipped into each cell's bounds. The catalog passes the
        values it scores today so that the point rank is today's rank.
    names
        Criterion names for messages.

    Returns
    -------
    IntervalMatrix
        Bounds, points and masks.
    """
    rows = [list(r) for r in cells]
    if not rows or not rows[0]:
        raise ScoringError("decision matrix needs at least one alternative and one criterion")
    width = len(rows[0])
    if any(len(r) != width for r in rows):
        raise ScoringError("every row needs the same number of cells")
    missing = np.array([[c is None for c in r] for r in rows], dtype=bool)
    pairs = [[(np.nan, np.nan) if c is None else c for c in r] for r in rows]
    low = np.array([[p[0] for p in r] for r in pairs], dtype=np.float64)
    high = np.array([[p[1] for p in r] for r in pairs], dtype=np.float64)
    known = ~missing
    if not (np.isfinite(low[known]).all() and np.isfinite(high[known]).all()):
        raise ScoringError("cell values must be finite numbers")
    bad = np.argwhere(known & (low > high))
    if bad.size:
        i, j = bad[0]
        raise ScoringError(f"cell ({i}, {j}): range low {low[i, j]:g} > high {high[i, j]:g}")
    t = parse_types(types, width)
    default = np.where(missing, np.nan, 0.5 * (low + high))
    default = np.where(missing, _worst_points(default, missing, t), default)
    lo, hi = fill_unknown(low, high, missing, t, policy=unknown, thresholds=thresholds,
                          names=names)
    pt = default if points is None else np.where(
        np.isnan(np.asarray(points, dtype=np.float64)), default, points)
    ranged = known & (high > low)
    return IntervalMatrix(np.clip(pt, lo, hi), lo, hi, missing, ranged)


def catalog_matrix(
    intervals: Sequence[Sequence[Cell]], types: Sequence[str | int] | ArrayLike, *,
    points: ArrayLike, unknown: UnknownPolicy = "peer", thresholds: ArrayLike | None = None,
    names: Sequence[str] | None = None,
) -> IntervalMatrix:
    """The seam for catalog scoring: sites x criteria from park facts.

    ``intervals[i][j]`` is ``Fact.interval()`` of site i's criterion j (``None`` when unknown;
    contract A of the catalog schema v2), ``points`` the matrix today's scoring ranks (with its
    imputations), ``thresholds`` the brief's must-have thresholds per criterion (NaN where a
    criterion has none). Same result as :func:`interval_matrix`;
    :func:`metrics.uncertain.catalog_problem` builds the catalog's field on it (conditioning
    must-have criteria on passing and keeping today's points inside their cells).
    """
    return interval_matrix(intervals, types, unknown=unknown, thresholds=thresholds,
                           points=points, names=names)
