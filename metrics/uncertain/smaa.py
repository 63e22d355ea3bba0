"""Joint SMAA: rank acceptability when weights and uncertain values are sampled together.

Each sampled *world* draws a weight vector (uniform on the simplex, or Dirichlet around the
given weights, as :func:`metrics.robustness.rank_acceptability` does) and every uncertain cell
uniformly inside its bounds; the method ranks the alternatives in that world. The share of
worlds giving alternative i rank r is its rank acceptability index ``b_i^r`` (SMAA-2). Shares
come with a Wilson score interval at the stated confidence level (worlds are independent).

Acceptabilities count each world's strict order (ties broken by position, so every rank's
shares over the alternatives sum to 1). With ``seen=True`` every alternative's *seen* ranks
are kept beside them (about a quarter more time on 1,000 alternatives, so off by default):
the best and worst competition rank (1 + the alternatives strictly ahead) over the sampled
worlds. Neighbouring keys tie within a tolerance relative to their own magnitude (TOPSIS keys
are ``D+^2 / D-^2``, unbounded; a plain score ties within ``1e-12`` of the largest, as
:func:`metrics.methods.competition_ranks` does). With fixed weights they are an inner bound
of the rank interval of :func:`metrics.uncertain.rank_intervals`, and must lie inside it: a
cross-check of both.

For the weighted sum and TOPSIS a chunk of worlds is scored with matrix products: the known
cells enter once through ``weights_per_world @ known_matrix.T``; only the uncertain cells are
touched per world (column extremes and norms move with them and are recomputed per world).
VIKOR and PROMETHEE score one world at a time with the plain methods.

References
----------
Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability analysis
for group decision making. *Operations Research* 49(3), 444–454.
Tervonen, T., & Figueira, J. R. (2008). A survey on stochastic multicriteria acceptability
analysis methods. *Journal of Multi-Criteria Decision Analysis* 15(1–2), 1–14.
Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
*Journal of the American Statistical Association* 22(158), 209–212.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any, Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

from metrics._validate import as_weights, parse_types
from metrics.errors import ScoringError
from metrics.methods._result import AnyFloatArray
from metrics.methods.normalize import Normalization
from metrics.methods.registry import DEFAULT_METHOD, MethodSpec, get_method
from metrics.robustness import sample_weights
from metrics.uncertain.matrix import IntervalMatrix

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def wilson_interval(successes: ArrayLike, trials: int, *,
                    level: float = 0.95) -> tuple[FloatArray, FloatArray]:
    """Wilson score interval of binomial shares ``successes / trials``.

    Parameters
    ----------
    successes
        Counts (any shape).
    trials
        Number of independent trials (> 0).
    level
        Two-sided confidence level in (0, 1).

    Returns
    -------
    tuple
        Lower and upper bounds, same shape as ``successes``.

    References
    ----------
    Wilson, E. B. (1927). *JASA* 22(158), 209–212.
    """
    if trials < 1 or not 0.0 < level < 1.0:
        raise ScoringError("Wilson interval needs trials >= 1 and 0 < level < 1")
    z = NormalDist().inv_cdf(0.5 + level / 2.0)
    p = np.asarray(successes, dtype=np.float64) / trials
    z2n = z * z / trials
    centre = (p + z2n / 2.0) / (1.0 + z2n)
    half = z / (1.0 + z2n) * np.sqrt(p * (1.0 - p) / trials + z2n / (4.0 * trials))
    low = np.where(p <= 0.0, 0.0, np.clip(centre - half, 0.0, 1.0))  # exact at the ends
    high = np.where(p >= 1.0, 1.0, np.clip(centre + half, 0.0, 1.0))
    return np.minimum(low, p), np.maximum(high, p)


@dataclass(frozen=True, slots=True)
class JointAcceptability:
    """Rank acceptability over worlds sampled jointly in weights and data.

    Attributes
    ----------
    acceptability
        Alternatives x ranks; ``[i, r]`` = share of worlds where i takes rank r + 1.
    samples
        Number of worlds sampled.
    level
        Confidence level of the Wilson bands (:meth:`bands`, :attr:`first_band`).
    seen_best, seen_worst
        Best and worst competition rank of each alternative over the sampled worlds (ties
        share a rank; see the module notes); ``None`` unless asked for (``seen=True``).
    """

    acceptability: FloatArray
    samples: int
    level: float
    seen_best: IntArray | None = None
    seen_worst: IntArray | None = None

    def bands(self) -> tuple[FloatArray, FloatArray]:
        """Wilson score interval of every share (alternatives x ranks, low and high)."""
        counts = np.rint(self.acceptability * self.samples)
        return wilson_interval(counts, self.samples, level=self.level)

    @property
    def first(self) -> FloatArray:
        """Share of worlds in which each alternative ranks first."""
        return self.acceptability[:, 0]

    @property
    def first_band(self) -> tuple[FloatArray, FloatArray]:
        """Wilson interval of :attr:`first` at :attr:`level`."""
        return wilson_interval(np.rint(self.first * self.samples), self.samples,
                               level=self.level)

    def top(self, k: int) -> FloatArray:
        """Share of worlds in which each alternative ranks among the first ``k``."""
        return np.asarray(self.acceptability[:, :k].sum(axis=1))

    def top_band(self, k: int) -> tuple[FloatArray, FloatArray]:
        """Wilson interval of :meth:`top` at :attr:`level`."""
        return wilson_interval(np.rint(self.top(k) * self.samples), self.samples,
                               level=self.level)


TIE_RTOL: Final = {np.float64: 1e-12, np.float32: 1e-6}
"""Relative tolerance under which two neighbouring keys of a world tie, per scoring precision
(float64: that of :func:`metrics.methods.competition_ranks`; float32: a few units of its
resolution)."""


def _seen_ranks(keys: AnyFloatArray, order: NDArray[np.intp], rtol: float
                ) -> tuple[IntArray, IntArray]:
    """Per alternative, the best and worst competition rank over a chunk of worlds."""
    w, m = keys.shape
    ordered = np.take_along_axis(keys, order, axis=1)
    size = np.where(np.isfinite(ordered), np.abs(ordered), 0.0)
    tol = rtol * np.maximum(1.0, np.maximum(size[:, 1:], size[:, :-1]))  # per neighbour pair
    with np.errstate(invalid="ignore"):  # inf - inf: equal keys (TOPSIS at the anti-ideal)
        tied = (np.diff(ordered, axis=1) <= tol) | (ordered[:, 1:] == ordered[:, :-1])
    starts = np.broadcast_to(np.arange(m, dtype=np.int64), (w, m)).copy()
    starts[:, 1:][tied] = 0  # a tie continues the previous group
    np.maximum.accumulate(starts, axis=1, out=starts)
    ranks = np.empty((w, m), dtype=np.int64)
    np.put_along_axis(ranks, order, starts + 1, axis=1)
    return ranks.min(axis=0), ranks.max(axis=0)


@dataclass(frozen=True, slots=True)
class _Layout:
    """Known part of the matrix and the uncertain cells, flattened and sorted by column."""

    base: FloatArray            # point values, uncertain cells 0, columns centred
    centre: FloatArray          # per column offset subtracted from ``base``
    rows: IntArray              # row of every uncertain cell
    cols: IntArray              # column of every uncertain cell (sorted)
    lo: FloatArray
    width: FloatArray
    starts: IntArray            # first cell of each column that has cells
    present: IntArray           # those columns
    slices: tuple[slice, ...]   # cells of each present column
    kmin: FloatArray            # known extremes per column (+-inf when none)
    kmax: FloatArray
    ksq: FloatArray             # sum of squares of the known (uncentred) values


def _layout(im: IntervalMatrix, dtype: type[np.floating] = np.float64) -> _Layout:
    """Split the matrix into its known part and its uncertain cells (``dtype`` for scoring)."""
    unc = im.uncertain
    centre = 0.5 * (im.low.min(axis=0) + im.high.max(axis=0))
    cols, rows = np.nonzero(unc.T)
    present, starts = np.unique(cols, return_index=True)
    ends = [*starts[1:].tolist(), rows.size] if starts.size else []
    slices = tuple(slice(int(a), int(b)) for a, b in zip(starts, ends, strict=True))
    return _Layout(
        np.where(unc, 0.0, im.point - centre).astype(dtype), centre.astype(dtype), rows, cols,
        im.low[rows, cols],
        im.high[rows, cols] - im.low[rows, cols], starts, present, slices,
        np.where(unc, np.inf, im.point).min(axis=0).astype(dtype),
        np.where(unc, -np.inf, im.point).max(axis=0).astype(dtype),
        np.where(unc, 0.0, im.point * im.point).sum(axis=0).astype(dtype),
    )


def _draw(lay: _Layout, rng: np.random.Generator, size: int,
          dtype: type[np.floating] = np.float64) -> NDArray[np.floating]:
    """Uncertain cells of ``size`` worlds, uniform inside their bounds (cells x worlds)."""
    vals = rng.random((lay.rows.size, size), dtype=dtype)
    vals *= lay.width[:, None].astype(dtype)
    vals += lay.lo[:, None].astype(dtype)
    return vals


def _scales(lay: _Layout, vals: NDArray[np.floating], normalization: Normalization
            ) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Per column and world: normalisation scale, column minimum and maximum (uncentred)."""
    size = vals.shape[1]
    cmin = np.repeat(lay.kmin[:, None], size, axis=1)
    cmax = np.repeat(lay.kmax[:, None], size, axis=1)
    for j, sl in zip(lay.present, lay.slices, strict=True):
        block = vals[sl]  # contiguous rows: per-slice reductions beat reduceat on axis 0
        np.minimum(cmin[j], block.min(axis=0), out=cmin[j])
        np.maximum(cmax[j], block.max(axis=0), out=cmax[j])
    if normalization == "minmax":
        scale = cmax - cmin
    elif normalization == "vector":
        sq = np.repeat(lay.ksq[:, None], size, axis=1)
        for j, sl in zip(lay.present, lay.slices, strict=True):
            sq[j] += np.einsum("ij,ij->j", vals[sl], vals[sl])
        scale = np.sqrt(sq)
    else:
        scale = cmax.copy()
    return np.where(cmax == cmin, 0.0, scale), cmin, cmax


