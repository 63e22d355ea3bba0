"""Interval plumbing shared by the methods' bound functions (no method is named here).

A *world* puts every cell anywhere inside its bounds ``[low, high]``. The normalisations of
:mod:`metrics.methods.normalize` depend on the column's extremes (min-max), norm (vector) or
maximum (max), which move with the data; the bounds below account for that exactly (proofs in
the docstrings: each ratio is monotone in every cell, so its extremes sit at cell ends).
A world in which a column is constant gives it 0, as ``on_constant="ignore"`` does.

Each method module implements, on these plain arrays, the bound functions its
:class:`metrics.methods.registry.MethodSpec` lists (:class:`BoundsFn`, :class:`PairBoundsFn`,
:class:`WorldKeysFn`); :mod:`metrics.uncertain` calls them through the registry only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from metrics.methods.normalize import Normalization

FloatArray = NDArray[np.float64]
AnyFloatArray = NDArray[np.floating[Any]]
BoolArray = NDArray[np.bool_]
Int8Array = NDArray[np.int8]
IntArray = NDArray[np.int64]
Column = tuple[int, IntArray, AnyFloatArray]
"""One column's uncertain cells in a chunk of worlds: column index, their rows, and their
centred values (cells x worlds)."""


class BoundsFn(Protocol):
    """Sound bounds of every alternative's higher-is-better *key* over all worlds.

    The key is the raw score when the method's scores are higher-is-better, else its negation.
    Returns ``(key_low, key_high, exact)``; ``exact`` says both ends are attained.
    """

    def __call__(self, low: FloatArray, high: FloatArray, types: Int8Array, w: FloatArray, *,
                 normalization: Normalization, **options: Any
                 ) -> tuple[FloatArray, FloatArray, bool]: ...


class PairBoundsFn(Protocol):
    """``out[k, i]`` >= the maximum over all worlds of ``key_k - key_i`` (diagonal 0).

    Returns ``None`` where the method has no pairwise bound for this problem (the caller then
    compares score intervals).
    """

    def __call__(self, low: FloatArray, high: FloatArray, types: Int8Array, w: FloatArray, *,
                 normalization: Normalization, **options: Any) -> FloatArray | None: ...


class WorldKeysFn(Protocol):
    """Ascending-is-better keys of a chunk of sampled worlds (worlds x alternatives).

    ``base`` holds the known cells centred by ``centre`` (uncertain cells 0, alternatives x
    criteria); ``columns`` the uncertain cells per column; ``w`` the worlds' weights (worlds x
    criteria); ``inv`` the inverse normalisation scale and ``cmin``/``cmax`` the column
    extremes per criterion and world (uncentred). ``gate`` serialises matrix products.
    """

    def __call__(self, base: AnyFloatArray, columns: Iterable[Column], w: AnyFloatArray,
                 types: Int8Array, *, inv: AnyFloatArray, cmin: AnyFloatArray,
                 cmax: AnyFloatArray, centre: AnyFloatArray,
                 gate: AbstractContextManager[object]) -> AnyFloatArray: ...


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


def ratio(num: FloatArray, den: FloatArray, empty: float = 0.0) -> FloatArray:
    """``num / den`` where ``den > 0``, else ``empty``."""
    out: FloatArray = np.full(np.broadcast(num, den).shape, empty)
    np.divide(num, den, out=out, where=den > 0)
    return out


def constant_possible(low: FloatArray, high: FloatArray) -> tuple[BoolArray, BoolArray]:
    """Columns that can be constant in some world, and columns constant in every world."""
    can = low.max(axis=0) <= high.min(axis=0)
    always = high.max(axis=0) == low.min(axis=0)
    return np.asarray(can), np.asarray(always)


def chunks(m: int, size: int) -> Iterator[slice]:
    """Consecutive row slices of at most ``size`` rows."""
    for start in range(0, m, size):
        yield slice(start, min(start + size, m))


def benefit_oriented(low: FloatArray, high: FloatArray,
                     types: Int8Array) -> tuple[FloatArray, FloatArray]:
    """Bounds of ``y = x`` (benefit) or ``y = -x`` (cost): higher ``y`` is better."""
    return np.where(types > 0, low, -high), np.where(types > 0, high, -low)


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
        nhi = ratio(high - lo_hi, np.maximum(high, lmax) - lo_hi)
        lo_lo = np.minimum(low, umin)
        nlo = ratio(low - lo_lo, np.maximum(low, umax) - lo_lo)
    elif normalization == "vector":
        sl2, su2 = (low * low).sum(axis=0), (high * high).sum(axis=0)
        nhi = ratio(high, np.sqrt(np.maximum(sl2 - low * low + high * high, 0.0)))
        nlo = ratio(low, np.sqrt(np.maximum(su2 - high * high + low * low, 0.0)))
    else:
        nhi = ratio(high, np.maximum(high, low.max(axis=0)))
        nlo = ratio(low, np.maximum(low, excl_max(high)))
    return nlo, nhi


def norm_bounds(low: FloatArray, high: FloatArray, types: Int8Array,
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


def dominates(low: FloatArray, high: FloatArray, types: Int8Array, *,
              chunk: int = 64) -> BoolArray:
    """``out[i, k]``: i is at least as good as k on every criterion in every world (i != k).

    Benefit: ``low_i >= high_k``; cost: ``high_i <= low_k``. Every method here then ranks i no
    worse than k (the monotonicity invariant of :mod:`tests.metrics.methods`).
    """
    m = low.shape[0]
    y_lo, y_hi = benefit_oriented(low, high, types)
    out = np.empty((m, m), dtype=bool)
    for sl in chunks(m, chunk):
        out[sl] = (y_lo[sl, None, :] >= y_hi[None, :, :]).all(axis=2)
    np.fill_diagonal(out, False)
    return out
