"""Tabular exports of the catalog and price tables (CSV, Excel, GeoJSON) for downloads.

Every CSV or Excel file written for a person goes through :func:`neutralise` (via
:func:`neutralise_frame`, :func:`csv_text`, :func:`csv_rows` or :func:`excel_bytes`), so no text
cell starts with a formula trigger.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

from sites.catalog import Catalog
from sites.model import Fact
from sites.prices import COLUMNS, PriceTable
from sites.schema import FACTS

if TYPE_CHECKING:
    import pandas as pd

STALE_MONTHS = 24


FACT_COLUMNS: Final = ("park_id", "park", "country", "fact", "label", "group", "display",
                        "value", "low", "high", "qualifier", "unit", "status", "as_of",
                        "undated", "checked", "source", "note", "stale", "date_unknown")
"""Columns of :func:`facts_long`, in order."""


def fact_row(fact: Fact, *, today: dt.date) -> dict[str, object]:
    """One fact as export columns (schema v2): display text, numbers, dates and flags.

    ``value`` is the number of a numeric fact (a bound's bound, a range's typical value) and
    ``None`` for other kinds, whose value is in ``display``. ``as_of`` is empty when undated.
    """
    value = fact.value
    number = float(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else None
    return {
        "display": fact.display_value(), "value": number,
        "low": fact.low, "high": fact.high, "qualifier": fact.qualifier, "unit": fact.unit,
        "status": fact.status.value, "as_of": fact.as_of_text or None, "undated": fact.undated,
        "checked": fact.checked_text or None, "source": fact.source, "note": fact.note,
        "stale": fact.is_stale(today, months=STALE_MONTHS), "date_unknown": fact.date_unknown,
    }


def facts_long(catalog: Catalog, *, today: dt.date) -> pd.DataFrame:
    """One row per park and fact (columns :data:`FACT_COLUMNS`; see :func:`fact_row`)."""
    import pandas as pd

    rows = []
    for park in catalog:
        for name, fact in park.facts.items():
            rows.append({
                "park_id": park.id, "park": park.name, "country": park.country,
                "fact": name, "label": FACTS[name].label, "group": FACTS[name].group,
                **fact_row(fact, today=today),
            })
    return pd.DataFrame(rows, columns=list(FACT_COLUMNS))


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
            neutralise_frame(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection)."""


def neutralise(value: object) -> object:
    """A text cell starting with a formula trigger, prefixed with ``'``; anything else unchanged.

    Only text is changed: a negative *number* stays a number (it is no formula), while the text
    ``"-5 ha"`` or ``"=HYPERLINK(...)"`` becomes ``"'-5 ha"``. Spreadsheets show the quote as
    the text prefix it is; the submission readers strip it again (``layout.clean_cell``).

    References
    ----------
    OWASP, CSV Injection, https://owasp.org/www-community/attacks/CSV_Injection
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell neutralised (numeric columns untouched)."""
    import pandas as pd

    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise).astype(object)
    safe.columns = [neutralise(c) for c in safe.columns]
    return safe


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text (no index, ``\n`` line ends) with every text cell neutralised."""
    return str(neutralise_frame(frame).to_csv(index=False, lineterminator="\n"))


def csv_rows(records: Iterable[Mapping[str, object]], *, columns: Sequence[str]) -> str:
    """Dict records as CSV text with every text cell neutralised (for non-pandas writers)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[str(neutralise(c)) for c in columns],
                            extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({str(neutralise(k)): neutralise(v) for k, v in record.items()})
    return out.getvalue()
