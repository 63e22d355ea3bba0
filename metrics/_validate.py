"""Validation helpers shared by the scoring methods: collect every problem, report once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

from metrics.errors import ScoringError

FloatArray = NDArray[np.float64]

_BENEFIT: Final[frozenset[str]] = frozenset({"+", "max", "benefit", "1", "+1"})
_COST: Final[frozenset[str]] = frozenset({"-", "min", "cost", "-1"})


def parse_types(types: Sequence[str | int] | ArrayLike, n: int | None = None) -> NDArray[np.int8]:
    """Criterion directions as an array of +1 (benefit) and -1 (cost).

    Accepts ``"+"``/``"max"``/``"benefit"``/``1`` and ``"-"``/``"min"``/``"cost"``/``-1``, as a
    sequence, a comma-separated string (``"+,-,max"``) or a string of signs (``"+-+"``).
    """
    if isinstance(types, str):
        text = types.strip()
        split = "," in text or bool(set(text) - {"+", "-"})
        raw: list[object] = list(text.split(",")) if split else list(text)
    else:
        raw = list(np.asarray(types, dtype=object).ravel())
    out = np.empty(len(raw), dtype=np.int8)
    bad: list[str] = []
    for i, item in enumerate(raw):
        key = str(item).strip().lower()
        if key in _BENEFIT:
            out[i] = 1
        elif key in _COST:
            out[i] = -1
        else:
            bad.append(f"{i}: {item!r}")
    if bad:
        raise ScoringError(
            f"criterion types must be '+' (benefit) or '-' (cost); got {', '.join(bad)}")
    if n is not None and len(out) != n:
        raise ScoringError(f"{len(out)} criterion types given for {n} criteria")
    return out


def as_matrix(matrix: ArrayLike) -> FloatArray:
    """A finite 2-D float matrix with at least one row and one column."""
    try:
        arr = np.asarray(matrix, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ScoringError(f"decision matrix is not numeric: {exc}") from None
    if arr.ndim != 2 or arr.shape[0] < 1 or arr.shape[1] < 1:
        raise ScoringError(
            f"decision matrix must be 2-D (alternatives x criteria); shape {arr.shape}")
    if not np.isfinite(arr).all():
        rows, cols = np.nonzero(~np.isfinite(arr))
        where = ", ".join(f"({r}, {c})" for r, c in zip(rows[:5], cols[:5], strict=True))
        raise ScoringError(
            f"decision matrix has {rows.size} missing or infinite value(s) at {where}")
    return arr


def as_weights(weights: ArrayLike | None, n: int) -> FloatArray:
    """Non-negative finite weights of length ``n``, normalised to sum 1 (equal if ``None``)."""
    if weights is None:
        return np.full(n, 1.0 / n)
    try:
        w = np.asarray(weights, dtype=np.float64).ravel()
    except (TypeError, ValueError) as exc:
        raise ScoringError(f"weights are not numeric: {exc}") from None
    problems = []
    if w.size != n:
        problems.append(f"{w.size} weights given for {n} criteria")
    if not np.isfinite(w).all():
        problems.append("weights contain NaN or infinity")
    elif (w < 0).any():
        problems.append(f"weights must be >= 0; got {w[w < 0].tolist()}")
    elif w.size and w.sum() <= 0:
        problems.append("weights sum to zero")
    if problems:
        raise ScoringError("; ".join(problems))
    return np.asarray(w / w.sum(), dtype=np.float64)


def check_problem(
    matrix: ArrayLike, types: Sequence[str | int] | ArrayLike, weights: ArrayLike | None
) -> tuple[FloatArray, NDArray[np.int8], FloatArray]:
    """Validate a whole decision problem: matrix, types and weights of matching lengths."""
    x = as_matrix(matrix)
    t = parse_types(types, x.shape[1])
    w = as_weights(weights, x.shape[1])
    return x, t, w
