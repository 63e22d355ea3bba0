"""Per-cell and per-pair bounds over every world inside an interval matrix (private plumbing).

A *world* puts every cell anywhere inside its bounds. The normalisations of
:mod:`metrics.methods.normalize` depend on the column's extremes (min-max), norm (vector) or
maximum (max), which move with the data; the bounds below account for that exactly (proofs in
the docstrings: each ratio is monotone in every cell, so its extremes sit at cell ends).
A world in which a column is constant gives it 0, as ``on_constant="ignore"`` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from numpy.typing import NDArray

from metrics.methods.normalize import Normalization

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


def excl_max(a: FloatArray) -> FloatArray:
    """Per cell: the column maximum over the *other* rows (``-inf`` for a single row)."""
    m = a.shape[0]
    if m == 1:
        return np.full_like(a, -np.inf)
    top = np.argmax(a, axis=0)
    cols = np.arange(a.shape[1])
    second = a.copy()
    second[top, cols] = -np.inf
    out = np.broadcast_to(a[top, cols], a.shape).copy()
    out[top, cols] = second.max(axis=0)
    return out


def excl_min(a: FloatArray) -> FloatArray:
    """Per cell: the column minimum over the other rows (``inf`` for a single row)."""
    return -excl_max(-a)


def _ratio(num: FloatArray, den: FloatArray) -> FloatArray:
    return np.divide(num, den, out=np.zeros(np.broadcast(num, den).shape), where=den > 0)


def constant_possible(low: FloatArray, high: FloatArray) -> tuple[BoolArray, BoolArray]:
    """Columns that can be constant in some world, and columns constant in every world."""
    can = low.max(axis=0) <= high.min(axis=0)
    always = high.max(axis=0) == low.min(axis=0)
    return np.asarray(can), np.asarray(always)


def _benefit_bounds(low: FloatArray, high: FloatArray,
                    normalization: Normalization) -> tuple[FloatArray, FloatArray]:
    """Exact range of ``n_ij`` for a benefit column, ignoring constant worlds.

    min-max ``(x_i - min)/(max - min)`` rises with x_i and falls as any other value rises, so
    the maximum puts x_i at its high end and the others at their low ends (and vice versa).
    ``x_i / ||x||`` has derivative ``R / ||x||^3 >= 0`` in x_i (R: the others' squares) and
    falls as the others grow; ``x_i / max`` likewise.
    """
    if normalization == "minmax":
        lmin, lmax = excl_min(low), low.max(axis=0)
        umin, umax = high.min(axis=0), excl_max(high)
        lo_hi = np.minimum(high, lmin)
        nhi = _ratio(high - lo_hi, np.maximum(high, lmax) - lo_hi)
        lo_lo = np.minimum(low, umin)
        nlo = _ratio(low - lo_lo, np.maximum(low, umax) - lo_lo)
    elif normalization == "vector":
        sl2, su2 = (low * low).sum(axis=0), (high * high).sum(axis=0)
        nhi = _ratio(high, np.sqrt(np.maximum(sl2 - low * low + high * high, 0.0)))
        nlo = _ratio(low, np.sqrt(np.maximum(su2 - high * high + low * low, 0.0)))
    else:
        nhi = _ratio(high, np.maximum(high, low.max(axis=0)))
        nlo = _ratio(low, np.maximum(low, excl_max(high)))
    return nlo, nhi


def norm_bounds(low: FloatArray, high: FloatArray, types: NDArray[np.int8],
                normalization: Normalization) -> tuple[FloatArray, FloatArray]:
    """Per cell, the range of the benefit-oriented normalised value over all worlds.

    Costs are ``1 - n`` of the benefit form for every normalisation (min-max, vector and max),
    so their range is the mirrored benefit range. A column that can be constant adds 0 to the
    range (``on_constant="ignore"``); one constant in every world is exactly 0.
    """
    nlo, nhi = _benefit_bounds(low, high, normalization)
    cost = types < 0
    nlo, nhi = np.where(cost, 1.0 - nhi, nlo), np.where(cost, 1.0 - nlo, nhi)
    can, always = constant_possible(low, high)
    nlo = np.where(can, np.minimum(nlo, 0.0), nlo)
    return np.where(always, 0.0, nlo), np.where(always, 0.0, nhi)


def _chunks(m: int, size: int) -> Iterator[slice]:
    for start in range(0, m, size):
        yield slice(start, min(start + size, m))


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


def pair_max(low: FloatArray, high: FloatArray, types: NDArray[np.int8], w: FloatArray, *,
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
    of rows run on ``workers`` threads (numpy releases the GIL). The diagonal is 0.
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

    slices = list(_chunks(m, chunk))
    if workers > 1 and m > chunk:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(run, slices))
    else:
        for sl in slices:
            run(sl)
    out = base + gb + gc.T
    np.fill_diagonal(out, 0.0)
    return out


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


def dominates(low: FloatArray, high: FloatArray, types: NDArray[np.int8], *,
              chunk: int = 64) -> BoolArray:
    """``out[i, k]``: i is at least as good as k on every criterion in every world (i != k).

    Benefit: ``low_i >= high_k``; cost: ``high_i <= low_k``. Every method here then ranks i no
    worse than k (the monotonicity invariant of :mod:`tests.metrics.methods`).
    """
    m = low.shape[0]
    y_lo = np.where(types > 0, low, -high)
    y_hi = np.where(types > 0, high, -low)
    out = np.empty((m, m), dtype=bool)
    for sl in _chunks(m, chunk):
        out[sl] = (y_lo[sl, None, :] >= y_hi[None, :, :]).all(axis=2)
    np.fill_diagonal(out, False)
    return out


def _sum_min_sq(high: FloatArray, cap: FloatArray) -> FloatArray:
    """Per cell: ``sum over all rows s of min(high_s, cap_i)^2`` in the same column."""
    out = np.empty_like(cap)
    for j in range(high.shape[1]):
        u = np.sort(high[:, j])
        prefix = np.concatenate([[0.0], np.cumsum(u * u)])
        k = np.searchsorted(u, cap[:, j], side="right")
        out[:, j] = prefix[k] + cap[:, j] ** 2 * (u.size - k)
    return out


def _max_gap_up_vector(low: FloatArray, high: FloatArray) -> FloatArray:
    """Per cell: max over rows r != i of ``(high_r - low_i) / sqrt(SL2 - low_r^2 + high_r^2)``.

    One column at a time as an alternatives x alternatives block (rows r contiguous, so the
    reduction runs along memory).
    """
    m = low.shape[0]
    p = np.sqrt(np.maximum((low * low).sum(axis=0) - low * low + high * high, 0.0))
    slope = np.divide(1.0, p, out=np.zeros_like(p), where=p > 0)
    icpt = high * slope
    out = np.empty_like(low)
    diag = np.arange(m)
    for j in range(low.shape[1]):
        block = np.multiply.outer(low[:, j], slope[:, j])
        np.subtract(icpt[None, :, j], block, out=block)
        block[diag, diag] = -np.inf
        out[:, j] = block.max(axis=1)
    return out


def gap_bounds(low: FloatArray, high: FloatArray, types: NDArray[np.int8],
               normalization: Normalization) -> tuple[FloatArray, ...]:
    """Per cell, exact ranges of the gaps to the ideal and to the anti-ideal (unweighted).

    ``gap_plus = n+ - n_i`` and ``gap_minus = n_i - n-`` of the benefit-oriented normalised
    matrix. For vector (max) normalisation and a benefit column these are
    ``(max x - x_i) / s`` and ``(x_i - min x) / s`` with s the norm (maximum); each ratio is
    monotone in every cell once the row holding the extreme is chosen, so its range follows
    from cell ends (the largest ``gap_plus`` tries every row as the maximum). Cost columns swap
    the two gaps. Min-max gaps are ``1 - n_i`` and ``n_i``. A column that can be constant adds
    0 (``on_constant="ignore"``).

    Returns
    -------
    tuple
        ``(plus_lo, plus_hi, minus_lo, minus_hi)``.
    """
    can, always = constant_possible(low, high)
    if normalization == "minmax":
        nlo, nhi = norm_bounds(low, high, types, normalization)
        out = [1.0 - nhi, 1.0 - nlo, nlo, nhi]
    else:
        lmax, umax = excl_max(low), excl_max(high)
        lmin, umin = excl_min(low), excl_min(high)
        if normalization == "vector":
            sl2, su2 = (low * low).sum(axis=0), (high * high).sum(axis=0)
            cap = np.maximum(high, lmax)
            den = np.sqrt(np.maximum(_sum_min_sq(high, cap), 0.0))
            up_lo = _ratio(cap - high, den)
            up_hi = np.maximum(_max_gap_up_vector(low, high), 0.0)
            down_hi = _ratio(high - np.minimum(high, lmin),
                             np.sqrt(np.maximum(sl2 - low * low + high * high, 0.0)))
            down_lo = _ratio(low - np.minimum(low, umin),
                             np.sqrt(np.maximum(su2 - high * high + low * low, 0.0)))
        else:
            cap = np.maximum(high, lmax)
            up_lo = _ratio(cap - high, cap)
            top = np.maximum(low, umax)
            up_hi = _ratio(top - low, top)
            down_hi = _ratio(high - np.minimum(high, lmin), np.maximum(high, lmax))
            down_lo = _ratio(low - np.minimum(low, umin), np.maximum(low, umax))
        cost = types < 0
        out = [np.where(cost, down_lo, up_lo), np.where(cost, down_hi, up_hi),
               np.where(cost, up_lo, down_lo), np.where(cost, up_hi, down_hi)]
    out[0] = np.where(can, np.minimum(out[0], 0.0), out[0])
    out[2] = np.where(can, np.minimum(out[2], 0.0), out[2])
    return tuple(np.where(always, 0.0, np.maximum(g, 0.0)) for g in out)


def net_preference(d: FloatArray, q: FloatArray, p: FloatArray) -> FloatArray:
    """``P(d) - P(-d)``: Brans' type V preference (``p > q``) or the usual criterion."""
    linear = p > q
    span = np.where(linear, p - q, 1.0)

    def pref(x: FloatArray) -> FloatArray:
        return np.where(linear, np.clip((x - q) / span, 0.0, 1.0), (x > q).astype(np.float64))

    return pref(d) - pref(-d)


def _third_row_sup(a: FloatArray, b: FloatArray, lo: FloatArray, hi: FloatArray, q: float,
                   p: float) -> FloatArray:
    """``sup over y in [lo_r, hi_r] of pi(a - y) - pi(b - y)`` for every (k, i, r).

    ``a`` (k x 1 x 1), ``b`` (1 x i x 1), ``lo``/``hi`` (1 x 1 x r). The function is piecewise
    linear (or constant, with jumps, for the usual criterion) with breaks at ``a +- q``,
    ``a +- p``, ``b +- q``, ``b +- p``: its supremum over an interval is reached at an end, a
    break, or inside a piece (the midpoints between consecutive candidates cover that).
    """
    breaks = [a - q, a + q, a - p, a + p, b - q, b + q, b - p, b + p]
    shape = np.broadcast(a, b, lo).shape
    pts = np.stack([np.broadcast_to(lo, shape), np.broadcast_to(hi, shape)]
                   + [np.clip(np.broadcast_to(x, shape), lo, hi) for x in breaks], axis=-1)
    pts.sort(axis=-1)
    pts = np.concatenate([pts, 0.5 * (pts[..., 1:] + pts[..., :-1])], axis=-1)
    qa, pa = np.array(q), np.array(p)
    g = net_preference(a[..., None] - pts, qa, pa) - net_preference(b[..., None] - pts, qa, pa)
    return np.asarray(g.max(axis=-1))


def promethee_pair_max(y_lo: FloatArray, y_hi: FloatArray, w: FloatArray, q: FloatArray,
                       p: FloatArray, *, chunk: int = 8) -> FloatArray:
    """``out[k, i]`` = the supremum over all worlds of ``phi_k - phi_i`` (net flows).

    ``y`` is benefit-oriented. The difference rises with k's values and falls with i's, so
    ``y_k = y_hi_k`` and ``y_i = y_lo_i``; every other alternative r then enters only through
    ``pi(y_k - y_r) - pi(y_i - y_r)``, maximised over its own range independently (rows and
    criteria are independent). Exact; costs ``m^3 n`` evaluations, so the caller limits m.
    """
    m, n = y_lo.shape
    out = np.zeros((m, m))
    idx = np.arange(m)
    for j in range(n):
        if w[j] == 0:
            continue
        qj, pj = float(q[j]), float(p[j])
        for start in range(0, m, chunk):
            ks = np.arange(start, min(start + chunk, m))
            a = y_hi[ks, j][:, None, None]
            sup = _third_row_sup(a, y_lo[None, :, j, None], y_lo[None, None, :, j],
                                 y_hi[None, None, :, j], qj, pj)           # k x i x r
            sup[np.arange(ks.size)[:, None], idx[None, :], idx[None, :]] = 0.0  # r == i
            sup[np.arange(ks.size), :, ks] = 0.0                                 # r == k
            direct = 2.0 * net_preference(a[:, :, 0] - y_lo[None, :, j],
                                          np.array(qj), np.array(pj))
            out[ks] += w[j] * (sup.sum(axis=2) + direct)
    np.fill_diagonal(out, 0.0)
    out /= max(m - 1, 1)
    return out
