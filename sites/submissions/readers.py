"""Read an uploaded profile (Excel, TOML, CSV, GeoJSON) into the mapping ``parse_profile`` checks.

Every reader takes the file's bytes and returns a :class:`ReadResult`; none raises on bad content.
Limits (:class:`~sites.submissions.limits.Limits`) are checked before a parser sees the data: file
size first, then the .xlsx container's member count, declared sizes and compression ratios (a zip
bomb is refused before openpyxl opens it; Python's zipfile never inflates a member beyond its
declared size), then nesting depth of JSON and TOML, then row counts while reading.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import tomllib
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Final

from sites.errors import Problem, ProblemParam, short
from sites.problems import FILE, Where, parse_place, problem
from sites.submissions.geo import geojson_to_profile
from sites.submissions.layout import (
    FACT_COLUMNS,
    Cell,
    TableResult,
    clean_cell,
    read_header,
    rows_to_profile,
)
from sites.submissions.limits import DEFAULT_LIMITS, Limits
from sites.submissions.xlsxscan import scan_xlsx

FORMATS: Final = {".xlsx": "excel", ".toml": "toml", ".csv": "csv", ".geojson": "geojson",
                  ".json": "geojson"}
"""Accepted file name endings and the reader each selects."""
_CONTROL_NAME: Final = re.compile(r"[\x00-\x1f\x7f<>]")
_JSON_TOKENS: Final = re.compile(r'\\.|["\[\]{}]', re.S)
_TOML_TOKENS: Final = re.compile(r'\\.|"""|\'\'\'|["\'#\n\[\]{}]', re.S)
_TOML_KEY_TOKENS: Final = re.compile(r'\\.|"""|\'\'\'|["\'#\n{}=,.]', re.S)
_CLOSES: Final = {'"': ('"', "\n"), "'": ("'", "\n"), '"""': ('"""',), "\'\'\'": ("\'\'\'",),
                  "#": ("\n",)}
"""Token that ends each kind of string or comment the depth scanner skips."""


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The profile mapping read from a file (``None`` when unreadable) and what went wrong."""

    data: dict[str, Any] | None
    problems: tuple[Problem, ...] = ()
    places: Mapping[str, str] = field(default_factory=dict)
    """Profile field -> row or cell it came from, for locating later problems."""
    format: str = ""


class _Rejected(ValueError):
    """A parser hook refused the input (a duplicate key, a NaN literal): a problem code."""

    def __init__(self, code: str, **params: ProblemParam) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def safe_name(filename: str) -> str:
    """The base name of an uploaded file, without control characters, at most 100 characters."""
    base = PurePath(filename.replace("\\", "/")).name
    cleaned = _CONTROL_NAME.sub("_", base)[:100]
    return cleaned or "upload"


def read_upload(content: bytes, *, filename: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read an uploaded profile, choosing the reader by the file name's ending."""
    origin = safe_name(filename)
    kind = FORMATS.get(PurePath(origin).suffix.lower())
    if kind is None:
        return _fail(origin, "unsupported_type", PurePath(origin).suffix,
                     formats=", ".join(FORMATS))
    if len(content) > limits.max_bytes:
        return _fail(origin, "file_too_large", size=len(content), limit=limits.max_bytes)
    if not content.strip():
        return _fail(origin, "file_empty")
    readers = {"excel": read_xlsx, "toml": read_toml, "csv": read_csv, "geojson": read_geojson}
    try:
        result = readers[kind](content, origin=origin, limits=limits)
        unencodable = first_unencodable(result.data)
    except (Exception, RecursionError, MemoryError) as exc:  # the last line of defence
        return _fail(origin, "read_failed", short(str(exc)), error=type(exc).__name__,
                     format=kind)
    if unencodable is not None:
        where, text = unencodable
        return ReadResult(None, (problem(origin, where or FILE, "lone_surrogate", short(text)),),
                          {}, kind)
    return ReadResult(line_ends(result.data), result.problems, result.places, kind)


