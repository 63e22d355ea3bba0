"""Best and worst possible rank and score of every alternative over all worlds inside the ranges.

Every bound here is *sound*: each rank or score the method gives in any world (every cell
anywhere inside its bounds) lies inside the interval; the point rank and score (today's,
at the point values) always do. Which bounds are also *exact* (attained by some world):

=========  ==========================================  ==========================================
method     score interval                              rank interval
=========  ==========================================  ==========================================
wsm        exact (columns are independent; each        sound: pairwise score differences exact
           normalised value's range is exact) (*)      (min-max: see ``pair_max``), counted
topsis     exact for min-max when no criterion can be  sound: pairs compared by their score
           constant in some world (closeness rises     intervals, and dominance in every world
           with every normalised value); otherwise
           sound: exact per-cell ranges of the gaps
           to the moving ideal and anti-ideal, the
           two distances paired independently
           (after Jahanshahloo et al. 2006)
vikor      sound (S and R exact, their stretch over    sound, as for TOPSIS
           a box of all alternatives' S and R)
promethee  exact (a net flow rises with the            sound; pairwise differences exact up to
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

import numpy as np
from numpy.typing import ArrayLike, NDArray

from metrics._batch import Method, check_method
from metrics._validate import as_weights, parse_types
from metrics.errors import ScoringError
from metrics.methods import MethodResult, promethee_ii, topsis, vikor, wsm
from metrics.methods.normalize import Normalization, OnConstant
from metrics.methods.promethee import _thresholds
from metrics.uncertain._bounds import (
    constant_possible,
    dominates,
    excl_max,
    excl_min,
    gap_bounds,
    net_preference,
    norm_bounds,
    pair_max,
    promethee_pair_max,
)
from metrics.uncertain.matrix import IntervalMatrix

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
PROMETHEE_PAIRS_MAX = 60
"""Up to this many alternatives PROMETHEE pairs are bounded exactly (``m^3 n`` work)."""
TIE = 1e-12
"""Score differences up to this count as ties (``competition_ranks``' tolerance for scores
bounded by 1 in magnitude, which all four methods' scores are)."""


def utility(method: str, scores: ArrayLike) -> FloatArray:
    """Native scores on the 0..1 higher-is-better utility scale.

    TOPSIS closeness and the weighted sum as they are; VIKOR ``1 - Q``; PROMETHEE net flow
    ``(phi + 1) / 2``. (The same mapping as the method registry's ``utility``.)
    """
    s = np.asarray(scores, dtype=np.float64)
    if method == "vikor":
        return 1.0 - s
    if method == "promethee":
        return (s + 1.0) / 2.0
    return s.copy()


def from_utility(method: str, u: ArrayLike) -> FloatArray:
    """Inverse of :func:`utility`: utility back to the method's native score."""
    x = np.asarray(u, dtype=np.float64)
    if method == "vikor":
        return 1.0 - x
    if method == "promethee":
        return 2.0 * x - 1.0
    return x.copy()


@dataclass(frozen=True, slots=True)
class RankIntervals:
    """Point ranking and the sound rank and score intervals of every alternative.

    Attributes
    ----------
    method
        ``"wsm"``, ``"topsis"``, ``"vikor"`` or ``"promethee"``.
    point
        The method's result at the point values (today's ranking).
    best_rank, worst_rank
        Sound rank bounds (1 = first; ``best_rank <= point.ranks <= worst_rank``).
    best_utility, worst_utility
        Sound bounds of the score on the 0..1 higher-is-better utility scale.
    exact_scores
        Whether the score interval is attained at both ends (see the module table).
    """

    method: Method
    point: MethodResult
    best_rank: IntArray
    worst_rank: IntArray
    best_utility: FloatArray
    worst_utility: FloatArray
    exact_scores: bool

    @property
    def ranks(self) -> IntArray:
        """Point ranks."""
        return self.point.ranks

    @property
    def utility(self) -> FloatArray:
        """Point scores on the utility scale."""
        return utility(self.method, self.point.scores)

    @property
    def best_score(self) -> FloatArray:
        """Best possible native score (the lowest Q for VIKOR)."""
        return from_utility(self.method, self.best_utility)

    @property
    def worst_score(self) -> FloatArray:
        """Worst possible native score."""
        return from_utility(self.method, self.worst_utility)

    @property
    def width(self) -> IntArray:
        """``worst_rank - best_rank`` per alternative (0: the rank is certain)."""
        return self.worst_rank - self.best_rank


@dataclass(frozen=True, slots=True)
class _Options:
    method: Method
    normalization: Normalization
    on_constant: OnConstant
    v: float
    q: FloatArray
    p: FloatArray


def _options(method: str, normalization: Normalization | None, on_constant: OnConstant,
             v: float, indifference: ArrayLike | None, preference: ArrayLike | None,
             n: int) -> _Options:
    m = check_method(method)
    if normalization is not None and m in ("vikor", "promethee"):
        raise ScoringError(f"normalization applies to topsis and wsm, not {m}")
    norm: Normalization = normalization or ("vector" if m == "topsis" else "minmax")
    return _Options(m, norm, on_constant, v, _thresholds(indifference, n, "indifference"),
                    _thresholds(preference, n, "preference"))


def _point(x: FloatArray, t: NDArray[np.int8], w: FloatArray, o: _Options) -> MethodResult:
    if o.method == "wsm":
        return wsm(x, t, w, normalization=o.normalization, on_constant=o.on_constant)
    if o.method == "topsis":
        return topsis(x, t, w, normalization=o.normalization, on_constant=o.on_constant)
    if o.method == "vikor":
        return vikor(x, t, w, v=o.v, on_constant=o.on_constant)
    return promethee_ii(x, t, w, indifference=o.q, preference=o.p, on_constant=o.on_constant)


def _ratio(num: FloatArray, den: FloatArray, empty: float) -> FloatArray:
    out: FloatArray = np.full(np.broadcast(num, den).shape, empty)
    np.divide(num, den, out=out, where=den > 0)
    return out


def _wsm_bounds(im: IntervalMatrix, t: NDArray[np.int8], w: FloatArray,
                o: _Options) -> tuple[FloatArray, FloatArray, FloatArray]:
    nlo, nhi = norm_bounds(im.low, im.high, t, o.normalization)
    pairs = pair_max(im.low, im.high, t, w, normalization=o.normalization)
    return nlo @ w, nhi @ w, pairs


def _topsis_bounds(im: IntervalMatrix, t: NDArray[np.int8], w: FloatArray,
                   o: _Options) -> tuple[FloatArray, FloatArray, bool]:
    """Closeness bounds from exact per-cell gap ranges (columns are independent).

    ``D+`` and ``D-`` are each bounded exactly; pairing the largest ``D-`` with the smallest
    ``D+`` treats the two gaps of one cell as independent (sound). With min-max and no column
    that can be constant both gaps follow one normalised value and the bound is attained.
    """
    plus_lo, plus_hi, minus_lo, minus_hi = gap_bounds(im.low, im.high, t, o.normalization)
    can, always = constant_possible(im.low, im.high)
    exact = o.normalization == "minmax" and not bool((can & ~always).any())
    w2 = w * w
    dm_lo, dm_hi = np.sqrt(minus_lo ** 2 @ w2), np.sqrt(minus_hi ** 2 @ w2)
    dp_lo, dp_hi = np.sqrt(plus_lo ** 2 @ w2), np.sqrt(plus_hi ** 2 @ w2)
    return _ratio(dm_lo, dm_lo + dp_hi, 0.5), _ratio(dm_hi, dm_hi + dp_lo, 0.5), exact


def _stretch_bounds(lo: FloatArray, hi: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Range of ``(a_i - min a) / (max a - min a)`` when each ``a_r`` lies in ``[lo_r, hi_r]``.

    The fraction rises with ``a_i`` and falls as any other ``a_r`` rises, so its extremes put
    ``a_i`` at one end and the others at the opposite ends (0 when the span vanishes).
    """
    lo2, hi2 = lo[:, None], hi[:, None]
    s_min, s_max = np.minimum(lo2, excl_min(hi2)), np.maximum(lo2, excl_max(hi2))
    f_lo = _ratio(lo2 - s_min, s_max - s_min, 0.0)
    s_min, s_max = np.minimum(hi2, excl_min(lo2)), np.maximum(hi2, excl_max(lo2))
    f_hi = _ratio(hi2 - s_min, s_max - s_min, 0.0)
    return f_lo[:, 0], f_hi[:, 0]


def _vikor_bounds(im: IntervalMatrix, t: NDArray[np.int8], w: FloatArray,
                  o: _Options) -> tuple[FloatArray, FloatArray]:
    """Bounds of ``-Q`` (higher is better)."""
    nlo, nhi = norm_bounds(im.low, im.high, t, "minmax")
    can, always = constant_possible(im.low, im.high)
    r_lo = np.where(can, 0.0, w * (1.0 - nhi))
    r_hi = np.where(always, 0.0, w * (1.0 - nlo))
    fs_lo, fs_hi = _stretch_bounds(r_lo.sum(axis=1), r_hi.sum(axis=1))
    fr_lo, fr_hi = _stretch_bounds(r_lo.max(axis=1), r_hi.max(axis=1))
    q_lo = o.v * fs_lo + (1.0 - o.v) * fr_lo
    q_hi = o.v * fs_hi + (1.0 - o.v) * fr_hi
    return -q_hi, -q_lo


def _promethee_bounds(im: IntervalMatrix, t: NDArray[np.int8], w: FloatArray,
                      o: _Options, chunk: int = 64) -> tuple[FloatArray, FloatArray]:
    """Net flow bounds: own values at their favourable ends, the others' at the opposite."""
    y_lo = np.where(t > 0, im.low, -im.high)
    y_hi = np.where(t > 0, im.high, -im.low)
    m = y_lo.shape[0]
    lo, hi = np.empty(m), np.empty(m)
    self_hi = net_preference(y_hi - y_lo, o.q, o.p) @ w
    self_lo = net_preference(y_lo - y_hi, o.q, o.p) @ w
    for start in range(0, m, chunk):
        sl = slice(start, min(start + chunk, m))
        hi[sl] = net_preference(y_hi[sl, None, :] - y_lo[None, :, :], o.q, o.p).sum(axis=1) @ w
        lo[sl] = net_preference(y_lo[sl, None, :] - y_hi[None, :, :], o.q, o.p).sum(axis=1) @ w
    scale = max(m - 1, 1)
    return (lo - self_lo) / scale, (hi - self_hi) / scale


def _key(point: MethodResult) -> FloatArray:
    return np.asarray(point.scores if point.higher_is_better else -point.scores)


def _rank_bounds(pairs: FloatArray, dom: NDArray[np.bool_]) -> tuple[IntArray, IntArray]:
    """Best/worst rank from ``pairs[k, i]`` = max over worlds of ``key_k - key_i``."""
    surely = -pairs.T > TIE
    possibly = (pairs > TIE) & ~dom.T
    np.fill_diagonal(surely, False)
    np.fill_diagonal(possibly, False)
    return 1 + surely.sum(axis=0), 1 + possibly.sum(axis=0)


def _check_domain(im: IntervalMatrix, o: _Options) -> None:
    if o.method in ("wsm", "topsis") and o.normalization in ("vector", "max") and (
            im.low < 0).any():
        raise ScoringError(f"{o.normalization} normalisation needs non-negative values "
                           "(including range and unknown bounds); use 'minmax'")


def _degenerate(method: Method, point: MethodResult) -> RankIntervals:
    u = utility(method, point.scores)
    return RankIntervals(method, point, point.ranks.copy(), point.ranks.copy(), u, u.copy(), True)


def rank_intervals(
    im: IntervalMatrix, types: Sequence[str | int] | ArrayLike,
    weights: ArrayLike | None = None, *, method: str = "topsis",
    normalization: Normalization | None = None, on_constant: OnConstant = "raise",
    v: float = 0.5, indifference: ArrayLike | None = None, preference: ArrayLike | None = None,
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
        ``"wsm"``, ``"topsis"``, ``"vikor"`` or ``"promethee"``.
    normalization
        For WSM (default min-max) and TOPSIS (default vector).
    on_constant
        Policy for a criterion constant at the point values (as the methods take it); worlds
        in which a criterion is constant always ignore it.
    v
        VIKOR's weight of the group utility.
    indifference, preference
        PROMETHEE thresholds (usual criterion when omitted).

    Returns
    -------
    RankIntervals
        Point result, rank and utility intervals. A fully known matrix gives
        ``best_rank == worst_rank == point.ranks`` and equal score bounds.

    References
    ----------
    See the module docstring (Jahanshahloo et al. 2006; Moore et al. 2009).
    """
    m, n = im.shape
    t = parse_types(types, n)
    w = as_weights(weights, n)
    o = _options(method, normalization, on_constant, v, indifference, preference, n)
    _check_domain(im, o)
    point = _point(im.point, t, w, o)
    if im.is_known or m == 1:
        return _degenerate(o.method, point)
    can, always = constant_possible(im.low, im.high)
    exact = not bool((can & ~always).any())
    if o.method == "wsm":
        lo, hi, pairs = _wsm_bounds(im, t, w, o)
    else:
        if o.method == "topsis":
            lo, hi, exact = _topsis_bounds(im, t, w, o)
        elif o.method == "vikor":
            (lo, hi), exact = _vikor_bounds(im, t, w, o), False
        else:
            (lo, hi), exact = _promethee_bounds(im, t, w, o), True
        pairs = hi[:, None] - lo[None, :]
        if o.method == "promethee" and m <= PROMETHEE_PAIRS_MAX:
            y_lo, y_hi = np.where(t > 0, im.low, -im.high), np.where(t > 0, im.high, -im.low)
            pairs = np.minimum(pairs, promethee_pair_max(y_lo, y_hi, w, o.q, o.p))
    best, worst = _rank_bounds(pairs, dominates(im.low, im.high, t))
    key = _key(point)
    key_lo, key_hi = np.minimum(lo, key), np.maximum(hi, key)
    sign = -1.0 if o.method == "vikor" else 1.0  # the key of VIKOR is -Q
    return RankIntervals(o.method, point, np.minimum(best, point.ranks),
                         np.maximum(worst, point.ranks), utility(o.method, sign * key_hi),
                         utility(o.method, sign * key_lo), exact)


def _extreme_world(im: IntervalMatrix, t: NDArray[np.int8], i: int, *, good: bool) -> FloatArray:
    """Alternative i at its favourable (``good``) or unfavourable ends, the others opposite."""
    fav = np.where(t > 0, im.high, im.low)
    unfav = np.where(t > 0, im.low, im.high)
    x = (unfav if good else fav).copy()
    x[i] = fav[i] if good else unfav[i]
    return x


def attained_ranks(
    im: IntervalMatrix, types: Sequence[str | int] | ArrayLike,
    weights: ArrayLike | None = None, *, method: str = "topsis",
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
    o = _options(method, normalization, "ignore", v, indifference, preference, n)
    _check_domain(im, o)
    best = _point(im.point, t, w, o).ranks.copy()
    worst = best.copy()
    for i in range(0 if im.is_known else im.shape[0]):  # any cell moves everyone's scores
        best[i] = min(best[i], _point(_extreme_world(im, t, int(i), good=True), t, w, o).ranks[i])
        worst[i] = max(worst[i],
                       _point(_extreme_world(im, t, int(i), good=False), t, w, o).ranks[i])
    return best, worst
