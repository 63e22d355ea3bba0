"""Problems of the upload checker as codes with parameters; English text for the command line.

Every problem the checker reports (:mod:`sites.profile`, :mod:`sites.submissions`) is built by
:func:`problem` from a code of :data:`PROBLEMS`. The code and its parameters are stable: a reader
writes them in its own language (``ui.problems`` uses the catalog entries ``upload.<code>`` and
``upload.<code>.expected``). The English ``problem`` and ``expected`` texts are the code's
templates formatted with the parameters (``str.format``, format specs such as ``{size:,}``), the
exact text ``python -m sites import`` prints.

Parameters are text (user values quoted with :func:`sites.errors.short`, shown as given) or
numbers (a reader formats them in its locale). A template may also use labels:

- ``labels``: a placeholder shown as the translation of a catalog key built from a parameter
  (``{kind_label}`` is ``upload.kind.<kind>``);
- ``places``: parameters holding a place written by :func:`where_text` (``facts row 7``), which a
  reader writes again from :func:`parse_place`;
- a ``country`` parameter (an ISO code) comes with ``country_name``, its English name; a reader
  shows the name in its own language.

Where a problem is (:attr:`~sites.errors.Problem.where`) is a tuple of parts (:data:`WHERE`):
``(("sheet", "'facts'"), ("cell", "C24"))`` is ``sheet 'facts', cell C24``.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from sites.errors import Problem, ProblemParam, WherePart

FILE: Final = "(file)"


@dataclass(frozen=True, slots=True)
class Label:
    """A placeholder filled with the translation of ``prefix + params[param]``."""

    prefix: str
    param: str
    lower: bool = False
    """Lower-case the label (a label in mid-sentence)."""


@dataclass(frozen=True, slots=True)
class ProblemSpec:
    """English templates of one problem code and how its placeholders are filled."""

    problem: str
    expected: str = ""
    labels: Mapping[str, Label] = field(default_factory=dict)
    places: frozenset[str] = frozenset()
    extra: frozenset[str] = frozenset()
    """Parameters only translations use (the English text reads the same from others)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", MappingProxyType(dict(self.labels)))

    @property
    def params(self) -> frozenset[str]:
        """Its parameters: those its English templates use, and :attr:`extra`."""
        return placeholders(self.problem) | placeholders(self.expected) | self.extra


def placeholders(template: str) -> frozenset[str]:
    """Names of the ``{placeholders}`` of a ``str.format`` template."""
    return frozenset(name.split(".")[0].split("[")[0]
                     for _, name, _, _ in string.Formatter().parse(template) if name)


_KIND: Final = {"kind": Label("upload.kind.", "kind")}
_DATES: Final = "YYYY, YYYY-MM or YYYY-MM-DD"
_STRICT_JSON: Final = "strict JSON (unique keys, finite numbers)"
_XLSX: Final = "an .xlsx file"
_SAVED: Final = "an .xlsx saved by Excel or LibreOffice"
_NO_MACROS: Final = "an .xlsx without macros"
_SHEET_ROWS: Final = "at most {limit:,} rows per sheet"
_SHEET_COLUMNS: Final = "at most {limit} columns per sheet"
NUMBER_TEXT_EXPECTED: Final = ("a plain number without thousands separators: 2400, 2400.5 or "
                               "2400,5 (a space may group digits: 2 400)")
_IN_UNIT: Final = "a number in {unit}"
_RANGE: Final = "{low:g} to {high:g} {unit}"
_LOOKALIKE: Final = ("id {other_id} to update it, or a clearly different name (a curator reviews "
                     "look-alike names)")
_AS_OF: Final = _DATES + ", or undated = true when the source has no date"
_S = ProblemSpec