def line_ends(value: Any) -> Any:
    """Every ``\\r\\n`` and lone ``\\r`` in keys and strings as ``\\n``.

    XML (the .xlsx parts) turns a carriage return into a line feed, CSV and TOML keep it: one
    form for every format, so an export read back is the stored text exactly. The structure's
    depth is bounded (``Limits.max_depth``) before this runs.
    """
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value
    if isinstance(value, dict):
        return {line_ends(k): line_ends(v) for k, v in value.items()}
    if isinstance(value, list):
        return [line_ends(v) for v in value]
    return value


def first_unencodable(value: object) -> tuple[str, str] | None:
    """The path and text of the first key or string that UTF-8 cannot encode (lone surrogates).

    JSON's ``"\\ud800"`` escapes decode to such strings; they crash later encoders (the store,
    the HTML report). Iterative, so deep structures cannot overflow the stack.
    """
    stack: list[tuple[str, object]] = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, Mapping):
            for key, child in item.items():
                name = f"{path}.{key}" if path else str(key)
                if isinstance(key, str) and not _encodes(key):
                    return (path or FILE), key
                stack.append((name, child))
        elif isinstance(item, list | tuple):
            stack += [(f"{path}[{i}]", child) for i, child in enumerate(item)]
        elif isinstance(item, str) and not _encodes(item):
            return path, item
    return None


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _fail(origin: str, code: str, value: str = "", /, **params: ProblemParam) -> ReadResult:
    return ReadResult(None, (problem(origin, FILE, code, value, **params),))


# --- text ------------------------------------------------------------------------------------

