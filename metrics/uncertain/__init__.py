"""Decisions under incomplete data: interval matrices, rank intervals, joint SMAA, value of info.

Public API::

    from metrics.uncertain import (IntervalMatrix, interval_matrix, catalog_matrix,
                                   rank_intervals, RankIntervals, utility,
                                   joint_acceptability, value_of_information,
                                   evaluate_uncertain, rank_uncertain, UncertainScore,
                                   catalog_acceptability, CatalogAcceptability)

The catalog side (:mod:`metrics.uncertain.catalog`): :func:`evaluate_uncertain` (weights-free,
cache it) and :func:`rank_uncertain` (per weights and method) give every site its must-have
outcome, rank, score and bill intervals.
"""

from metrics.methods.registry import utility
from metrics.uncertain.catalog import (
    CatalogAcceptability,
    CatalogCellValue,
    CatalogProblem,
    ParkAcceptability,
    SiteInterval,
    SiteUncertainty,
    UncertainEvaluation,
    UncertainScore,
    catalog_acceptability,
    catalog_problem,
    catalog_value_of_information,
    evaluate_uncertain,
    rank_uncertain,
    uncertain_evaluation,
)
from metrics.uncertain.intervals import RankIntervals, attained_ranks, rank_intervals
from metrics.uncertain.matrix import (
    UNKNOWN_POLICIES,
    Cell,
    IntervalMatrix,
    UnknownPolicy,
    catalog_matrix,
    fill_unknown,
    interval_matrix,
    known_matrix,
)
from metrics.uncertain.musthave import MustHaveStatus, must_have_status
from metrics.uncertain.smaa import JointAcceptability, joint_acceptability, wilson_interval
from metrics.uncertain.voi import CellValue, value_of_information

__all__ = [
    "UNKNOWN_POLICIES",
    "CatalogAcceptability",
    "CatalogCellValue",
    "CatalogProblem",
    "Cell",
    "CellValue",
    "IntervalMatrix",
    "JointAcceptability",
    "MustHaveStatus",
    "ParkAcceptability",
    "RankIntervals",
    "SiteInterval",
    "SiteUncertainty",
    "UncertainEvaluation",
    "UncertainScore",
    "UnknownPolicy",
    "attained_ranks",
    "catalog_acceptability",
    "catalog_matrix",
    "catalog_problem",
    "catalog_value_of_information",
    "evaluate_uncertain",
    "fill_unknown",
    "interval_matrix",
    "joint_acceptability",
    "known_matrix",
    "must_have_status",
    "rank_intervals",
    "rank_uncertain",
    "uncertain_evaluation",
    "utility",
    "value_of_information",
    "wilson_interval",
]