PROBLEMS: Final[Mapping[str, ProblemSpec]] = MappingProxyType({
    # --- reading the file (sites.submissions.readers) ---
    "unsupported_type": _S("unsupported file type", "{formats}"),
    "file_too_large": _S("file too large ({size:,} bytes)", "at most {limit:,} bytes"),
    "file_empty": _S("the file is empty", "a park profile"),
    "read_failed": _S("the file could not be read ({error})",
                      "a {format} park profile; please report this file"),
    "check_failed": _S("the file could not be checked ({error})",
                       "a park profile; please report this file"),
    "lone_surrogate": _S("text that is not valid Unicode (a lone UTF-16 surrogate?)",
                         "UTF-8 text"),
    "utf16": _S("UTF-16 text", "UTF-8 (in Excel: save as 'CSV UTF-8')"),
    "zip_not_text": _S("a zip container (an Excel workbook?), not text",
                       "UTF-8 text, or name the workbook .xlsx"),
    "not_utf8": _S("not UTF-8: byte {byte} at position {position}",
                   "UTF-8 text (was it saved as Latin-1 / Windows-1252?)"),
    "nul_bytes": _S("contains NUL bytes (a binary file?)", "plain text"),
    "too_deep": _S("nested too deeply (over {limit} levels)", "at most {limit}"),
    "toml_key_parts": _S("a key with over {limit} dotted parts",
                         "at most {limit} parts (a.b.c has 3)"),
    "toml_syntax": _S("TOML syntax error: {error}", "valid TOML"),
    "toml_unreadable": _S("TOML cannot be read: {error}", "valid TOML"),
    "json_syntax": _S("JSON syntax error: {error} at line {line}, column {column}", "valid JSON"),
    "json_duplicate_key": _S("duplicate key {key}", _STRICT_JSON),
    "json_constant": _S("{name} is not a JSON number", _STRICT_JSON),
    "json_unreadable": _S("JSON cannot be read: {error}", "valid JSON"),
    "csv_unreadable": _S("CSV cannot be read: {error}", "valid CSV"),
    "csv_too_many_rows": _S("too many rows", "at most {limit} rows after the header"),
    "too_many_columns": _S("{count:,} columns", "at most {limit} columns"),
    "table_empty": _S("table is empty", "a header row and one row per fact"),
    "facts_table_empty": _S("facts table is empty", "a header row and one row per fact"),
    "cell_too_long": _S("cell too long ({length:,} characters)", "at most {limit:,}"),
    # --- the .xlsx container (sites.submissions.readers.check_zip, read_xlsx) ---
    "no_zip_signature": _S("not an Excel .xlsx workbook (no zip signature)", _XLSX),
    "workbook_damaged": _S("damaged workbook: {error}", _XLSX),
    "too_many_parts": _S("too many parts in the workbook ({count})", "at most {limit}"),
    "zip_bomb_size": _S("workbook unpacks to {size:,} bytes (a zip bomb?)",
                        "at most {limit:,} bytes"),
    "zip_bomb_ratio": _S("part {part} is compressed {ratio:,.0f}:1 (a zip bomb?)",
                         "at most {limit:g}:1"),
    "encrypted": _S("the workbook is encrypted", "an unprotected .xlsx file"),
    "duplicate_part": _S("duplicate part {part} in the workbook (also {other})",
                         "each part once (Excel reads one copy, another program may read the "
                         "other)"),
    "macro_sheets": _S("the workbook contains Excel 4.0 macro sheets", _NO_MACROS),
    "macros": _S("the workbook contains macros", _NO_MACROS),
    "no_workbook_part": _S("not an Excel .xlsx workbook (missing xl/workbook.xml)", _XLSX),
    "workbook_not_opened": _S("workbook cannot be opened: {error}", _SAVED),
    "workbook_not_read": _S("workbook cannot be read: {error}", _SAVED),
    "no_facts_sheet": _S("no 'facts' sheet", "the template's sheets 'park' and 'facts'"),
    "sheet_too_many_rows": _S("too many rows", "at most {limit} rows per sheet"),
    # --- the workbook's XML (sites.submissions.xlsxscan) ---
    "xml_dtd": _S("XML with a DTD or entity declarations (forbidden)",
                  "an .xlsx saved by Excel or LibreOffice (no DTD)"),
    "xml_elements": _S("more than {limit:,} XML elements", "at most {limit:,} elements per part"),
    "xml_attribute": _S("an attribute of {length:,} characters ({attribute} of <{element}>)",
                        "at most {limit:,} per value"),
    "xml_text": _S("a text token of over {limit:,} characters",
                   "at most {limit:,} characters in one XML text"),
    "xml_damaged": _S("damaged XML: {error}", _SAVED),
    "too_many_sheets": _S("more than {limit} sheets", "at most {limit} sheets"),
    "sheet_hidden": _S("the sheet is {state} (not shown in Excel)",
                       "only visible sheets: unhide or delete it"),
    "sheet_names_case": _S("two sheets named {first} and {second}",
                           "sheet names that differ in more than letter case"),
    "shared_strings_declared": _S("the shared-string table declares {key}={declared}",
                                  "at most {limit:,} shared strings"),
    "shared_strings_count": _S("more than {limit:,} shared strings",
                               "at most {limit:,} shared strings"),
    "dimension_invalid": _S("the sheet's dimension {ref} is not a cell range",
                            "a range like A1:H30"),
    "dimension_rows": _S("the sheet's dimension {ref} reaches row {row:,}", _SHEET_ROWS),
    "dimension_columns": _S("the sheet's dimension {ref} reaches column {letters} "
                            "({column:,} columns)", _SHEET_COLUMNS),
    "row_number_invalid": _S("row number {given} is not a number", "rows 1, 2, 3 ..."),
    "row_too_far": _S("a row numbered {row:,}", _SHEET_ROWS),
    "row_repeated": _S("a second row numbered {row:,} after row {previous:,}",
                       "each row once, in increasing order"),
    "row_out_of_order": _S("a row out of order numbered {row:,} after row {previous:,}",
                           "each row once, in increasing order"),
    "row_hidden": _S("the row is hidden (not shown in Excel)",
                     "only visible rows: unhide or delete it"),
    "too_many_cells": _S("more than {limit:,} cells in the workbook (empty cells count)",
                         "at most {limit:,} cells"),
    "cell_ref_invalid": _S("cell reference {ref} is invalid", "a reference like C24"),
    "cell_outside_row": _S("cell {cell} inside row {row:,}", "cells in their own row"),
    "cell_column_too_far": _S("a cell in column {letters} ({column:,})", _SHEET_COLUMNS),
    "cell_repeated": _S("cell {cell} given twice or out of order", "each cell once, left to right"),
    "cell_shows_nothing": _S("cell {cell} is formatted to show nothing (number format ;;;)",
                             "a visible value: use the General format"),
    "cell_formula": _S("cell {cell} holds a formula",
                       "a typed value (copy, then paste values only): cached formula results "
                       "are not imported"),
    "column_hidden": _S("a hidden column (not shown in Excel)",
                        "only visible columns: unhide or delete it"),
    "rows_hidden_default": _S("rows are hidden by default (zeroHeight)", "visible rows"),
    # --- GeoJSON (sites.submissions.geo) ---
    "projected_unknown": _S("coordinates in metres (a projected CRS), not degrees",
                            "WGS84 decimal degrees (EPSG:4326)"),
    "projected_guess": _S("coordinates look like EPSG:{epsg} ({crs}) metres; in WGS84 that is "
                          "lat {lat}, lon {lon}",
                          "WGS84 decimal degrees (EPSG:4326): enter the converted values"),
    "properties_missing": _S("missing or not an object",
                             "the profile fields as the Feature's properties"),
    "location_not_object": _S("not an object", "{{ precision_m, source, as_of, note }}"),
    "geometry_differs": _S("differs from the geometry", "{geometry} (or leave it out)"),
    "not_geojson_object": _S("not a GeoJSON object", "a GeoJSON Feature"),
    "feature_count": _S("{count} features", "exactly one Feature (one park per file)"),
    "feature_not_object": _S("not an object", "a GeoJSON Feature"),
    "not_feature": _S("not a GeoJSON Feature", '"Feature" or a "FeatureCollection" of one'),
    "crs_projected": _S("coordinates in a projected or unknown CRS",
                        "WGS84 longitude, latitude (RFC 7946: no crs member)"),
    "not_point": _S("not a Point", "a Point [longitude, latitude]"),
    "not_position": _S("not a position", "[longitude, latitude]"),
    "coordinates_not_finite": _S("not finite numbers", "[longitude, latitude] in decimal degrees"),
    # --- the row-per-fact table (sites.submissions.layout) ---
    "unknown_column": _S("unknown column", "{columns}"),
    "duplicate_column": _S("duplicate column {column}", "each column once"),
    "missing_columns": _S("missing column(s) {missing}", "a header row: {columns}"),
    "row_without_name": _S("row without a fact or field name", "a name in the fact column"),
    "duplicate_row": _S("duplicate row for {key}", "one row only (also {other})",
                        places=frozenset({"other"})),
    "value_only": _S("{key} takes only a value", "the value column only"),
    # --- the whole submission (sites.submissions.check) ---
    "id_other_park": _S("the file is for {declared}", "{expected_id} (the park being updated)"),
    "id_not_found": _S("no park {park} to update", "the id of an existing park"),
    "id_exists": _S("a park with id {park} already exists",
                    "a new id, or choose that park to update it"),
    "more_problems": _S("... and {count:,} more problem(s)", "fix the ones above first"),
    "name_taken": _S("a park named {name} already exists as {other_id}", _LOOKALIKE),
    "name_lookalike": _S("{field} {name} looks like the existing park {other_name} ({other_id}): "
                         "confusable characters", _LOOKALIKE),
    "invisible_characters": _S("invisible or bidirectional control characters ({characters})",
                               "plain text without invisible characters"),
    "file_named_other": _S("the file is named after park {park} but is for {declared}",
                           "id {park} in a file named so, or rename the file after the park it "
                           "describes"),
    "number_mixed": _S("mixed '.' and ',' separators (one is a thousands separator) in {text}",
                       NUMBER_TEXT_EXPECTED),
    "number_ambiguous": _S("ambiguous: ',' or '.' before three digits could be a thousands "
                           "separator in {text}", NUMBER_TEXT_EXPECTED),
    # --- one profile's fields (sites.profile) ---
    "not_mapping": _S("not a table of fields", "a TOML table / JSON object"),
    "unknown_field": _S("unknown field", "{fields}"),
    "field_missing": _S("missing", "a non-empty value"),
    "not_text": _S("not text", "a string"),
    "control_characters": _S("contains control characters", "plain text"),
    "too_long": _S("too long ({length} characters)", "at most {limit}"),
    "id_invalid": _S("invalid value", "lowercase letters, digits and hyphens"),
    "country_invalid": _S("invalid value", "an ISO 3166 code: {countries}"),
    "zone_invalid": _S("invalid value", "one of {zones}"),
    "programme_region_invalid": _S("invalid value", "{regions}"),
    "url_invalid": _S("invalid value", "an http(s) URL"),
    "location_missing": _S("missing or not a table", "[location] with lat, lon, precision_m"),
    "unknown_key": _S("unknown key", "{keys}"),
    "coordinate_invalid": _S("invalid WGS84 coordinate",
                             "decimal degrees between {low} and {high}"),
    "coordinate_projected": _S("invalid WGS84 coordinate; looks like a projected coordinate "
                               "(metres)", "decimal degrees between {low} and {high}"),
    "precision_invalid": _S("missing or invalid precision", "metres, 1 to 100000"),
    "outside_country": _S("({lat}, {lon}) is outside {country_name}", "a point inside {country}"),
    "outside_country_swapped": _S("({lat}, {lon}) is outside {country_name}; lat and lon look "
                                  "swapped", "a point inside {country}"),
    "location_date_invalid": _S("invalid date", _DATES),
    "facts_missing": _S("missing or not a table", "[facts] with every fact of the schema"),
    "unknown_fact": _S("unknown fact", "one of {facts}"),
    "fact_missing": _S("missing", 'an entry (use status = "unknown" when not known)'),
    "fact_not_table": _S("not a table", "{shape}"),
    "status_invalid": _S("invalid status", "{statuses}"),
    "unit_wrong": _S("wrong unit", "{unit}"),
    "checked_invalid": _S("invalid date",
                          "YYYY-MM-DD: the day the fact was last verified or looked for"),
    "date_future": _S("date is in the future", "on or before {today}"),
    "undated_not_yes_no": _S("not a yes/no value", "true (or leave it out)"),
    "date_without_figure": _S("a figure date is given but status is {status}",
                              "no as_of / undated; the search date goes in checked"),
    "as_of_and_undated": _S("as_of is given but undated = true",
                            "either as_of (the source's date) or undated = true"),
    "as_of_invalid": _S("missing or invalid date", _AS_OF),
    "as_of_missing": _S("missing as_of (the date the figure refers to)", _AS_OF),
    "as_of_after_checked": _S("the figure's date is after its checked date {checked}",
                              "as_of on or before checked"),
    "source_invalid": _S("not a valid URL", "an http(s) URL"),
    "source_missing": _S("missing source for status {status}",
                         "an http(s) URL of the page the figure was read from"),
    "value_missing": _S("missing value for status {status}",
                        "a value, a range (low, high), or status unknown"),
    "not_yes_no": _S("not a yes/no value", "true or false"),
    "not_list": _S("not a list of names", "a list of strings"),
    "too_many_entries": _S("too many entries ({count})", "at most {limit}"),
    "not_number": _S("not a number", _IN_UNIT),
    "not_finite": _S("not a finite number", _IN_UNIT),
    "out_of_range": _S("{number:g} {unit} is out of range", _RANGE),
    "out_of_range_kwh": _S("{number:g} {unit} is out of range; looks like EUR/kWh", _RANGE),
    "out_of_range_m2": _S("{number:g} {unit} is out of range; looks like m2", _RANGE),
    "out_of_range_negative": _S("{number:g} {unit} is out of range; negative", _RANGE),
    "qualifier_kind": _S("a qualifier on a {kind} fact", "qualifiers only on numbers",
                         labels=_KIND),
    "qualifier_invalid": _S("invalid qualifier", "{qualifiers}"),
    "range_kind": _S("a range on a {kind} fact", "ranges only on numbers", labels=_KIND),
    "range_bound_missing": _S("missing {bound} of the range", "both low and high"),
    "range_inverted": _S("low {low:g} is above high {high:g}", "low <= high"),
    "qualifier_on_range": _S("a qualifier on a range",
                             "either a range (low, high) or a bound (value + qualifier)"),
    "value_outside_range": _S("typical value {value:g} outside the range {low:g}–{high:g}",
                              "low <= value <= high"),
    "qualifier_without_value": _S("a qualifier without a value", "a number value to bound"),
    "given_without_figure": _S("a {key} is given but status is {status}",
                               "no value, or status published/estimate"),
    "note_missing_unknown": _S("missing note for status {status}",
                               "a note saying where it was looked for"),
    "note_missing_not_applicable": _S("missing note for status {status}",
                                      "a note saying why it does not apply"),
    "facts_contradict": _S("{label} {small} exceeds {big_label} {big} (facts.{big_fact})",
                           "facts.{small_fact} <= facts.{big_fact}, or leave the smaller field "
                           "unknown when the scopes differ",
                           labels={"label": Label("fact.", "small_fact"),
                                   "big_label": Label("fact.", "big_fact", lower=True)},
                           extra=frozenset({"small_min", "big_max", "unit"})),
})
"""Every code the upload checker reports, with its English templates."""

