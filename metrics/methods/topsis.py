"""TOPSIS: closeness to the ideal and distance from the anti-ideal alternative."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from metrics._validate import check_problem
from metrics.methods._result import (
    AnyFloatArray,
    FloatArray,
    FloatType,
    MethodResult,
    competition_ranks,
)
from metrics.methods.bounds import (
    Column,
    Int8Array,
    constant_possible,
    excl_max,
    excl_min,
    norm_bounds,
    ratio,
)
from metrics.methods.normalize import Normalization, OnConstant, coefficients


def topsis_core(n: FloatArray, w: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Closeness coefficients, squared distance terms to the ideal and to the anti-ideal.

    ``n`` is benefit-oriented, so the ideal is each column's maximum of ``n * w``.
    """
    v = n * w
    return _distances(v, v.max(axis=0), v.min(axis=0))[:3]


def _distances(v: FloatArray, ideal: FloatArray, anti: FloatArray
               ) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    d_plus = v - ideal
    np.square(d_plus, out=d_plus)
    d_minus = v - anti
    np.square(d_minus, out=d_minus)
    s_plus = np.sqrt(np.einsum("ij->i", d_plus))
    s_minus = np.sqrt(np.einsum("ij->i", d_minus))
    total = s_plus + s_minus
    closeness = np.divide(s_minus, total, out=np.full_like(total, 0.5), where=total > 0)
    return closeness, d_plus, d_minus, s_minus


def topsis(
    matrix: ArrayLike, types: Sequence[str | int] | ArrayLike, weights: ArrayLike | None = None,
    *, normalization: Normalization = "minmax", on_constant: OnConstant = "raise",
) -> MethodResult:
    """Rank alternatives by relative closeness to the ideal solution (TOPSIS).

    Parameters
    ----------
    matrix
        Alternatives x criteria, finite (non-negative for vector normalisation).
    types
        ``"+"`` (benefit) or ``"-"`` (cost) per criterion.
    weights
        Non-negative weights (normalised to sum 1); equal weights when ``None``.
    normalization
        ``"minmax"`` (default: it accepts negative values such as land margins, and is the
        default of every scoring path), ``"vector"`` (Hwang & Yoon's textbook choice) or
        ``"max"``.
    on_constant
        ``"raise"`` or ``"ignore"`` a criterion equal for all alternatives.

    Returns
    -------
    MethodResult
        Closeness ``D- / (D+ + D-)`` in [0, 1] (0.5 when every criterion is constant).
        ``contributions[i, j]`` splits the closeness in proportion to criterion j's share of
        the squared distance from the anti-ideal: what lifts alternative i off the worst point.
        ``details`` holds ``d_plus`` (per-criterion squared distances to the ideal).

    Notes
    -----
    The weighted normalised matrix is ``x * (a w) + b w`` (see
    :func:`metrics.methods.normalize.coefficients`); the ideal and anti-ideal follow from the
    column minima and maxima of ``x`` without another pass over the matrix.

    References
    ----------
    Hwang, C. L., & Yoon, K. (1981). *Multiple Attribute Decision Making: Methods and
    Applications*. Springer, pp. 128–134. Tzeng, G. H., & Huang, J. J. (2011). *Multiple
    Attribute Decision Making: Methods and Applications*. CRC Press.
    """
    x, t, w = check_problem(matrix, types, weights)
    a, b, lo, hi, const = coefficients(x, t, method=normalization, on_constant=on_constant)
    aw, bw = a * w, b * w
    v = x * aw
    v += bw
    at_hi, at_lo = hi * aw + bw, lo * aw + bw
    ideal, anti = np.maximum(at_hi, at_lo), np.minimum(at_hi, at_lo)
    closeness, d_plus, d_minus, s_minus = _distances(v, ideal, anti)
    total = s_minus * s_minus
    factor = np.divide(closeness, total, out=np.zeros_like(total), where=total > 0)
    d_minus *= factor[:, None]
    return MethodResult(
        "topsis", closeness, competition_ranks(closeness), d_minus, True, const,
        {"d_plus": d_plus},
    )


def topsis_batch(n: FloatArray, w: FloatArray, *, x: FloatArray | None = None,
                 types: NDArray[np.int8] | None = None,
                 dtype: FloatType = np.float64) -> AnyFloatArray:
    """Closeness for many weight vectors with matrix products (samples x alternatives).

    The weighted ideal of column j is ``w_j * max(n_j)``, so the squared distances are
    ``(W**2) @ ((n - max n)**2).T`` and likewise for the anti-ideal.
    """
    w2 = np.square(np.atleast_2d(w)).astype(dtype)
    d_plus = np.sqrt(w2 @ ((n - n.max(axis=0)) ** 2).T.astype(dtype))
    d_minus = np.sqrt(w2 @ ((n - n.min(axis=0)) ** 2).T.astype(dtype))
    total = d_plus + d_minus
    return np.asarray(np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0))


