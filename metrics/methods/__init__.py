"""Scoring methods: each a pure numpy function plus thin validation."""

from metrics.methods._result import MethodResult, competition_ranks
from metrics.methods.ahp import AHPResult, ahp
from metrics.methods.normalize import NORMALIZATIONS, normalize
from metrics.methods.promethee import promethee_ii
from metrics.methods.topsis import topsis
from metrics.methods.vikor import vikor
from metrics.methods.wsm import wsm

__all__ = [
    "NORMALIZATIONS",
    "AHPResult",
    "MethodResult",
    "ahp",
    "competition_ranks",
    "normalize",
    "promethee_ii",
    "topsis",
    "vikor",
    "wsm",
]
