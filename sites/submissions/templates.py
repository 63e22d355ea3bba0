"""Templates to download: a park's current profile, or a blank one, as Excel or TOML.

Both use the catalog's profile layout (:func:`profile_mapping`), which is also what the store
keeps and what :mod:`sites.submissions.readers` reads back.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import Any, Final

import tomli_w

from sites.export import neutralise
from sites.model import QUALIFIERS, Fact, Park
from sites.profile import OPTIONAL_TEXT, REQUIRED_TEXT
from sites.schema import FACTS, Kind, Status
from sites.submissions.layout import FACT_COLUMNS, HEADER_FIELDS
from sites.units import CONVERSIONS

STATUSES: Final = tuple(s.value for s in Status)
TOML_HEADER: Final = """\
# parkbench park profile (schema v2). Every fact, keys in this order where present:
# value | low + high (a range, optional typical value) | qualifier ("at least" / "at most"),
# unit, status (published | estimate | unknown | not_applicable),
# as_of (the date the figure refers to: YYYY, YYYY-MM or YYYY-MM-DD) or undated = true,
# checked (YYYY-MM-DD, the day it was last verified or looked for),
# source (an http(s) URL; required for published and estimate), note.
# A fact nobody has published keeps status = "unknown", no value and no as_of, and a note saying
# where it was looked for; a fact that does not apply is "not_applicable" with a note saying why.

