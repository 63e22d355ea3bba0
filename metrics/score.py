"""Score a catalog against a brief: must-haves, bill, criteria, method, ranks, explanations."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from metrics.bill import BillLine, PriceSource, bill_total, catalog_bills, unbilled_figures
from metrics.brief import Brief
from metrics.criteria import (
    CRITERIA,
    DistanceFn,
    must_have_checks,
    site_criteria,
    unchecked_must_haves,
)
from metrics.errors import BriefError
from metrics.messages import Message, message
from metrics.methods.normalize import Normalization
from metrics.methods.registry import DEFAULT_METHOD, get_method
from sites.model import Park
from sites.prices import PriceQuote

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, slots=True)
class SiteScore:
    """Everything the dashboard shows for one site under one brief.

    ``score`` is the method's utility: 0..1, higher is better, for every method (see
    :mod:`metrics.methods.registry`); ``raw_score`` is the method's own output (TOPSIS
    closeness, VIKOR Q, PROMETHEE net flow...). ``reasons`` (failed must-haves) and
    ``unconfirmed`` (must-haves let through although the park's fact is unknown, lenient
    checking) are :class:`metrics.messages.Message` codes.
    """

    id: str
    name: str
    country: str
    passes: bool
    reasons: tuple[Message, ...]
    score: float | None
    rank: int | None
    annual_bill_eur: float | None
    bill: tuple[BillLine, ...]
    co2_t: float | None
    criteria: Mapping[str, float | None]
    imputed: tuple[str, ...] = ()
    contributions: Mapping[str, float] = field(default_factory=dict)
    unconfirmed: tuple[Message, ...] = ()
    raw_score: float | None = None

    def __post_init__(self) -> None:
        for name in ("criteria", "contributions"):
            value = getattr(self, name)
            if not isinstance(value, MappingProxyType):
                object.__setattr__(self, name, MappingProxyType(dict(value)))


@dataclass(frozen=True, slots=True)
class CatalogScore:
    """The scored catalog.

    Attributes
    ----------
    sites
        One record per park, best rank first, failing sites last.
    method
        Scoring method (a name of :data:`metrics.methods.registry.METHODS`).
    higher_is_better
        Direction of each site's ``raw_score`` (``score`` is always higher-is-better).
    criteria_used
        Criteria in the decision matrix, in column order; ``weights`` their normalised weights.
    dropped
        Weighted criteria left out: ``(criterion, Message)`` (``dropped_unknown``,
        ``dropped_constant``).
    warnings
        Messages: must-haves that could not be checked, plant figures the bill could not
        price, bill lines no site prices.
    normalization
        Normalisation of the methods that normalise (see the registry).
    """

    sites: tuple[SiteScore, ...]
    method: str
    higher_is_better: bool
    criteria_used: tuple[str, ...]
    weights: tuple[float, ...]
    dropped: tuple[tuple[str, Message], ...]
    warnings: tuple[Message, ...]
    normalization: Normalization = "minmax"

    def decision_matrix(self) -> tuple[tuple[str, ...], NDArray[np.float64], str]:
        """Ids, matrix (passing sites x criteria, imputed values filled) and types string."""
        ranked = [s for s in self.sites if s.rank is not None]
        x = np.array([[np.nan if s.criteria[c] is None else s.criteria[c]
                       for c in self.criteria_used] for s in ranked], dtype=np.float64)
        x = x.reshape(len(ranked), len(self.criteria_used))
        for j, c in enumerate(self.criteria_used):
            col = x[:, j]
            if np.isnan(col).any():  # the worst known value, as when scoring
                known = col[~np.isnan(col)]
                col[np.isnan(col)] = known.min() if CRITERIA[c].direction == "+" else known.max()
        return tuple(s.id for s in ranked), x, \
            "".join(CRITERIA[c].direction for c in self.criteria_used)

    def to_frame(self, *, render: Callable[[Message], str] = str) -> pd.DataFrame:
        """One row per site: id, passes, reasons, score, rank, bill, CO2 and criteria.

        ``render`` turns each reason into text (default: the language-neutral code form).
        """
        import pandas as pd

        rows: list[dict[str, Any]] = []
        for s in self.sites:
            row: dict[str, Any] = {
                "id": s.id, "name": s.name, "country": s.country, "passes": s.passes,
                "reasons": "; ".join(render(r) for r in s.reasons), "score": s.score,
                "rank": s.rank,
                "annual_bill_eur": s.annual_bill_eur, "co2_t": s.co2_t,
                "imputed": ", ".join(s.imputed), "raw_score": s.raw_score,
            }
            row |= {f"c_{k}": v for k, v in s.criteria.items()}
            rows.append(row)
        return pd.DataFrame(rows)


def _co2(prices: PriceSource, park: Park) -> PriceQuote | None:
    q = prices.lookup(park, "co2_intensity")
    return q if isinstance(q, PriceQuote) else None


def score_catalog(
    catalog: Any, prices: PriceSource, brief: Brief, *,
    method: str = DEFAULT_METHOD,
    normalization: Normalization | None = None, ids: Sequence[str] | None = None,
    distance: DistanceFn | None = None,
    distances: Mapping[str, Mapping[str, float]] | None = None,
    workforce: Mapping[str, float] | None = None, unknown_fails: bool = True,
) -> CatalogScore:
    """Check must-haves, price the bill, derive criteria and rank every passing site.

    Parameters
    ----------
    catalog
        A :class:`sites.Catalog` (anything with ``parks``).
    prices
        A :class:`sites.prices.PriceTable`.
    brief
        The investor's brief; its ``weights`` choose the criteria (see
        :data:`metrics.criteria.CRITERIA`).
    method
        A name of :data:`metrics.methods.registry.METHODS` (default: the registry's first).
    normalization
        For the methods that normalise; the registry's default (min-max, because margins
        can be negative) when ``None``.
    ids
        Restrict to these park ids (a peer group); all parks when ``None``.
    distance
        ``(lat1, lon1, lat2, lon2) -> km``; defaults to the geodata geodesic.
    distances
        Precomputed ``{park_id: {"raw_material_km": .., "customer_km": ..}}``.
    workforce
        ``{park_id: persons}`` within commuting distance (e.g. from geodata).
    unknown_fails
        A must-have whose park fact is unknown fails the site (default); when false the site
        passes and the check is listed in ``SiteScore.unconfirmed``.

    Returns
    -------
    CatalogScore
        Sites sorted by rank, failing sites last with their reasons.

    Notes
    -----
    Among passing sites, a criterion unknown for some of them is filled with the worst known
    value (the least favourable assumption) and named in ``SiteScore.imputed``; a criterion
    unknown for all, or equal for all, is dropped and listed in ``dropped``.
    """
    evaluation = evaluate_catalog(catalog, prices, brief, ids=ids, distance=distance,
                                  distances=distances, workforce=workforce,
                                  unknown_fails=unknown_fails)
    return rank_evaluation(evaluation, brief.weights, method=method,
                           normalization=normalization)


@dataclass(frozen=True)
class Evaluation:
    """Bills, criteria and must-have results of every site: everything but the weights.

    Computing it is the slow part of scoring (price lookups, distances); ranking it under new
    weights or another method is fast, so a dashboard caches it per brief-without-weights.
    """

    records: tuple[SiteEvaluation, ...]
    warnings: tuple[Message, ...]


def evaluate_catalog(
    catalog: Any, prices: PriceSource, brief: Brief, *, ids: Sequence[str] | None = None,
    distance: DistanceFn | None = None,
    distances: Mapping[str, Mapping[str, float]] | None = None,
    workforce: Mapping[str, float] | None = None, unknown_fails: bool = True,
) -> Evaluation:
    """Bills, criteria and must-have checks for every park (see :func:`score_catalog`)."""
    parks = tuple(p for p in catalog.parks if ids is None or p.id in set(ids))
    by_id = {p.id: p for p in catalog.parks}
    bills = catalog_bills(prices, parks, brief)
    nowhere = unpriced_everywhere(bills)
    quantity_of = {ln.item: ln.price_quantity for lines in bills.values() for ln in lines}
    records = []
    for park in parks:
        kept = [ln for ln in bills[park.id] if ln.item not in nowhere]
        total = bill_total(kept) if kept else None  # nothing to price is unknown, not zero
        crit = site_criteria(park, brief, bill_eur=total, co2_intensity=_co2(prices, park),
                             parks=by_id, distance=distance,
                             workforce=(workforce or {}).get(park.id),
                             distances=(distances or {}).get(park.id))
        checks = must_have_checks(park, brief)
        reasons = tuple(r for r, unknown in checks if unknown_fails or not unknown)
        unconfirmed = () if unknown_fails else tuple(r for r, unknown in checks if unknown)
        records.append(SiteEvaluation(park, bills[park.id], total,
                                      MappingProxyType(dict(crit)), reasons, unconfirmed))
    warnings = unchecked_must_haves(brief) + tuple(
        message("figure_unbilled", figure=n) for n in unbilled_figures(brief)) + tuple(
        message("line_unpriced", item=item, quantity=quantity_of[item])
        for item in sorted(nowhere))
    return Evaluation(tuple(records), warnings)


def unpriced_everywhere(bills: Mapping[str, Sequence[BillLine]]) -> frozenset[str]:
    """Bill items no site could price (even after the missing-price policy).

    Such a line says nothing about which site is cheaper, so it is left out of every site's
    total alike and reported in the warnings, rather than leaving every total unknown.
    """
    items: dict[str, bool] = {}
    for lines in bills.values():
        for line in lines:
            items[line.item] = items.get(line.item, False) or line.cost_eur is not None
    return frozenset(item for item, priced in items.items() if not priced)


def rank_evaluation(
    evaluation: Evaluation, weights: Mapping[str, float], *,
    method: str = DEFAULT_METHOD,
    normalization: Normalization | None = None,
) -> CatalogScore:
    """Rank the passing sites of an evaluation under ``weights`` with ``method``.

    Each site's ``score`` is the method's utility (0..1, higher is better) and ``raw_score``
    the method's own output.
    """
    spec = get_method(method)
    unknown = [k for k in weights if k not in CRITERIA]
    if unknown:
        raise BriefError(f"unknown criteria in weights: {', '.join(unknown)}; expected "
                         + ", ".join(CRITERIA))
    records = evaluation.records
    passing = [r for r in records if not r.reasons]
    used, dropped = select_criteria(passing, weights)
    w = np.array([weights[c] for c in used], dtype=np.float64)
    scored: dict[str, _Scored] = {}
    if passing and used:
        x, imputed = _matrix(passing, used)
        res = spec.score(x, "".join(CRITERIA[c].direction for c in used), w,
                         normalization=normalization, on_constant="ignore")
        util = spec.utility(res.scores)
        for i, r in enumerate(passing):
            scored[r.park.id] = _Scored(
                float(util[i]), float(res.scores[i]), int(res.ranks[i]),
                {c: float(res.contributions[i, j]) for j, c in enumerate(used)}, imputed[i])
    sites = [_site(r, scored.get(r.park.id)) for r in records]
    sites.sort(key=lambda s: (s.rank is None, s.rank or 0, s.id))
    return CatalogScore(tuple(sites), spec.name, spec.higher_is_better, tuple(used),
                        tuple(float(v) for v in (w / w.sum() if w.size else w)),
                        tuple(dropped), evaluation.warnings, spec.normalization(normalization))


@dataclass(frozen=True, slots=True)
class SiteEvaluation:
    """One park's bill, criteria and must-have results (before ranking)."""

    park: Park
    bill: tuple[BillLine, ...]
    total: float | None
    criteria: Mapping[str, float | None]
    reasons: tuple[Message, ...]
    unconfirmed: tuple[Message, ...] = ()


