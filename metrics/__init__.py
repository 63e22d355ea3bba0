"""parkbench scoring engine: investor briefs, utility bills, criteria, MCDA methods, robustness.

Pure and typed; no Streamlit. Public API::

    from metrics import (load_brief, load_template, score_catalog, topsis, wsm, vikor,
                         promethee_ii, ahp, weight_intervals, rank_acceptability,
                         percentiles, gap_to_lead)
"""

from metrics.bill import BillLine, capital_recovery_factor, catalog_bills, site_bill
from metrics.brief import Brief, Figure, Place, Pricing, load_brief, load_template, parse_brief
from metrics.criteria import CRITERIA, must_have_reasons, site_criteria
from metrics.errors import BriefError, ConsistencyError, ScoringError
from metrics.methods import AHPResult, MethodResult, ahp, promethee_ii, topsis, vikor, wsm
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
                           "MethodResult",
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
                           "load_brief",
                           "load_template",
                           "must_have_reasons",
                           "parse_brief",
                           "percentiles",
                           "promethee_ii",
                           "rank_acceptability",
                           "rank_evaluation",
                           "score_catalog",
                           "site_bill",
                           "site_criteria",
                           "topsis",
                           "vikor",
                           "weight_intervals",
                           "wsm",
]
