"""The scenario: one frozen value with every input of a parkbench view, and its URL form.

Pure (no Streamlit): the dashboard keeps one :class:`Scenario` per session, the report and
downloads take it as an argument, and :meth:`Scenario.from_query` / :meth:`Scenario.to_query`
are the link format.
"""

from scenario.model import BY_KEY, FIELDS, Field, Scenario

__all__ = ["BY_KEY", "FIELDS", "Field", "Scenario"]