def topsis_order_keys(n: FloatArray, w: FloatArray, *, x: FloatArray | None = None,
                      types: NDArray[np.int8] | None = None,
                      dtype: FloatType = np.float32) -> AnyFloatArray:
    """Ascending keys = ranking: ``D+^2 / D-^2`` orders as the closeness does, reversed.

    No square roots are needed; an alternative with ``D+ = D- = 0`` (every criterion
    constant) gets the key 1, i.e. closeness 0.5.
    """
    w2 = np.square(np.atleast_2d(w)).astype(dtype)
    d_plus = w2 @ ((n - n.max(axis=0)) ** 2).T.astype(dtype)
    d_minus = w2 @ ((n - n.min(axis=0)) ** 2).T.astype(dtype)
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(d_plus, d_minus, out=d_plus)
    if not np.isfinite(d_plus).all():
        d_plus[np.isnan(d_plus)] = 1.0
    return np.asarray(d_plus)


def topsis_single(n: FloatArray, w: FloatArray) -> FloatArray:
    """Closeness for one weight vector (the exact one-at-a-time path)."""
    return topsis_core(n, w)[0]


# --- bounds over interval data (used through the registry by :mod:`metrics.uncertain`) ---


def _sum_min_sq(high: FloatArray, cap: FloatArray) -> FloatArray:
    """Per cell: ``sum over all rows s of min(high_s, cap_i)^2`` in the same column."""
    out = np.empty_like(cap)
    for j in range(high.shape[1]):
        u = np.sort(high[:, j])
        prefix = np.concatenate([[0.0], np.cumsum(u * u)])
        k = np.searchsorted(u, cap[:, j], side="right")
        out[:, j] = prefix[k] + cap[:, j] ** 2 * (u.size - k)
    return out


def _max_gap_up_vector(low: FloatArray, high: FloatArray) -> FloatArray:
    """Per cell: max over rows r != i of ``(high_r - low_i) / sqrt(SL2 - low_r^2 + high_r^2)``.

    One column at a time as an alternatives x alternatives block (rows r contiguous, so the
    reduction runs along memory).
    """
    m = low.shape[0]
    p = np.sqrt(np.maximum((low * low).sum(axis=0) - low * low + high * high, 0.0))
    slope = np.divide(1.0, p, out=np.zeros_like(p), where=p > 0)
    icpt = high * slope
    out = np.empty_like(low)
    diag = np.arange(m)
    for j in range(low.shape[1]):
        block = np.multiply.outer(low[:, j], slope[:, j])
        np.subtract(icpt[None, :, j], block, out=block)
        block[diag, diag] = -np.inf
        out[:, j] = block.max(axis=1)
    return out


def gap_bounds(low: FloatArray, high: FloatArray, types: Int8Array,
               normalization: Normalization) -> tuple[FloatArray, ...]:
    """Per cell, exact ranges of the gaps to the ideal and to the anti-ideal (unweighted).

    ``gap_plus = n+ - n_i`` and ``gap_minus = n_i - n-`` of the benefit-oriented normalised
    matrix. For vector (max) normalisation and a benefit column these are
    ``(max x - x_i) / s`` and ``(x_i - min x) / s`` with s the norm (maximum); each ratio is
    monotone in every cell once the row holding the extreme is chosen, so its range follows
    from cell ends (the largest ``gap_plus`` tries every row as the maximum). Cost columns swap
    the two gaps. Min-max gaps are ``1 - n_i`` and ``n_i``. A column that can be constant adds
    0 (``on_constant="ignore"``).

    Returns
    -------
    tuple
        ``(plus_lo, plus_hi, minus_lo, minus_hi)``.
    """
    can, always = constant_possible(low, high)
    if normalization == "minmax":
        nlo, nhi = norm_bounds(low, high, types, normalization)
        out = [1.0 - nhi, 1.0 - nlo, nlo, nhi]
    else:
        lmax, umax = excl_max(low), excl_max(high)
        lmin, umin = excl_min(low), excl_min(high)
        if normalization == "vector":
            sl2, su2 = (low * low).sum(axis=0), (high * high).sum(axis=0)
            cap = np.maximum(high, lmax)
            den = np.sqrt(np.maximum(_sum_min_sq(high, cap), 0.0))
            up_lo = ratio(cap - high, den)
            up_hi = np.maximum(_max_gap_up_vector(low, high), 0.0)
            down_hi = ratio(high - np.minimum(high, lmin),
                            np.sqrt(np.maximum(sl2 - low * low + high * high, 0.0)))
            down_lo = ratio(low - np.minimum(low, umin),
                            np.sqrt(np.maximum(su2 - high * high + low * low, 0.0)))
        else:
            cap = np.maximum(high, lmax)
            up_lo = ratio(cap - high, cap)
            top = np.maximum(low, umax)
            up_hi = ratio(top - low, top)
            down_hi = ratio(high - np.minimum(high, lmin), np.maximum(high, lmax))
            down_lo = ratio(low - np.minimum(low, umin), np.maximum(low, umax))
        cost = types < 0
        out = [np.where(cost, down_lo, up_lo), np.where(cost, down_hi, up_hi),
               np.where(cost, up_lo, down_lo), np.where(cost, up_hi, down_hi)]
    out[0] = np.where(can, np.minimum(out[0], 0.0), out[0])
    out[2] = np.where(can, np.minimum(out[2], 0.0), out[2])
    return tuple(np.where(always, 0.0, np.maximum(g, 0.0)) for g in out)