WHERE: Final[Mapping[str, str]] = MappingProxyType({
    "file": FILE,
    "profile": "(profile)",
    "path": "{n}",
    "line": "line {n}",
    "row": "row {n}",
    "facts_row": "facts row {n}",
    "park_row": "park row {n}",
    "sheet_row": "row {n:,}",
    "column": "{n}",
    "column_number": "column {n}",
    "column_letters": "column {n}",
    "cell": "cell {n}",
    "sheet": "sheet {n}",
})
"""English templates of the parts of where a problem is (``{n}`` is the part's value)."""
UNTRANSLATED: Final = frozenset({"path", "column"})
"""Parts shown as they are in every language: a field or XML part name, a column name."""

Where = str | tuple[WherePart, ...]
_PLACE: Final = re.compile(r"(?:(facts|park) )?row ([0-9]+)")


def at(path: str) -> tuple[WherePart, ...]:
    """Where a field is: ``id``, ``facts.x.value``, an XML part name; ``(file)`` is the file."""
    if path == FILE:
        return (("file", ""),)
    if path == "(profile)":
        return (("profile", ""),)
    return (("path", path),)


def where_text(parts: tuple[WherePart, ...], render: Mapping[str, str] = WHERE, *,
               number: Callable[[int], str] | None = None) -> str:
    """Where, written from its parts with ``render`` templates (English by default).

    Parts are joined with ``", "``; a field path after a place with ``": "``
    (``facts row 7: facts.x.value``). ``number`` formats numeric parts when given (a callable).
    """
    text = ""
    for index, (kind, value) in enumerate(parts):
        shown: object = value
        template = render.get(kind, "{n}")
        if number is not None and isinstance(value, int) and kind not in UNTRANSLATED:
            shown, template = number(value), template.replace("{n:,}", "{n}")
        piece = template.format(n=shown)
        if index:
            text += (": " if kind == "path" else ", ") + piece
        else:
            text = piece
    return text


