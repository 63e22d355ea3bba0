"""Must-haves with three outcomes: pass, fail, or undecided (an unknown or a straddling range).

A requirement "at least t" passes when the cell's low end reaches t, fails when even its high
end falls short, and is *undecided* otherwise — when the value is unknown or its range
straddles t. "At most t" mirrors it. An alternative fails if any requirement fails, is
undecided if none fails but some is undecided (those criteria are named as deciding), and
passes otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from metrics.errors import ScoringError
from metrics.uncertain.matrix import Cell

Outcome = Literal["pass", "fail", "undecided"]


@dataclass(frozen=True, slots=True)
class MustHaveStatus:
    """Outcome of one alternative's must-haves.

    Attributes
    ----------
    status
        ``"pass"``, ``"fail"`` or ``"undecided"``.
    failing
        Criteria failed in every world.
    deciding
        Criteria whose value is unknown or whose range straddles the threshold.
    """

    status: Outcome
    failing: tuple[int, ...]
    deciding: tuple[int, ...]


def _limits(value: ArrayLike | None, n: int, name: str) -> np.ndarray:
    if value is None:
        return np.full(n, np.nan)
    arr = np.asarray(value, dtype=np.float64).ravel()
    if arr.size != n:
        raise ScoringError(f"{arr.size} {name} thresholds given for {n} criteria")
    return arr


def _cell_outcome(cell: Cell, at_least: float, at_most: float) -> Outcome:
    if np.isnan(at_least) and np.isnan(at_most):
        return "pass"
    if cell is None:
        return "undecided"
    lo, hi = cell
    if (not np.isnan(at_least) and hi < at_least) or (not np.isnan(at_most) and lo > at_most):
        return "fail"
    if (not np.isnan(at_least) and lo < at_least) or (not np.isnan(at_most) and hi > at_most):
        return "undecided"
    return "pass"


def must_have_status(
    cells: Sequence[Sequence[Cell]], *, at_least: ArrayLike | None = None,
    at_most: ArrayLike | None = None,
) -> tuple[MustHaveStatus, ...]:
    """Three-way must-have outcome per alternative from raw cells (before unknowns are bounded).

    Parameters
    ----------
    cells
        Rows of ``(low, high)`` or ``None`` (unknown), as for
        :func:`metrics.uncertain.interval_matrix`.
    at_least, at_most
        Per-criterion thresholds (NaN: no requirement of that kind).

    Returns
    -------
    tuple of MustHaveStatus
        One per alternative.
    """
    n = len(cells[0]) if cells else 0
    lo_t, hi_t = _limits(at_least, n, "at-least"), _limits(at_most, n, "at-most")
    out = []
    for row in cells:
        outcomes = [_cell_outcome(c, float(lo_t[j]), float(hi_t[j])) for j, c in enumerate(row)]
        failing = tuple(j for j, o in enumerate(outcomes) if o == "fail")
        deciding = tuple(j for j, o in enumerate(outcomes) if o == "undecided")
        status: Outcome = "fail" if failing else "undecided" if deciding else "pass"
        out.append(MustHaveStatus(status, failing, deciding))
    return tuple(out)