def decode_text(content: bytes, *, origin: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text without a byte-order mark; UTF-16 and other encodings are refused clearly."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, [problem(origin, FILE, "utf16")]
    if content.startswith(b"PK\x03\x04"):
        return None, [problem(origin, FILE, "zip_not_text")]
    body = content.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = body[exc.start]
        return None, [problem(origin, FILE, "not_utf8", byte=f"0x{byte:02x}",
                              position=exc.start)]
    if "\x00" in text:
        return None, [problem(origin, FILE, "nul_bytes")]
    return text, []


def nesting_depth(text: str, tokens: re.Pattern[str] = _JSON_TOKENS, *,
                  stop_after: int | None = None) -> int:
    """Deepest bracket nesting outside strings (and TOML comments), measured before parsing.

    One linear pass over the tokens (no backtracking regex, whatever the input); stops early once
    the depth exceeds ``stop_after``.
    """
    depth = deepest = 0
    inside: str | None = None
    for match in tokens.finditer(text):
        token = match.group()
        if inside is not None:
            if token in _CLOSES[inside]:
                inside = None
        elif token in _CLOSES:
            inside = token
        elif token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
            if stop_after is not None and deepest > stop_after:
                break
        elif token in ("]", "}"):
            depth = max(depth - 1, 0)
    return deepest


def toml_key_parts(text: str, *, stop_after: int | None = None) -> tuple[int, int]:
    """Most dotted parts of one TOML key or table header, and its line, found before parsing.

    A linear pass over the tokens outside strings and comments: dots are counted from the start
    of a line, a ``,`` or a ``{`` up to the next ``=`` (a value's dots, as in ``1.5``, are not
    counted once ``=`` is seen; an array element counts at most its own one or two). ``a.b.c``
    has 3 parts; tomllib builds one nested table per part, so tens of thousands of them exhaust
    memory (``MemoryError``) or the stack.
    """
    dots = deepest = 0
    line = at = 1
    in_value = False
    inside: str | None = None
    for match in _TOML_KEY_TOKENS.finditer(text):
        token = match.group()
        if token == "\n":
            line += 1
        if inside is not None:
            if token in _CLOSES[inside]:
                inside = None
            if inside is not None or token != "\n":
                continue
        if token in _CLOSES:
            inside = token
        elif token == "=":
            in_value = True
        elif token in ("\n", ",", "{"):
            in_value, dots = False, 0
        elif token == "." and not in_value:
            dots += 1
            if dots + 1 > deepest:
                deepest, at = dots + 1, line
                if stop_after is not None and deepest > stop_after:
                    break
    return max(deepest, 1 if text.strip() else 0), at


def structure_depth(value: object) -> int:
    """Nesting depth of parsed lists and mappings (iterative, so it cannot overflow the stack)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Mapping):
            stack += [(v, depth + 1) for v in item.values()]
        elif isinstance(item, list | tuple):
            stack += [(v, depth + 1) for v in item]
        else:
            continue
        deepest = max(deepest, depth + 1)
    return deepest


def _too_deep(origin: str, depth: int, limits: Limits) -> ReadResult:
    return _fail(origin, "too_deep", limit=limits.max_depth)


# --- TOML ------------------------------------------------------------------------------------

def read_toml(content: bytes, *, origin: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """A TOML profile in the shipped layout (``sites/data/parks/*.toml``)."""
    text, problems = decode_text(content, origin=origin)
    if text is None:
        return ReadResult(None, tuple(problems))
    depth = nesting_depth(text, _TOML_TOKENS, stop_after=limits.max_depth)
    if depth > limits.max_depth:
        return _too_deep(origin, depth, limits)
    parts, line = toml_key_parts(text, stop_after=limits.max_key_parts)
    if parts > limits.max_key_parts:
        return ReadResult(None, (problem(origin, (("line", line),), "toml_key_parts",
                                         limit=limits.max_key_parts),))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return _fail(origin, "toml_syntax", error=str(exc))
    except (ValueError, RecursionError) as exc:
        return _fail(origin, "toml_unreadable", short(str(exc)), error=type(exc).__name__)
    if structure_depth(data) > limits.max_depth:
        return _too_deep(origin, structure_depth(data), limits)
    return ReadResult(data)


# --- GeoJSON ---------------------------------------------------------------------------------

def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Rejected("json_duplicate_key", key=short(key))
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise _Rejected("json_constant", name=name)


def load_json(text: str, *, origin: str, limits: Limits) -> tuple[Any, list[Problem]]:
    """Strict JSON: bounded depth, no duplicate keys, no NaN or Infinity literals."""
    depth = nesting_depth(text, stop_after=limits.max_depth)
    if depth > limits.max_depth:
        return None, [problem(origin, FILE, "too_deep", limit=limits.max_depth)]
    try:
        return json.loads(text, object_pairs_hook=_unique_pairs,
                          parse_constant=_no_constant), []
    except json.JSONDecodeError as exc:
        return None, [problem(origin, FILE, "json_syntax", error=exc.msg, line=exc.lineno,
                              column=exc.colno)]
    except _Rejected as exc:
        return None, [problem(origin, FILE, exc.code, **exc.params)]
    except (ValueError, RecursionError) as exc:
        return None, [problem(origin, FILE, "json_unreadable", error=short(str(exc)))]


def read_geojson(content: bytes, *, origin: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """A GeoJSON Feature (or a collection of exactly one) whose properties hold the profile."""
    text, problems = decode_text(content, origin=origin)
    if text is None:
        return ReadResult(None, tuple(problems))
    document, problems = load_json(text, origin=origin, limits=limits)
    if problems:
        return ReadResult(None, tuple(problems))
    data, problems = geojson_to_profile(document, origin=origin)
    return ReadResult(data, tuple(problems))


# --- CSV -------------------------------------------------------------------------------------

def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def read_csv(content: bytes, *, origin: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """A CSV in the template's row-per-fact layout (comma, semicolon or tab separated)."""
    text, problems = decode_text(content, origin=origin)
    if text is None:
        return ReadResult(None, tuple(problems))
    reader = csv.reader(io.StringIO(text, newline=""),
                        delimiter=_delimiter(text.split("\n", 1)[0]))
    try:
        rows = _bounded(reader, limits.max_rows + 1)
    except csv.Error as exc:
        return _fail(origin, "csv_unreadable", error=short(str(exc)))
    if rows is None:
        return _fail(origin, "csv_too_many_rows", limit=limits.max_rows)
    wide = next((i for i, row in enumerate(rows, start=1) if len(row) > limits.max_columns), None)
    if wide is not None:
        return ReadResult(None, (problem(origin, (("row", wide),), "too_many_columns",
                                         count=len(rows[wide - 1]), limit=limits.max_columns),))
    return table_profile(rows, origin=origin, limits=limits, sheet="")


def _bounded(rows: Iterator[list[str]], limit: int) -> list[list[str]] | None:
    """At most ``limit`` non-blank rows (blank rows kept for numbering, up to 4 × ``limit``)."""
    kept: list[list[str]] = []
    filled = 0
    for row in rows:
        if any(cell.strip() for cell in row):
            filled += 1
        if filled > limit or len(kept) >= 4 * limit:
            return None
        kept.append(row)
    return kept


def table_profile(rows: Sequence[Sequence[object]], *, origin: str, limits: Limits,
                  sheet: str, park_rows: Sequence[Sequence[object]] = ()) -> ReadResult:
    """Header row plus fact rows (and an optional park sheet) -> profile mapping."""
    prefix = f"{sheet} " if sheet else ""
    start = next((i for i, row in enumerate(rows) if any(clean_cell(c) is not None for c in row)),
                 None)
    if start is None:
        return _fail(origin, "facts_table_empty" if sheet == "facts" else "table_empty")
    columns, problems = read_header(rows[start], origin=origin, place=f"{prefix}row {start + 1}")
    if columns is None:
        return ReadResult(None, tuple(problems))
    named: list[tuple[str, dict[str, Cell]]] = []
    named += _park_rows(park_rows, origin=origin, limits=limits, problems=problems)
    for number, row in enumerate(rows[start + 1:], start=start + 2):
        cells = {name: _cell(row, index, keep_lines=name == "value")
                 for name, index in columns.items()}
        named.append((f"{prefix}row {number}", _limited(cells, origin=origin, problems=problems,
                                                         place=f"{prefix}row {number}",
                                                         limits=limits)))
    table: TableResult = rows_to_profile(named, origin=origin)
    problems += table.problems
    return ReadResult(table.data, tuple(problems), table.places)


def _park_rows(rows: Sequence[Sequence[object]], *, origin: str, limits: Limits,
               problems: list[Problem]) -> list[tuple[str, dict[str, Cell]]]:
    named = []
    for number, row in enumerate(rows[1:], start=2):
        place = f"park row {number}"
        cells = {"fact": _cell(row, 0), "value": _cell(row, 1)}
        named.append((place, _limited(cells, origin=origin, problems=problems, place=place,
                                      limits=limits)))
    return named


def _cell(row: Sequence[object], index: int, *, keep_lines: bool = False) -> Cell:
    return clean_cell(row[index], keep_lines=keep_lines) if index < len(row) else None


def _limited(cells: dict[str, Cell], *, origin: str, problems: list[Problem], place: str,
             limits: Limits) -> dict[str, Cell]:
    for name, value in cells.items():
        if isinstance(value, str) and len(value) > limits.max_cell_chars:
            where: Where = (*parse_place(place), ("column", name))
            problems.append(problem(origin, where, "cell_too_long", short(value),
                                    length=len(value), limit=limits.max_cell_chars))
            cells[name] = None
    return cells


# --- Excel -----------------------------------------------------------------------------------

def check_zip(content: bytes, *, origin: str, limits: Limits) -> list[Problem]:
    """Refuse a container that is not a plain .xlsx or would inflate beyond the limits."""
    def fail(code: str, /, **params: ProblemParam) -> list[Problem]:
        return [problem(origin, FILE, code, **params)]

    if not content.startswith(b"PK\x03\x04"):
        return fail("no_zip_signature")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        return fail("workbook_damaged", error=short(str(exc)))
    if len(members) > limits.max_zip_members:
        return fail("too_many_parts", count=len(members), limit=limits.max_zip_members)
    total = sum(m.file_size for m in members)
    if total > limits.max_zip_uncompressed:
        return fail("zip_bomb_size", size=total, limit=limits.max_zip_uncompressed)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits.ratio_floor and ratio > limits.max_zip_ratio:
            return fail("zip_bomb_ratio", part=short(member.filename), ratio=ratio,
                        limit=limits.max_zip_ratio)
        if member.flag_bits & 0x1:
            return fail("encrypted")
    names = {m.filename for m in members}
    folded: dict[str, str] = {}
    for member in members:
        key = member.filename.replace("\\", "/").casefold()
        if key in folded:
            return fail("duplicate_part", part=short(member.filename),
                        other=short(folded[key]))
        folded[key] = member.filename
    if any(name.lower().startswith("xl/macrosheets/") for name in names):
        return fail("macro_sheets")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return fail("macros")
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
        return fail("no_workbook_part")
    return []


def read_xlsx(content: bytes, *, origin: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """The Excel template: a ``facts`` sheet (row per fact) and a ``park`` sheet (field, value)."""
    problems = check_zip(content, origin=origin, limits=limits)
    if problems:
        return ReadResult(None, tuple(problems))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        problems = scan_xlsx(archive, origin=origin, limits=limits)
    if problems:
        return ReadResult(None, tuple(problems))
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True,
                                      keep_links=False)
    except Exception as exc:  # hostile workbooks raise many kinds; report, never crash
        return _broken(origin, "opened", exc)
    try:
        return _read_book(book, origin=origin, limits=limits)
    except Exception as exc:  # malformed sheet XML surfaces while iterating rows
        return _broken(origin, "read", exc)
    finally:
        book.close()


def _broken(origin: str, stage: str, exc: BaseException) -> ReadResult:
    """Name the innermost cause (openpyxl wraps XML errors such as ``EntitiesForbidden``)."""
    cause = exc
    for _ in range(10):
        cause = cause.__cause__ or cause.__context__ or cause
        if cause.__cause__ is None and cause.__context__ is None:
            break
    reason = type(cause).__name__ + (f" (in {type(exc).__name__})" if cause is not exc else "")
    return _fail(origin, f"workbook_not_{stage}", short(str(cause)), error=reason)


def _read_book(book: Any, *, origin: str, limits: Limits) -> ReadResult:
    sheets = {str(name).strip().lower(): name for name in book.sheetnames}
    only = book.sheetnames[0] if len(sheets) == 1 and "park" not in sheets else None
    facts_name = sheets.get("facts") or only
    if facts_name is None:
        return _fail(origin, "no_facts_sheet", short(book.sheetnames))
    facts = _sheet_rows(book[facts_name], width=len(FACT_COLUMNS) + 4, limits=limits)
    park = _sheet_rows(book[sheets["park"]], width=2, limits=limits) if "park" in sheets else []
    if facts is None or park is None:
        return _fail(origin, "sheet_too_many_rows", limit=limits.max_rows)
    return table_profile(facts, origin=origin, limits=limits, sheet="facts", park_rows=park)


def _sheet_rows(sheet: Any, *, width: int, limits: Limits) -> list[list[object]] | None:
    rows: list[list[object]] = []
    for number, row in enumerate(sheet.iter_rows(max_col=width, values_only=True), start=1):
        if number > limits.max_rows + 1:
            if any(cell not in (None, "") for cell in row):
                return None
            if number > 4 * limits.max_rows:
                break
            continue
        rows.append(list(row))
    return rows
