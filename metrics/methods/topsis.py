"""TOPSIS: closeness to the ideal and distance from the anti-ideal alternative."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from metrics._validate import check_problem
from metrics.methods._result import FloatArray, MethodResult, competition_ranks
from metrics.methods.normalize import Normalization, OnConstant, normalize


def topsis_core(n: FloatArray, w: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Closeness coefficients, squared distance terms to the ideal and to the anti-ideal.

    ``n`` is benefit-oriented, so the ideal is each column's maximum of ``n * w``.
    """
    v = n * w
    d_plus = (v - v.max(axis=0)) ** 2
    d_minus = (v - v.min(axis=0)) ** 2
    s_plus = np.sqrt(d_plus.sum(axis=1))
    s_minus = np.sqrt(d_minus.sum(axis=1))
    total = s_plus + s_minus
    closeness = np.divide(s_minus, total, out=np.full_like(total, 0.5), where=total > 0)
    return closeness, d_plus, d_minus


def topsis(
    matrix: ArrayLike, types: Sequence[str | int] | ArrayLike, weights: ArrayLike | None = None,
    *, normalization: Normalization = "vector", on_constant: OnConstant = "raise",
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
        ``"vector"`` (Hwang & Yoon, default), ``"minmax"`` or ``"max"``.
    on_constant
        ``"raise"`` or ``"ignore"`` a criterion equal for all alternatives.

    Returns
    -------
    MethodResult
        Closeness ``D- / (D+ + D-)`` in [0, 1] (0.5 when every criterion is constant).
        ``contributions[i, j]`` splits the closeness in proportion to criterion j's share of
        the squared distance from the anti-ideal: what lifts alternative i off the worst point.
        ``details`` holds ``d_plus`` and ``d_minus`` (per-criterion squared distances).

    References
    ----------
    Hwang, C. L., & Yoon, K. (1981). *Multiple Attribute Decision Making: Methods and
    Applications*. Springer, pp. 128–134. Tzeng, G. H., & Huang, J. J. (2011). *Multiple
    Attribute Decision Making: Methods and Applications*. CRC Press.
    """
    x, t, w = check_problem(matrix, types, weights)
    n, const = normalize(x, t, method=normalization, on_constant=on_constant)
    closeness, d_plus, d_minus = topsis_core(n, w)
    total = d_minus.sum(axis=1, keepdims=True)
    share = np.divide(d_minus, total, out=np.zeros_like(d_minus), where=total > 0)
    return MethodResult(
        "topsis", closeness, competition_ranks(closeness), share * closeness[:, None], True,
        const, {"d_plus": d_plus, "d_minus": d_minus},
    )