def interval_bounds(low: FloatArray, high: FloatArray, types: Int8Array, w: FloatArray, *,
                    normalization: Normalization, **options: Any
                    ) -> tuple[FloatArray, FloatArray, bool]:
    """Closeness bounds from exact per-cell gap ranges (columns are independent).

    ``D+`` and ``D-`` are each bounded exactly; pairing the largest ``D-`` with the smallest
    ``D+`` treats the two gaps of one cell as independent (sound). With min-max and no column
    that can be constant both gaps follow one normalised value and the bound is attained.

    References
    ----------
    Jahanshahloo, G. R., Hosseinzadeh Lotfi, F., & Izadikhah, M. (2006). An algorithmic method
    to extend TOPSIS for decision-making problems with interval data. *Applied Mathematics and
    Computation* 175(2), 1375–1384.
    """
    plus_lo, plus_hi, minus_lo, minus_hi = gap_bounds(low, high, types, normalization)
    can, always = constant_possible(low, high)
    exact = normalization == "minmax" and not bool((can & ~always).any())
    w2 = w * w
    dm_lo, dm_hi = np.sqrt(minus_lo ** 2 @ w2), np.sqrt(minus_hi ** 2 @ w2)
    dp_lo, dp_hi = np.sqrt(plus_lo ** 2 @ w2), np.sqrt(plus_hi ** 2 @ w2)
    return ratio(dm_lo, dm_lo + dp_hi, 0.5), ratio(dm_hi, dm_hi + dp_lo, 0.5), exact


def world_keys(base: AnyFloatArray, columns: Iterable[Column], w: AnyFloatArray,
               types: Int8Array, *, inv: AnyFloatArray, cmin: AnyFloatArray,
               cmax: AnyFloatArray, centre: AnyFloatArray,
               gate: AbstractContextManager[object]) -> AnyFloatArray:
    """``D+^2 / D-^2`` of a chunk of sampled worlds (ascending = closeness descending).

    Arrays are criteria (or cells) x worlds so that column blocks are contiguous rows. The
    known cells enter through one product; each column's uncertain cells are added on top.
    """
    alpha = (w.T * inv) ** 2
    size = w.shape[0]
    ep, em = (np.where(types[:, None] > 0, hi, lo) - centre[:, None]
              for hi, lo in ((cmax, cmin), (cmin, cmax)))  # ideal, anti-ideal (centred)
    # One product for both distances: [x^2 | x] @ [[a, a], [-2 a e+, -2 a e-]] (BLAS calls
    # carry a fixed cost, so fewer and larger ones).
    known = np.hstack([base * base, base])
    coef = np.vstack([np.hstack([alpha, alpha]),
                      np.hstack([-2.0 * alpha * ep, -2.0 * alpha * em])])
    with gate:
        d = np.asarray(known @ coef)
    d_plus, d_minus = d[:, :size], d[:, size:]
    for j, rows, y in columns:
        a_y = alpha[j] * y
        sq = a_y * y
        d_plus[rows] += sq - (2.0 * ep[j]) * a_y
        d_minus[rows] += sq - (2.0 * em[j]) * a_y
    d_plus += (alpha * ep * ep).sum(axis=0)
    d_minus += (alpha * em * em).sum(axis=0)
    np.maximum(d, 0.0, out=d)
    with np.errstate(divide="ignore", invalid="ignore"):
        key = d_plus / d_minus
    key[np.isnan(key)] = 1.0
    return np.ascontiguousarray(key.T)
