"""How much a ranking depends on the weights: stability intervals and rank acceptability."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from metrics._batch import batch_order_keys, batch_scores, single_scores
from metrics._validate import check_problem
from metrics.errors import ScoringError
from metrics.methods.normalize import Normalization, OnConstant, normalize
from metrics.methods.registry import DEFAULT_METHOD, get_method

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A validated problem with its normalised matrix, ready for repeated scoring."""

    x: FloatArray
    types: NDArray[np.int8]
    weights: FloatArray
    n: FloatArray
    method: str


def prepare(matrix: ArrayLike, types: Sequence[str | int] | ArrayLike,
            weights: ArrayLike | None, *, method: str, normalization: Normalization | None,
            on_constant: OnConstant) -> Prepared:
    """Validate and normalise once, as the method's registry entry says.

    ``normalization`` applies only to methods that normalise; the others get the matrix
    their batch scorer needs (min-max).
    """
    spec = get_method(method)
    x, t, w = check_problem(matrix, types, weights)
    n, _ = normalize(x, t, method=spec.normalization(normalization), on_constant=on_constant)
    return Prepared(x, t, w, n, spec.name)


def reweight(w: FloatArray, j: int, value: float) -> FloatArray:
    """Set weight ``j`` to ``value`` and rescale the others proportionally to keep sum 1.

    When every other weight is zero they share ``1 - value`` equally.
    """
    rest = 1.0 - w[j]
    if rest > 1e-15:
        out = w * ((1.0 - value) / rest)
    else:
        out = np.full_like(w, (1.0 - value) / max(w.size - 1, 1))
    out[j] = value
    return np.asarray(out, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class WeightInterval:
    """Range of one criterion's weight over which the first-ranked alternative is unchanged.

    The other weights are rescaled proportionally. ``low``/``high`` are accurate to ``tol``.
    """

    criterion: int
    weight: float
    low: float
    high: float
    top: int


def _top(scores: NDArray[np.floating]) -> NDArray[np.int64]:
    return np.asarray(np.argmax(scores, axis=-1), dtype=np.int64)


def _bisect(p: Prepared, j: int, inside: float, outside: float, top: int, tol: float) -> float:
    while abs(outside - inside) > tol:
        mid = 0.5 * (inside + outside)
        s = single_scores(p.n, reweight(p.weights, j, mid), p.method, x=p.x, types=p.types)
        if int(np.argmax(s)) == top:
            inside = mid
        else:
            outside = mid
    return inside


def weight_intervals(
    matrix: ArrayLike, types: Sequence[str | int] | ArrayLike, weights: ArrayLike | None = None,
    *, method: str = DEFAULT_METHOD, normalization: Normalization | None = None, grid: int = 201,
    tol: float = 1e-6, on_constant: OnConstant = "ignore",
) -> tuple[WeightInterval, ...]:
    """For each weight, the interval over which the top-ranked alternative does not change.

    Weight j is moved over [0, 1] while the other weights keep their proportions. A grid of
    ``grid`` points (all scored at once) brackets each break point, then bisection narrows it
    to ``tol``. Changes narrower than the grid spacing away from the current weight may be
    missed; the interval returned is always the connected one around the current weight.

    Parameters
    ----------
    matrix, types, weights
        The decision problem (see :func:`metrics._validate.check_problem`).
    method
        A name of :data:`metrics.methods.registry.METHODS`.
    normalization
        For the methods that normalise; the registry default when ``None``.
    grid
        Number of grid points on [0, 1].
    tol
        Bisection tolerance on the weight.
    on_constant
        Policy for criteria equal for every alternative.

    Returns
    -------
    tuple of WeightInterval
        One per criterion.

    References
    ----------
    Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis approach for some
    deterministic multi-criteria decision-making methods. *Decision Sciences* 28(1), 151–194.
    """
    if grid < 3:
        raise ScoringError("grid must have at least 3 points")
    p = prepare(matrix, types, weights, method=method, normalization=normalization,
                on_constant=on_constant)
    top = int(np.argmax(single_scores(p.n, p.weights, p.method, x=p.x, types=p.types)))
    out = []
    for j in range(p.weights.size):
        wj = float(p.weights[j])
        ts = np.union1d(np.linspace(0.0, 1.0, grid), [wj])
        tops = _top(batch_scores(p.n, np.array([reweight(p.weights, j, t) for t in ts]),
                                 p.method, x=p.x, types=p.types))
        k = int(np.searchsorted(ts, wj))
        lo_k, hi_k = k, k
        while lo_k > 0 and tops[lo_k - 1] == top:
            lo_k -= 1
        while hi_k < ts.size - 1 and tops[hi_k + 1] == top:
            hi_k += 1
        low = 0.0 if lo_k == 0 else _bisect(p, j, ts[lo_k], ts[lo_k - 1], top, tol)
        high = 1.0 if hi_k == ts.size - 1 else _bisect(p, j, ts[hi_k], ts[hi_k + 1], top, tol)
        out.append(WeightInterval(j, wj, float(low), float(high), top))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Acceptability:
    """SMAA rank acceptability: share of sampled weightings giving each alternative each rank.

    Attributes
    ----------
    acceptability
        Alternatives x ranks; ``acceptability[i, r]`` = share of samples where alternative i
        takes rank r + 1. Rows and columns sum to 1.
    samples
        Number of weight vectors sampled.
    """

    acceptability: FloatArray
    samples: int

    @property
    def first(self) -> FloatArray:
        """Share of samples in which each alternative ranks first."""
        return self.acceptability[:, 0]


def sample_weights(rng: np.random.Generator, weights: FloatArray | None, n: int, size: int, *,
                   concentration: float | None) -> FloatArray:
    """Weights uniform on the simplex, or Dirichlet with mean ``weights``.

    ``concentration`` c gives Dirichlet(c * n * w): larger is tighter around ``weights``;
    criteria with zero weight stay at zero.
    """
    if concentration is None or weights is None:
        return rng.dirichlet(np.ones(n), size)
    if concentration <= 0:
        raise ScoringError("concentration must be > 0")
    out = np.zeros((size, n))
    pos = weights > 0
    out[:, pos] = rng.dirichlet(concentration * n * weights[pos], size)
    return out


def rank_acceptability(
    matrix: ArrayLike, types: Sequence[str | int] | ArrayLike, weights: ArrayLike | None = None,
    *, rng: np.random.Generator, samples: int = 10_000, concentration: float | None = None,
    method: str = DEFAULT_METHOD, normalization: Normalization | None = None,
    on_constant: OnConstant = "ignore", chunk: int = 1_000, workers: int = 2,
) -> Acceptability:
    """Stochastic multicriteria acceptability analysis (SMAA-2) of the ranks.

    Weights are drawn uniformly on the simplex (``concentration=None``, no preference
    information) or from a Dirichlet centred on ``weights``. Methods whose registry entry has
    ``order_keys`` score all samples of a chunk with matrix products (see
    :func:`metrics._batch.batch_order_keys`), in single precision.

    Parameters
    ----------
    matrix, types, weights
        The decision problem.
    rng
        Seeded random generator (results are reproducible for a given seed).
    samples
        Number of weight vectors.
    concentration
        Spread around ``weights``; ``None`` samples uniformly.
    method, normalization, on_constant
        As in :func:`weight_intervals`.
    chunk
        Samples scored at once (memory: ``chunk * alternatives`` floats).
    workers
        Threads scoring chunks in parallel (numpy releases the GIL while sorting); the
        weights are drawn before, so results do not depend on it.

    Returns
    -------
    Acceptability
        The rank acceptability matrix.

    References
    ----------
    Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability
    analysis for group decision making. *Operations Research* 49(3), 444–454.
    """
    if samples < 1:
        raise ScoringError("samples must be >= 1")
    p = prepare(matrix, types, weights, method=method, normalization=normalization,
                on_constant=on_constant)
    m, n = p.n.shape
    base = None if weights is None else p.weights
    w_all = sample_weights(rng, base, n, samples, concentration=concentration)
    positions = np.arange(m, dtype=np.int64)

    def count(start: int) -> NDArray[np.int64]:
        keys = batch_order_keys(p.n, w_all[start:start + chunk], p.method, x=p.x,
                                types=p.types)
        order = np.argsort(keys, axis=1)
        return np.bincount((order * m + positions).ravel(), minlength=m * m)

    starts = range(0, samples, chunk)
    if workers > 1 and get_method(p.method).order_keys is not None:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            counts = sum(pool.map(count, starts), start=np.zeros(m * m, dtype=np.int64))
    else:
        counts = sum(map(count, starts), start=np.zeros(m * m, dtype=np.int64))
    return Acceptability(counts.reshape(m, m) / samples, samples)
