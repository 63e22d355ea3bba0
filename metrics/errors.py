"""Exceptions raised by :mod:`metrics`: each a :class:`ValueError` with a one-line message."""

from __future__ import annotations


class ScoringError(ValueError):
    """A decision matrix, weight vector, criterion type or method option is invalid."""


class ConsistencyError(ScoringError):
    """A pairwise comparison matrix is not a valid (positive, reciprocal) AHP matrix."""


class BriefError(ScoringError):
    """An investor brief (TOML or object) is invalid."""
