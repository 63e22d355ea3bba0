"""Upload problems in a reader's language, from their codes (:mod:`sites.problems`).

A problem of code ``c`` reads the catalog entries ``upload.c`` and ``upload.c.expected``
(``ui/locales/{en,fi,sv}.toml``); where it is, ``upload.where.<part>``. Numbers follow the
language's conventions, labels (a fact's kind, a fact's name, a country) are translated, and
every user value is inserted as the plain text the core quoted: nothing is parsed as Markdown or
HTML (the Submit page shows these in tables, which show text as text) and invisible or
bidirectional characters are removed (:func:`sites.text.visible`).

A problem without a code, or whose code has no entry in the language, keeps its English text.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from report.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalog, format_number, translate
from sites.errors import Problem, ProblemParam
from sites.problems import PROBLEMS, WHERE, parse_place, where_text
from sites.submissions.tables import problem_rows
from sites.text import visible

KEY: str = "upload."
"""Prefix of the catalog entries of codes: ``upload.<code>``, ``upload.<code>.expected``."""


@dataclass(frozen=True, slots=True)
class ProblemText:
    """A problem written for a reader: where, what is wrong, what was expected, the value."""

    where: str
    problem: str
    expected: str
    value: str


def number(value: float, language: str) -> str:
    """A number parameter in ``language``: ``2 400 000``, ``0,045``, ``1e+300`` (huge or tiny)."""
    if isinstance(value, int) and abs(value) < 10**15:
        return format_number(value, language)
    real = float(value)
    if not math.isfinite(real) or abs(real) >= 1e15 or (real and abs(real) < 1e-6):
        text = f"{real:g}"
        return text if language == "en" else text.replace(".", ",")
    return format_number(real, language, decimals=6, trim=True)


@cache
def _territories(language: str) -> Mapping[str, str]:
    from babel import Locale

    return dict(Locale.parse(language).territories)


def _language(language: str) -> str:
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def where(problem: Problem, language: str) -> str:
    """Where the problem is, in ``language`` (``rivi 7: facts.x.value``)."""
    if not problem.where:
        return visible(problem.field)
    return visible(_where(problem.where, _language(language)))


def _where(parts: tuple[tuple[str, str | int], ...], language: str) -> str:
    messages = catalog(language)
    render = {kind: messages.get(f"{KEY}where.{kind}", english) for kind, english in WHERE.items()}
    return where_text(parts, render, number=lambda n: number(n, language))


def _values(problem: Problem, language: str) -> dict[str, str]:
    spec = PROBLEMS[problem.code]
    params = problem.arguments
    values = {name: _param(value, language) for name, value in params.items()}
    for placeholder, label in spec.labels.items():
        text = translate(label.prefix + str(params.get(label.param, "")), language)
        values[placeholder] = text.lower() if label.lower else text
    for name in spec.places:
        values[name] = _where(parse_place(str(params.get(name, ""))), language)
    country = params.get("country")
    if isinstance(country, str):
        values["country_name"] = _territories(language).get(country, country)
    return values


def _param(value: ProblemParam, language: str) -> str:
    if isinstance(value, bool | str):
        return str(value)
    return number(value, language)


def render(problem: Problem, language: str) -> ProblemText:
    """``problem`` in ``language``; its English text where the catalog has no entry."""
    language = _language(language)
    text, expected = problem.problem, problem.expected
    if problem.code in PROBLEMS:
        messages = catalog(language)
        values = _values(problem, language)
        text = _fill(messages.get(f"{KEY}{problem.code}"), values, text)
        if expected:
            expected = _fill(messages.get(f"{KEY}{problem.code}.expected"), values, expected)
    return ProblemText(where(problem, language), visible(text), visible(expected),
                       visible(problem.value))


def _fill(template: str | None, values: Mapping[str, str], english: str) -> str:
    if template is None:
        return english
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a broken entry: the English text, not a crash
        return english


def texts(language: str) -> Callable[[Problem], tuple[str, str, str]]:
    """``problem -> (where, problem, expected)`` in ``language`` (for ``problem_rows``)."""
    def text(problem: Problem) -> tuple[str, str, str]:
        shown = render(problem, language)
        return shown.where, shown.problem, shown.expected
    return text


def rows(problems: Iterable[Problem], language: str) -> list[dict[str, str]]:
    """The Submit page's problem table (:func:`sites.submissions.tables.problem_rows`) in
    ``language``."""
    return problem_rows(problems, text=texts(language))


def session_rows(problems: Iterable[Problem]) -> list[dict[str, str]]:
    """:func:`rows` in the current Streamlit session's language."""
    from ui.i18n import current_language

    return rows(problems, current_language())