def _columns(lay: _Layout, vals: NDArray[np.floating]
             ) -> Iterator[tuple[int, IntArray, NDArray[np.floating]]]:
    """Per column with uncertain cells: its index, their rows and their centred values.

    Working column by column keeps each block (cells of one column x worlds) in cache and
    broadcasts the column's per-world coefficients instead of gathering them per cell; a
    column holds each alternative at most once, so fancy-index adds are exact.
    """
    for j, sl in zip(lay.present, lay.slices, strict=True):
        yield int(j), lay.rows[sl], vals[sl] - lay.centre[j]


def _world_keys(lay: _Layout, vals: NDArray[np.floating], w: FloatArray, t: NDArray[np.int8],
                spec: MethodSpec, normalization: Normalization,
                blas: AbstractContextManager[object] | None = None) -> AnyFloatArray:
    """Ascending-is-better keys of a chunk of worlds (worlds x alts), vectorised.

    Uses the method's :attr:`~metrics.methods.registry.MethodSpec.world_keys`. ``blas`` (a
    lock shared by the worker threads) serialises the matrix products: two threaded BLAS
    calls at once oversubscribe the cores.
    """
    if spec.world_keys is None:
        raise ScoringError(f"{spec.name} has no vectorised world scoring")
    scale, cmin, cmax = _scales(lay, vals, normalization)
    inv = np.divide(1.0, scale, out=np.zeros_like(scale), where=scale > 0)
    return spec.world_keys(lay.base, _columns(lay, vals), w.astype(vals.dtype), t,
                           inv=inv, cmin=cmin, cmax=cmax, centre=lay.centre,
                           gate=blas if blas is not None else nullcontext())


