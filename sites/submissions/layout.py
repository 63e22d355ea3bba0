"""The row-per-fact layout shared by the Excel and CSV templates and readers.

A table has a header row naming its columns (:data:`FACT_COLUMNS`, ``label`` optional) and one row
per fact. Identity and location fields (:data:`HEADER_FIELDS`) are rows too, with the field name in
the ``fact`` column and its content in ``value``; the Excel template keeps them on a ``park`` sheet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from sites.errors import Problem, WherePart, short
from sites.problems import located, parse_place, problem
from sites.profile import FACT_ORDER, OPTIONAL_TEXT, REQUIRED_TEXT
from sites.schema import FACTS, Kind

FACT_FIELDS: Final = FACT_ORDER
"""A fact's keys (schema v2), in the order of a profile's inline tables."""
FACT_COLUMNS: Final = ("fact", "label", *FACT_FIELDS)
"""Columns of the facts table, in template order."""
REQUIRED_COLUMNS: Final = frozenset({"fact", "value"})
LOCATION_FIELDS: Final = ("lat", "lon", "precision_m", "source", "as_of", "note")
HEADER_FIELDS: Final = (*REQUIRED_TEXT, *OPTIONAL_TEXT,
                        *(f"location.{name}" for name in LOCATION_FIELDS))
"""Identity and location rows, in template order."""
_ALIASES: Final = {"lat": "location.lat", "lon": "location.lon",
                   "precision_m": "location.precision_m"}

Cell = str | int | float | bool | dt.date | dt.datetime | None
_DEGREES: Final = re.compile(r"[+-]?\d{1,3}(?:[.,]\d+)?", re.ASCII)


@dataclass(frozen=True, slots=True)
class TableResult:
    """A profile mapping read from a table, the problems found, and where each field came from."""

    data: dict[str, Any] | None
    problems: tuple[Problem, ...] = ()
    places: Mapping[str, str] = field(default_factory=dict)
    """Profile field (``facts.x``, ``id``, ``location``) -> place in the file (``row 7``)."""


def clean_cell(value: object, *, keep_lines: bool = False) -> Cell:
    """Strip text, turn blank text into ``None``; other cell types pass unchanged.

    With ``keep_lines``, line breaks at either end survive (a list cell ending in a line break is
    one item per line even when it holds a single item).
    """
    if isinstance(value, str):
        if not value.strip():
            return None
        stripped = value.strip(" \t") if keep_lines else value.strip()
        if stripped[:1] == "'" and stripped[1:2] in ("=", "+", "-", "@", "\t", "\r"):
            stripped = stripped[1:]  # the quote our CSV export puts before formula-like text
        return stripped or None
    if value is None or isinstance(value, int | float | bool | dt.date):
        return value
    return str(value)


def read_header(cells: Sequence[object], *, origin: str, place: str
                ) -> tuple[dict[str, int] | None, list[Problem]]:
    """Column name -> index from a header row; ``None`` with problems when unusable."""
    columns: dict[str, int] = {}
    problems: list[Problem] = []

    def column(index: int) -> tuple[WherePart, ...]:
        return (*parse_place(place), ("column_number", index + 1))

    for index, raw in enumerate(cells):
        name = clean_cell(raw)
        if name is None:
            continue
        key = str(name).strip().lower()
        if key not in FACT_COLUMNS:
            problems.append(problem(origin, column(index), "unknown_column", short(name),
                                    columns=", ".join(FACT_COLUMNS)))
        elif key in columns:
            problems.append(problem(origin, column(index), "duplicate_column", short(name),
                                    column=repr(key)))
        else:
            columns[key] = index
    missing = sorted(REQUIRED_COLUMNS - set(columns))
    if missing:
        problems.append(problem(origin, parse_place(place), "missing_columns",
                                missing=", ".join(missing), columns=", ".join(FACT_COLUMNS)))
    return (None if problems else columns), problems


def rows_to_profile(rows: Iterable[tuple[str, Mapping[str, Cell]]], *, origin: str
                    ) -> TableResult:
    """Build the profile mapping from ``(place, {column: cell})`` rows.

    Blank cells are left out, so a blank unit means the fact's canonical unit. A fact or field
    given twice is a problem naming both places.
    """
    data: dict[str, Any] = {"location": {}, "facts": {}}
    problems: list[Problem] = []
    places: dict[str, str] = {}
    for place, row in rows:
        cells = {k: v for k, v in row.items() if v is not None and k != "label"}
        if not cells:
            continue
        name = cells.pop("fact", None)
        if not isinstance(name, str):
            problems.append(problem(origin, parse_place(place), "row_without_name",
                                    short(name) if name else ""))
            continue
        key = _ALIASES.get(name, name)
        target = _target(key)
        if target in places:
            problems.append(problem(origin, (*parse_place(place), ("path", target)),
                                    "duplicate_row", short(name), key=repr(key),
                                    other=places[target]))
            continue
        places[target] = place
        if key in HEADER_FIELDS:
            problems += _header_row(data, key, cells, origin=origin, place=place)
        else:
            entry = {k: v for k, v in cells.items() if k in FACT_FIELDS}
            data["facts"][key] = entry | _list_value(key, entry.get("value"))
    if not data["location"]:
        del data["location"]
    return TableResult(data, tuple(problems), places)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _list_value(name: str, value: Cell) -> dict[str, Any]:
    """A list fact in one cell: one item per line (the template's way), or ``a; b; c``."""
    spec = FACTS.get(name)
    if spec is None or spec.kind is not Kind.LIST or not isinstance(value, str):
        return {}
    # only CR/LF end an item: str.splitlines() also splits on NEL, U+2028 and other
    # characters an item may contain, so a round trip through the table lost them
    items = _LINE_BREAK.split(value) if "\n" in value or "\r" in value else value.split(";")
    return {"value": [item.strip() for item in items if item.strip()]}


def _target(key: str) -> str:
    return key if key in HEADER_FIELDS else f"facts.{key}"


def _header_row(data: dict[str, Any], key: str, cells: Mapping[str, Cell], *, origin: str,
                place: str) -> list[Problem]:
    extra = sorted(k for k in cells if k != "value")
    problems = [problem(origin, parse_place(place), "value_only", short(extra),
                        key=key)] if extra else []
    value = clean_cell(cells.get("value"))
    if value is None:
        return problems
    if isinstance(value, dt.date):
        value = (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if key.startswith("location."):
        name = key.removeprefix("location.")
        data["location"][name] = _coordinate(value) if name in ("lat", "lon") else value
    else:
        data[key] = value if not isinstance(value, int | float) or isinstance(value, bool) \
            else _number_text(value)
    return problems


def _coordinate(value: Cell) -> Cell:
    """Decimal degrees as text (``63.843`` or ``63,843``): a number.

    Degrees never exceed 180, so a ``.`` or ``,`` before three digits cannot be a thousands
    separator here (the ambiguity rule of :func:`sites.profile.number_text_problem` does not
    apply); other text is left for the profile check to refuse.
    """
    if isinstance(value, str) and _DEGREES.fullmatch(value.strip()):
        return float(value.strip().replace(",", "."))
    return value


def _number_text(value: float) -> str:
    """A number in a text field (a spreadsheet turned ``12345`` into a number): back to text."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def locate(problems: Iterable[Problem], places: Mapping[str, str]) -> tuple[Problem, ...]:
    """Prefix each problem's field with the row it came from (``row 7: facts.x.value``)."""
    found = []
    for each in problems:
        place = _place_of(each.field, places)
        found.append(located(place, each) if place else each)
    return tuple(found)


def _place_of(fieldname: str, places: Mapping[str, str]) -> str:
    parts = fieldname.split(".")
    for end in range(len(parts), 0, -1):
        place = places.get(".".join(parts[:end]))
        if place:
            return place
    return ""
