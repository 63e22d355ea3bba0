"""Plain-text table rows for showing a submission (problems, conversions, diff, history).

Every cell is a ``str``: pages hand these rows to ``st.dataframe``, which shows text as text;
problems and changes pass through :func:`sites.text.visible` (no bidi or invisible characters).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from sites.errors import Problem
from sites.model import Fact
from sites.profile import Conversion
from sites.submissions.diff import Change
from sites.submissions.store import Version
from sites.text import visible

PROBLEM_COLUMNS: Final = ("where", "problem", "expected", "value")
CONVERSION_COLUMNS: Final = ("fact", "given", "factor", "stored")
CHANGE_COLUMNS: Final = ("field", "label", "change", "old", "new", "old_status", "new_status",
                         "old_source", "new_source", "old_as_of", "new_as_of")
HISTORY_COLUMNS: Final = ("version", "created_at", "action", "submitter", "comment", "state",
                          "review", "published_by", "published_at", "reason")


def problem_rows(problems: Iterable[Problem], *,
                 text: Callable[[Problem], tuple[str, str, str]] | None = None
                 ) -> list[dict[str, str]]:
    """One row per problem. ``text`` writes a problem's ``(where, problem, expected)`` in a
    reader's language (``ui.problems``); without it the English text of :class:`Problem` is
    used. The value is shown as given."""
    rows = []
    for p in problems:
        where, problem, expected = text(p) if text is not None else (p.field, p.problem,
                                                                      p.expected)
        rows.append({"where": visible(where), "problem": visible(problem),
                     "expected": visible(expected), "value": visible(p.value)})
    return rows


def conversion_rows(conversions: Iterable[Conversion]) -> list[dict[str, str]]:
    return [{"fact": c.fact, "given": f"{c.given_value:g} {c.given_unit}",
             "factor": f"× {c.factor:g}", "stored": f"{c.value:g} {c.unit}"}
            for c in conversions]


def change_rows(changes: Iterable[Change], *, fact_text: Callable[[Fact], str] | None = None,
                fact_date: Callable[[Fact], str] | None = None) -> list[dict[str, str]]:
    """One row per change. ``fact_text`` / ``fact_date`` write a fact's value and date (a
    reader's language); without them the language-neutral text of :class:`Change` is used."""
    return [{key: visible(value) for key, value in row.items()}
            for row in _change_rows(changes, fact_text, fact_date)]


def _change_rows(changes: Iterable[Change], fact_text: Callable[[Fact], str] | None,
                 fact_date: Callable[[Fact], str] | None) -> list[dict[str, str]]:
    def text(fact: Fact | None, given: str) -> str:
        return fact_text(fact) if fact is not None and fact_text is not None else given

    def date(fact: Fact | None, given: str) -> str:
        return fact_date(fact) if fact is not None and fact_date is not None else given

    return [{"field": c.field, "label": c.label, "change": c.kind.value,
             "old": text(c.old_fact, c.old_value), "new": text(c.new_fact, c.new_value),
             "old_status": c.old_status, "new_status": c.new_status,
             "old_source": c.old_source, "new_source": c.new_source,
             "old_as_of": date(c.old_fact, c.old_as_of),
             "new_as_of": date(c.new_fact, c.new_as_of)} for c in changes]


def history_rows(versions: Iterable[Version]) -> list[dict[str, str]]:
    """One row per version: ``submitter`` proposed it (and ``created_at`` is when); ``review``
    is its state, with who published it and when, or the curator's reason or comment.

    ``action`` is ``accept`` or ``revert vN``; ``state`` is ``shipped`` (the shipped profile
    applies) or ``submitted`` (a submitted profile): codes a reader translates."""
    rows = []
    for v in versions:
        undid = f" v{v.reverts}" if v.reverts else ""
        rows.append({"version": str(v.version), "created_at": v.created_at,
                     "action": f"{v.action.value}{undid}", "submitter": v.submitter,
                     "comment": v.comment,
                     "state": "shipped" if v.profile is None else "submitted",
                     "review": v.state.value, "published_by": v.published_by or "",
                     "published_at": v.published_at or "", "reason": v.reason})
    return rows