"""
BLANK_NOTE: Final = "Not given in this submission."
"""Note of each unknown fact in a blank template (unknown facts need a note)."""
_WIDTHS: Final = {"fact": 28, "label": 40, "value": 30, "low": 10, "high": 10, "qualifier": 12,
                  "unit": 12, "status": 14, "as_of": 12, "undated": 10, "checked": 12,
                  "source": 50, "note": 60}
_FIELD_HELP: Final = {
    "id": "lowercase letters, digits and hyphens; keep it when updating a park",
    "country": "ISO 3166 code, e.g. FI", "bidding_zone": "electricity bidding zone, e.g. FI, SE3",
    "location.lat": "WGS84 decimal degrees (north)", "location.lon": "WGS84 decimal degrees (east)",
    "location.precision_m": "how far the point may be off, in metres",
    "location.as_of": "YYYY-MM-DD", "contact_url": "an http(s) URL",
}


def allowed_units(name: str) -> tuple[str, ...]:
    """The canonical unit of a fact first, then every unit converted to it on import."""
    canonical = FACTS[name].unit
    return (canonical, *(given for given, to in CONVERSIONS if to == canonical))


def _plain(value: object) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def fact_mapping(fact: Fact) -> dict[str, Any]:
    """One fact in the profile layout (keys in :data:`~sites.profile.FACT_ORDER`); empty
    entries are left out."""
    entry = {"value": _plain(fact.value), "low": _plain(fact.low), "high": _plain(fact.high),
             "qualifier": fact.qualifier, "unit": fact.unit, "status": fact.status.value,
             "as_of": fact.as_of_text, "undated": True if fact.undated else None,
             "checked": fact.checked_text or (fact.checked.isoformat() if fact.checked else None),
             "source": fact.source, "note": fact.note}
    return {k: v for k, v in entry.items() if v is not None and (v != "" or k == "unit")}


def profile_mapping(park: Park) -> dict[str, Any]:
    """A park in the TOML profile layout (plain str/float/bool/list values, JSON-safe)."""
    data: dict[str, Any] = {key: getattr(park, key) for key in REQUIRED_TEXT}
    data |= {key: getattr(park, key) for key in OPTIONAL_TEXT if getattr(park, key)}
    loc = park.location
    data["location"] = {k: v for k, v in {
        "lat": loc.lat, "lon": loc.lon, "precision_m": _plain(loc.precision_m),
        "source": loc.source, "as_of": loc.as_of, "note": loc.note}.items() if v != ""}
    data["facts"] = {name: fact_mapping(park.facts[name]) for name in FACTS}
    return data


def blank_mapping(*, today: dt.date) -> dict[str, Any]:
    """A profile to fill in: empty fields, every fact unknown as of ``today``."""
    data: dict[str, Any] = {key: "" for key in REQUIRED_TEXT}
    data["location"] = {"lat": "", "lon": "", "precision_m": 1000, "source": "",
                        "as_of": today.isoformat()}
    data["facts"] = {name: {"unit": spec.unit, "status": "unknown",
                            "checked": today.isoformat(), "note": BLANK_NOTE}
                     for name, spec in FACTS.items()}
    return data


def toml_bytes(data: Mapping[str, Any]) -> bytes:
    """A profile mapping as TOML in the shipped layout: one inline table per fact (UTF-8)."""
    data = _toml_ready(data)
    top = {k: v for k, v in data.items() if not isinstance(v, Mapping)}
    body = tomli_w.dumps(top)
    if isinstance(data.get("location"), Mapping):
        body += "\n[location]\n" + tomli_w.dumps(data["location"])
    facts = data.get("facts")
    if isinstance(facts, Mapping):
        body += "\n[facts]\n" + "".join(f"{_key(name)} = {_inline(entry)}\n"
                                         for name, entry in facts.items())
    return (TOML_HEADER + body).encode("utf-8")


def _key(name: str) -> str:
    return tomli_w.dumps({name: 0}).rsplit(" = ", 1)[0]


def _inline(value: Any) -> str:
    """One value as TOML on a single line (tables become inline tables)."""
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(str(k))} = {_inline(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return tomli_w.dumps({"v": value}, multiline_strings=False).removeprefix("v = ").rstrip("\n")


def _toml_ready(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _toml_ready(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_toml_ready(v) for v in value]
    return value


def _cell_text(key: str, value: Any, kind: Kind) -> Any:
    if key == "value":
        return _value_text(value, kind)
    if key == "undated":
        return "yes" if value is True else None
    return value


def _value_text(value: Any, kind: Kind) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        text = "\n".join(str(v) for v in value)
        return text + "\n" if len(value) == 1 and ";" in text else text
    return value if kind is Kind.NUMBER else (None if value is None else str(value))


def table_rows(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The profile as rows of the CSV layout: identity and location fields first, then facts."""
    location = data.get("location", {})
    rows: list[dict[str, Any]] = []
    for key in HEADER_FIELDS:
        value = location.get(key.removeprefix("location.")) if key.startswith("location.") \
            else data.get(key)
        if value not in (None, ""):
            rows.append({"fact": key, "value": value})
    for name, spec in FACTS.items():
        entry = data.get("facts", {}).get(name, {})
        rows.append({"fact": name, "label": spec.label,
                     **{k: _cell_text(k, v, spec.kind) for k, v in entry.items()}})
    return rows


