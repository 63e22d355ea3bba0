"""Stream-scan an .xlsx workbook's XML before openpyxl opens it: budgets and what a person sees.

openpyxl trusts the workbook: it parses every cell element of a sheet padded with millions of
empty cells, keeps cached formula results, reads hidden and very-hidden sheets, and takes the last
of two rows numbered alike. This scanner runs first, with expat (no DTD, no entities), over every
XML part of the container, feeding 1 MiB at a time and stopping at the first budget exceeded:

- every part: element count (:attr:`~Limits.max_xml_elements`), size of one text node or
  attribute value (:attr:`~Limits.max_token_bytes`, a huge single token);
- the workbook: sheet count, hidden / very-hidden sheets and names equal but for case (refused);
- the shared strings: declared ``count`` / ``uniqueCount`` and the entries counted;
- every worksheet: the ``dimension`` it declares, row numbers (increasing, at most
  :attr:`~Limits.max_sheet_rows`), columns (at most :attr:`~Limits.max_columns`), cells in the
  workbook (:attr:`~Limits.max_cells`), duplicate or out-of-order cells, hidden rows and columns,
  cells whose number format shows nothing (``;;;``), and formulas (refused: the cached value
  Excel shows may differ from what it would compute).

Each problem names the file, the part (sheet, row, column or cell) and the limit.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import xml.parsers.expat as expat
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final, NoReturn

from sites.errors import Problem, ProblemParam, WherePart, short
from sites.problems import Where, problem
from sites.submissions.limits import Limits

CHUNK: Final = 1024 * 1024
"""Bytes fed to expat at once (expat 2.5 re-scans a token split over feeds: keep feeds big)."""
_REF: Final = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_RANGE: Final = re.compile(r"^([^:]+)(?::([^:]+))?$")
_MAX_REPORTED: Final = 20


class _Stop(Exception):
    """A budget was exceeded: stop parsing this part."""


def column_number(letters: str) -> int:
    """``A`` -> 1, ``Z`` -> 26, ``AA`` -> 27, ``XFD`` -> 16384."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def column_letters(number: int) -> str:
    """``1`` -> ``A``, ``27`` -> ``AA``."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(ref: str) -> tuple[int, int] | None:
    """``C24`` -> ``(24, 3)`` (row, column); ``None`` when not a cell reference."""
    match = _REF.match(ref.strip())
    if match is None:
        return None
    return int(match.group(2)), column_number(match.group(1))


@dataclass(slots=True)
class _Part:
    """State of one part's scan."""

    origin: str
    label: str
    limits: Limits
    problems: list[Problem]
    elements: int = 0
    text: int = 0

    def fail(self, where: Where, code: str, /, **params: ProblemParam) -> NoReturn:
        self.problems.append(problem(self.origin, where, code, **params))
        raise _Stop

    def note(self, where: Where, code: str, /, **params: ProblemParam) -> None:
        """A problem that does not stop the scan (up to a few are reported)."""
        self.problems.append(problem(self.origin, where, code, **params))
        if len(self.problems) >= _MAX_REPORTED:
            raise _Stop


@dataclass(slots=True)
class _Sheet:
    """Counters of one worksheet."""

    name: str
    row: int = 0
    column: int = 0
    cell: str = ""
    hidden_rows: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Book:
    cells: int = 0
    blank_styles: frozenset[str] = frozenset()
    """Cell style indices (``s``) whose number format shows nothing (``;;;``)."""
    sheets: list[tuple[str, str, str]] = field(default_factory=list)
    """(name, state, relationship id) of each sheet in workbook order."""
    targets: dict[str, str] = field(default_factory=dict)
    """relationship id -> part name."""


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


def _attrs(raw: Mapping[str, str]) -> dict[str, str]:
    return {_local(k): v for k, v in raw.items()}


def _parse(archive: zipfile.ZipFile, member: str, part: _Part,
           start: Callable[[str, dict[str, str]], None] | None = None) -> None:
    """Stream one part through expat, counting elements and token sizes; ``start`` sees tags."""
    limits = part.limits
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def forbidden(*_: object) -> None:
        part.fail(part.label, "xml_dtd")

    def on_start(name: str, raw: dict[str, str]) -> None:
        part.elements += 1
        part.text = 0
        if part.elements > limits.max_xml_elements:
            part.fail(part.label, "xml_elements", limit=limits.max_xml_elements)
        for key, value in raw.items():
            if len(value) > limits.max_token_bytes:
                part.fail(part.label, "xml_attribute", length=len(value),
                          attribute=repr(_local(key)), element=_local(name),
                          limit=limits.max_token_bytes)
        if start is not None:
            start(_local(name), _attrs(raw))

    def on_text(data: str) -> None:
        part.text += len(data)
        if part.text > limits.max_token_bytes:
            part.fail(part.label, "xml_text", limit=limits.max_token_bytes)

    def on_end(_: str) -> None:
        part.text = 0

    parser.StartDoctypeDeclHandler = forbidden
    parser.EntityDeclHandler = forbidden
    parser.ExternalEntityRefHandler = forbidden  # type: ignore[assignment]
    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.CharacterDataHandler = on_text
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(CHUNK)
            parser.Parse(chunk, not chunk)
            if not chunk:
                break


