"""VIKOR: compromise ranking by group utility S, individual regret R and their blend Q."""

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
from metrics.methods.bounds import (
    Int8Array,
    constant_possible,
    excl_max,
    excl_min,
    norm_bounds,
    ratio,
)
from metrics.methods.normalize import Normalization, OnConstant, normalize


def _stretch(a: FloatArray) -> FloatArray:
    """``(a - min) / (max - min)``; a span within rounding noise counts as zero (ties stay tied)."""
    span = a.max() - a.min()
    tol = 1e-12 * max(1.0, float(np.abs(a).max()))
    return (a - a.min()) / span if span > tol else np.zeros_like(a)


def vikor_core(regret: FloatArray, v: float) -> tuple[FloatArray, FloatArray, FloatArray]:
    """S, R and Q from the weighted regret terms ``w_j (f*_j - f_ij) / (f*_j - f-_j)``."""
    s = regret.sum(axis=1)
    r = regret.max(axis=1)
    return s, r, v * _stretch(s) + (1.0 - v) * _stretch(r)


def compromise_set(s: FloatArray, r: FloatArray, q: FloatArray) -> tuple[int, ...]:
    """Opricovic & Tzeng's compromise solution: conditions C1 (acceptable advantage) and C2.

    Returns the row indices of the compromise set, best Q first.
    """
    order = np.argsort(q, kind="stable")
    m = q.size
    if m == 1:
        return (int(order[0]),)
    dq = 1.0 / (m - 1)
    first = int(order[0])
    stable = s[first] <= s.min() or r[first] <= r.min()
    if q[order[1]] - q[first] >= dq - 1e-12:
        return (first,) if stable else (first, int(order[1]))
    close = [int(i) for i in order if q[i] - q[first] < dq - 1e-12]
    return tuple(close)


def vikor(
    matrix: ArrayLike, types: Sequence[str | int] | ArrayLike, weights: ArrayLike | None = None,
    *, v: float = 0.5, on_constant: OnConstant = "raise",
) -> MethodResult:
    """Rank alternatives by VIKOR's Q (lower is better).

    Parameters
    ----------
    matrix
        Alternatives x criteria, finite.
    types
        ``"+"`` (benefit) or ``"-"`` (cost) per criterion.
    weights
        Non-negative weights (normalised to sum 1); equal weights when ``None``.
    v
        Weight of the strategy of the majority of criteria (group utility), in [0, 1].
    on_constant
        ``"raise"`` or ``"ignore"`` a criterion equal for all alternatives.

    Returns
    -------
    MethodResult
        ``scores`` = Q (``higher_is_better`` is ``False``); ``contributions[i, j]`` are the
        weighted regret terms, which sum to S. ``details`` holds ``S``, ``R``, ``Q`` and
        ``compromise`` (row indices of the compromise set).

    References
    ----------
    Opricovic, S., & Tzeng, G. H. (2004). Compromise solution by MCDM methods: A comparative
    analysis of VIKOR and TOPSIS. *European Journal of Operational Research* 156(2), 445–455.
    Opricovic, S., & Tzeng, G. H. (2007). Extended VIKOR method in comparison with outranking
    methods. *European Journal of Operational Research* 178(2), 514–529.
    """
    if not 0.0 <= v <= 1.0:
        raise ScoringError(f"VIKOR v must lie in [0, 1]; got {v}")
    x, t, w = check_problem(matrix, types, weights)
    n, const = normalize(x, t, method="minmax", on_constant=on_constant)
    regret = (1.0 - n) * w
    regret[:, const] = 0.0
    s, r, q = vikor_core(regret, v)
    comp = np.array(compromise_set(s, r, q), dtype=np.int64)
    return MethodResult(
        "vikor", q, competition_ranks(q, higher_is_better=False), regret, False, const,
        {"S": s, "R": r, "Q": q, "compromise": comp},
    )


def vikor_batch(n: FloatArray, w: FloatArray, *, x: FloatArray | None = None,
                types: NDArray[np.int8] | None = None,
                dtype: FloatType = np.float64) -> AnyFloatArray:
    """``1 - Q`` (v = 0.5) for many weight vectors, one at a time (higher is better).

    ``n`` is min-max normalised; a constant column (all values equal) has zero regret, as in
    :func:`vikor` with ``on_constant="ignore"``.
    """
    ws = np.atleast_2d(w)
    gap = 1.0 - n
    gap[:, n.max(axis=0) == n.min(axis=0)] = 0.0  # constant column: zero regret
    out = np.empty((ws.shape[0], n.shape[0]), dtype=dtype)
    for k, row in enumerate(ws):
        out[k] = 1.0 - vikor_core(gap * row, 0.5)[2]
    return out


# --- bounds over interval data (used through the registry by :mod:`metrics.uncertain`) ---


def stretch_bounds(lo: FloatArray, hi: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Range of ``(a_i - min a) / (max a - min a)`` when each ``a_r`` lies in ``[lo_r, hi_r]``.

    The fraction rises with ``a_i`` and falls as any other ``a_r`` rises, so its extremes put
    ``a_i`` at one end and the others at the opposite ends (0 when the span vanishes).
    """
    lo2, hi2 = lo[:, None], hi[:, None]
    s_min, s_max = np.minimum(lo2, excl_min(hi2)), np.maximum(lo2, excl_max(hi2))
    f_lo = ratio(lo2 - s_min, s_max - s_min)
    s_min, s_max = np.minimum(hi2, excl_min(lo2)), np.maximum(hi2, excl_max(lo2))
    f_hi = ratio(hi2 - s_min, s_max - s_min)
    return f_lo[:, 0], f_hi[:, 0]


def interval_bounds(low: FloatArray, high: FloatArray, types: Int8Array, w: FloatArray, *,
                    normalization: Normalization = "minmax", v: float = 0.5, **options: Any
                    ) -> tuple[FloatArray, FloatArray, bool]:
    """Sound bounds of ``-Q`` (higher is better) over all worlds; never claimed exact.

    S and R are bounded exactly from the min-max regret ranges; their stretch over a box of all
    alternatives' S and R is then bounded by :func:`stretch_bounds`. VIKOR always uses min-max
    (``normalization`` is ignored).
    """
    nlo, nhi = norm_bounds(low, high, types, "minmax")
    can, always = constant_possible(low, high)
    r_lo = np.where(can, 0.0, w * (1.0 - nhi))
    r_hi = np.where(always, 0.0, w * (1.0 - nlo))
    fs_lo, fs_hi = stretch_bounds(r_lo.sum(axis=1), r_hi.sum(axis=1))
    fr_lo, fr_hi = stretch_bounds(r_lo.max(axis=1), r_hi.max(axis=1))
    q_lo = v * fs_lo + (1.0 - v) * fr_lo
    q_hi = v * fs_hi + (1.0 - v) * fr_hi
    return -q_hi, -q_lo, False
