"""One "today" for tests that read the shipped data.

Validation refuses dates in the future, so a test that pins today must not fall before the
newest date the shipped data states (a ``checked`` day written by the latest research). This is
that date, read from the data itself: deterministic for a given checkout, never behind it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Final

_DATA = Path(__file__).resolve().parents[2] / "sites" / "data"
_ISO_DAY = re.compile(r"\b(20\d\d-[01]\d-[0-3]\d)\b")
_FLOOR: Final = dt.date(2026, 12, 1)


def _newest_data_date() -> dt.date:
    files = [*(_DATA / "parks").glob("*.toml"), _DATA / "prices.csv"]
    days = {dt.date.fromisoformat(m) for f in files
            for m in _ISO_DAY.findall(f.read_text(encoding="utf-8"))
            if m <= dt.date.today().isoformat()}
    return max(days | {_FLOOR})


DATA_TODAY: Final = _newest_data_date()
"""The newest date in ``sites/data`` (never before 2026-12-01, never after the real today)."""
