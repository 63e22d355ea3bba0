"""PROMETHEE II: complete ranking by net outranking flow."""

from __future__ import annotations

from collections.abc import Sequence

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
from metrics.methods.normalize import OnConstant, constant_columns, normalize

MAX_ALTERNATIVES = 5_000
"""PROMETHEE compares every pair: memory grows with the square of the alternatives."""


def _thresholds(value: ArrayLike | None, n: int, name: str) -> FloatArray:
    arr = np.zeros(n) if value is None else np.broadcast_to(
        np.asarray(value, dtype=np.float64), (n,)).copy()
    if not np.isfinite(arr).all() or (arr < 0).any():
        raise ScoringError(f"PROMETHEE {name} thresholds must be finite and >= 0")
    return arr


def promethee_core(x: FloatArray, types: FloatArray, w: FloatArray, q: FloatArray,
                   p: FloatArray) -> FloatArray:
    """Weighted unicriterion net flows (alternatives x criteria); rows sum to the net flow.

    Preference function per criterion: linear with indifference ``q`` and preference ``p``
    (Brans' type V); ``p <= q`` gives the usual criterion (any advantage is full preference).
    """
    m = x.shape[0]
    flows = np.zeros_like(x)
    for j in range(x.shape[1]):
        d = (x[:, j, None] - x[None, :, j]) * types[j]
        if p[j] > q[j]:
            pref = np.clip((d - q[j]) / (p[j] - q[j]), 0.0, 1.0)
        else:
            pref = (d > q[j]).astype(np.float64)
        flows[:, j] = w[j] * (pref.sum(axis=1) - pref.sum(axis=0)) / max(m - 1, 1)
    return flows


def promethee_ii(
    matrix: ArrayLike, types: Sequence[str | int] | ArrayLike, weights: ArrayLike | None = None,
    *, indifference: ArrayLike | None = None, preference: ArrayLike | None = None,
    on_constant: OnConstant = "raise",
) -> MethodResult:
    """Rank alternatives by PROMETHEE II net flow (higher is better).

    Parameters
    ----------
    matrix
        Alternatives x criteria, finite (at most :data:`MAX_ALTERNATIVES` rows).
    types
        ``"+"`` (benefit) or ``"-"`` (cost) per criterion.
    weights
        Non-negative weights (normalised to sum 1); equal weights when ``None``.
    indifference, preference
        Thresholds q and p in the criterion's unit (scalar or one per criterion); both
        omitted gives the usual criterion.
    on_constant
        ``"raise"`` or ``"ignore"`` a criterion equal for all alternatives.

    Returns
    -------
    MethodResult
        Net flows in [-1, 1]; ``contributions[i, j]`` are the weighted unicriterion net flows,
        which sum to the net flow. ``details`` holds ``phi_plus`` and ``phi_minus``.

    References
    ----------
    Brans, J. P., Vincke, P., & Mareschal, B. (1986). How to select and how to rank projects:
    The PROMETHEE method. *European Journal of Operational Research* 24(2), 228–238.
    """
    x, t, w = check_problem(matrix, types, weights)
    if x.shape[0] > MAX_ALTERNATIVES:
        raise ScoringError(f"PROMETHEE is limited to {MAX_ALTERNATIVES} alternatives")
    normalize(x, t, method="minmax", on_constant=on_constant)
    n = x.shape[1]
    q = _thresholds(indifference, n, "indifference")
    p = _thresholds(preference, n, "preference")
    flows = promethee_core(x, t.astype(np.float64), w, q, p)
    flows[:, constant_columns(x)] = 0.0
    net = flows.sum(axis=1)
    return MethodResult(
        "promethee", net, competition_ranks(net), flows, True, constant_columns(x),
        {"net_flow": net},
    )


def promethee_batch(n: FloatArray, w: FloatArray, *, x: FloatArray | None = None,
                    types: NDArray[np.int8] | None = None,
                    dtype: FloatType = np.float64) -> AnyFloatArray:
    """``(net flow + 1) / 2`` (usual criterion) for many weight vectors, one at a time.

    Needs the raw matrix ``x`` and ``types``: preferences compare raw differences.
    """
    if x is None or types is None:
        raise ScoringError("PROMETHEE batch scoring needs the raw matrix and types")
    ws = np.atleast_2d(w)
    zeros = np.zeros(x.shape[1])
    out = np.empty((ws.shape[0], x.shape[0]), dtype=dtype)
    for k, row in enumerate(ws):
        out[k] = (promethee_core(x, types.astype(np.float64), row, zeros, zeros).sum(axis=1)
                  + 1.0) / 2.0
    return out
