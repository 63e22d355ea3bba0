"""The result record every scoring method returns, and the ranking rule they share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def _frozen(arr: NDArray[Any]) -> NDArray[Any]:
    out = np.array(arr, copy=True)
    out.flags.writeable = False
    return out


@dataclass(frozen=True, slots=True)
class MethodResult:
    """Scores, ranks and per-criterion contributions of one method on one decision matrix.

    Attributes
    ----------
    method
        Method name (``"wsm"``, ``"topsis"``, ``"vikor"``, ``"promethee"``).
    scores
        One score per alternative; see ``higher_is_better``.
    ranks
        Competition ranks (1 = best; ties share the better rank: 1, 2, 2, 4).
    contributions
        Alternatives x criteria; how each criterion makes up the score. The exact meaning is
        documented by each method (for the weighted sum the rows sum to the scores).
    higher_is_better
        ``False`` for VIKOR's Q (lower is better).
    constant
        Criteria whose values are equal for every alternative; they contribute nothing.
    details
        Method-specific intermediate arrays (distances, S/R/Q, flows...).
    """

    method: str
    scores: FloatArray
    ranks: NDArray[np.int64]
    contributions: FloatArray
    higher_is_better: bool = True
    constant: NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    details: Mapping[str, NDArray[Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("scores", "ranks", "contributions", "constant"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        object.__setattr__(
            self, "details", MappingProxyType({k: _frozen(v) for k, v in self.details.items()})
        )

    @property
    def best(self) -> int:
        """Row index of the first-ranked alternative (the first one when tied)."""
        return int(np.argmin(self.ranks))


def competition_ranks(scores: FloatArray, *, higher_is_better: bool = True,
                      rtol: float = 1e-12) -> NDArray[np.int64]:
    """Competition ranks of ``scores`` (1 = best); values within ``rtol`` of each other tie.

    Parameters
    ----------
    scores
        One score per alternative.
    higher_is_better
        Direction of the score.
    rtol
        Relative tolerance (to the largest magnitude) under which two scores are tied, so that
        floating-point noise from reordering never splits a tie.

    Returns
    -------
    numpy.ndarray
        Integer ranks, 1 for the best.
    """
    key = -scores if higher_is_better else scores
    tol = rtol * max(1.0, float(np.abs(key).max(initial=0.0)))
    ordered = np.sort(key)
    return np.searchsorted(ordered, key - tol, side="left").astype(np.int64) + 1
