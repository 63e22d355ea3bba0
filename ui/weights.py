"""Saaty answers -> pairwise matrix; the pure logic lives in :mod:`metrics.methods.ahp`."""

from metrics.methods.ahp import saaty_matrix

__all__ = ["saaty_matrix"]
