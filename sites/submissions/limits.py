"""Limits applied to every uploaded file before and while it is parsed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Upper bounds for one upload; pass a changed copy (``dataclasses.replace``) to tighten."""

    max_bytes: int = 2 * 1024 * 1024
    """Size of the uploaded file."""
    max_rows: int = 500
    """Rows of a CSV file or of one worksheet."""
    max_depth: int = 16
    """Nesting of arrays and objects in JSON and TOML."""
    max_zip_members: int = 64
    """Files inside an .xlsx container."""
    max_zip_uncompressed: int = 10 * 1024 * 1024
    """Total declared uncompressed size of an .xlsx container."""
    max_zip_ratio: float = 100.0
    """Compression ratio of any member larger than :attr:`ratio_floor` bytes."""
    ratio_floor: int = 256 * 1024
    max_cell_chars: int = 5000
    """Characters in one CSV field or worksheet cell."""
    max_problems: int = 200
    """Problems listed before the rest are only counted."""


DEFAULT_LIMITS = Limits()
"""The limits used unless a caller passes others (immutable, safe to share)."""
