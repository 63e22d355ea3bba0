"""Benchmarking for park managers: percentiles within a peer group and gap-to-lead."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from numpy.typing import ArrayLike, NDArray

from metrics._batch import single_scores
from metrics._validate import parse_types
from metrics.errors import ScoringError
from metrics.messages import Message, message
from metrics.methods.normalize import Normalization, OnConstant
from metrics.methods.registry import DEFAULT_METHOD
from metrics.robustness import Prepared, prepare

FloatArray = NDArray[np.float64]


def percentiles(values: ArrayLike, types: Sequence[str | int] | ArrayLike, target: int,
                peers: ArrayLike | None = None) -> tuple[float | None, ...]:
    """Percentile of alternative ``target`` on each criterion within a peer group.

    The percentile is the mid-rank share of known peers the target does better than:
    ``100 * (worse + 0.5 * tied) / known`` with the target itself excluded, direction-aware
    (for a cost, lower is better). Unknown values (NaN) are left out; a criterion the target
    does not know, or no peer knows, gives ``None``.

    Parameters
    ----------
    values
        Alternatives x criteria; NaN marks an unknown value.
    types
        ``"+"`` (benefit) or ``"-"`` (cost) per criterion.
    target
        Row index of the park.
    peers
        Row indices of the peer group (the target may be among them); all rows when ``None``.

    Returns
    -------
    tuple
        One percentile in [0, 100] or ``None`` per criterion.

    References
    ----------
    Hazen, A. (1914). Storage to be provided in impounding reservoirs for municipal water
    supply. *Transactions ASCE* 77, 1539–1669 (mid-rank plotting position).
    """
    x = np.asarray(values, dtype=np.float64)
    if x.ndim != 2:
        raise ScoringError("values must be 2-D (alternatives x criteria)")
    t = parse_types(types, x.shape[1]).astype(np.float64)
    if not 0 <= target < x.shape[0]:
        raise ScoringError(f"target row {target} out of range")
    idx = np.arange(x.shape[0]) if peers is None else np.unique(np.asarray(peers, dtype=np.int64))
    idx = idx[idx != target]
    out: list[float | None] = []
    for j in range(x.shape[1]):
        own, others = x[target, j], x[idx, j]
        others = others[np.isfinite(others)]
        if not np.isfinite(own) or others.size == 0:
            out.append(None)
            continue
        better = (own - others) * t[j]
        out.append(float(100.0 * ((better > 0).sum() + 0.5 * (better == 0).sum()) / others.size))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Gap:
    """The change of one criterion that lifts the target to first place.

    Attributes
    ----------
    criterion
        Column index.
    current, needed
        The target's value now and the value needed (``needed`` is ``None`` when no value
        within the search range makes the target first).
    change
        ``needed - current`` in the criterion's unit (``None`` as above).
    within_observed
        Whether ``needed`` lies inside the range other alternatives already reach.
    normalised_change
        The size of the change on the scale the score uses, unit-free: the change of the
        normalised value, ``|change| * |a_j|`` for the method's normalisation
        ``n = a_j x + b_j`` -- for min-max simply ``|change| / (max - min)``, the change
        divided by the column's range. Comparable across criteria (EUR against km);
        ``None`` when no change suffices.
    """

    criterion: int
    current: float
    needed: float | None
    change: float | None
    within_observed: bool
    normalised_change: float | None = None


def _normalised_size(p: Prepared, j: int, change: float) -> float:
    """``|change|`` on column j's normalised scale: ``|change| * ptp(n_j) / ptp(x_j)``.

    Normalisations are linear per column, so this is the change of the normalised value (for
    min-max: ``|change| / (max - min)``). A constant column (range 0) falls back to the change
    relative to the current value's magnitude.
    """
    span = float(np.ptp(p.x[:, j]))
    if span <= 0:
        return abs(change) / max(abs(float(p.x[0, j])), 1.0)
    scale = float(np.ptp(p.n[:, j])) / span
    return abs(change) * (scale if scale > 0 else 1.0 / span)


def _is_first(p_args: dict[str, object], x: FloatArray, target: int) -> bool:
    p = prepare(x, **p_args)  # type: ignore[arg-type]
    s = single_scores(p.n, p.weights, p.method, x=p.x, types=p.types)
    return bool(s[target] >= s.max() - 1e-12 * max(1.0, abs(float(s.max()))))


def gap_to_lead(
    matrix: ArrayLike, types: Sequence[str | int] | ArrayLike, weights: ArrayLike | None,
    target: int, *, method: str = DEFAULT_METHOD, normalization: Normalization | None = None,
    reach: float = 1.0, tol: float = 1e-6, on_constant: OnConstant = "ignore",
) -> tuple[Gap, ...]:
    """Smallest single-criterion change that lifts ``target`` to rank 1, criterion by criterion.

    For each criterion the target's value is improved (raised for a benefit, lowered for a
    cost) from its current value up to the column's best value plus ``reach`` times the
    column's range (never below zero for a non-negative cost column); the scores are
    recomputed, normalisation included, and the first value giving rank 1 is found by
    bisection to ``tol`` of the range. Ties at the top count as first.

    Parameters
    ----------
    matrix, types, weights
        The decision problem.
    target
        Row index of the park.
    method, normalization, on_constant
        As in :func:`metrics.robustness.weight_intervals`.
    reach
        How far beyond the best observed value to search, in column ranges.
    tol
        Relative precision of the needed value.

    Returns
    -------
    tuple of Gap
        One per criterion; ``needed is None`` states that no change of that criterion alone can
        lift the target to first place. An already first target gets zero changes. Compare
        gaps across criteria by ``normalised_change``, never by ``change``.

    References
    ----------
    Wolters, W. T. M., & Mareschal, B. (1995). Novel types of sensitivity analysis for
    additive MCDM methods. *European Journal of Operational Research* 81(2), 281–290.
    """
    args: dict[str, object] = {"types": types, "weights": weights, "method": method,
                               "normalization": normalization, "on_constant": on_constant}
    p = prepare(matrix, **args)  # type: ignore[arg-type]
    x, t = p.x, p.types
    if not 0 <= target < x.shape[0]:
        raise ScoringError(f"target row {target} out of range")
    gaps = []
    first_now = _is_first(args, x, target)
    for j in range(x.shape[1]):
        cur = float(x[target, j])
        col = x[:, j]
        lo, hi = float(col.min()), float(col.max())
        span = max(hi - lo, abs(cur), 1.0)
        if first_now:
            gaps.append(Gap(j, cur, cur, 0.0, True, 0.0))
            continue
        limit = hi + reach * span if t[j] > 0 else lo - reach * span
        if t[j] < 0 and lo >= 0:
            limit = max(limit, 0.0)

        def first_at(value: float, j: int = j) -> bool:
            trial = x.copy()
            trial[target, j] = value
            return _is_first(args, trial, target)

        if not first_at(limit):
            gaps.append(Gap(j, cur, None, None, False))
            continue
        good, bad = limit, cur
        while abs(good - bad) > tol * span:
            mid = 0.5 * (good + bad)
            good, bad = (mid, bad) if first_at(mid) else (good, mid)
        gaps.append(Gap(j, cur, good, good - cur, lo <= good <= hi,
                        _normalised_size(p, j, good - cur)))
    return tuple(gaps)


def smallest_gaps(gaps: Mapping[str, Gap]) -> list[tuple[str, Gap]]:
    """Gaps that lift the park to first place, smallest normalised change first."""
    possible = [(name, g) for name, g in gaps.items()
                if g.change is not None and g.normalised_change is not None]
    return sorted(possible, key=lambda item: (item[1].normalised_change or 0.0, item[0]))


@dataclass(frozen=True, slots=True)
class ParkBenchmark:
    """A park against its peers under one brief.

    Attributes
    ----------
    park_id
        The park.
    peers
        Peer ids (the park excluded).
    percentiles
        ``{criterion: percentile or None}`` over all peers with a known value.
    gaps
        ``{criterion: Gap}`` to first place among passing sites (empty when the park fails a
        must-have, see ``statement``).
    statement
        A message: ``bench_first``, ``bench_smallest`` (the smallest single change on the
        normalised scale), ``bench_no_single``, ``bench_no_criteria`` or ``bench_fails``
        (the failed must-haves are in ``reasons``).
    reasons
        The park's failed must-haves (messages).
    """

    park_id: str
    peers: tuple[str, ...]
    percentiles: Mapping[str, float | None]
    gaps: Mapping[str, Gap]
    statement: Message
    reasons: tuple[Message, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "percentiles", MappingProxyType(dict(self.percentiles)))
        object.__setattr__(self, "gaps", MappingProxyType(dict(self.gaps)))


def benchmark_park(result: object, park_id: str, *, peers: str | Sequence[str] = "europe",
                   catalog: object | None = None, method: str | None = None) -> ParkBenchmark:
    """Percentiles within a peer group and gap-to-lead for one park of a scored catalog.

    Parameters
    ----------
    result
        A :class:`metrics.score.CatalogScore`.
    park_id
        The park to benchmark.
    peers
        ``"finland"``, ``"nordics"``, ``"europe"`` (needs ``catalog``) or explicit ids.
    catalog
        The :class:`sites.Catalog` for named peer groups.
    method
        Method for the gap (the result's method by default).

    Returns
    -------
    ParkBenchmark
        Percentiles per criterion used, gaps and a plain-words statement.
    """
    from metrics.criteria import CRITERIA
    from metrics.score import CatalogScore

    if not isinstance(result, CatalogScore):
        raise ScoringError("benchmark_park needs a CatalogScore from score_catalog")
    sites = {s.id: s for s in result.sites}
    if park_id not in sites:
        raise ScoringError(f"park {park_id!r} is not in the scored catalog")
    if isinstance(peers, str):
        if catalog is None:
            raise ScoringError("a named peer group needs the catalog")
        try:
            group = tuple(catalog.peer_ids(peers))  # type: ignore[attr-defined]
        except ValueError as exc:
            raise ScoringError(str(exc)) from None
    else:
        group = tuple(peers)
    ids = [park_id] + [i for i in group if i != park_id and i in sites]
    names = list(result.criteria_used) or [c for c in CRITERIA if c in sites[park_id].criteria]
    values = np.array([[np.nan if sites[i].criteria.get(c) is None else sites[i].criteria[c]
                        for c in names] for i in ids], dtype=np.float64)
    types = "".join(CRITERIA[c].direction for c in names)
    pct = dict(zip(names, percentiles(values, types, 0), strict=True)) if names else {}
    site = sites[park_id]
    if not site.passes:
        return ParkBenchmark(park_id, tuple(ids[1:]), pct, {},
                             message("bench_fails", count=len(site.reasons)), site.reasons)
    ranked_ids, x, t = result.decision_matrix()
    if not ranked_ids or not result.criteria_used:
        return ParkBenchmark(park_id, tuple(ids[1:]), pct, {}, message("bench_no_criteria"))
    row = ranked_ids.index(park_id)
    gaps = gap_to_lead(x, t, result.weights, row, method=method or result.method,
                       normalization=result.normalization)
    by_name = {result.criteria_used[g.criterion]: g for g in gaps}
    return ParkBenchmark(park_id, tuple(ids[1:]), pct, by_name,
                         _statement(by_name, first=site.rank == 1))


def _statement(gaps: Mapping[str, Gap], *, first: bool) -> Message:
    from metrics.criteria import CRITERIA

    if first:
        return message("bench_first")
    ordered = smallest_gaps(gaps)
    if not ordered:
        return message("bench_no_single")
    name, g = ordered[0]
    return message("bench_smallest", criterion=name, current=g.current,
                   needed=g.needed if g.needed is not None else g.current,
                   unit=CRITERIA[name].unit)
