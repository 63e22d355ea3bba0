"""Weighted sum model (simple additive weighting)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
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
    chunks,
    constant_possible,
    excl_max,
    excl_min,
    norm_bounds,
)
from metrics.methods.normalize import Normalization, OnConstant, coefficients

THREADED_CELLS = 1 << 16
"""Pairs x criteria from which :func:`pair_max` spreads its rows over threads."""


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


# --- bounds over interval data (used through the registry by :mod:`metrics.uncertain`) ---


def interval_bounds(low: FloatArray, high: FloatArray, types: Int8Array, w: FloatArray, *,
                    normalization: Normalization, **options: Any
                    ) -> tuple[FloatArray, FloatArray, bool]:
    """Exact range of every weighted sum over all worlds (columns are independent).

    Exact unless a criterion can be constant in some world (that world scores it 0; the bound
    is then a supremum approached next to it).
    """
    nlo, nhi = norm_bounds(low, high, types, normalization)
    can, always = constant_possible(low, high)
    return nlo @ w, nhi @ w, not bool((can & ~always).any())


def _pair_terms(low: FloatArray, high: FloatArray,
                normalization: Normalization) -> tuple[FloatArray, ...]:
    """Row-wise pieces of the denominators of :func:`pair_max` (see there)."""
    if normalization == "minmax":
        a = np.maximum(high, low.max(axis=0))          # k's side, k above i
        b = np.minimum(low, high.min(axis=0))          # i's side, k above i
        c = np.maximum(low, excl_max(high))            # i's side, k below i
        e = np.minimum(high, excl_min(low))            # k's side, k below i
        return a, b, c, e
    if normalization == "vector":
        sl2, su2 = (low * low).sum(axis=0), (high * high).sum(axis=0)
        p = np.sqrt(np.maximum(sl2 - low * low + high * high, 0.0))   # k's side
        q = np.sqrt(np.maximum(su2 - high * high + low * low, 0.0))   # i's side
        return p, q
    return np.maximum(high, low.max(axis=0)), np.maximum(low, excl_max(high))


def _pair_chunk(sl: slice, low: FloatArray, high: FloatArray, terms: tuple[FloatArray, ...],
                normalization: Normalization) -> FloatArray:
    """Per-column maxima of ``(x_k - x_i) / scale`` for the rows ``k`` in ``sl`` (k x i x j).

    The denominator is never below ``|x_k - x_i|``, so a zero denominator has a zero numerator.
    """
    num = high[sl, None, :] - low[None, :, :]
    if normalization == "minmax":
        a, b, c, e = terms
        den = a[sl, None, :] - b[None, :, :]
        np.copyto(den, c[None, :, :] - e[sl, None, :], where=num <= 0)
    else:
        kside, iside = terms
        den = np.where(num > 0, kside[sl, None, :], iside[None, :, :])
    np.maximum(den, 1e-300, out=den)
    np.divide(num, den, out=num)
    return num


def _linear_minmax(low: FloatArray, high: FloatArray,
                   w: FloatArray) -> tuple[FloatArray, NDArray[np.bool_]]:
    """Pairs' maxima from the min-max columns whose extreme span is the same for every pair.

    When both denominators of :func:`pair_max` are one constant ``d`` in column j (typical when
    unknowns span the peer range), the column adds ``w_j (high_kj - low_ij) / d`` to pair
    (k, i): an outer difference, no per-pair work. Returns that sum and the other columns.
    """
    a, b, c, e = _pair_terms(low, high, "minmax")
    flat = [np.ptp(v, axis=0) == 0 for v in (a, b, c, e)]
    d_pos, d_neg = a[0] - b[0], c[0] - e[0]
    linear = flat[0] & flat[1] & flat[2] & flat[3] & (d_pos == d_neg)
    coef = np.divide(w, d_pos, out=np.zeros_like(w), where=linear & (d_pos > 0))
    base = (high @ coef)[:, None] - (low @ coef)[None, :]
    return base, ~linear


def pair_max(low: FloatArray, high: FloatArray, types: Int8Array, w: FloatArray, *,
             normalization: Normalization, chunk: int = 16, workers: int = 2) -> FloatArray:
    """``out[k, i]`` = the maximum over all worlds of ``s_k - s_i`` for the weighted sum.

    Columns are independent, so the maximum of the sum is the sum of per-column maxima of
    ``(x_k - x_i) / scale`` (benefit direction; a cost column swaps k and i). That ratio rises
    with x_k and falls with x_i, so it peaks at ``x_k = high_k``, ``x_i = low_i``. When k can
    exceed i the others sit as close to ``[low_i, high_k]`` as they can (smallest scale);
    otherwise as far out as they can (largest scale). This is exact for vector and max
    normalisation; for min-max in the second case the largest span treats the rows holding the
    highest high and the lowest low as distinct (a sound relaxation, exact unless one row holds
    both). Min-max is invariant under mirroring, so its cost columns are negated first. Chunks
    of rows run on ``workers`` threads (numpy releases the GIL) when the pairs times criteria
    reach :data:`THREADED_CELLS` (below, starting threads costs more than it saves). The
    diagonal is 0.
    """
    m = low.shape[0]
    base = np.zeros((m, m))
    if normalization == "minmax":
        low, high = np.where(types > 0, low, -high), np.where(types > 0, high, -low)
        types = np.ones_like(types)
        base, keep = _linear_minmax(low, high, w)
        low, high, types, w = low[:, keep], high[:, keep], types[keep], w[keep]
        if not keep.any():
            np.fill_diagonal(base, 0.0)
            return base
    terms = _pair_terms(low, high, normalization)
    benefit, cost = w * (types > 0), w * (types < 0)
    gb, gc = np.zeros((m, m)), np.zeros((m, m))
    has_cost = bool(cost.any())

    def run(sl: slice) -> None:
        r = _pair_chunk(sl, low, high, terms, normalization)
        gb[sl] = r @ benefit
        if has_cost:
            gc[sl] = r @ cost

    slices = list(chunks(m, chunk))
    if workers > 1 and m > chunk and m * m * low.shape[1] >= THREADED_CELLS:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(run, slices))
    else:
        for sl in slices:
            run(sl)
    out = base + gb + gc.T
    np.fill_diagonal(out, 0.0)
    return out


def pair_bounds(low: FloatArray, high: FloatArray, types: Int8Array, w: FloatArray, *,
                normalization: Normalization, **options: Any) -> FloatArray:
    """Pairwise score differences over all worlds (:func:`pair_max`)."""
    return pair_max(low, high, types, w, normalization=normalization)


def world_keys(base: AnyFloatArray, columns: Iterable[Column], w: AnyFloatArray,
               types: Int8Array, *, inv: AnyFloatArray, cmin: AnyFloatArray,
               cmax: AnyFloatArray, centre: AnyFloatArray,
               gate: AbstractContextManager[object]) -> AnyFloatArray:
    """Negated weighted sums of a chunk of sampled worlds (worlds x alternatives).

    The known cells enter through one product ``base @ c`` (c: weight x direction / scale per
    criterion and world); each column's uncertain cells are added on top. Column centring
    shifts every alternative's sum by the same amount per world, so the order is unchanged.
    """
    c = w.T * types[:, None].astype(base.dtype) * inv
    with gate:
        key = np.asarray(base @ c)
    for j, rows, y in columns:
        key[rows] += c[j] * y
    return -np.ascontiguousarray(key.T)