def _rels_target(member: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(posixpath.dirname(member)),
                                             target))


def _sheet(name: str) -> tuple[WherePart, ...]:
    """Where a sheet is: ``sheet 'facts'``."""
    return (("sheet", repr(name)),)


def _sheet_key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().casefold()


def _workbook(archive: zipfile.ZipFile, *, origin: str, limits: Limits, book: _Book,
              problems: list[Problem]) -> None:
    part = _Part(origin, "xl/workbook.xml", limits, problems)

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "sheet":
            book.sheets.append((attrs.get("name", ""), attrs.get("state", "visible"),
                                attrs.get("id", "")))
            if len(book.sheets) > limits.max_sheets:
                part.fail("xl/workbook.xml", "too_many_sheets", limit=limits.max_sheets)

    _parse(archive, "xl/workbook.xml", part, start)
    seen: dict[str, str] = {}
    for name, state, _ in book.sheets:
        if state != "visible":
            part.note(_sheet(name), "sheet_hidden", state=state)
        key = _sheet_key(name)
        if key in seen:
            part.note(_sheet(name), "sheet_names_case", first=repr(seen[key]), second=repr(name))
        seen[key] = name
    rels = "xl/_rels/workbook.xml.rels"
    if rels in archive.NameToInfo:
        rels_part = _Part(origin, rels, limits, problems)

        def relation(tag: str, attrs: dict[str, str]) -> None:
            if tag == "Relationship" and "Target" in attrs:
                book.targets[attrs.get("Id", "")] = _rels_target(rels, attrs["Target"])

        _parse(archive, rels, rels_part, relation)


def _shared_strings(archive: zipfile.ZipFile, member: str, part: _Part) -> None:
    limits = part.limits
    count = 0

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal count
        if tag == "sst":
            for key in ("count", "uniqueCount"):
                declared = attrs.get(key, "0")
                if not declared.isdigit() or int(declared) > limits.max_shared_strings:
                    part.fail(member, "shared_strings_declared", key=key, declared=short(declared),
                              limit=limits.max_shared_strings)
        elif tag == "si":
            count += 1
            if count > limits.max_shared_strings:
                part.fail(member, "shared_strings_count", limit=limits.max_shared_strings)

    _parse(archive, member, part, start)


def _blank_format(code: str) -> bool:
    """A number format that displays nothing: only section separators (``;;;``, ``"";""``)."""
    return bool(code) and not code.replace('""', "").replace(";", "").strip()


def _styles(archive: zipfile.ZipFile, member: str, part: _Part, book: _Book) -> None:
    """Find the cell styles whose number format hides the value (Excel shows an empty cell)."""
    blank_formats: set[str] = set()
    blank: set[str] = set()
    section = ""
    index = 0

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal section, index
        if tag == "numFmt" and _blank_format(attrs.get("formatCode", "")):
            blank_formats.add(attrs.get("numFmtId", ""))
        elif tag in ("cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "fonts", "fills",
                     "borders", "numFmts"):
            section = tag
        elif tag == "xf" and section == "cellXfs":
            if attrs.get("numFmtId") in blank_formats:
                blank.add(str(index))
            index += 1

    _parse(archive, member, part, start)
    book.blank_styles = frozenset(blank)


