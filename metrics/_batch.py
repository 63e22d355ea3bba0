"""Scores of one decision matrix under many weight vectors at once (via the method registry)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from metrics.methods.registry import get_method

FloatArray = NDArray[np.float64]


def batch_scores(n: FloatArray, weights: FloatArray, method: str, *,
                 x: FloatArray | None = None, types: NDArray[np.int8] | None = None,
                 dtype: type[np.floating[Any]] = np.float64) -> NDArray[np.floating[Any]]:
    """Utilities (samples x alternatives, 0..1, higher is better) for each row of ``weights``.

    ``n`` is the benefit-oriented normalised matrix; methods that compare raw differences
    (PROMETHEE) also need the raw matrix ``x`` and ``types``. Each method's batch scorer is
    its registry entry's ``batch`` (matrix products where the method allows it).
    """
    return get_method(method).batch(n, np.atleast_2d(weights), x=x, types=types, dtype=dtype)


def batch_order_keys(n: FloatArray, weights: FloatArray, method: str, *,
                     x: FloatArray | None = None, types: NDArray[np.int8] | None = None,
                     dtype: type[np.floating[Any]] = np.float32) -> NDArray[np.floating[Any]]:
    """Keys whose ascending order is the ranking (best first), one row per weight vector.

    Cheaper than :func:`batch_scores` where a method registers ``order_keys`` (e.g. no
    square roots); otherwise the negated utilities.
    """
    spec = get_method(method)
    w = np.atleast_2d(weights)
    if spec.order_keys is not None:
        return spec.order_keys(n, w, x=x, types=types, dtype=dtype)
    return -spec.batch(n, w, x=x, types=types, dtype=dtype)


def single_scores(n: FloatArray, w: FloatArray, method: str, *, x: FloatArray | None = None,
                  types: NDArray[np.int8] | None = None) -> FloatArray:
    """Utilities for one weight vector (0..1, higher is better)."""
    spec = get_method(method)
    if spec.single is not None:
        return spec.single(n, w)
    return np.asarray(spec.batch(n, w[None, :], x=x, types=types)[0], dtype=np.float64)
