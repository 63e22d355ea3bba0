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
    max_columns: int = 64
    """Columns of a CSV row or of a worksheet (last column used, or declared by ``dimension``)."""
    max_sheet_rows: int = 2000
    """Highest row number in a worksheet (declared by ``dimension`` or used by a ``row``)."""
    max_cells: int = 50_000
    """Cell elements in one workbook, empty ones included (counted while stream-parsing)."""
    max_shared_strings: int = 10_000
    """Entries of an .xlsx shared-string table (``sst count`` / ``uniqueCount`` and counted)."""
    max_sheets: int = 16
    """Worksheets in one workbook."""
    max_xml_elements: int = 200_000
    """Elements in any one XML part of an .xlsx workbook."""
    max_token_bytes: int = 64 * 1024
    """Bytes of one XML text node or attribute value (a huge single token)."""
    max_key_parts: int = 16
    """Dotted parts of one TOML key or table header (``a.b.c`` has 3), counted before parsing."""
    max_seconds: float = 10.0
    """Wall-clock budget of one upload (the corpus test runs every file under it)."""
    max_memory_bytes: int = 1024 * 1024 * 1024
    """Address-space budget of one upload (the corpus test runs every file under it)."""


DEFAULT_LIMITS = Limits()
"""The limits used unless a caller passes others (immutable, safe to share)."""
