"""Column normalisations of a decision matrix, each returning benefit-oriented values.

Every function maps a criterion so that larger is better: cost criteria are mirrored. A column
whose values are all equal (*constant*) carries no information for ranking; it is either refused
(``on_constant="raise"``) or set to zero so that it contributes nothing (``"ignore"``), and is
flagged in the returned mask. No function ever returns NaN.
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
    if on_constant == "raise" and const.any():
        cols = ", ".join(str(i) for i in np.flatnonzero(const))
        raise ScoringError(
            f"criterion column(s) {cols} have the same value for every alternative and cannot "
            "discriminate; drop them or pass on_constant='ignore'"
        )
    if on_constant not in ("raise", "ignore"):
        raise ScoringError(f"on_constant must be 'raise' or 'ignore'; got {on_constant!r}")


def minmax(x: FloatArray, types: NDArray[np.int8]) -> FloatArray:
    """Linear min-max scaling to [0, 1]: ``(x - min)/(max - min)``, mirrored for costs.

    Constant columns become 0.

    References
    ----------
    Hwang, C. L., & Yoon, K. (1981). *Multiple Attribute Decision Making: Methods and
    Applications*. Springer, Lecture Notes in Economics and Mathematical Systems 186, sec. 2.3.
    """
    lo, hi = x.min(axis=0), x.max(axis=0)
    span = hi - lo
    safe = np.where(span > 0, span, 1.0)
    n = np.where(types > 0, x - lo, hi - x) / safe
    return np.where(span > 0, n, 0.0)


def vector(x: FloatArray, types: NDArray[np.int8]) -> FloatArray:
    """Vector (Euclidean) normalisation ``x / ||x||``; costs become ``1 - x / ||x||``.

    Mirroring a cost as ``1 - r`` keeps every difference between alternatives, so TOPSIS
    distances equal the textbook ones (vector-normalised values with the minimum as ideal).
    Requires non-negative values. Constant columns become 0.

    References
    ----------
    Hwang, C. L., & Yoon, K. (1981). *Multiple Attribute Decision Making*. Springer, p. 131.
    """
    norm = np.sqrt(np.einsum("ij,ij->j", x, x))
    safe = np.where(norm > 0, norm, 1.0)
    r = x / safe
    n = np.where(types > 0, r, 1.0 - r)
    return np.where(constant_columns(x), 0.0, n)


def max_scale(x: FloatArray, types: NDArray[np.int8]) -> FloatArray:
    """Linear scaling by the column maximum ``x / max``; costs become ``1 - x / max``.

    Requires non-negative values. Constant columns become 0.

    References
    ----------
    Hwang, C. L., & Yoon, K. (1981). *Multiple Attribute Decision Making*. Springer, sec. 2.3.
    """
    hi = x.max(axis=0)
    safe = np.where(hi > 0, hi, 1.0)
    r = x / safe
    n = np.where(types > 0, r, 1.0 - r)
    return np.where(constant_columns(x), 0.0, n)


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
        ``"minmax"``, ``"vector"`` or ``"max"``.
    on_constant
        ``"raise"`` refuses constant columns; ``"ignore"`` zeroes and flags them.

    Returns
    -------
    tuple
        The normalised matrix and the mask of constant columns.
    """
    const = constant_columns(x)
    _handle_constant(const, on_constant)
    if method == "minmax":
        return minmax(x, types), const
    if method not in ("vector", "max"):
        raise ScoringError(f"normalization must be one of {', '.join(NORMALIZATIONS)}; got {method!r}")
    if (x < 0).any():
        raise ScoringError(f"{method} normalisation needs non-negative values; use 'minmax'")
    return (vector(x, types) if method == "vector" else max_scale(x, types)), const
