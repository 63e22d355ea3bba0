"""Tabular exports of the catalog and price tables (CSV, Excel, GeoJSON) for downloads."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

from sites.catalog import Catalog
from sites.prices import COLUMNS, PriceTable
from sites.schema import FACTS

if TYPE_CHECKING:
    import pandas as pd

STALE_MONTHS = 24


def facts_long(catalog: Catalog, *, today: dt.date) -> pd.DataFrame:
    """One row per park and fact: value, unit, status, as-of, source, note and staleness."""
    import pandas as pd

    rows = []
    for park in catalog:
        for name, fact in park.facts.items():
            rows.append({
                "park_id": park.id, "park": park.name, "country": park.country,
                "fact": name, "label": FACTS[name].label, "group": FACTS[name].group,
                "value": fact.display_value() if fact.known else None,
                "unit": fact.unit, "status": fact.status.value, "as_of": fact.as_of_text,
                "source": fact.source, "note": fact.note,
                "stale": fact.is_stale(today, months=STALE_MONTHS),
            })
    return pd.DataFrame(rows)


def prices_frame(prices: PriceTable, *, today: dt.date) -> pd.DataFrame:
    import pandas as pd

    from sites.profile import parse_date

    frame = pd.DataFrame([{c: getattr(r, c) for c in COLUMNS} for r in prices.rows],
                         columns=list(COLUMNS))

    def age(text: str) -> int | None:
        parsed = parse_date(text)
        if parsed is None:
            return None
        return (today.year - parsed[0].year) * 12 + today.month - parsed[0].month

    frame["age_months"] = frame["as_of"].map(age)
    frame["stale"] = frame["age_months"].fillna(0) > STALE_MONTHS
    return frame


def excel_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An .xlsx workbook with one sheet per frame (names cut to Excel's 31 characters)."""
    import pandas as pd

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe = frame.copy()
            for column in safe.columns:
                if not pd.api.types.is_numeric_dtype(safe[column]):
                    safe[column] = safe[column].map(_excel_safe).astype(object)
            safe.to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def _excel_safe(value: object) -> object:
    """Neutralise spreadsheet formula injection (text starting with = + - @)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
