"""Exceptions and the problem record shared by every validator in :mod:`sites`."""

from __future__ import annotations

from dataclasses import dataclass

ProblemParam = str | int | float
"""A problem's parameter: text (shown as given) or a number (a reader formats it)."""
WherePart = tuple[str, str | int]
"""One part of where a problem is: ``("row", 7)``, ``("sheet", "'facts'")``, ``("path", "id")``."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input: where it is, what it holds, and what was expected.

    ``field``, ``problem`` and ``expected`` are English text (the command line prints them).
    Problems of the upload checker also carry a stable ``code`` with its ``params`` and the
    ``where`` parts of ``field``, so a reader can write them in its own language
    (:mod:`sites.problems`); other problems leave these empty.
    """

    file: str
    field: str
    problem: str
    expected: str = ""
    value: str = ""
    code: str = ""
    params: tuple[tuple[str, ProblemParam], ...] = ()
    where: tuple[WherePart, ...] = ()

    def line(self) -> str:
        """Render as ``file: field: problem (expected ...)``."""
        text = f"{self.file}: {self.field}: {self.problem}"
        return f"{text} (expected {self.expected})" if self.expected else text

    @property
    def arguments(self) -> dict[str, ProblemParam]:
        """``params`` as a dict."""
        return dict(self.params)


class CatalogError(ValueError):
    """The catalog or a price table could not be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        shown = "\n".join(p.line() for p in self.problems[:20])
        more = len(self.problems) - 20
        super().__init__(shown + (f"\n... and {more} more" if more > 0 else ""))


def short(value: object, limit: int = 80) -> str:
    """A printable, length-limited representation of a user value for error messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