def _worksheet(archive: zipfile.ZipFile, member: str, part: _Part, book: _Book,
               name: str) -> None:
    limits = part.limits
    sheet = _Sheet(name)
    where = _sheet(name)

    def extent(ref: str) -> None:
        match = _RANGE.match(ref.strip())
        last = cell_ref(match.group(2) or match.group(1)) if match else None
        if last is None:
            part.fail(where, "dimension_invalid", ref=short(ref))
        row, column = last
        if row > limits.max_sheet_rows:
            part.fail((*where, ("sheet_row", row)), "dimension_rows", ref=short(ref), row=row,
                      limit=limits.max_sheet_rows)
        if column > limits.max_columns:
            letters = column_letters(column)
            part.fail((*where, ("column_letters", letters)), "dimension_columns", ref=short(ref),
                      letters=letters, column=column, limit=limits.max_columns)

    def on_row(attrs: dict[str, str]) -> None:
        given = attrs.get("r")
        if given is not None and not given.isdigit():
            part.fail(where, "row_number_invalid", given=short(given))
        number = int(given) if given is not None else sheet.row + 1
        if number > limits.max_sheet_rows:
            part.fail((*where, ("sheet_row", number)), "row_too_far", row=number,
                      limit=limits.max_sheet_rows)
        if number <= sheet.row:
            code = "row_repeated" if number == sheet.row else "row_out_of_order"
            part.fail((*where, ("sheet_row", number)), code, row=number, previous=sheet.row)
        sheet.row, sheet.column = number, 0
        if attrs.get("hidden") in ("1", "true"):
            part.note((*where, ("row", number)), "row_hidden")

    def in_cell() -> tuple[WherePart, ...]:
        return (*where, ("cell", sheet.cell))

    def on_cell(attrs: dict[str, str]) -> None:
        book.cells += 1
        if book.cells > limits.max_cells:
            part.fail((*where, ("sheet_row", sheet.row)), "too_many_cells",
                      limit=limits.max_cells)
        given = attrs.get("r")
        ref = cell_ref(given) if given is not None else (sheet.row, sheet.column + 1)
        if ref is None:
            part.fail((*where, ("sheet_row", sheet.row)), "cell_ref_invalid", ref=short(given))
        row, column = ref
        sheet.cell = f"{column_letters(column)}{row}"
        if row != sheet.row:
            part.fail(in_cell(), "cell_outside_row", cell=sheet.cell, row=sheet.row)
        if column > limits.max_columns:
            part.fail(in_cell(), "cell_column_too_far", letters=column_letters(column),
                      column=column, limit=limits.max_columns)
        if column <= sheet.column:
            part.fail(in_cell(), "cell_repeated", cell=sheet.cell)
        sheet.column = column
        if attrs.get("s") in book.blank_styles:
            part.note(in_cell(), "cell_shows_nothing", cell=sheet.cell)

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "dimension" and "ref" in attrs:
            extent(attrs["ref"])
        elif tag == "row":
            on_row(attrs)
        elif tag == "c":
            on_cell(attrs)
        elif tag == "f":
            part.note(in_cell(), "cell_formula", cell=sheet.cell)
        elif tag == "col" and attrs.get("hidden") in ("1", "true"):
            first = column_letters(int(attrs.get("min", "0") or 0)) if \
                attrs.get("min", "").isdigit() else "?"
            part.note((*where, ("column_letters", first)), "column_hidden")
        elif tag == "sheetFormatPr" and attrs.get("zeroHeight") in ("1", "true"):
            part.note(where, "rows_hidden_default")

    _parse(archive, member, part, start)


def scan_xlsx(archive: zipfile.ZipFile, *, origin: str, limits: Limits) -> list[Problem]:
    """Problems with the workbook's XML parts (empty when openpyxl may open it)."""
    problems: list[Problem] = []
    book = _Book()
    try:
        _workbook(archive, origin=origin, limits=limits, book=book, problems=problems)
    except _Stop:
        return problems
    except expat.ExpatError as exc:
        return [problem(origin, "xl/workbook.xml", "xml_damaged", error=short(str(exc)))]
    if problems:
        return problems
    names = {target: name for name, _, rid in book.sheets
             if (target := book.targets.get(rid)) is not None}
    members = sorted((info.filename for info in archive.infolist()),
                     key=lambda name: name != "xl/styles.xml")  # styles before the sheets
    for member in members:
        if not member.endswith((".xml", ".rels")) or member in ("xl/workbook.xml",
                                                                "xl/_rels/workbook.xml.rels"):
            continue
        part = _Part(origin, member, limits, problems)
        try:
            if member in names or (member.startswith("xl/worksheets/")
                                   and member.endswith(".xml")):
                _worksheet(archive, member, part, book, names.get(member, member))
            elif member == "xl/styles.xml":
                _styles(archive, member, part, book)
            elif member.endswith("sharedStrings.xml"):
                _shared_strings(archive, member, part)
            else:
                _parse(archive, member, part)
        except _Stop:
            return problems
        except expat.ExpatError as exc:
            return [*problems, problem(origin, member, "xml_damaged", error=short(str(exc)))]
        if problems:
            return problems
    return problems