@dataclass(frozen=True, slots=True)
class _Scored:
    score: float
    raw: float
    rank: int
    contributions: dict[str, float]
    imputed: tuple[str, ...]


def select_criteria(passing: Sequence[SiteEvaluation], weights: Mapping[str, float]
                     ) -> tuple[list[str], list[tuple[str, Message]]]:
    """Weighted criteria that discriminate among passing sites, and the dropped ones."""
    used: list[str] = []
    dropped: list[tuple[str, Message]] = []
    for c in (c for c in CRITERIA if weights.get(c, 0) > 0):
        vals = [r.criteria[c] for r in passing]
        known = [v for v in vals if v is not None]
        if not known:
            dropped.append((c, message("dropped_unknown", criterion=c)))
        elif len(passing) > 1 and min(known) == max(known) and len(known) == len(vals):
            dropped.append((c, message("dropped_constant", criterion=c)))
        else:
            used.append(c)
    return used, dropped


def _matrix(passing: Sequence[SiteEvaluation], used: Sequence[str]
            ) -> tuple[NDArray[np.float64], list[tuple[str, ...]]]:
    """Decision matrix with unknowns set to the worst known value, and what was imputed."""
    x = np.empty((len(passing), len(used)))
    imputed: list[list[str]] = [[] for _ in passing]
    for j, c in enumerate(used):
        known = [v for r in passing if (v := r.criteria[c]) is not None]
        worst = min(known) if CRITERIA[c].direction == "+" else max(known)
        for i, r in enumerate(passing):
            v = r.criteria[c]
            x[i, j] = worst if v is None else v
            if v is None:
                imputed[i].append(c)
    return x, [tuple(i) for i in imputed]


def _site(r: SiteEvaluation, s: _Scored | None) -> SiteScore:
    park = r.park
    return SiteScore(park.id, park.name, park.country, not r.reasons, r.reasons,
                     s.score if s else None, s.rank if s else None, r.total, r.bill,
                     r.criteria["co2_t_a"], r.criteria, s.imputed if s else (),
                     s.contributions if s else {}, r.unconfirmed, s.raw if s else None)
