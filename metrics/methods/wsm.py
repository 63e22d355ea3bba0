"""Weighted sum model (simple additive weighting)."""

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


def wsm_core(n: FloatArray, w: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Scores and contributions of the weighted sum on a benefit-oriented normalised matrix."""
    contributions = n * w
    return contributions.sum(axis=1), contributions


def wsm(
    matrix: ArrayLike, types: Sequence[str | int] | ArrayLike, weights: ArrayLike | None = None,
    *, normalization: Normalization = "minmax", on_constant: OnConstant = "raise",
) -> MethodResult:
    """Rank alternatives by the weighted sum of normalised criteria.

    Parameters
    ----------
    matrix
        Alternatives x criteria, finite.
    types
        ``"+"`` (benefit) or ``"-"`` (cost) per criterion.
    weights
        Non-negative weights (normalised to sum 1); equal weights when ``None``.
    normalization
        ``"minmax"`` (default), ``"vector"`` or ``"max"``; costs are mirrored.
    on_constant
        ``"raise"`` or ``"ignore"`` a criterion equal for all alternatives.

    Returns
    -------
    MethodResult
        Scores in [0, 1] (higher is better); ``contributions[i, j] = w_j * n_ij`` sum to the score.

    References
    ----------
    Fishburn, P. C. (1967). Additive utilities with incomplete product sets. *Operations
    Research* 15(3), 537–542. Triantaphyllou, E. (2000). *Multi-Criteria Decision Making
    Methods: A Comparative Study*. Kluwer, ch. 2.
    """
    x, t, w = check_problem(matrix, types, weights)
    a, b, _, _, const = coefficients(x, t, method=normalization, on_constant=on_constant)
    contributions = x * (a * w)
    contributions += b * w
    scores = np.einsum("ij->i", contributions)
    return MethodResult("wsm", scores, competition_ranks(scores), contributions, True, const)


def wsm_batch(n: FloatArray, w: FloatArray, *, x: FloatArray | None = None,
              types: NDArray[np.int8] | None = None,
              dtype: FloatType = np.float64) -> AnyFloatArray:
    """Weighted sums ``W @ n.T`` for many weight vectors (samples x alternatives)."""
    return np.asarray(np.atleast_2d(w).astype(dtype) @ n.T.astype(dtype))


def wsm_order_keys(n: FloatArray, w: FloatArray, *, x: FloatArray | None = None,
                   types: NDArray[np.int8] | None = None,
                   dtype: FloatType = np.float32) -> AnyFloatArray:
    """Ascending keys = ranking: the weighted sum negated inside the matrix product."""
    return np.asarray(np.atleast_2d(w).astype(dtype) @ (-n).T.astype(dtype))