def parse_place(place: str) -> tuple[WherePart, ...]:
    """The parts of a place a reader wrote (``facts row 7``, ``park row 2``, ``row 3``)."""
    match = _PLACE.fullmatch(place)
    if match is None:
        return (("path", place),)
    kind = f"{match.group(1)}_row" if match.group(1) else "row"
    return ((kind, int(match.group(2))),)


def problem(file: str, where: Where, code: str, value: str = "", /,
            **params: ProblemParam) -> Problem:
    """A problem of code ``code`` (a key of :data:`PROBLEMS`) with its English texts.

    ``where`` is a field path (see :func:`at`) or the parts of a place; ``value`` is the given
    value as shown (:func:`sites.errors.short`). Unknown codes or missing parameters raise.
    """
    spec = PROBLEMS[code]
    missing = spec.params - set(params)
    if missing:
        raise KeyError(f"{code}: missing parameters {sorted(missing)}")
    parts = at(where) if isinstance(where, str) else where
    return Problem(file, where_text(parts), spec.problem.format(**params),
                   spec.expected.format(**params), value, code, tuple(params.items()), parts)


def located(place: str, found: Problem) -> Problem:
    """``found`` with ``place`` (a row) before its field: ``facts row 7: facts.x.value``."""
    from dataclasses import replace

    parts = parse_place(place) + (found.where or at(found.field))
    return replace(found, field=f"{place}: {found.field}", where=parts if found.code else ())