def csv_bytes(data: Mapping[str, Any]) -> bytes:
    """A profile mapping as a UTF-8 CSV in the row-per-fact layout (with a BOM for Excel)."""
    import csv

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FACT_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in table_rows(data):
        writer.writerow({k: _csv_safe(v) for k, v in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_safe(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab,
    CR: :func:`sites.export.neutralise`); write a float whose text looks like a thousands
    group (``12.345``) with a trailing zero (``12.3450``), which the reader accepts as decimal."""
    from sites.profile import number_text_problem

    if isinstance(value, float) and not isinstance(value, bool) and \
            number_text_problem(str(value)) is not None and "e" not in str(value):
        return f"{value}0"
    return neutralise(value)


def excel_bytes(data: Mapping[str, Any], *, first: Sequence[str] = (),
                request: Sequence[tuple[str, str, str]] = ()) -> bytes:
    """A profile mapping as the Excel template: sheets ``park`` and ``facts`` with drop-downs.

    A request for information puts the asked facts (``first``) at the top of the ``facts``
    sheet, highlighted, and lists them with why they matter in a leading ``request`` sheet
    (rows ``(fact, label, why)``); the reader ignores that sheet, so the filled-in workbook is
    uploaded as it is.
    """
    from openpyxl import Workbook

    book = Workbook()
    park = book.active
    if request:
        park.title = "request"
        _request_sheet(park, request)
        park = book.create_sheet("park")
    else:
        park.title = "park"
    _park_sheet(park, data)
    _facts_sheet(book.create_sheet("facts"), data.get("facts", {}), first=first)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _put(sheet: Any, row: int, column: int, value: Any) -> None:
    """Write a cell; text is always stored as text (a leading ``=`` never becomes a formula)."""
    cell = sheet.cell(row=row, column=column)
    cell.value = neutralise(value)
    if isinstance(value, str):
        cell.data_type = "s"


def _heading(sheet: Any, names: tuple[str, ...], widths: tuple[int, ...]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for column, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        _put(sheet, 1, column, name)
        sheet.cell(row=1, column=column).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"


def _park_sheet(sheet: Any, data: Mapping[str, Any]) -> None:
    _heading(sheet, ("field", "value", "help"), (24, 50, 60))
    location = data.get("location", {})
    for row, key in enumerate(HEADER_FIELDS, start=2):
        value = location.get(key.removeprefix("location.")) if key.startswith("location.") \
            else data.get(key)
        _put(sheet, row, 1, key)
        _put(sheet, row, 2, value if value != "" else None)
        _put(sheet, row, 3, _FIELD_HELP.get(key, "required" if key in REQUIRED_TEXT else ""))


def _request_sheet(sheet: Any, rows: Sequence[tuple[str, str, str]]) -> None:
    _heading(sheet, ("fact", "label", "why it matters"), (28, 40, 100))
    for row, cells in enumerate(rows, start=2):
        for column, value in enumerate(cells, start=1):
            _put(sheet, row, column, value)


def _facts_sheet(sheet: Any, facts: Mapping[str, Any], *, first: Sequence[str] = ()) -> None:
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    _heading(sheet, FACT_COLUMNS, tuple(_WIDTHS[c] for c in FACT_COLUMNS))
    letter = {c: get_column_letter(i) for i, c in enumerate(FACT_COLUMNS, start=1)}
    status = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"',
                            allow_blank=False)
    sheet.add_data_validation(status)
    lists: dict[str, Any] = {}
    asked = [n for n in dict.fromkeys(first) if n in FACTS]
    ordered = [*asked, *(n for n in FACTS if n not in asked)]
    fill = PatternFill("solid", fgColor="FFF3E0")
    for row, name in enumerate(ordered, start=2):
        spec = FACTS[name]
        entry = facts.get(name, {})
        cells = {key: _cell_text(key, entry.get(key), spec.kind) for key in FACT_COLUMNS}
        cells |= {"fact": name, "label": spec.label, "unit": entry.get("unit", spec.unit),
                  "status": entry.get("status", "unknown")}
        for column, key in enumerate(FACT_COLUMNS, start=1):
            _put(sheet, row, column, cells[key] if cells[key] != "" else None)
            if name in asked:
                sheet.cell(row=row, column=column).fill = fill
        status.add(f"{letter['status']}{row}")
        _validation(sheet, lists, "yes").add(f"{letter['undated']}{row}")
        units = allowed_units(name) if spec.unit else ()
        if units:
            _validation(sheet, lists, ",".join(units)).add(f"{letter['unit']}{row}")
        if spec.kind is Kind.BOOL:
            _validation(sheet, lists, "yes,no").add(f"{letter['value']}{row}")
        if spec.kind is Kind.NUMBER:
            _validation(sheet, lists, ",".join(QUALIFIERS)).add(f"{letter['qualifier']}{row}")


def _validation(sheet: Any, known: dict[str, Any], choices: str) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    if choices not in known:
        known[choices] = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        sheet.add_data_validation(known[choices])
    return known[choices]
