"""PROMETHEE II: complete ranking by net outranking flow."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from metrics._validate import check_problem
from metrics.errors import ScoringError
from metrics.methods._result import (
    AnyFloatArray,
    FloatArray,
    FloatType,
    MethodResult,
    competition_ranks,
)
from metrics.methods.bounds import Int8Array, benefit_oriented
from metrics.methods.normalize import Normalization, OnConstant, constant_columns, normalize

MAX_ALTERNATIVES = 5_000
"""PROMETHEE compares every pair: memory grows with the square of the alternatives."""
PAIRS_EXACT_MAX = 60
"""Up to this many alternatives interval pairs are bounded exactly (``m^3 n`` work)."""


def thresholds(value: ArrayLike | None, n: int, name: str) -> FloatArray:
    """Validated thresholds, one per criterion (zeros when ``value`` is ``None``)."""
    arr = np.zeros(n) if value is None else np.broadcast_to(
        np.asarray(value, dtype=np.float64), (n,)).copy()
    if not np.isfinite(arr).all() or (arr < 0).any():
        raise ScoringError(f"PROMETHEE {name} thresholds must be finite and >= 0")
    return arr


def promethee_core(x: FloatArray, types: FloatArray, w: FloatArray, q: FloatArray,
                   p: FloatArray) -> FloatArray:
    """Weighted unicriterion net flows (alternatives x criteria); rows sum to the net flow.

    Preference function per criterion: linear with indifference ``q`` and preference ``p``
    (Brans' type V); ``p <= q`` gives the usual criterion (any advantage is full preference).
    """
    m = x.shape[0]
    flows = np.zeros_like(x)
    for j in range(x.shape[1]):
        d = (x[:, j, None] - x[None, :, j]) * types[j]
        if p[j] > q[j]:
            pref = np.clip((d - q[j]) / (p[j] - q[j]), 0.0, 1.0)
        else:
            pref = (d > q[j]).astype(np.float64)
        flows[:, j] = w[j] * (pref.sum(axis=1) - pref.sum(axis=0)) / max(m - 1, 1)
    return flows


def promethee_ii(
    matrix: ArrayLike, types: Sequence[str | int] | ArrayLike, weights: ArrayLike | None = None,
    *, indifference: ArrayLike | None = None, preference: ArrayLike | None = None,
    on_constant: OnConstant = "raise",
) -> MethodResult:
    """Rank alternatives by PROMETHEE II net flow (higher is better).

    Parameters
    ----------
    matrix
        Alternatives x criteria, finite (at most :data:`MAX_ALTERNATIVES` rows).
    types
        ``"+"`` (benefit) or ``"-"`` (cost) per criterion.
    weights
        Non-negative weights (normalised to sum 1); equal weights when ``None``.
    indifference, preference
        Thresholds q and p in the criterion's unit (scalar or one per criterion); both
        omitted gives the usual criterion.
    on_constant
        ``"raise"`` or ``"ignore"`` a criterion equal for all alternatives.

    Returns
    -------
    MethodResult
        Net flows in [-1, 1]; ``contributions[i, j]`` are the weighted unicriterion net flows,
        which sum to the net flow. ``details`` holds ``phi_plus`` and ``phi_minus``.

    References
    ----------
    Brans, J. P., Vincke, P., & Mareschal, B. (1986). How to select and how to rank projects:
    The PROMETHEE method. *European Journal of Operational Research* 24(2), 228–238.
    """
    x, t, w = check_problem(matrix, types, weights)
    if x.shape[0] > MAX_ALTERNATIVES:
        raise ScoringError(f"PROMETHEE is limited to {MAX_ALTERNATIVES} alternatives")
    normalize(x, t, method="minmax", on_constant=on_constant)
    n = x.shape[1]
    q = thresholds(indifference, n, "indifference")
    p = thresholds(preference, n, "preference")
    flows = promethee_core(x, t.astype(np.float64), w, q, p)
    flows[:, constant_columns(x)] = 0.0
    net = flows.sum(axis=1)
    return MethodResult(
        "promethee", net, competition_ranks(net), flows, True, constant_columns(x),
        {"net_flow": net},
    )


def promethee_batch(n: FloatArray, w: FloatArray, *, x: FloatArray | None = None,
                    types: NDArray[np.int8] | None = None,
                    dtype: FloatType = np.float64) -> AnyFloatArray:
    """``(net flow + 1) / 2`` (usual criterion) for many weight vectors, one at a time.

    Needs the raw matrix ``x`` and ``types``: preferences compare raw differences.
    """
    if x is None or types is None:
        raise ScoringError("PROMETHEE batch scoring needs the raw matrix and types")
    ws = np.atleast_2d(w)
    zeros = np.zeros(x.shape[1])
    out = np.empty((ws.shape[0], x.shape[0]), dtype=dtype)
    for k, row in enumerate(ws):
        out[k] = (promethee_core(x, types.astype(np.float64), row, zeros, zeros).sum(axis=1)
                  + 1.0) / 2.0
    return out


# --- bounds over interval data (used through the registry by :mod:`metrics.uncertain`) ---


def net_preference(d: FloatArray, q: FloatArray, p: FloatArray) -> FloatArray:
    """``P(d) - P(-d)``: Brans' type V preference (``p > q``) or the usual criterion."""
    linear = p > q
    span = np.where(linear, p - q, 1.0)

    def pref(x: FloatArray) -> FloatArray:
        return np.where(linear, np.clip((x - q) / span, 0.0, 1.0), (x > q).astype(np.float64))

    return pref(d) - pref(-d)


def interval_bounds(low: FloatArray, high: FloatArray, types: Int8Array, w: FloatArray, *,
                    normalization: Normalization = "minmax",
                    indifference: ArrayLike | None = None, preference: ArrayLike | None = None,
                    chunk: int = 64, **options: Any) -> tuple[FloatArray, FloatArray, bool]:
    """Exact net flow bounds: own values at their favourable ends, the others' opposite.

    A net flow rises with the alternative's own values and falls with the others', so one
    world attains each end.
    """
    n = low.shape[1]
    q, p = thresholds(indifference, n, "indifference"), thresholds(preference, n, "preference")
    y_lo, y_hi = benefit_oriented(low, high, types)
    m = y_lo.shape[0]
    lo, hi = np.empty(m), np.empty(m)
    self_hi = net_preference(y_hi - y_lo, q, p) @ w
    self_lo = net_preference(y_lo - y_hi, q, p) @ w
    for start in range(0, m, chunk):
        sl = slice(start, min(start + chunk, m))
        hi[sl] = net_preference(y_hi[sl, None, :] - y_lo[None, :, :], q, p).sum(axis=1) @ w
        lo[sl] = net_preference(y_lo[sl, None, :] - y_hi[None, :, :], q, p).sum(axis=1) @ w
    scale = max(m - 1, 1)
    return (lo - self_lo) / scale, (hi - self_hi) / scale, True


def _third_row_sup(a: FloatArray, b: FloatArray, lo: FloatArray, hi: FloatArray, q: float,
                   p: float) -> FloatArray:
    """``sup over y in [lo_r, hi_r] of pi(a - y) - pi(b - y)`` for every (k, i, r).

    ``a`` (k x 1 x 1), ``b`` (1 x i x 1), ``lo``/``hi`` (1 x 1 x r). The function is piecewise
    linear (or constant, with jumps, for the usual criterion) with breaks at ``a +- q``,
    ``a +- p``, ``b +- q``, ``b +- p``: its supremum over an interval is reached at an end, a
    break, or inside a piece (the midpoints between consecutive candidates cover that).
    """
    breaks = [a - q, a + q, a - p, a + p, b - q, b + q, b - p, b + p]
    shape = np.broadcast(a, b, lo).shape
    pts = np.stack([np.broadcast_to(lo, shape), np.broadcast_to(hi, shape)]
                   + [np.clip(np.broadcast_to(x, shape), lo, hi) for x in breaks], axis=-1)
    pts.sort(axis=-1)
    pts = np.concatenate([pts, 0.5 * (pts[..., 1:] + pts[..., :-1])], axis=-1)
    qa, pa = np.array(q), np.array(p)
    g = net_preference(a[..., None] - pts, qa, pa) - net_preference(b[..., None] - pts, qa, pa)
    return np.asarray(g.max(axis=-1))


def _third_row_sup_usual(a: FloatArray, b: FloatArray, lo: FloatArray,
                         hi: FloatArray) -> FloatArray:
    """:func:`_third_row_sup` for the usual criterion (``q = p = 0``) in closed form.

    ``g(y) = sign(a - y) - sign(b - y)``. For ``a > b`` it is 0 outside ``[b, a]``, 1 at
    either end and 2 strictly between; for ``a < b`` it is 0 outside, -1 at the ends and -2
    strictly between; 0 everywhere when ``a == b``. Its supremum over ``[lo, hi]`` follows.
    """
    up = a > b
    inside = (lo < a) & (hi > b)                     # [lo, hi] meets the open (b, a)
    touches_up = ((lo <= b) & (b <= hi)) | ((lo <= a) & (a <= hi))
    rising = np.where(inside, 2.0, np.where(touches_up, 1.0, 0.0))
    outside = (lo < a) | (hi > b)                    # some y below a or above b
    at_end = (lo == a) | (hi == b)
    falling = np.where(outside, 0.0, np.where(at_end, -1.0, -2.0))
    return np.asarray(np.where(up, rising, np.where(a == b, 0.0, falling)), dtype=np.float64)



def flow_pair_max(y_lo: FloatArray, y_hi: FloatArray, w: FloatArray, q: FloatArray,
                  p: FloatArray, *, chunk: int = 8) -> FloatArray:
    """``out[k, i]`` = the supremum over all worlds of ``phi_k - phi_i`` (net flows).

    ``y`` is benefit-oriented. The difference rises with k's values and falls with i's, so
    ``y_k = y_hi_k`` and ``y_i = y_lo_i``; every other alternative r then enters only through
    ``pi(y_k - y_r) - pi(y_i - y_r)``, maximised over its own range independently (rows and
    criteria are independent). Exact; costs ``m^3 n`` evaluations, so the caller limits m
    (the usual criterion, PROMETHEE's default, has a closed form that is cheap per evaluation).
    """
    m, n = y_lo.shape
    out = np.zeros((m, m))
    idx = np.arange(m)
    for j in range(n):
        if w[j] == 0:
            continue
        qj, pj = float(q[j]), float(p[j])
        for start in range(0, m, chunk):
            ks = np.arange(start, min(start + chunk, m))
            a = y_hi[ks, j][:, None, None]
            third = (y_lo[None, :, j, None], y_lo[None, None, :, j], y_hi[None, None, :, j])
            sup = _third_row_sup_usual(a, *third) if qj == 0 and pj <= qj else \
                _third_row_sup(a, *third, qj, pj)                            # k x i x r
            sup[np.arange(ks.size)[:, None], idx[None, :], idx[None, :]] = 0.0  # r == i
            sup[np.arange(ks.size), :, ks] = 0.0                                 # r == k
            direct = 2.0 * net_preference(a[:, :, 0] - y_lo[None, :, j],
                                          np.array(qj), np.array(pj))
            out[ks] += w[j] * (sup.sum(axis=2) + direct)
    np.fill_diagonal(out, 0.0)
    out /= max(m - 1, 1)
    return out


def pair_bounds(low: FloatArray, high: FloatArray, types: Int8Array, w: FloatArray, *,
                normalization: Normalization = "minmax", indifference: ArrayLike | None = None,
                preference: ArrayLike | None = None, **options: Any) -> FloatArray | None:
    """Exact pairwise net flow differences (:func:`flow_pair_max`) up to
    :data:`PAIRS_EXACT_MAX` alternatives; ``None`` above (score intervals are compared)."""
    m, n = low.shape
    if m > PAIRS_EXACT_MAX:
        return None
    y_lo, y_hi = benefit_oriented(low, high, types)
    return flow_pair_max(y_lo, y_hi, w, thresholds(indifference, n, "indifference"),
                         thresholds(preference, n, "preference"))
