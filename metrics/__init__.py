"""parkbench scoring engine: investor briefs, utility bills, criteria, MCDA methods, robustness.

Pure and typed; no Streamlit. Public API::

    from metrics import (load_brief, load_template, score_catalog, get_method, METHODS,
                         ahp, weight_intervals, rank_acceptability, percentiles, gap_to_lead)

The scoring methods are listed in :mod:`metrics.methods.registry` (``get_method(name)``);
messages to readers are codes (:mod:`metrics.messages`).
"""

from metrics.bill import BillLine, capital_recovery_factor, catalog_bills, site_bill
from metrics.brief import Brief, Figure, Place, Pricing, load_brief, load_template, parse_brief
from metrics.criteria import CRITERIA, must_have_reasons, site_criteria
from metrics.errors import BriefError, ConsistencyError, ScoringError
from metrics.messages import Message, render
from metrics.methods import (
    METHODS,
    AHPResult,
    MethodResult,
    MethodSpec,
    ahp,
    get_method,
    utility,
)
from metrics.peers import Gap, gap_to_lead, percentiles
from metrics.robustness import Acceptability, WeightInterval, rank_acceptability, weight_intervals
from metrics.score import (
                           CatalogScore,
                           Evaluation,
                           SiteScore,
                           evaluate_catalog,
                           rank_evaluation,
                           score_catalog,
)

__all__ = [
                           "CRITERIA",
                           "METHODS",
                           "AHPResult",
                           "Acceptability",
                           "BillLine",
                           "Brief",
                           "BriefError",
                           "CatalogScore",
                           "ConsistencyError",
                           "Evaluation",
                           "Figure",
                           "Gap",
                           "Message",
                           "MethodResult",
                           "MethodSpec",
                           "Place",
                           "Pricing",
                           "ScoringError",
                           "SiteScore",
                           "WeightInterval",
                           "ahp",
                           "capital_recovery_factor",
                           "catalog_bills",
                           "evaluate_catalog",
                           "gap_to_lead",
                           "get_method",
                           "load_brief",
                           "load_template",
                           "must_have_reasons",
                           "parse_brief",
                           "percentiles",
                           "rank_acceptability",
                           "rank_evaluation",
                           "render",
                           "score_catalog",
                           "site_bill",
                           "site_criteria",
                           "utility",
                           "weight_intervals",
]
