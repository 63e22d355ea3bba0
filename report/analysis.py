"""Derived tables for charts and reports: normalised criteria, bills by utility, robustness,
and the shortlist under incomplete data (rank and score intervals, joint acceptability)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics import CRITERIA, CatalogScore, rank_acceptability, weight_intervals
from metrics.errors import ScoringError
from metrics.uncertain import CatalogAcceptability, SiteInterval, UncertainScore

SMAA_SEED = 20261127


def normalised_criteria(result: CatalogScore, ids: Sequence[str], *,
                        scale_over: Sequence[str] | None = None) -> pd.DataFrame:
    """Criteria of ``ids`` scaled to 0–1 (1 = best) across the sites of ``scale_over``.

    Direction-aware min-max scaling over every site in ``scale_over`` (default: all sites of
    the result) that has a value; a criterion equal everywhere maps to 1. Rows follow ``ids``;
    unknown values stay NaN.
    """
    over = None if scale_over is None else {*scale_over, *ids}
    frame = pd.DataFrame({s.id: dict(s.criteria) for s in result.sites
                          if over is None or s.id in over}).T
    frame = frame.reindex(columns=list(CRITERIA)).astype(float)
    lo, hi = frame.min(), frame.max()
    span = (hi - lo).replace(0.0, np.nan)
    scaled = (frame - lo) / span
    for name, spec in CRITERIA.items():
        if spec.direction == "-":
            scaled[name] = 1.0 - scaled[name]
        if pd.isna(span[name]):
            scaled.loc[frame[name].notna(), name] = 1.0
    return scaled.reindex(list(ids))


def bills_long(result: CatalogScore, ids: Sequence[str], *,
               language: str | None = None) -> pd.DataFrame:
    """One row per site and bill line: item, cost (EUR/a), status, source.

    With a ``language`` the item is the line's label in it (:func:`report.i18n.bill_item`),
    otherwise the core's English item.
    """
    from report.i18n import bill_item

    rows = []
    by_id = {s.id: s for s in result.sites}
    for park_id in ids:
        record = by_id.get(park_id)
        if record is None:
            continue
        for line in record.bill:
            item = line.item if language is None else bill_item(line, language)
            rows.append({"id": park_id, "name": record.name, "item": item,
                         "cost_eur": line.cost_eur, "status": line.status,
                         "unit_price": line.unit_price, "price_unit": line.price_unit,
                         "level": line.level, "period": line.period, "source": line.source})
    return pd.DataFrame(rows, columns=["id", "name", "item", "cost_eur", "status", "unit_price",
                                       "price_unit", "level", "period", "source"])


def contributions(result: CatalogScore, ids: Sequence[str]) -> pd.DataFrame:
    """Per-criterion contributions to each site's score (rows: sites, columns: criteria)."""
    by_id = {s.id: s for s in result.sites}
    rows = {i: dict(by_id[i].contributions) for i in ids if i in by_id}
    return pd.DataFrame(rows).T.reindex(columns=list(result.criteria_used))


@dataclass(frozen=True)
class Robustness:
    """Rank acceptability and weight intervals for the passing sites of a result."""

    ids: tuple[str, ...]
    names: tuple[str, ...]
    acceptability: np.ndarray
    samples: int
    intervals: tuple[tuple[str, float, float, float, str], ...]


def robustness(result: CatalogScore, *, samples: int = 10_000,
               concentration: float | None = 30.0) -> Robustness | None:
    """SMAA-2 rank acceptability around the user's weights and per-weight stability intervals.

    ``None`` when fewer than two sites pass or no criterion is used. The generator is seeded,
    so the same scenario always gives the same chart. The matrix, method and normalisation
    are the result's own (unknowns already at the worst known value).
    """
    ids, matrix, types = result.decision_matrix()
    if len(ids) < 2 or not result.criteria_used:
        return None
    names = {s.id: s.name for s in result.sites}
    weights = np.asarray(result.weights, dtype=float)
    method, norm = result.method, result.normalization  # ignored where it does not apply
    try:
        acc = rank_acceptability(matrix, list(types), weights, rng=np.random.default_rng(SMAA_SEED),
                                 samples=samples, concentration=concentration, method=method,
                                 normalization=norm)
        found = weight_intervals(matrix, list(types), weights, method=method,
                                 normalization=norm)
    except ScoringError:
        return None
    intervals = tuple((result.criteria_used[w.criterion], w.weight, w.low, w.high,
                       ids[w.top]) for w in found)
    return Robustness(tuple(ids), tuple(names[i] for i in ids), acc.acceptability,
                      acc.samples, intervals)


def interval_sites(uncertain: UncertainScore, ids: Sequence[str]) -> tuple[SiteInterval, ...]:
    """The intervals of the parks of ``ids`` that were scored, in that order (must-have
    status, point rank and score, their bounds: ``None`` where a park fails for sure)."""
    by_id = {s.id: s for s in uncertain.sites}
    return tuple(by_id[i] for i in ids if i in by_id)


def joint_robustness(acc: CatalogAcceptability, names: Mapping[str, str]) -> Robustness:
    """The joint acceptability in the shape of :class:`Robustness` (for its rank-share charts;
    no weight intervals)."""
    return Robustness(acc.ids, tuple(names.get(i, i) for i in acc.ids),
                      acc.joint.acceptability, acc.samples, ())
