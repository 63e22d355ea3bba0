"""What the Find page shows for a scenario: today's ranking with every site's intervals.

One call, :func:`find_sites`, from the scenario, the catalog and the prices to a
:class:`metrics.uncertain.UncertainScore`: per site the point score and rank, the rank and
score intervals, the must-have outcome with the deciding facts, and the bill with its low and
high. Pure: the same inputs give the same result, so a dashboard may cache it on
``(scenario, catalog.version, prices.version, unknown)`` (the catalog itself is not
hashable). Its two stages are public for a finer cache: :func:`find_evaluation` depends only
on :meth:`scenario.Scenario.evaluation_key` (not the weights, method or view options) and
:func:`find_ranking` is the cheap part rerun when a weight or the method changes.
:func:`find_acceptability` samples the same field jointly in weights and data (what the
Compare page shows as "first in 34 % of plausible worlds").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from metrics import Brief, load_template
from metrics.bill import PriceSource
from metrics.methods.normalize import NORMALIZATIONS, Normalization
from metrics.methods.registry import get_method
from metrics.uncertain import (
    UNKNOWN_POLICIES,
    CatalogAcceptability,
    UncertainEvaluation,
    UncertainScore,
    UnknownPolicy,
)
from metrics.uncertain.catalog import (
    ACCEPTABILITY_SEED,
    catalog_acceptability,
    evaluate_uncertain,
    rank_uncertain,
)
from scenario.model import Scenario

Templates = Callable[[str], Brief]


def find_sites(
    scenario: Scenario, catalog: Any, prices: PriceSource, *,
    workforce: Mapping[str, float] | None = None, unknown: UnknownPolicy | None = None,
    templates: Templates = load_template,
) -> UncertainScore:
    """Today's ranking of the catalog under ``scenario``, with every site's intervals.

    Parameters
    ----------
    scenario
        The investor's scenario (template, figures, must-haves, strictness, weights, method,
        pricing).
    catalog
        A :class:`sites.Catalog`.
    prices
        A :class:`sites.prices.PriceTable`.
    workforce
        ``{park_id: persons}`` within commuting distance, needed when the workforce criterion
        is weighted (the dashboard computes it once per catalog).
    unknown
        How unknown park facts are bounded: ``"peer"`` or ``"threshold"``; ``None`` (default)
        takes the scenario's (``scenario.unknown``, ``"peer"`` unless the user chose).
    templates
        Loads a plant template by name.

    Returns
    -------
    UncertainScore
        ``.result`` is today's :class:`metrics.CatalogScore`; ``.sites`` one
        :class:`metrics.uncertain.SiteInterval` per park in the same order, ``.site(id)`` one.
    """
    evaluation = find_evaluation(scenario, catalog, prices, workforce=workforce,
                                 templates=templates)
    return find_ranking(scenario, evaluation, unknown=unknown)


def find_evaluation(
    scenario: Scenario, catalog: Any, prices: PriceSource, *,
    workforce: Mapping[str, float] | None = None, templates: Templates = load_template,
) -> UncertainEvaluation:
    """The weights-free stage of :func:`find_sites` (cache on ``scenario.evaluation_key()``)."""
    brief = scenario.brief(templates(scenario.template))
    return evaluate_uncertain(catalog, prices, brief, workforce=workforce,
                              unknown_fails=scenario.strict)


def find_ranking(
    scenario: Scenario, evaluation: UncertainEvaluation, *,
    unknown: UnknownPolicy | None = None,
) -> UncertainScore:
    """The per-weights stage of :func:`find_sites`: ranking and intervals of an evaluation."""
    weights = scenario.criterion_weights()
    return rank_uncertain(evaluation, weights, method=scenario.method,
                          normalization=normalization(scenario.normalization),
                          unknown=policy(scenario) if unknown is None else unknown)


SAMPLES: Final = 10_000
"""Worlds of :func:`find_acceptability` for the methods scored with matrix products (WSM,
TOPSIS: about 30 ms on the shipped catalog)."""
LOOP_SAMPLES: Final = 1_000
"""Worlds for the methods scored one world at a time (VIKOR, PROMETHEE: about 0.5 ms each)."""


def acceptability_samples(method: str) -> int:
    """How many worlds :func:`find_acceptability` samples by default for ``method``."""
    return SAMPLES if get_method(method).world_keys is not None else LOOP_SAMPLES


def find_acceptability(
    scenario: Scenario, evaluation: UncertainEvaluation, *, samples: int | None = None,
    seed: int = ACCEPTABILITY_SEED, fixed_weights: bool = False,
    unknown: UnknownPolicy | None = None,
) -> CatalogAcceptability | None:
    """Rank acceptability of the field under data uncertainty: the scenario's weights (sampled
    around, or ``fixed_weights``) and every unknown or range cell sampled jointly
    (:func:`metrics.uncertain.catalog_acceptability`; ``None`` when no site can pass).
    ``samples`` defaults to :func:`acceptability_samples`. Seeded: cache it per scenario
    without view options."""
    return catalog_acceptability(
        evaluation, scenario.criterion_weights(), method=scenario.method,
        normalization=normalization(scenario.normalization),
        unknown=policy(scenario) if unknown is None else unknown,
        samples=acceptability_samples(scenario.method) if samples is None else samples,
        seed=seed, fixed_weights=fixed_weights)


def policy(scenario: Scenario) -> UnknownPolicy:
    """The scenario's unknown policy, checked (``"peer"`` or ``"threshold"``)."""
    if scenario.unknown not in UNKNOWN_POLICIES:
        raise ValueError(f"unknown policy {scenario.unknown!r}; expected "
                         f"{', '.join(UNKNOWN_POLICIES)}")
    return scenario.unknown


def normalization(name: str) -> Normalization:
    """A normalisation name, checked."""
    if name not in NORMALIZATIONS:
        raise ValueError(f"unknown normalization {name!r}; expected {', '.join(NORMALIZATIONS)}")
    return name
