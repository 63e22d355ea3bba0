"""TOPSIS: closeness to the ideal and distance from the anti-ideal alternative."""

from __future__ import annotations

from collections.abc import Sequence

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
