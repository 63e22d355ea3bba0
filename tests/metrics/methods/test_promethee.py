"""PROMETHEE II: hand-computed flows and a cross-check against pymcdm."""

import numpy as np
import pytest
from pymcdm.methods import PROMETHEE_II  # a dev dependency: missing it must fail, not skip

from metrics.errors import ScoringError
from metrics.methods.promethee import promethee_ii


def test_usual_criterion_by_hand():
    """Brans, Vincke & Mareschal (1986), usual criterion: with one criterion the net flow of
    a is (#worse - #better) / (m - 1). Values 1, 2, 3 -> flows -1, 0, 1."""
    r = promethee_ii([[1.0], [2.0], [3.0]], "+")
    np.testing.assert_allclose(r.scores, [-1.0, 0.0, 1.0])


def test_linear_preference_by_hand():
    """Type V (q = 1, p = 3): d = 2 gives P = 0.5. Values 0, 2: flows +-0.5."""
    r = promethee_ii([[0.0], [2.0]], "+", indifference=1.0, preference=3.0)
    np.testing.assert_allclose(r.scores, [-0.5, 0.5])


def test_matches_pymcdm_usual():
    """Cross-check (not a published example) with pymcdm 1.4 PROMETHEE_II('usual')."""
    rng = np.random.default_rng(3)
    x = rng.random((8, 4))
    t = np.array([1, -1, 1, 1])
    w = np.array([0.1, 0.2, 0.3, 0.4])
    r = promethee_ii(x, t, w)
    np.testing.assert_allclose(r.scores, PROMETHEE_II("usual")(x, w, t))
    np.testing.assert_allclose(r.contributions.sum(axis=1), r.scores)


def test_negative_threshold_refused():
    with pytest.raises(ScoringError, match="thresholds"):
        promethee_ii([[0.0], [2.0]], "+", preference=-1.0)
