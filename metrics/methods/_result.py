"""The result record every scoring method returns, and the ranking rule they share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
AnyFloatArray = NDArray[np.floating[Any]]
FloatType = type[np.floating[Any]]


class BatchFn(Protocol):
    """Scores of one normalised matrix under many weight vectors (one row of ``w`` each).

    ``n`` is the benefit-oriented normalised matrix; ``x`` and ``types`` the validated raw
    matrix and directions, for methods that need them. Returns samples x alternatives.
    """

    def __call__(self, n: FloatArray, w: FloatArray, *, x: FloatArray | None = None,
                 types: NDArray[np.int8] | None = None,
                 dtype: FloatType = np.float64) -> AnyFloatArray: ...


def _frozen(arr: NDArray[Any]) -> NDArray[Any]:
    """A read-only view (the methods hand over arrays they created, so no copy is needed)."""
    out = np.asarray(arr).view()
    out.flags.writeable = False
    return out


@dataclass(frozen=True, slots=True)
class MethodResult:
    """Scores, ranks and per-criterion contributions of one method on one decision matrix.

    Attributes
    ----------
    method
        Method name (a key of :data:`metrics.methods.registry.METHODS`).
    scores
        One score per alternative; see ``higher_is_better``.
    ranks
        Competition ranks (1 = best; ties share the better rank: 1, 2, 2, 4).
    contributions
        Alternatives x criteria; how each criterion makes up the score. The exact meaning is
        documented by each method (for the weighted sum the rows sum to the scores).
    higher_is_better
        Direction of ``scores`` (``False`` when lower is better, as for VIKOR's Q); the
        registry's ``utility`` maps every method's scores to 0..1, higher is better.
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
    """Competition ranks of ``scores`` (1 = best); neighbours within ``rtol`` of each other tie.

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
    m = key.size
    if m == 0:
        return np.zeros(0, dtype=np.int64)
    tol = rtol * max(1.0, float(np.abs(key).max()))
    order = np.argsort(key)  # tie order is irrelevant: tied scores share a rank
    ordered = key[order]
    starts = np.arange(m, dtype=np.int64)
    starts[1:][np.diff(ordered) <= tol] = 0  # a tie continues the previous group
    np.maximum.accumulate(starts, out=starts)
    ranks = np.empty(m, dtype=np.int64)
    ranks[order] = starts + 1
    return ranks