def _keys_loop(im: IntervalMatrix, lay: _Layout, vals: NDArray[np.floating], w: FloatArray,
               t: NDArray[np.int8], spec: MethodSpec, normalization: Normalization,
               params: dict[str, Any]) -> FloatArray:
    """Ascending-is-better keys with the plain method, one world at a time."""
    out = np.empty((w.shape[0], im.shape[0]))
    world = im.point.copy()
    sign = -1.0 if spec.higher_is_better else 1.0
    for s in range(w.shape[0]):
        world[lay.rows, lay.cols] = vals[:, s]
        out[s] = sign * spec.score(world, t, w[s], normalization=normalization,
                                   on_constant="ignore", **params).scores
    return out


def joint_acceptability(
    im: IntervalMatrix, types: Sequence[str | int] | ArrayLike,
    weights: ArrayLike | None = None, *, rng: np.random.Generator, samples: int = 10_000,
    concentration: float | None = None, fixed_weights: bool = False, method: str = DEFAULT_METHOD,
    normalization: Normalization | None = None, level: float = 0.95, chunk: int = 500,
    workers: int = 2, v: float = 0.5, indifference: ArrayLike | None = None,
    preference: ArrayLike | None = None, dtype: type[np.floating] = np.float32,
    seen: bool = False,
) -> JointAcceptability:
    """SMAA-2 rank acceptability with weights and uncertain values sampled jointly.

    Parameters
    ----------
    im
        The interval decision matrix.
    types
        ``"+"``/``"-"`` per criterion.
    weights
        The given weights (centre of the Dirichlet; the fixed weights with ``fixed_weights``).
    rng
        Seeded generator; results depend on it and on ``chunk``, not on ``workers``. It
        draws the weights and one seed per chunk; each chunk's cells come from an SFC64
        generator with that seed (faster than PCG64 for the many uniforms).
    samples
        Number of worlds.
    concentration
        ``None``: weights uniform on the simplex; ``c``: Dirichlet(c * n * w) around
        ``weights``.
    fixed_weights
        Keep the weights fixed and sample the data only.
    method, normalization
        As in :func:`metrics.uncertain.rank_intervals`.
    level
        Confidence level of the Wilson intervals.
    chunk
        Worlds scored at once (memory ~ ``chunk * alternatives`` floats per array).
    workers
        Threads scoring chunks (WSM and TOPSIS).
    v, indifference, preference
        VIKOR and PROMETHEE options.
    dtype
        Precision of WSM/TOPSIS scoring (single by default, as
        :func:`metrics.robustness.rank_acceptability`; ``numpy.float64`` reproduces the plain
        methods' order exactly).
    seen
        Also keep each alternative's best and worst competition rank over the worlds
        (:attr:`JointAcceptability.seen_best` / ``seen_worst``).

    Returns
    -------
    JointAcceptability
        Acceptability matrix, sample count and Wilson bands.

    References
    ----------
    Lahdelma & Salminen (2001); Wilson (1927) — see the module docstring.
    """
    if dtype not in (np.float32, np.float64):
        raise ScoringError("dtype must be numpy.float32 or numpy.float64")
    if samples < 1 or chunk < 1:
        raise ScoringError("samples and chunk must be >= 1")
    if not 0.0 < level < 1.0:
        raise ScoringError("level must lie in (0, 1)")
    spec = get_method(method)
    m, n = im.shape
    t = parse_types(types, n)
    w0 = as_weights(weights, n)
    norm = spec.normalization(normalization)
    if spec.normalizes and norm != "minmax" and (im.low < 0).any():
        raise ScoringError(f"{norm} normalisation needs non-negative values; use 'minmax'")
    params = spec.options(v=v, indifference=indifference, preference=preference)
    if fixed_weights:
        w_all = np.tile(w0, (samples, 1))
    else:
        base = None if weights is None else w0
        w_all = sample_weights(rng, base, n, samples, concentration=concentration)
    starts = list(range(0, samples, chunk))
    seeds = rng.integers(0, 2**63 - 1, size=len(starts))
    fast = spec.world_keys is not None
    lay = _layout(im, dtype if fast else np.float64)
    positions = np.arange(m, dtype=np.int64)
    blas = threading.Lock()
    rtol = TIE_RTOL[dtype if fast else np.float64]

    def count(k: int) -> tuple[IntArray, IntArray | None, IntArray | None]:
        w = w_all[starts[k]:starts[k] + chunk]
        vals = _draw(lay, np.random.Generator(np.random.SFC64(int(seeds[k]))), w.shape[0],
                     dtype if fast else np.float64)
        if fast:
            keys = _world_keys(lay, vals, w, t, spec, norm, blas)
        else:
            keys = _keys_loop(im, lay, vals, w, t, spec, norm, params)
        order = np.argsort(keys, axis=1)
        best, worst = _seen_ranks(keys, order, rtol) if seen else (None, None)
        return np.bincount((order * m + positions).ravel(), minlength=m * m), best, worst

    total = np.zeros(m * m, dtype=np.int64)
    seen_best = np.full(m, m, dtype=np.int64)
    seen_worst = np.ones(m, dtype=np.int64)

    def add(part: tuple[IntArray, IntArray | None, IntArray | None]) -> None:
        np.add(total, part[0], out=total)
        if part[1] is not None and part[2] is not None:
            np.minimum(seen_best, part[1], out=seen_best)
            np.maximum(seen_worst, part[2], out=seen_worst)

    jobs = range(len(starts))
    if workers > 1 and fast and len(starts) > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for part in pool.map(count, jobs):
                add(part)
    else:
        for part in map(count, jobs):
            add(part)
    return JointAcceptability(total.reshape(m, m) / samples, samples, level,
                              seen_best if seen else None, seen_worst if seen else None)
