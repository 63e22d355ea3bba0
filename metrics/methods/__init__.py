"""Scoring methods: each a pure numpy function plus thin validation, listed in the registry.

Look methods up by name in :mod:`metrics.methods.registry` (``get_method(name).score(...)``);
each method's own function lives in its module (``metrics.methods.<name>``).
"""

from metrics.methods._result import MethodResult, competition_ranks
from metrics.methods.ahp import AHPResult, ahp, saaty_matrix
from metrics.methods.normalize import NORMALIZATIONS, normalize
from metrics.methods.registry import (
    DEFAULT_METHOD,
    DEFAULT_NORMALIZATION,
    METHODS,
    NORMALIZING_METHODS,
    REGISTRY,
    MethodSpec,
    check_method,
    get_method,
    utility,
)

__all__ = [
    "DEFAULT_METHOD",
    "DEFAULT_NORMALIZATION",
    "METHODS",
    "NORMALIZATIONS",
    "NORMALIZING_METHODS",
    "REGISTRY",
    "AHPResult",
    "MethodResult",
    "MethodSpec",
    "ahp",
    "check_method",
    "competition_ranks",
    "get_method",
    "normalize",
    "saaty_matrix",
    "utility",
]
