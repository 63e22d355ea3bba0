"""Tabular exports of the catalog and price tables (CSV, Excel, GeoJSON) for downloads.

Every CSV or Excel file written for a person goes through :func:`neutralise` (via
:func:`neutralise_frame`, :func:`csv_text`, :func:`csv_rows` or :func:`excel_bytes`), so no text
cell starts with a formula trigger.

Two shapes carry every fact with its provenance:

* **long** (:func:`facts_long`, the facts CSV and the Excel ``facts`` sheet): one row per park
  and fact; ``value`` holds numbers only (a bound's bound, a range's typical value), a range is
  ``low``/``high``, a bound has ``qualifier``, ``unit`` is the unit of those numbers, and
  yes/no, text and list facts are in ``text``;
* **flat** (:func:`park_properties`, the GeoJSON and GeoPackage park layers): one feature per
  park with, for every fact ``<fact>``, the columns ``<fact>`` (the value: a number, yes/no as a
  boolean, text, a list joined with ``"; "``), ``<fact>__status``, ``<fact>__source`` and
  ``<fact>__as_of``, and for numeric facts ``<fact>__low``, ``<fact>__high`` and
  ``<fact>__qualifier`` (see :func:`sourced_columns`). The unit is part of every numeric fact's
  name (``free_land_ha``: hectares). ``source`` and ``as_of`` without a prefix belong to the
  park's location. Flat columns survive GeoPackage, which has no nested values.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

from sites.catalog import IDENTITY, Catalog
from sites.model import Fact, Park
from sites.prices import COLUMNS, PriceTable
from sites.schema import FACTS, Kind

if TYPE_CHECKING:
    import pandas as pd

STALE_MONTHS = 24


FACT_COLUMNS: Final = ("park_id", "park", "country", "fact", "label", "group", "display",
                        "value", "low", "high", "qualifier", "unit", "text", "status", "as_of",
                        "undated", "checked", "source", "note", "stale", "date_unknown")
"""Columns of :func:`facts_long`, in order."""

PROVENANCE: Final = ("status", "source", "as_of")
"""Suffixes (after ``__``) of the provenance columns every fact has in :func:`park_properties`."""
NUMBER_PARTS: Final = ("low", "high", "qualifier")
"""Suffixes of the extra columns of a numeric fact in :func:`park_properties`."""


def fact_number(fact: Fact) -> float | None:
    """The number of a numeric fact as written: a value, a bound's bound or a range's typical
    value; ``None`` for a range without one, for other kinds and for unknown facts."""
    value = fact.value
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else None


def fact_text(fact: Fact) -> str | None:
    """A yes/no, text or list fact as language-neutral text (``yes``, ``no``, ``a; b``)."""
    value = fact.value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return "; ".join(value)
    return value if isinstance(value, str) else None


def fact_row(fact: Fact, *, today: dt.date) -> dict[str, object]:
    """One fact as export columns (schema v2): display text, numbers, dates and flags.

    ``value`` holds numbers only (:func:`fact_number`), with ``unit``; yes/no, text and list
    facts are in ``text`` (:func:`fact_text`) and have no unit. ``as_of`` is empty when undated.
    """
    numeric = fact.name in FACTS and FACTS[fact.name].kind is Kind.NUMBER
    return {
        "display": fact.display_value(), "value": fact_number(fact),
        "low": fact.low, "high": fact.high, "qualifier": fact.qualifier,
        "unit": fact.unit if numeric else "", "text": fact_text(fact),
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


def sourced_columns() -> list[str]:
    """Columns of :func:`park_properties`, in order: identity, location provenance, facts."""
    columns = [*IDENTITY, "source", "as_of"]
    for name, spec in FACTS.items():
        columns.append(name)
        if spec.kind is Kind.NUMBER:
            columns += [f"{name}__{part}" for part in NUMBER_PARTS]
        columns += [f"{name}__{part}" for part in PROVENANCE]
    return columns


def park_properties(park: Park, record: Mapping[str, object]) -> dict[str, object]:
    """One park as flat properties with every fact's value, status, source and as-of date.

    ``record`` is the park's row of :meth:`Catalog.to_records` (identity and location).
    """
    props: dict[str, object] = {key: record[key] for key in IDENTITY}
    props |= {"source": park.location.source or None, "as_of": park.location.as_of or None}
    for name, spec in FACTS.items():
        fact = park.facts[name]
        if spec.kind is Kind.NUMBER:
            props |= {name: fact_number(fact), f"{name}__low": fact.low,
                      f"{name}__high": fact.high, f"{name}__qualifier": fact.qualifier}
        elif spec.kind is Kind.BOOL:
            props[name] = fact.value if isinstance(fact.value, bool) else None
        else:
            props[name] = fact_text(fact)
        props |= {f"{name}__status": fact.status.value, f"{name}__source": fact.source,
                  f"{name}__as_of": fact.as_of_text or None}
    return props


def sourced_records(catalog: Catalog) -> list[dict[str, object]]:
    """:func:`park_properties` of every park (columns :func:`sourced_columns`)."""
    return [park_properties(park, record)
            for park, record in zip(catalog.parks, catalog.to_records(), strict=True)]


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
