"""Scores of one decision matrix under many weight vectors at once (matrix products)."""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

from metrics.errors import ScoringError
from metrics.methods.promethee import promethee_core
from metrics.methods.topsis import topsis_core
from metrics.methods.vikor import vikor_core

FloatArray = NDArray[np.float64]
Method = Literal["wsm", "topsis", "vikor", "promethee"]
METHODS: tuple[Method, ...] = ("wsm", "topsis", "vikor", "promethee")


def check_method(method: str) -> Method:
    """The method name, or a one-line error listing the valid ones."""
    for known in METHODS:
        if method == known:
            return known
    raise ScoringError(f"method must be one of {', '.join(METHODS)}; got {method!r}")


def batch_scores(n: FloatArray, weights: FloatArray, method: Method, *,
                 x: FloatArray | None = None, types: NDArray[np.int8] | None = None,
                 dtype: type[np.floating] = np.float64) -> NDArray[np.floating]:
    """Scores (samples x alternatives, higher is better) for each row of ``weights``.

    ``n`` is the benefit-oriented normalised matrix. For the weighted sum the scores are
    ``W @ n.T``; for TOPSIS the squared distances are ``(W**2) @ ((n - ideal)**2).T`` because the
    weighted ideal of column j is ``w_j * max(n_j)``. VIKOR and PROMETHEE (which need the raw
    matrix ``x`` and ``types``) are evaluated one weight vector at a time.
    """
    w = np.atleast_2d(weights)
    if method == "wsm":
        return (w.astype(dtype) @ n.T.astype(dtype))
    if method == "topsis":
        w2 = (w * w).astype(dtype)
        d_plus = np.sqrt(w2 @ ((n - n.max(axis=0)) ** 2).T.astype(dtype))
        d_minus = np.sqrt(w2 @ ((n - n.min(axis=0)) ** 2).T.astype(dtype))
        total = d_plus + d_minus
        return np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)
    out = np.empty((w.shape[0], n.shape[0]), dtype=dtype)
    for k, row in enumerate(w):
        if method == "vikor":
            out[k] = -vikor_core((1.0 - n) * row, 0.5)[2]
        else:
            if x is None or types is None:
                raise ScoringError("PROMETHEE batch scoring needs the raw matrix and types")
            out[k] = promethee_core(x, types.astype(np.float64), row, np.zeros(n.shape[1]),
                                    np.zeros(n.shape[1])).sum(axis=1)
    return out


def batch_order_keys(n: FloatArray, weights: FloatArray, method: Method, *,
                     x: FloatArray | None = None, types: NDArray[np.int8] | None = None,
                     dtype: type[np.floating] = np.float32) -> NDArray[np.floating]:
    """Keys whose ascending order is the ranking (best first), one row per weight vector.

    Cheaper than :func:`batch_scores` for ranking only: the weighted sum is negated inside the
    matrix product, and for TOPSIS ``D+^2 / D-^2`` (no square roots) orders the alternatives
    exactly as the closeness ``D- / (D+ + D-)`` does, in reverse. An alternative with
    ``D+ = D- = 0`` (every criterion constant) gets the key 1, i.e. closeness 0.5.
    """
    w = np.atleast_2d(weights)
    if method == "wsm":
        return w.astype(dtype) @ (-n).T.astype(dtype)
    if method == "topsis":
        w2 = (w * w).astype(dtype)
        d_plus = w2 @ ((n - n.max(axis=0)) ** 2).T.astype(dtype)
        d_minus = w2 @ ((n - n.min(axis=0)) ** 2).T.astype(dtype)
        with np.errstate(divide="ignore", invalid="ignore"):
            np.divide(d_plus, d_minus, out=d_plus)
        if not np.isfinite(d_plus).all():
            d_plus[np.isnan(d_plus)] = 1.0
        return d_plus
    return -batch_scores(n, w, method, x=x, types=types, dtype=dtype)


def single_scores(n: FloatArray, w: FloatArray, method: Method, *, x: FloatArray | None = None,
                  types: NDArray[np.int8] | None = None) -> FloatArray:
    """Scores for one weight vector (higher is better)."""
    if method == "topsis":
        return topsis_core(n, w)[0]
    return np.asarray(batch_scores(n, w[None, :], method, x=x, types=types)[0], dtype=np.float64)
