"""Column normalisations of a decision matrix, each returning benefit-oriented values.

Every normalisation here is linear per column, ``n = a * x + b``, and maps a criterion so that
larger is better: cost criteria are mirrored. A column whose values are all equal (*constant*)
carries no information for ranking; it is either refused (``on_constant="raise"``) or given
``a = b = 0`` so that it contributes nothing (``"ignore"``), and is flagged in the returned
mask. No function ever returns NaN.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

from metrics.errors import ScoringError

FloatArray = NDArray[np.float64]
Normalization = Literal["minmax", "vector", "max"]
OnConstant = Literal["raise", "ignore"]
NORMALIZATIONS: tuple[Normalization, ...] = ("minmax", "vector", "max")


def constant_columns(x: FloatArray) -> NDArray[np.bool_]:
    """Mask of columns whose values are all equal."""
    return np.asarray(x.max(axis=0) == x.min(axis=0))


def _handle_constant(const: NDArray[np.bool_], on_constant: OnConstant) -> None:
    if on_constant not in ("raise", "ignore"):
        raise ScoringError(f"on_constant must be 'raise' or 'ignore'; got {on_constant!r}")
    if on_constant == "raise" and const.any():
        cols = ", ".join(str(i) for i in np.flatnonzero(const))
        raise ScoringError(
            f"criterion column(s) {cols} have the same value for every alternative and cannot "
            "discriminate; drop them or pass on_constant='ignore'"
        )


def coefficients(
    x: FloatArray, types: NDArray[np.int8], *, method: Normalization = "minmax",
    on_constant: OnConstant = "raise",
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, NDArray[np.bool_]]:
    """Per-column ``a``, ``b`` with ``n = a * x + b``, plus column minima, maxima, constant mask.

    * ``minmax``: ``(x - min)/(max - min)``; costs ``(max - x)/(max - min)``.
    * ``vector``: ``x / ||x||``; costs ``1 - x / ||x||`` (differences between alternatives are
      those of the textbook vector normalisation, so TOPSIS distances are unchanged).
    * ``max``: ``x / max``; costs ``1 - x / max``.

    ``vector`` and ``max`` need non-negative values.

    References
    ----------
    Hwang, C. L., & Yoon, K. (1981). *Multiple Attribute Decision Making: Methods and
    Applications*. Springer, Lecture Notes in Economics and Mathematical Systems 186,
    sec. 2.3 and pp. 128–134.
    """
    lo, hi = x.min(axis=0), x.max(axis=0)
    const = hi == lo
    _handle_constant(const, on_constant)
    benefit = types > 0
    if method == "minmax":
        span = np.where(const, 1.0, hi - lo)
        a = np.where(benefit, 1.0, -1.0) / span
        b = np.where(benefit, -lo, hi) / span
    elif method in ("vector", "max"):
        if (lo < 0).any():
            raise ScoringError(f"{method} normalisation needs non-negative values; use 'minmax'")
        scale = np.sqrt(np.einsum("ij,ij->j", x, x)) if method == "vector" else hi
        scale = np.where(scale > 0, scale, 1.0)
        a = np.where(benefit, 1.0, -1.0) / scale
        b = np.where(benefit, 0.0, 1.0)
    else:
        raise ScoringError(
            f"normalization must be one of {', '.join(NORMALIZATIONS)}; got {method!r}")
    a = np.where(const, 0.0, a)
    b = np.where(const, 0.0, b)
    return a, b, lo, hi, const


def normalize(
    x: FloatArray, types: NDArray[np.int8], *, method: Normalization = "minmax",
    on_constant: OnConstant = "raise",
) -> tuple[FloatArray, NDArray[np.bool_]]:
    """Normalise a validated matrix; return ``(benefit-oriented values, constant mask)``.

    Parameters
    ----------
    x
        Finite matrix, alternatives x criteria.
    types
        +1 for benefit criteria, -1 for cost criteria.
    method
        ``"minmax"``, ``"vector"`` or ``"max"`` (see :func:`coefficients`).
    on_constant
        ``"raise"`` refuses constant columns; ``"ignore"`` zeroes and flags them.

    Returns
    -------
    tuple
        The normalised matrix and the mask of constant columns.

    References
    ----------
    Hwang, C. L., & Yoon, K. (1981). *Multiple Attribute Decision Making*. Springer.
    """
    a, b, _, _, const = coefficients(x, types, method=method, on_constant=on_constant)
    return x * a + b, const


def minmax(x: FloatArray, types: NDArray[np.int8]) -> FloatArray:
    """Min-max scaling to [0, 1], costs mirrored; constant columns become 0."""
    return normalize(x, types, method="minmax", on_constant="ignore")[0]
