"""The catalog under incomplete data: park facts to intervals, three-way must-haves, bill ranges.

:func:`evaluate_uncertain` adds to :func:`metrics.score.evaluate_catalog` (weights-free, cache
it per brief) what every site's data allows; :func:`rank_uncertain` ranks it under weights and
a method with rank and score intervals (cheap, run per weight change).

Cells, per site and criterion (``None`` = unknown, bounded later by the ``unknown`` policy):

* a park fact (quay distance, grid capacity; free land and port draught less the brief's need)
  gives :meth:`sites.model.Fact.interval`: ``[v, v]`` for a value, ``[low, high]`` for a range,
  and for a bound ``[v, schema limit]`` with the open end clipped to the peer range (the
  numbers the evaluated parks state for that fact, :mod:`metrics._intervals`);
* the annual bill runs from the sum of its lines' lows to the sum of their highs
  (:func:`metrics.bill.line_bounds`): a price the park has is known, a price it lacks (filled
  from the peers' worst or median, or left unpriced) spans the peers' range, the park's own
  price range or bound bounds its line, and a plant figure given as a range scales the
  quantity. A plant figure that is unknown and has no range cannot be bounded: the bill leaves
  it out and says so (``bill_needs_figure``);
* "needed utilities not confirmed" runs from the utilities the park says it lacks to those it
  does not confirm (the point value counts every unconfirmed one);
* distances, workforce, CO2 and completeness are known or unknown as in the point scoring.

Must-haves have three outcomes (:func:`metrics.uncertain.must_have_status`) judged on the
unclipped intervals: a bound only decides what it states. A fact marked not applicable (an
inland park's port draught) fails its must-have.

The ranked *field* is every site that can still pass (``pass`` or ``undecided``), scored on
the criteria of the point ranking. Cells of a must-have criterion are conditioned on passing
(a land margin is at least 0 in every world the site is in). An undecided site may drop out
of the field, so it never counts as surely ahead of another site (``present`` of
:func:`metrics.uncertain.rank_intervals`); every world is scored with the whole field present.
The point rank and score of each site are today's (:func:`metrics.score.rank_evaluation`, at
the imputed values); each ranked site's cells contain its point values, and its point rank
and score (one world: the sites the point check excludes fail) lie inside its intervals.

:func:`catalog_acceptability` samples the same field jointly in weights and data (SMAA-2,
:func:`metrics.uncertain.joint_acceptability`): "first in 34 % of plausible worlds", with the
sample count, Wilson bands, and the ranks seen in the sampled worlds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from metrics._intervals import Interval, bounded, peer_range
from metrics.bill import (
    FIGURE_OF,
    BillLine,
    PriceSource,
    bill_bounds,
    line_bounds,
    price_pools,
    unbilled_figures,
)
from metrics.brief import MUST_HAVES, Brief
from metrics.criteria import (
    CRITERIA,
    MUST_FACTS,
    DistanceFn,
    land_need,
    needed_utilities,
    not_applicable,
)
from metrics.messages import Message, message
from metrics.methods.normalize import Normalization
from metrics.methods.registry import DEFAULT_METHOD, get_method
from metrics.score import (
    CatalogScore,
    Evaluation,
    SiteEvaluation,
    SiteScore,
    evaluate_catalog,
    rank_evaluation,
    select_criteria,
    unpriced_everywhere,
)
from metrics.uncertain.intervals import RankIntervals, rank_intervals
from metrics.uncertain.matrix import Cell, IntervalMatrix, UnknownPolicy, catalog_matrix
from metrics.uncertain.musthave import Outcome, must_have_status
from metrics.uncertain.smaa import JointAcceptability, joint_acceptability
from metrics.uncertain.voi import CellValue, value_of_information
from sites.model import Park
from sites.prices import QUANTITIES

FloatArray = NDArray[np.float64]

FACT_CRITERIA: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType({
    "land_margin_ha": MUST_FACTS["land"], "draught_margin_m": ("port_max_draught_m",),
    "quay_distance_km": ("quay_distance_km",), "grid_capacity_mw": ("grid_capacity_mw",)})
"""Criteria read from park facts (land: the largest free plot, else free land)."""
_PEERED: Final = frozenset(f for facts in FACT_CRITERIA.values() for f in facts) | frozenset(
    q.park_fact for q in QUANTITIES.values() if q.park_fact)
_NEEDS: Final[Mapping[str, str]] = MappingProxyType(
    {"grid": "peak_mw", "draught": "vessel_draught_m"})


@dataclass(frozen=True, slots=True)
class SiteUncertainty:
    """What one site's data allows (weights-free).

    Attributes
    ----------
    id
        Park id.
    status
        Must-haves: ``"pass"``, ``"fail"`` or ``"undecided"``.
    failing
        Must-haves failed in every world (keys of :data:`metrics.brief.MUST_HAVES`).
    deciding
        Must-haves that an unknown or a straddling range leaves open (empty when a
        must-have fails for sure).
    deciding_facts
        The park facts that would decide them.
    cells
        Criterion -> ``(low, high)`` or ``None`` (unknown), before the unknown policy.
    sources
        Criterion -> what its cell's spread comes from: park facts, price quantities without
        a park price, or plant figures given as ranges.
    bill_low, bill_high
        Bounds of the annual bill (EUR/a), ``None`` when no line is billed.
    """

    id: str
    status: Outcome
    failing: tuple[str, ...]
    deciding: tuple[str, ...]
    deciding_facts: tuple[str, ...]
    cells: Mapping[str, Cell]
    sources: Mapping[str, tuple[str, ...]]
    bill_low: float | None
    bill_high: float | None

    def __post_init__(self) -> None:
        for name in ("cells", "sources"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))


@dataclass(frozen=True)
class UncertainEvaluation:
    """The point evaluation plus every site's :class:`SiteUncertainty` (same order).

    ``thresholds`` holds the must-have threshold of each criterion a must-have constrains
    (land and draught margins 0, grid capacity the peak power); ``warnings`` the plant figures
    the bill needs (``bill_needs_figure``).
    """

    evaluation: Evaluation
    sites: tuple[SiteUncertainty, ...]
    thresholds: Mapping[str, float]
    warnings: tuple[Message, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "thresholds", MappingProxyType(dict(self.thresholds)))


@dataclass(frozen=True, slots=True)
class SiteInterval:
    """One site's point result and its intervals under one brief (what the Find page shows).

    Attributes
    ----------
    id
        Park id.
    must_have_status
        ``"pass"``, ``"fail"`` or ``"undecided"``.
    failing, deciding, deciding_facts
        As in :class:`SiteUncertainty`.
    score, rank
        Today's point score (0..1 utility) and rank (``None`` when the point check fails it).
    best_rank, worst_rank
        Sound rank bounds in the field of sites that can still pass (``None`` for a site
        that fails for sure).
    best_score, worst_score
        Utility bounds (0..1, higher is better), ``None`` likewise.
    annual_bill_eur, annual_bill_eur_low, annual_bill_eur_high
        The point bill and its bounds (EUR/a).
    uncertain
        Criteria of the ranking whose cell is unknown or a range for this site.
    """

    id: str
    must_have_status: Outcome
    failing: tuple[str, ...]
    deciding: tuple[str, ...]
    deciding_facts: tuple[str, ...]
    score: float | None
    rank: int | None
    best_rank: int | None
    worst_rank: int | None
    best_score: float | None
    worst_score: float | None
    annual_bill_eur: float | None
    annual_bill_eur_low: float | None
    annual_bill_eur_high: float | None
    uncertain: tuple[str, ...] = ()


@dataclass(frozen=True)
class UncertainScore:
    """The point ranking with every site's intervals.

    Attributes
    ----------
    result
        Today's :class:`metrics.score.CatalogScore` (unchanged).
    sites
        One :class:`SiteInterval` per site, in ``result.sites`` order.
    criteria
        Criteria of the interval matrix (the point ranking's).
    unknown
        The policy bounding unknown cells.
    exact_scores
        Whether the score bounds are attained (see :mod:`metrics.uncertain.intervals`).
    warnings
        Plant figures the bill needs (``bill_needs_figure``).
    """

    result: CatalogScore
    sites: tuple[SiteInterval, ...]
    criteria: tuple[str, ...]
    unknown: UnknownPolicy
    exact_scores: bool
    warnings: tuple[Message, ...] = ()
    _by_id: Mapping[str, SiteInterval] = field(init=False, repr=False, compare=False,
                                               default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", MappingProxyType({s.id: s for s in self.sites}))

    def site(self, park_id: str) -> SiteInterval:
        """The intervals of one park (``KeyError`` if it was not scored)."""
        return self._by_id[park_id]


@dataclass(frozen=True)
class CatalogProblem:
    """The interval decision problem of the field (sites that can still pass).

    Attributes
    ----------
    ids
        Field rows (park ids).
    criteria
        Columns.
    matrix
        Bounds and points (points: today's imputed values for ranked sites).
    types
        ``"+"``/``"-"`` per criterion.
    weights
        Normalised weights per criterion.
    present
        Rows sure to be in the field (must-haves pass).
    sources
        Per row and column, what the cell's spread comes from (see :class:`SiteUncertainty`).
    """

    ids: tuple[str, ...]
    criteria: tuple[str, ...]
    matrix: IntervalMatrix
    types: str
    weights: FloatArray
    present: NDArray[np.bool_]
    sources: tuple[tuple[tuple[str, ...], ...], ...]


# --- per-site uncertainty ----------------------------------------------------------------------


def evaluate_uncertain(
    catalog: Any, prices: PriceSource, brief: Brief, *, ids: Sequence[str] | None = None,
    distance: DistanceFn | None = None,
    distances: Mapping[str, Mapping[str, float]] | None = None,
    workforce: Mapping[str, float] | None = None, unknown_fails: bool = True,
) -> UncertainEvaluation:
    """:func:`metrics.score.evaluate_catalog` plus what each site's data allows.

    Parameters are those of :func:`metrics.score.evaluate_catalog`.

    Returns
    -------
    UncertainEvaluation
        Weights-free: cache it per brief without weights.
    """
    evaluation = evaluate_catalog(catalog, prices, brief, ids=ids, distance=distance,
                                  distances=distances, workforce=workforce,
                                  unknown_fails=unknown_fails)
    return uncertain_evaluation(evaluation, brief)


def uncertain_evaluation(evaluation: Evaluation, brief: Brief) -> UncertainEvaluation:
    """Cells, must-have outcomes and bill bounds of every site of an evaluation."""
    parks = [r.park for r in evaluation.records]
    peers = {name: peer_range(p.fact(name) for p in parks) for name in sorted(_PEERED)}
    bills = {r.park.id: r.bill for r in evaluation.records}
    pools, nowhere = price_pools(bills), unpriced_everywhere(bills)
    sites = tuple(_site(r, brief, peers, pools, nowhere) for r in evaluation.records)
    warnings = tuple(message("bill_needs_figure", figure=n) for n in unbilled_figures(brief))
    return UncertainEvaluation(evaluation, sites, must_thresholds(brief), warnings)


def must_thresholds(brief: Brief) -> dict[str, float]:
    """The threshold each required must-have puts on a criterion (``land_margin_ha >= 0`` ...)."""
    out: dict[str, float] = {}
    if "land" in brief.must_haves and land_need(brief) is not None:
        out["land_margin_ha"] = 0.0
    if "draught" in brief.must_haves and brief.value("vessel_draught_m") is not None:
        out["draught_margin_m"] = 0.0
    peak = brief.value("peak_mw")
    if "grid" in brief.must_haves and peak is not None:
        out["grid_capacity_mw"] = peak
    return out


def _site(r: SiteEvaluation, brief: Brief, peers: Mapping[str, Interval | None],
          pools: Mapping[str, Interval], nowhere: frozenset[str]) -> SiteUncertainty:
    park = r.park
    kept = [ln for ln in r.bill if ln.item not in nowhere]
    ranges = [line_bounds(ln, brief, pool=pools.get(ln.item),
                          own=_own_price(park, ln, pools, peers)) for ln in kept]
    bill = bill_bounds(ranges)
    cells, sources = _cells(r, brief, peers)
    cells["annual_bill_eur"] = bill
    sources["annual_bill_eur"] = _bill_sources(park, kept, ranges, brief)
    status, failing, deciding, facts = _must(park, brief)
    return SiteUncertainty(park.id, status, failing, deciding, facts, cells, sources,
                           None if bill is None else bill[0], None if bill is None else bill[1])


def _own_price(park: Park, line: BillLine, pools: Mapping[str, Interval],
               peers: Mapping[str, Interval | None]) -> Interval | None:
    """The park's own price of a line when it publishes it as a range or a bound."""
    spec = QUANTITIES.get(line.price_quantity)
    if spec is None or spec.park_fact is None:
        return None
    fact = park.fact(spec.park_fact)
    if not fact.known or (not fact.is_range and fact.qualifier is None):
        return None
    pool = pools.get(line.item)
    peer = peers.get(spec.park_fact)
    around = pool if peer is None else peer if pool is None else (
        min(pool[0], peer[0]), max(pool[1], peer[1]))
    iv = bounded(fact, peer=around)
    return None if iv is None else (max(iv[0], spec.minimum), min(iv[1], spec.maximum))


def _bill_sources(park: Park, lines: Sequence[BillLine],
                  ranges: Sequence[Interval | None], brief: Brief) -> tuple[str, ...]:
    """The park price facts (or price quantities) and plant figures behind the bill's spread."""
    out: list[str] = []
    for line, iv in zip(lines, ranges, strict=True):
        if iv is not None and iv[1] <= iv[0]:
            continue
        fig = brief.figures.get(FIGURE_OF.get(line.price_quantity, ""))
        if fig is not None and fig.low is not None and fig.high is not None \
                and fig.high > fig.low:
            out.append(FIGURE_OF[line.price_quantity])
        if line.status != "priced" or line.unit_price is None or _ranged_price(park, line):
            spec = QUANTITIES.get(line.price_quantity)
            out.append(spec.park_fact if spec and spec.park_fact else line.price_quantity)
    return tuple(dict.fromkeys(out))


def _ranged_price(park: Park, line: BillLine) -> bool:
    spec = QUANTITIES.get(line.price_quantity)
    if spec is None or spec.park_fact is None:
        return False
    fact = park.fact(spec.park_fact)
    return fact.known and (fact.is_range or fact.qualifier is not None)


def _fact_cell(park: Park, names: Sequence[str], peers: Mapping[str, Interval | None],
               *, clip: bool = True) -> tuple[Cell, tuple[str, ...]]:
    """The first known of ``names`` as an interval, and the facts that spread it."""
    for name in names:
        fact = park.fact(name)
        if fact.known:
            iv = bounded(fact, peer=peers.get(name) if clip else None)
            if iv is not None:
                return iv, ((name,) if iv[1] > iv[0] else ())
    return None, tuple(n for n in names if not park.fact(n).resolved) or tuple(names)


def _shifted(cell: Cell, need: float) -> Cell:
    return None if cell is None else (cell[0] - need, cell[1] - need)


def _cells(r: SiteEvaluation, brief: Brief, peers: Mapping[str, Interval | None]
           ) -> tuple[dict[str, Cell], dict[str, tuple[str, ...]]]:
    park = r.park
    cells: dict[str, Cell] = {c: None if v is None else (v, v) for c, v in r.criteria.items()}
    sources: dict[str, tuple[str, ...]] = {}
    needs = {"land_margin_ha": land_need(brief),
             "draught_margin_m": brief.value("vessel_draught_m"),
             "quay_distance_km": 0.0, "grid_capacity_mw": 0.0}
    for criterion, facts in FACT_CRITERIA.items():
        need = needs[criterion]
        if need is None:
            continue
        cell, spread = _fact_cell(park, facts, peers)
        cells[criterion], sources[criterion] = _shifted(cell, need), spread
    flags = {u: park.flag(u) for u in needed_utilities(brief)}
    cells["utilities_missing"] = (float(sum(f is False for f in flags.values())),
                                  float(sum(f is not True for f in flags.values())))
    sources["utilities_missing"] = tuple(u for u, f in flags.items() if f is None)
    return cells, sources


def _must(park: Park, brief: Brief
          ) -> tuple[Outcome, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Three-way must-have outcome of one park with the failing and deciding must-haves."""
    keys: list[str] = []
    row: list[Cell] = []
    limits: list[float] = []
    facts: list[tuple[str, ...]] = []
    for key in (k for k in MUST_HAVES if k in brief.must_haves):
        need = land_need(brief) if key == "land" else brief.value(_NEEDS[key]) \
            if key in _NEEDS else 1.0
        if need is None:
            continue  # unchecked: the brief lacks the plant figure (a warning already says so)
        cell, spread = _must_cell(park, key)
        keys.append(key)
        row.append(cell)
        limits.append(need)
        facts.append(spread)
    if not keys:
        return "pass", (), (), ()
    s = must_have_status([row], at_least=limits)[0]
    open_ = () if s.status == "fail" else s.deciding  # a sure failure needs no more facts
    named = tuple(dict.fromkeys(f for j in open_ for f in facts[j]))
    return s.status, tuple(keys[j] for j in s.failing), tuple(keys[j] for j in open_), named


def _must_cell(park: Park, key: str) -> tuple[Cell, tuple[str, ...]]:
    names = MUST_FACTS[key]
    if not_applicable(park, names):
        return (-math.inf, -math.inf), ()
    if key in ("land", "grid", "draught"):
        return _fact_cell(park, names, {}, clip=False)
    flag = park.flag(names[0])
    return (None, names) if flag is None else ((1.0, 1.0) if flag else (0.0, 0.0), ())


# --- the field's interval problem and its ranking ------------------------------------------------


def catalog_problem(uev: UncertainEvaluation, result: CatalogScore,
                    weights: Mapping[str, float], *,
                    unknown: UnknownPolicy = "peer") -> CatalogProblem | None:
    """The interval matrix of the sites that can still pass, on the point ranking's criteria.

    Parameters
    ----------
    uev
        The uncertain evaluation.
    result
        Its point ranking (:func:`metrics.score.rank_evaluation`).
    weights
        The weights of that ranking (used for the criteria when no site passes today).
    unknown
        ``"peer"`` or ``"threshold"``.

    Returns
    -------
    CatalogProblem or None
        ``None`` when no site can pass or no criterion discriminates among them.
    """
    records = {r.park.id: r for r in uev.evaluation.records}
    rows = [s for s in uev.sites if s.status != "fail"]
    ranked = {s.id: s for s in result.sites if s.rank is not None}
    given = dict(zip(result.criteria_used, result.weights, strict=True)) if ranked else \
        dict(weights)
    criteria = list(result.criteria_used) if ranked else select_criteria(
        [records[s.id] for s in rows], weights)[0]
    if not rows or not criteria:
        return None
    w = np.array([given[c] for c in criteria], dtype=np.float64)
    types = "".join(CRITERIA[c].direction for c in criteria)
    t = np.array([1 if d == "+" else -1 for d in types], dtype=np.int8)
    point = _points(rows, records, ranked, criteria)
    thresholds = np.array([uev.thresholds.get(c, np.nan) for c in criteria])
    filled = catalog_matrix([[s.cells.get(c) for c in criteria] for s in rows], t,
                            points=point, unknown=unknown, thresholds=thresholds,
                            names=criteria)
    lo, hi = _conditioned(filled.low, filled.high, thresholds, t)
    is_ranked = np.array([s.id in ranked for s in rows])[:, None]
    lo = np.where(is_ranked, np.minimum(lo, point), lo)   # today's values stay inside
    hi = np.where(is_ranked, np.maximum(hi, point), hi)
    im = IntervalMatrix(np.clip(point, lo, hi), lo, hi, filled.unknown,
                        ~filled.unknown & (hi > lo))
    sources = tuple(tuple(s.sources.get(c, ()) for c in criteria) for s in rows)
    return CatalogProblem(tuple(s.id for s in rows), tuple(criteria), im, types, w / w.sum(),
                          np.array([s.status == "pass" for s in rows]), sources)


def _points(rows: Sequence[SiteUncertainty], records: Mapping[str, SiteEvaluation],
            ranked: Mapping[str, SiteScore], criteria: Sequence[str]) -> FloatArray:
    """Today's values, unknowns imputed with the worst known value of the ranked sites."""
    x = np.array([[np.nan if (v := records[s.id].criteria[c]) is None else v for c in criteria]
                  for s in rows], dtype=np.float64).reshape(len(rows), len(criteria))
    basis = np.array([s.id in ranked for s in rows])
    for j, c in enumerate(criteria):
        col = x[:, j]
        pool = col[basis & ~np.isnan(col)]
        pool = pool if pool.size else col[~np.isnan(col)]
        worst = (pool.min() if CRITERIA[c].direction == "+" else pool.max()) if pool.size \
            else 0.0
        col[np.isnan(col)] = worst
    return x


def _conditioned(lo: FloatArray, hi: FloatArray, thresholds: FloatArray,
                 t: NDArray[np.int8]) -> tuple[FloatArray, FloatArray]:
    """Cells of must-have criteria limited to the passing side (a benefit ``>= t``)."""
    has = np.isfinite(thresholds) & (t > 0)
    new_lo = np.where(has, np.maximum(lo, np.where(has, thresholds, 0.0)), lo)
    return new_lo, np.maximum(hi, new_lo)


def rank_uncertain(
    uev: UncertainEvaluation, weights: Mapping[str, float], *, method: str = DEFAULT_METHOD,
    normalization: Normalization | None = None, unknown: UnknownPolicy = "peer",
) -> UncertainScore:
    """Today's ranking of an evaluation plus every site's rank, score and bill intervals.

    Parameters
    ----------
    uev
        From :func:`evaluate_uncertain`.
    weights
        Criterion weights (as :func:`metrics.score.rank_evaluation` takes them).
    method, normalization
        As in :func:`metrics.score.rank_evaluation`.
    unknown
        ``"peer"`` (default) or ``"threshold"``: how unknown cells are bounded.

    Returns
    -------
    UncertainScore
        The point result and one :class:`SiteInterval` per site.
    """
    result = rank_evaluation(uev.evaluation, weights, method=method,
                             normalization=normalization)
    problem = catalog_problem(uev, result, weights, unknown=unknown)
    r = None if problem is None else field_intervals(problem, result)
    rows = {} if problem is None else {i: k for k, i in enumerate(problem.ids)}
    info = {s.id: s for s in uev.sites}
    sites = tuple(_interval(s, info[s.id], r, rows.get(s.id), problem) for s in result.sites)
    return UncertainScore(result, sites, () if problem is None else problem.criteria, unknown,
                          True if r is None else r.exact_scores, uev.warnings)


def field_intervals(problem: CatalogProblem, result: CatalogScore) -> RankIntervals:
    """Rank intervals of the field under the result's method and normalisation."""
    spec = get_method(result.method)
    return rank_intervals(problem.matrix, problem.types, problem.weights, method=spec.name,
                          normalization=result.normalization if spec.normalizes else None,
                          on_constant="ignore", present=problem.present)


def _interval(s: SiteScore, u: SiteUncertainty, r: RankIntervals | None, k: int | None,
              problem: CatalogProblem | None) -> SiteInterval:
    bounds: tuple[int | None, int | None, float | None, float | None] = (None,) * 4
    uncertain: tuple[str, ...] = ()
    if r is not None and k is not None and problem is not None:
        ranks = [int(r.best_rank[k]), int(r.worst_rank[k])] + ([s.rank] if s.rank else [])
        scores = [float(r.best_utility[k]), float(r.worst_utility[k])] + (
            [s.score] if s.score is not None else [])
        bounds = (min(ranks), max(ranks), max(scores), min(scores))
        uncertain = tuple(c for j, c in enumerate(problem.criteria)
                          if problem.matrix.uncertain[k, j])
    return SiteInterval(s.id, u.status, u.failing, u.deciding, u.deciding_facts, s.score,
                        s.rank, *bounds, s.annual_bill_eur, u.bill_low, u.bill_high, uncertain)


# --- value of information on the catalog ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CatalogCellValue:
    """The value of learning one uncertain cell of the catalog matrix.

    Attributes
    ----------
    park
        Park id.
    criterion
        Criterion of the cell.
    facts
        What its spread comes from: the park facts to ask for (price quantities where the
        park has no price fact, plant figures given as ranges).
    value
        The effect (:class:`metrics.uncertain.CellValue`; its ``alternative`` and
        ``criterion`` are the field row and column).
    """

    park: str
    criterion: str
    facts: tuple[str, ...]
    value: CellValue


def catalog_value_of_information(
    uev: UncertainEvaluation, weights: Mapping[str, float], *, method: str = DEFAULT_METHOD,
    normalization: Normalization | None = None, unknown: UnknownPolicy = "peer",
    top: int = 3, points: int = 3,
) -> tuple[CatalogCellValue, ...]:
    """Every unknown or range cell of the field, most valuable first.

    The field is the sites that can still pass (the others cannot change the decision); the
    shortlist is the top ``top`` of the field at today's values. See
    :func:`metrics.uncertain.value_of_information` for the effects and their order.

    Returns
    -------
    tuple of CatalogCellValue
        Empty when no site can pass.
    """
    result = rank_evaluation(uev.evaluation, weights, method=method,
                             normalization=normalization)
    problem = catalog_problem(uev, result, weights, unknown=unknown)
    if problem is None:
        return ()
    spec = get_method(result.method)
    cells = value_of_information(
        problem.matrix, problem.types, problem.weights, method=spec.name,
        normalization=result.normalization if spec.normalizes else None,
        on_constant="ignore", top=top, points=points, present=problem.present)
    return tuple(CatalogCellValue(problem.ids[c.alternative], problem.criteria[c.criterion],
                                  problem.sources[c.alternative][c.criterion], c)
                 for c in cells)


# --- rank acceptability under data uncertainty (joint SMAA-2) -----------------------------------

ACCEPTABILITY_SEED: Final = 20261127
"""Seed of the joint sampling (the weight-only SMAA's, :data:`report.analysis.SMAA_SEED`), so
the same scenario always gives the same shares."""
ACCEPTABILITY_CONCENTRATION: Final = 30.0
"""Dirichlet concentration of the sampled weights around the given ones (as the weight-only
robustness analysis of the Compare page)."""


@dataclass(frozen=True, slots=True)
class ParkAcceptability:
    """One field site's shares of the sampled worlds (0..1) with their Wilson bands.

    Attributes
    ----------
    id
        Park id.
    sure
        Whether its must-haves pass for sure (``False``: undecided, counted as passing in
        every world).
    first, first_low, first_high
        Share of worlds in which it ranks first, and the share's confidence band.
    top, top_low, top_high
        Share of worlds in which it ranks among the first :attr:`CatalogAcceptability.top`.
    seen_best, seen_worst
        Best and worst competition rank over the sampled worlds.
    """

    id: str
    sure: bool
    first: float
    first_low: float
    first_high: float
    top: float
    top_low: float
    top_high: float
    seen_best: int
    seen_worst: int


@dataclass(frozen=True)
class CatalogAcceptability:
    """Rank acceptability of the field under data uncertainty (joint SMAA-2).

    Every world draws the weights (Dirichlet around the given ones with ``concentration``;
    uniform on the simplex when ``None``; fixed with ``fixed_weights``) and every unknown or
    range cell of the field uniformly inside its bounds (unknowns bounded by ``unknown``),
    with every site that can still pass in the field (an undecided site counts as passing).

    Attributes
    ----------
    ids
        Field rows (park ids), as :func:`catalog_problem` orders them.
    criteria
        Criteria sampled.
    joint
        Shares of every rank (``joint.acceptability[i, r]``), the sample count and level.
    parks
        One :class:`ParkAcceptability` per row.
    top
        The ``k`` of :attr:`ParkAcceptability.top`.
    method, unknown, concentration, fixed_weights, seed
        How the worlds were drawn and scored.
    """

    ids: tuple[str, ...]
    criteria: tuple[str, ...]
    joint: JointAcceptability
    parks: tuple[ParkAcceptability, ...]
    top: int
    method: str
    unknown: UnknownPolicy
    concentration: float | None
    fixed_weights: bool
    seed: int
    _by_id: Mapping[str, ParkAcceptability] = field(init=False, repr=False, compare=False,
                                                    default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", MappingProxyType({p.id: p for p in self.parks}))

    @property
    def samples(self) -> int:
        """Number of worlds sampled."""
        return self.joint.samples

    @property
    def level(self) -> float:
        """Confidence level of the bands."""
        return self.joint.level

    def park(self, park_id: str) -> ParkAcceptability | None:
        """The shares of one park (``None`` when it fails a must-have for sure)."""
        return self._by_id.get(park_id)


def catalog_acceptability(
    uev: UncertainEvaluation, weights: Mapping[str, float], *, method: str = DEFAULT_METHOD,
    normalization: Normalization | None = None, unknown: UnknownPolicy = "peer",
    samples: int = 10_000, seed: int = ACCEPTABILITY_SEED,
    concentration: float | None = ACCEPTABILITY_CONCENTRATION, fixed_weights: bool = False,
    level: float = 0.95, top: int = 3,
) -> CatalogAcceptability | None:
    """Joint SMAA-2 of the catalog's field: weights and uncertain values sampled together.

    Parameters
    ----------
    uev
        From :func:`evaluate_uncertain`.
    weights, method, normalization, unknown
        As in :func:`rank_uncertain` (the same field, criteria and matrix).
    samples
        Number of worlds.
    seed
        Seed of the generator (the same inputs give the same shares).
    concentration
        Spread of the sampled weights around ``weights`` (``None``: uniform on the simplex).
    fixed_weights
        Sample the data only (the weights stay as given).
    level
        Confidence level of the Wilson bands.
    top
        ``k`` of the "among the first k" share.

    Returns
    -------
    CatalogAcceptability or None
        ``None`` when no site can pass or no criterion discriminates among them. Scored in
        double precision: with ``fixed_weights`` every seen rank lies inside the site's rank
        interval of :func:`rank_uncertain`.

    References
    ----------
    Lahdelma & Salminen (2001), SMAA-2; Wilson (1927) (see :mod:`metrics.uncertain.smaa`).
    """
    result = rank_evaluation(uev.evaluation, weights, method=method,
                             normalization=normalization)
    problem = catalog_problem(uev, result, weights, unknown=unknown)
    if problem is None:
        return None
    spec = get_method(result.method)
    joint = joint_acceptability(
        problem.matrix, problem.types, problem.weights, rng=np.random.default_rng(seed),
        samples=samples, concentration=concentration, fixed_weights=fixed_weights,
        method=spec.name, normalization=result.normalization if spec.normalizes else None,
        level=level, dtype=np.float64, seen=True)
    k = max(1, min(top, len(problem.ids)))
    first_lo, first_hi = joint.first_band
    top_share = joint.top(k)
    top_lo, top_hi = joint.top_band(k)
    seen_best, seen_worst = joint.seen_best, joint.seen_worst
    assert seen_best is not None and seen_worst is not None  # asked for with seen=True
    parks = tuple(ParkAcceptability(
        park, bool(problem.present[i]), float(joint.first[i]), float(first_lo[i]),
        float(first_hi[i]), float(top_share[i]), float(top_lo[i]), float(top_hi[i]),
        int(seen_best[i]), int(seen_worst[i])) for i, park in enumerate(problem.ids))
    return CatalogAcceptability(problem.ids, problem.criteria, joint, parks, k, spec.name,
                                unknown, None if fixed_weights else concentration,
                                fixed_weights, seed)
