"""AHP priority weights from a pairwise comparison matrix, with Saaty's consistency ratio."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

from metrics.errors import ConsistencyError
from metrics.methods._result import FloatArray

RANDOM_INDEX: Final[tuple[float, ...]] = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
"""Saaty's random consistency index RI for n = 1..10 (Saaty 1980, Table 1.7)."""


@dataclass(frozen=True, slots=True)
class AHPResult:
    """Priority weights of an AHP comparison matrix and its consistency.

    Attributes
    ----------
    weights
        Principal right eigenvector, normalised to sum 1.
    lambda_max
        Principal eigenvalue.
    ci
        Consistency index ``(lambda_max - n) / (n - 1)``.
    ri
        Saaty's random index for this n.
    cr
        Consistency ratio ``ci / ri`` (0 for n <= 2).
    iterations
        Power iterations used.
    """

    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    ri: float
    cr: float
    iterations: int

    @property
    def acceptable(self) -> bool:
        """Saaty's rule of thumb: CR below 0.10."""
        return self.cr < 0.10


def check_pairwise(pairwise: ArrayLike, *, rtol: float = 0.02) -> FloatArray:
    """A positive, square, reciprocal comparison matrix with a unit diagonal, or an error.

    ``rtol`` tolerates rounded reciprocals such as 0.33 for 1/3.
    """
    try:
        a = np.asarray(pairwise, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ConsistencyError(f"pairwise matrix is not numeric: {exc}") from None
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] < 1:
        raise ConsistencyError(f"pairwise matrix must be square; shape {a.shape}")
    if not np.isfinite(a).all() or (a <= 0).any():
        raise ConsistencyError("pairwise matrix entries must be finite and > 0")
    if not np.allclose(np.diag(a), 1.0, rtol=rtol):
        raise ConsistencyError("pairwise matrix diagonal must be 1")
    if a.shape[0] > len(RANDOM_INDEX):
        raise ConsistencyError(
            f"Saaty's random index covers at most {len(RANDOM_INDEX)} elements; "
            f"got {a.shape[0]} (cluster the criteria)")
    bad = np.argwhere(np.abs(a * a.T - 1.0) > rtol)
    if bad.size:
        i, j = bad[0]
        raise ConsistencyError(
            f"pairwise matrix is not reciprocal: a[{i},{j}] = {a[i, j]:g} but "
            f"a[{j},{i}] = {a[j, i]:g} (expected {1 / a[i, j]:g})")
    return a


def principal_eigenvector(a: FloatArray, *, tol: float = 1e-13,
                          max_iter: int = 10_000) -> tuple[FloatArray, float, int]:
    """Perron vector (sum 1), eigenvalue and iteration count by power iteration."""
    x = np.full(a.shape[0], 1.0 / a.shape[0])
    for it in range(1, max_iter + 1):
        y = a @ x
        lam = float(y.sum())
        y /= lam
        if np.abs(y - x).max() < tol:
            return y, float((a @ y).sum()), it
        x = y
    raise ConsistencyError(f"power iteration did not converge in {max_iter} steps")


def ahp(pairwise: ArrayLike, *, rtol: float = 0.02) -> AHPResult:
    """Priority weights and consistency ratio of a pairwise comparison matrix.

    Parameters
    ----------
    pairwise
        n x n matrix, ``a[i, j]`` = how much more important i is than j (Saaty's 1–9 scale),
        ``a[j, i] = 1 / a[i, j]``.
    rtol
        Tolerance for the reciprocal and diagonal checks.

    Returns
    -------
    AHPResult
        Weights (principal eigenvector), lambda_max, CI, RI and CR.

    References
    ----------
    Saaty, T. L. (1977). A scaling method for priorities in hierarchical structures. *Journal
    of Mathematical Psychology* 15(3), 234–281. Saaty, T. L. (1980). *The Analytic Hierarchy
    Process*. McGraw-Hill.
    """
    a = check_pairwise(pairwise, rtol=rtol)
    n = a.shape[0]
    w, lam, it = principal_eigenvector(a)
    ci = (lam - n) / (n - 1) if n > 2 else 0.0
    ri = RANDOM_INDEX[n - 1]
    cr = max(ci, 0.0) / ri if ri > 0 else 0.0
    return AHPResult(tuple(float(v) for v in w), lam, ci, ri, cr, it)


def saaty_matrix(criteria: Sequence[str], answers: Mapping[tuple[str, str], int]
                 ) -> NDArray[np.float64]:
    """Reciprocal pairwise matrix from answers on the Saaty scale (e.g. slider positions).

    For the pair ``(a, b)`` (``a`` listed first) an answer of ``-k`` means *a is k times as
    important as b*, ``+k`` means *b is k times as important as a*, and ``1`` means equal.
    ``matrix[i, j]`` is the importance of criterion ``i`` over ``j``.

    References
    ----------
    Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill (the 1-9 scale).
    """
    n = len(criteria)
    matrix = np.ones((n, n))
    for i, j in itertools.combinations(range(n), 2):
        raw = int(answers.get((criteria[i], criteria[j]), 1))
        left_over_right = float(-raw) if raw < 0 else 1.0 / max(raw, 1)
        matrix[i, j], matrix[j, i] = left_over_right, 1.0 / left_over_right
    return matrix
