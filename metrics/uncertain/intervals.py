"""Best and worst possible rank and score of every alternative over all worlds inside the ranges.

Each method's bounds live in its own module (``interval_bounds``, ``pair_bounds``), and are
reached through the method registry (:attr:`metrics.methods.registry.MethodSpec.bounds`).
Every bound here is *sound*: each rank or score the method gives in any world (every cell
anywhere inside its bounds) lies inside the interval; the point rank and score (today's,
at the point values) always do. Which bounds are also *exact* (attained by some world):

=========  ==========================================  ==========================================
method     score interval                              rank interval
=========  ==========================================  ==========================================
WSM        exact (columns are independent; each        sound: pairwise score differences exact
           normalised value's range is exact) (*)      (min-max: see ``pair_max``), counted
TOPSIS     exact for min-max when no criterion can be  sound: pairs compared by their score
           constant in some world (closeness rises     intervals, and dominance in every world
           with every normalised value); otherwise
           sound: exact per-cell ranges of the gaps
           to the moving ideal and anti-ideal, the
           two distances paired independently
           (after Jahanshahloo et al. 2006)
VIKOR      sound (S and R exact, their stretch over    sound, as for TOPSIS
           a box of all alternatives' S and R)
PROMETHEE  exact (a net flow rises with the            sound; pairwise differences exact up to
           alternative's own values and falls with     60 alternatives, then as for TOPSIS
           the others': one world attains each end)
=========  ==========================================  ==========================================

(*) Where a criterion can become constant in some world (all cells sharing a value) that world
scores it 0 (``on_constant="ignore"``); the bound is then the supremum approached next to it and
``exact_scores`` is False.

The rank interval counts, for alternative i, the alternatives that beat it in *every* world
(best rank = 1 + that count) and those that beat it in *some* world (worst rank = 1 + that
count); both are bounds on the true extremes because the worlds attaining different pairs may
differ.

An alternative that is not sure to be in the field (``present`` false: a catalog site whose
must-haves are undecided) may drop out of some worlds, so it never counts as beating another
in every world; it still counts among those that may beat it. The scores of every world are
computed with the whole field present.

References
----------
Jahanshahloo, G. R., Hosseinzadeh Lotfi, F., & Izadikhah, M. (2006). An algorithmic method to
extend TOPSIS for decision-making problems with interval data. *Applied Mathematics and
Computation* 175(2), 1375–1384.
Moore, R. E., Kearfott, R. B., & Cloud, M. J. (2009). *Introduction to Interval Analysis*.
SIAM (inclusion-monotone interval arithmetic).
Opricovic, S., & Tzeng, G. H. (2004). Compromise solution by MCDM methods. *European Journal
of Operational Research* 156(2), 445–455.
Brans, J. P., Vincke, P., & Mareschal, B. (1986). How to select and how to rank projects: The
PROMETHEE method. *European Journal of Operational Research* 24(2), 228–238.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from metrics._validate import as_weights, parse_types
from metrics.errors import ScoringError
from metrics.methods._result import MethodResult
from metrics.methods.bounds import dominates
from metrics.methods.normalize import Normalization, OnConstant
from metrics.methods.registry import (
    DEFAULT_METHOD,
    NORMALIZING_METHODS,
    MethodSpec,
    get_method,
    utility,
)
from metrics.uncertain.matrix import IntervalMatrix

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
TIE = 1e-12
"""Score differences up to this count as ties (``competition_ranks``' tolerance for scores
bounded by 1 in magnitude, which all four methods' scores are)."""


@dataclass(frozen=True, slots=True)
class RankIntervals:
    """Point ranking and the sound rank and score intervals of every alternative.

    Attributes
    ----------
    method
        A method name of :data:`metrics.methods.registry.METHODS`.
    point
        The method's result at the point values (today's ranking).
    best_rank, worst_rank
        Sound rank bounds (1 = first; ``best_rank <= point.ranks <= worst_rank``).
    best_utility, worst_utility
        Sound bounds of the score on the 0..1 higher-is-better utility scale.
    exact_scores
        Whether the score interval is attained at both ends (see the module table).
    best_score, worst_score
        The same bounds as native scores: the best and the worst possible raw score (the
        lowest and the highest value when lower is better, e.g. VIKOR's Q).
    """

    method: str
    point: MethodResult
    best_rank: IntArray
    worst_rank: IntArray
    best_utility: FloatArray
    worst_utility: FloatArray
    exact_scores: bool
    best_score: FloatArray
    worst_score: FloatArray

    @property
    def ranks(self) -> IntArray:
        """Point ranks."""
        return self.point.ranks

    @property
    def utility(self) -> FloatArray:
        """Point scores on the utility scale."""
        return utility(self.method, self.point.scores)

    @property
    def width(self) -> IntArray:
        """``worst_rank - best_rank`` per alternative (0: the rank is certain)."""
        return self.worst_rank - self.best_rank


@dataclass(frozen=True, slots=True)
class _Options:
    spec: MethodSpec
    normalization: Normalization
    on_constant: OnConstant
    params: dict[str, Any]


def _options(method: str, normalization: Normalization | None, on_constant: OnConstant,
             **params: Any) -> _Options:
    spec = get_method(method)
    if normalization is not None and not spec.normalizes:
        raise ScoringError(f"normalization applies to {' and '.join(NORMALIZING_METHODS)}, "
                           f"not {spec.name}")
    return _Options(spec, spec.normalization(normalization), on_constant,
                    spec.options(**params))


def _point(x: FloatArray, t: NDArray[np.int8], w: FloatArray, o: _Options) -> MethodResult:
    return o.spec.score(x, t, w, normalization=o.normalization, on_constant=o.on_constant,
                        **o.params)


def _rank_bounds(pairs: FloatArray, dom: NDArray[np.bool_],
                 present: NDArray[np.bool_]) -> tuple[IntArray, IntArray]:
    """Best/worst rank from ``pairs[k, i]`` = max over worlds of ``key_k - key_i``."""
    surely = (-pairs.T > TIE) & present[:, None]
    possibly = (pairs > TIE) & ~dom.T
    np.fill_diagonal(surely, False)
    np.fill_diagonal(possibly, False)
    return 1 + surely.sum(axis=0), 1 + possibly.sum(axis=0)


def _present(present: ArrayLike | None, m: int) -> NDArray[np.bool_]:
    if present is None:
        return np.ones(m, dtype=bool)
    sure = np.asarray(present, dtype=bool).ravel()
    if sure.size != m:
        raise ScoringError(f"present has {sure.size} entries for {m} alternatives")
    return sure


def _check_domain(im: IntervalMatrix, o: _Options) -> None:
    if o.spec.normalizes and o.normalization in ("vector", "max") and (im.low < 0).any():
        raise ScoringError(f"{o.normalization} normalisation needs non-negative values "
                           "(including range and unknown bounds); use 'minmax'")


def _native(spec: MethodSpec, key: FloatArray) -> FloatArray:
    """A higher-is-better key back to the method's raw score."""
    return np.asarray(key if spec.higher_is_better else -key, dtype=np.float64)


def _degenerate(spec: MethodSpec, point: MethodResult) -> RankIntervals:
    u = spec.utility(point.scores)
    s = np.asarray(point.scores, dtype=np.float64)
    return RankIntervals(spec.name, point, point.ranks.copy(), point.ranks.copy(), u, u.copy(),
                         True, s.copy(), s.copy())


def rank_intervals(
    im: IntervalMatrix, types: Sequence[str | int] | ArrayLike,
    weights: ArrayLike | None = None, *, method: str = DEFAULT_METHOD,
    normalization: Normalization | None = None, on_constant: OnConstant = "raise",
    v: float = 0.5, indifference: ArrayLike | None = None, preference: ArrayLike | None = None,
    present: ArrayLike | None = None,
) -> RankIntervals:
    """Point ranking plus sound best/worst rank and score of every alternative.

    Parameters
    ----------
    im
        The interval decision matrix (see :func:`metrics.uncertain.interval_matrix`).
    types
        ``"+"``/``"-"`` per criterion.
    weights
        Non-negative weights (normalised to sum 1); equal when ``None``.
    method
        A name of :data:`metrics.methods.registry.METHODS`.
    normalization
        For the methods that normalise (default
        :data:`metrics.methods.registry.DEFAULT_NORMALIZATION`).
    on_constant
        Policy for a criterion constant at the point values (as the methods take it); worlds
        in which a criterion is constant always ignore it.
    v
        VIKOR's weight of the group utility (ignored by the other methods).
    indifference, preference
        PROMETHEE thresholds (usual criterion when omitted; ignored by the others).
    present
        Per alternative, whether it is sure to be in the field (default: all are). One that
        may drop out never counts as beating another in every world (see the module notes).

    Returns
    -------
    RankIntervals
        Point result, rank and utility intervals. A fully known matrix with every alternative
        present gives ``best_rank == worst_rank == point.ranks`` and equal score bounds.

    References
    ----------
    See the module docstring (Jahanshahloo et al. 2006; Moore et al. 2009).
    """
    m, n = im.shape
    t = parse_types(types, n)
    w = as_weights(weights, n)
    o = _options(method, normalization, on_constant, v=v, indifference=indifference,
                 preference=preference)
    spec = o.spec
    _check_domain(im, o)
    point = _point(im.point, t, w, o)
    sure = _present(present, m)
    if m == 1 or (im.is_known and sure.all()):
        return _degenerate(spec, point)
    if spec.bounds is None:
        raise ScoringError(f"{spec.name} has no interval bounds")
    lo, hi, exact = spec.bounds(im.low, im.high, t, w, normalization=o.normalization,
                                **o.params)
    pairs = hi[:, None] - lo[None, :]
    if spec.pair_bounds is not None:
        sharper = spec.pair_bounds(im.low, im.high, t, w, normalization=o.normalization,
                                   **o.params)
        if sharper is not None:
            pairs = np.minimum(pairs, sharper)
    best, worst = _rank_bounds(pairs, dominates(im.low, im.high, t), sure)
    key = np.asarray(point.scores if point.higher_is_better else -point.scores)
    key_lo, key_hi = np.minimum(lo, key), np.maximum(hi, key)
    best_score, worst_score = _native(spec, key_hi), _native(spec, key_lo)
    return RankIntervals(spec.name, point, np.minimum(best, point.ranks),
                         np.maximum(worst, point.ranks), spec.utility(best_score),
                         spec.utility(worst_score), exact, best_score, worst_score)


def _extreme_world(im: IntervalMatrix, t: NDArray[np.int8], i: int, *, good: bool) -> FloatArray:
    """Alternative i at its favourable (``good``) or unfavourable ends, the others opposite."""
    fav = np.where(t > 0, im.high, im.low)
    unfav = np.where(t > 0, im.low, im.high)
    x = (unfav if good else fav).copy()
    x[i] = fav[i] if good else unfav[i]
    return x


def attained_ranks(
    im: IntervalMatrix, types: Sequence[str | int] | ArrayLike,
    weights: ArrayLike | None = None, *, method: str = DEFAULT_METHOD,
    normalization: Normalization | None = None, v: float = 0.5,
    indifference: ArrayLike | None = None, preference: ArrayLike | None = None,
) -> tuple[IntArray, IntArray]:
    """Ranks actually reached in two witness worlds per alternative (an inner bound).

    For alternative i the worlds put its own cells at their favourable (unfavourable) ends and
    every other cell at the opposite end, and the plain method ranks them. The true best rank
    lies in ``[rank_intervals(...).best_rank, attained best]`` (and the worst likewise), so
    where the two meet the interval is exact. Costs two method runs per alternative.

    Returns
    -------
    tuple
        Best and worst attained rank per alternative (point rank included).
    """
    n = im.shape[1]
    t = parse_types(types, n)
    w = as_weights(weights, n)
    o = _options(method, normalization, "ignore", v=v, indifference=indifference,
                 preference=preference)
    _check_domain(im, o)
    best = _point(im.point, t, w, o).ranks.copy()
    worst = best.copy()
    for i in range(0 if im.is_known else im.shape[0]):  # any cell moves everyone's scores
        best[i] = min(best[i], _point(_extreme_world(im, t, int(i), good=True), t, w, o).ranks[i])
        worst[i] = max(worst[i],
                       _point(_extreme_world(im, t, int(i), good=False), t, w, o).ranks[i])
    return best, worst


@dataclass(frozen=True, slots=True)
class RankBounds:
    """Point ranks and rank bounds only (what one-cell variants need for value of information)."""

    ranks: IntArray
    best_rank: IntArray
    worst_rank: IntArray

    @property
    def width(self) -> IntArray:
        """``worst_rank - best_rank`` per alternative."""
        return self.worst_rank - self.best_rank


@dataclass(frozen=True)
class ColumnwiseBounds:
    """Rank bounds of one-cell variants of a matrix, recomputing only the changed column.

    For a *separable* method (:attr:`metrics.methods.registry.MethodSpec.separable`: the
    weighted sum, PROMETHEE) the score and pairwise bounds are sums over criteria of terms that
    depend on one column each, so a variant whose column ``j`` changed swaps that column's
    term. The result equals :func:`rank_intervals` on the variant (up to the order of a float
    sum). Build with :meth:`of`.
    """

    options: _Options
    types: NDArray[np.int8]
    weights: FloatArray
    present: NDArray[np.bool_]
    lo: FloatArray
    hi: FloatArray
    pairs: FloatArray | None

    @classmethod
    def of(cls, im: IntervalMatrix, types: Sequence[str | int] | ArrayLike,
           weights: ArrayLike | None = None, *, method: str = DEFAULT_METHOD,
           normalization: Normalization | None = None, on_constant: OnConstant = "raise",
           present: ArrayLike | None = None) -> ColumnwiseBounds | None:
        """The per-column terms of ``im`` (``None`` when the method is not separable)."""
        o = _options(method, normalization, on_constant)
        if not o.spec.separable or o.spec.bounds is None:
            return None
        _check_domain(im, o)
        m, n = im.shape
        t, w = parse_types(types, n), as_weights(weights, n)
        parts = [_column_terms(o, im.low, im.high, t, w, j) for j in range(n)]
        pairs = None if any(p[2] is None for p in parts) else np.stack(
            [p[2] for p in parts if p[2] is not None], axis=2)
        return cls(o, t, w, _present(present, m), np.stack([p[0] for p in parts], axis=1),
                   np.stack([p[1] for p in parts], axis=1), pairs)

    def variant(self, im: IntervalMatrix, j: int) -> RankBounds:
        """Rank bounds of ``im``, which differs from the base matrix in column ``j`` only."""
        point = _point(im.point, self.types, self.weights, self.options).ranks
        if im.shape[0] == 1 or (im.is_known and self.present.all()):
            return RankBounds(point, point.copy(), point.copy())
        lo_j, hi_j, pairs_j = _column_terms(self.options, im.low, im.high, self.types,
                                            self.weights, j)
        lo, hi = self.lo.copy(), self.hi.copy()
        lo[:, j], hi[:, j] = lo_j, hi_j
        lo_s, hi_s = lo.sum(axis=1), hi.sum(axis=1)
        pairs = hi_s[:, None] - lo_s[None, :]
        if self.pairs is not None and pairs_j is not None:
            cols = self.pairs.copy()
            cols[:, :, j] = pairs_j
            pairs = np.minimum(pairs, cols.sum(axis=2))
        best, worst = _rank_bounds(pairs, dominates(im.low, im.high, self.types),
                                   self.present)
        return RankBounds(point, np.minimum(best, point), np.maximum(worst, point))


def _column_terms(o: _Options, low: FloatArray, high: FloatArray, t: NDArray[np.int8],
                  w: FloatArray, j: int) -> tuple[FloatArray, FloatArray, FloatArray | None]:
    """Column ``j``'s term of the score bounds and of the pairwise bounds."""
    assert o.spec.bounds is not None
    cols = slice(j, j + 1)
    args = (low[:, cols], high[:, cols], t[cols], w[cols])
    lo, hi, _ = o.spec.bounds(*args, normalization=o.normalization, **o.params)
    pairs = None if o.spec.pair_bounds is None else o.spec.pair_bounds(
        *args, normalization=o.normalization, **o.params)
    return lo, hi, pairs
