"""The scenario: one frozen value with every input of a parkbench view, and its URL form.

Pure (no Streamlit): the dashboard keeps one :class:`Scenario` per session, the report and
downloads take it as an argument, and :meth:`Scenario.from_query` / :meth:`Scenario.to_query`
are the link format. :func:`find_sites` is what the Find page shows for a scenario: today's
ranking with every site's rank, score and bill intervals and three-way must-haves;
:func:`find_acceptability` its rank acceptability under data uncertainty (joint SMAA-2).
"""

from scenario.find import find_acceptability, find_evaluation, find_ranking, find_sites
from scenario.model import BY_KEY, FIELDS, Field, Scenario

__all__ = ["BY_KEY", "FIELDS", "Field", "Scenario", "find_acceptability", "find_evaluation",
           "find_ranking", "find_sites"]
