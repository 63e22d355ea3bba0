"""The method registry: one entry per method, utilities on 0..1 that keep each method's order."""

from __future__ import annotations

import importlib
import inspect

import numpy as np
import pytest

from metrics._batch import batch_scores, single_scores
from metrics.errors import ScoringError
from metrics.methods import (
    DEFAULT_METHOD,
    DEFAULT_NORMALIZATION,
    METHODS,
    NORMALIZING_METHODS,
    REGISTRY,
    get_method,
    utility,
)
from metrics.robustness import prepare


def _problem(seed: int) -> tuple[np.ndarray, str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(-5, 20, (9, 4)), "+-+-", rng.dirichlet(np.ones(4))


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", range(5))
def test_utility_is_unit_interval_and_keeps_the_ranking(method, seed):
    x, t, w = _problem(seed)
    spec = get_method(method)
    res = spec.score(x, t, w)
    u = spec.utility(res.scores)
    assert ((u >= 0) & (u <= 1)).all()
    best = np.flatnonzero(res.ranks == 1)
    assert np.isclose(u[best], u.max()).all()
    order = np.argsort(res.ranks, kind="stable")
    assert (np.diff(u[order]) <= 1e-12).all()  # rank order = descending utility
    lower = np.diff(res.ranks[order]) > 0
    assert lower.any() and (np.diff(u[order])[lower] < 0).all()  # a worse rank, a lower utility


@pytest.mark.parametrize("method", METHODS)
def test_batch_utility_equals_the_full_method(method):
    x, t, w = _problem(11)
    p = prepare(x, t, w, method=method, normalization=None, on_constant="ignore")
    full = utility(method, get_method(method).score(x, t, w, on_constant="ignore").scores)
    np.testing.assert_allclose(single_scores(p.n, p.weights, method, x=p.x, types=p.types),
                               full, atol=1e-9)
    np.testing.assert_allclose(batch_scores(p.n, p.weights[None, :], method, x=p.x,
                                            types=p.types)[0], full, atol=1e-9)


def test_one_default_normalisation_everywhere():
    assert DEFAULT_NORMALIZATION == "minmax"
    for name in NORMALIZING_METHODS:
        fn = getattr(importlib.import_module(f"metrics.methods.{name}"), name)
        assert inspect.signature(fn).parameters["normalization"].default == DEFAULT_NORMALIZATION
        assert REGISTRY[name].normalization(None) == DEFAULT_NORMALIZATION
    for name in set(METHODS) - set(NORMALIZING_METHODS):
        assert REGISTRY[name].normalization("vector") == "minmax"  # does not apply


def test_unknown_method_lists_the_valid_ones():
    assert METHODS[0] == DEFAULT_METHOD
    with pytest.raises(ScoringError, match=", ".join(METHODS)):
        get_method("electre")
