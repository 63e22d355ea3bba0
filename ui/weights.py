"""Pure helpers for the weight widgets (no Streamlit): Saaty answers → pairwise matrix."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray


def saaty_matrix(criteria: Sequence[str], answers: Mapping[tuple[str, str], int]
                 ) -> NDArray[np.float64]:
    """Reciprocal pairwise matrix from slider answers on the Saaty scale.

    For the pair ``(a, b)`` (``a`` listed first) an answer of ``-k`` means *a is k times as
    important as b*, ``+k`` means *b is k times as important as a*, and ``1`` means equal.
    ``matrix[i, j]`` is the importance of criterion ``i`` over ``j``.
    """
    n = len(criteria)
    matrix = np.ones((n, n))
    for i, j in itertools.combinations(range(n), 2):
        raw = int(answers.get((criteria[i], criteria[j]), 1))
        left_over_right = float(-raw) if raw < 0 else 1.0 / max(raw, 1)
        matrix[i, j], matrix[j, i] = left_over_right, 1.0 / left_over_right
    return matrix
