"""Regenerate the hostile corpus: ``.venv/bin/python tests/corpus/_generate.py``.

Each file is a small variation of a valid profile (or a crafted container) and ``expected.toml``
names the message fragment (and optionally the field) it must produce. The files are committed;
this script documents how each was made.
"""

from __future__ import annotations

import copy
import io
import json
import sys
import warnings
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sites.catalog import load_catalog  # noqa: E402
from sites.submissions.templates import (  # noqa: E402
    csv_bytes,
    excel_bytes,
    profile_mapping,
    toml_bytes,
)

HERE = Path(__file__).resolve().parent
LAND = b"free_land_ha = { value = 70,"
CASES: dict[str, tuple[str, str]] = {}


def base() -> dict[str, Any]:
    return profile_mapping(load_catalog().by_id("kokkola-kip"))


def fact(data: dict[str, Any], name: str, **entry: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    data["facts"][name] = {"unit": data["facts"][name]["unit"], "status": "published",
                           "as_of": "2025", "source": "https://kip.fi/en/frontpage.html", **entry}
    return data


def put(name: str, content: bytes, error: str, field: str = "") -> None:
    (HERE / name).write_bytes(content)
    CASES[name] = (error, field)


def geojson(properties: dict[str, Any], coordinates: list[Any], **extra: Any) -> dict[str, Any]:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": coordinates},
            "properties": properties, **extra}


def feature_properties(data: dict[str, Any]) -> dict[str, Any]:
    props = copy.deepcopy(data)
    props["location"] = {k: v for k, v in props["location"].items() if k not in ("lat", "lon")}
    return props


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def xlsx_members(data: dict[str, Any]) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(excel_bytes(data))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def toml_cases(ok: dict[str, Any]) -> None:
    t = lambda d: toml_bytes(d)  # noqa: E731
    put("nan_value.toml", t(ok).replace(LAND, LAND.replace(b"70", b"nan")),
        "not a finite number", "facts.free_land_ha.value")
    put("inf_value.toml", t(ok).replace(LAND, LAND.replace(b"70", b"inf")),
        "not a finite number", "facts.free_land_ha.value")
    put("negative_area.toml", t(fact(ok, "free_land_ha", value=-5)), "negative",
        "facts.free_land_ha.value")
    put("absurd_area.toml", t(fact(ok, "total_area_ha", value=1e12)), "out of range",
        "facts.total_area_ha.value")
    put("steam_in_kwh_magnitude.toml", t(fact(ok, "steam_price_eur_mwh", value=0.045)),
        "looks like EUR/kWh", "facts.steam_price_eur_mwh.value")
    put("area_in_m2_as_ha.toml", t(fact(ok, "free_land_ha", value=700_000)), "looks like m2",
        "facts.free_land_ha.value")
    swapped = copy.deepcopy(ok)
    swapped["location"] |= {"lat": 23.0298, "lon": 63.8435}
    put("swapped_latlon.toml", t(swapped), "look swapped", "location")
    projected = copy.deepcopy(ok)
    projected["location"] |= {"lat": 7082000.0, "lon": 309000.0}
    put("projected_3067.toml", t(projected), "EPSG:3067", "location")
    put("duplicate_key.toml", t(ok).replace(b'name = "', b'name = "x"\nname = "', 1),
        "Cannot overwrite")
    put("deep_nesting.toml", b"id = " + b"[" * 500 + b"]" * 500 + b"\n", "nested too deeply")
    put("latin1.toml", t(ok).decode().replace("Kokkola Industrial", "K\u00e4kkola").encode(
        "latin-1", errors="replace"), "not UTF-8")
    put("utf16.toml", t(ok).decode().encode("utf-16"), "UTF-16")
    put("bom_then_bad_status.toml", b"\xef\xbb\xbf" + t(fact(ok, "employees", value=10)).replace(
        b'status = "published"', b'status = "verified"', 1), "invalid status")
    put("syntax_error.toml", b'id = "kokkola-kip\nname = \n', "TOML syntax error")
    put("huge_integer.toml", t(ok).replace(LAND, LAND.replace(b"70", b"9" * 5000)),
        "TOML cannot be read")
    put("javascript_contact_url.toml", t(ok | {"contact_url": "javascript:alert(1)"}),
        "invalid value", "contact_url")
    put("javascript_source.toml", t(fact(ok, "employees", value=10,
                                         source="javascript:alert(document.cookie)")),
        "not a valid URL", "facts.employees.source")
    put("control_chars.toml", t(ok | {"name": "KIP\u0007\u001b[31m"}), "control characters",
        "name")
    put("future_date.toml", t(fact(ok, "employees", value=10, as_of="2099-01-01")),
        "in the future", "facts.employees.as_of")
    put("missing_source.toml", t(fact(ok, "employees", value=10, source="")),
        "missing source", "facts.employees.source")
    put("wrong_unit.toml", t(fact(ok, "grid_voltage_kv", value=110, unit="MWh")), "wrong unit",
        "facts.grid_voltage_kv.unit")
    unknown = copy.deepcopy(ok)
    unknown["facts"]["__proto__"] = {"status": "unknown", "as_of": "2025"}
    put("unknown_fact.toml", t(unknown), "unknown fact", "facts.__proto__")
    missing = copy.deepcopy(ok)
    del missing["facts"]["employees"]
    put("missing_fact.toml", t(missing), "missing", "facts.employees")
    put("path_traversal_id.toml", t(ok | {"id": "../../etc/passwd"}), "invalid value", "id")
    put("long_description.toml", t(ok | {"description": "x" * 3000}), "too long",
        "description")
    put("value_for_unknown.toml", t(ok).replace(
        b"largest_free_plot_ha = { ", b"largest_free_plot_ha = { value = 5, "),
        "status is unknown", "facts.largest_free_plot_ha.value")
    put("empty.toml", b"  \n", "empty")


def csv_cases(ok: dict[str, Any]) -> None:
    c = csv_bytes(ok)
    put("latin1.csv", c.decode().replace("Kokkola Industrial", "K\u00e4kkola").encode(
        "latin-1", errors="replace"), "not UTF-8")
    lines = c.split(b"\r\n")
    employees = next(line for line in lines if line.startswith(b"employees,"))
    put("duplicate_fact_rows.csv", c + employees + b"\r\n", "duplicate row", "employees")
    put("duplicate_id_rows.csv", c + b"id,,other-park\r\n", "duplicate row for 'id'")
    put("missing_value_column.csv", c.replace(b",value,", b",amount,", 1), "unknown column")
    put("unknown_column.csv", b"fact,value,secret\r\nid,x,y\r\n", "unknown column")
    put("too_many_rows.csv", c + b"note-row,,x\r\n" * 600, "too many rows")
    put("nul_bytes.csv", c.replace(b"Kokkola", b"Kok\x00kola", 1), "NUL bytes")
    put("xlsx_named_csv.csv", excel_bytes(ok), "zip container")
    put("row_without_fact.csv", c + b",,12,ha\r\n", "row without a fact")
    put("huge_cell.csv", c + b"note," + b"A" * 6000 + b"\r\n", "cell too long")
    put("bool_not_yes_no.csv", csv_bytes(fact(ok, "utility_steam", value="maybe")),
        "not a yes/no value", "utility_steam")
    put("text_for_number.csv", csv_bytes(fact(ok, "total_area_ha", value="seven hundred")),
        "not a number", "total_area_ha")
    put("formula_source.csv", csv_bytes(fact(ok, "employees", value=10,
                                             source="=cmd|' /C calc'!A0")),
        "not a valid URL", "employees.source")
    put("utf16.csv", c.decode("utf-8-sig").encode("utf-16"), "UTF-16")


def geojson_cases(ok: dict[str, Any]) -> None:
    props = feature_properties(ok)
    good = json.dumps(geojson(props, [23.0298, 63.8435]))
    put("nan_literal.geojson", good.replace('"value": 70,', '"value": NaN,').encode(),
        "NaN is not a JSON number")
    put("infinity_literal.geojson", good.replace('"value": 70,', '"value": -Infinity,').encode(),
        "-Infinity is not a JSON number")
    put("duplicate_key.geojson", good.replace('"id": "kokkola-kip",',
                                              '"id": "kokkola-kip", "id": "other",').encode(),
        "duplicate key")
    put("deep_nesting.geojson", b'{"type": "Feature", "properties": ' + b"[" * 10000
        + b"]" * 10000 + b"}", "nested too deeply")
    put("two_features.geojson", json.dumps({"type": "FeatureCollection", "features": [
        geojson(props, [23.0, 63.8]), geojson(props | {"id": "kip-2"}, [23.1, 63.9])]}).encode(),
        "exactly one Feature")
    polygon = geojson(props, [])
    polygon["geometry"] = {"type": "Polygon", "coordinates": [[[23, 63], [24, 63], [23, 64]]]}
    put("polygon.geojson", json.dumps(polygon).encode(), "not a Point", "geometry")
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3067"}}
    put("projected_crs_member.geojson", json.dumps(geojson(props, [309000, 7082000], crs=crs))
        .encode(), "projected or unknown CRS", "crs")
    put("projected_no_crs.geojson", json.dumps(geojson(props, [309000, 7082000])).encode(),
        "EPSG:3067", "location")
    put("swapped.geojson", json.dumps(geojson(props, [63.8435, 23.0298])).encode(),
        "look swapped", "location")
    put("not_json.geojson", b"<html><script>alert(1)</script></html>", "JSON syntax error")
    put("huge_number.geojson", good.replace('"value": 70,', '"value": ' + "9" * 5000 + ",")
        .encode(), "JSON cannot be read")
    put("array_root.json", b"[1, 2, 3]", "not a GeoJSON object")
    conflict = copy.deepcopy(props)
    conflict["location"]["lat"] = 60.0
    put("geometry_conflict.geojson", json.dumps(geojson(conflict, [23.0298, 63.8435])).encode(),
        "differs from the geometry", "properties.location.lat")
    put("string_coordinates.geojson", json.dumps(geojson(props, ["23.0", "63.8"])).encode(),
        "not finite numbers", "geometry.coordinates")


def xlsx_cases(ok: dict[str, Any]) -> None:
    members = xlsx_members(ok)
    bomb = zip_of({**members, "xl/media/padding.bin": b"\0" * (24 * 1024 * 1024)})
    put("zip_bomb.xlsx", bomb, "zip bomb")
    put("many_members.xlsx", zip_of({**members, **{f"xl/media/{i}.png": b"x" for i in range(80)}}),
        "too many parts")
    put("text_named_xlsx.xlsx", b"fact,value\r\nid,kokkola-kip\r\n", "no zip signature")
    put("truncated.xlsx", excel_bytes(ok)[:3000], "damaged workbook")
    put("macros.xlsx", zip_of({**members, "xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"}),
        "contains macros")
    put("not_a_workbook.xlsx", zip_of({"readme.txt": b"hello"}), "missing xl/workbook.xml")
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
              b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row>'
              b"</sheetData></worksheet>")
    put("billion_laughs.xlsx", zip_of({**members, "xl/worksheets/sheet2.xml": laughs}),
        "DTD or entity declarations")
    put("missing_sheet_part.xlsx", zip_of({k: v for k, v in members.items()
                                           if k != "xl/worksheets/sheet2.xml"}),
        "no 'facts' sheet")
    put("duplicate_rows.xlsx", _xlsx_with_rows(ok, [["employees", None, 5, "persons",
                                                     "https://kip.fi/x", "2024", "published"]]),
        "duplicate row", "employees")
    put("too_many_rows.xlsx", _xlsx_with_rows(ok, [[f"x{i}"] for i in range(600)]),
        "too many rows")
    put("formula_without_value.xlsx", _xlsx_formula(ok), "holds a formula", "cell C24")
    put("wrong_sheets.xlsx", _xlsx_sheets(), "no 'facts' sheet")


def _xlsx_with_rows(data: dict[str, Any], rows: list[list[Any]]) -> bytes:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(excel_bytes(data)))
    for row in rows:
        book["facts"].append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_formula(data: dict[str, Any]) -> bytes:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(excel_bytes(data)))
    sheet = book["facts"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "employees":
            row[2].value = "=1+1"  # a formula: no cached value until Excel recalculates
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_sheets() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "one"
    book.create_sheet("two")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- issue 12 hardening classes --------------------------------------------------------------

def _patched_xlsx(ok: dict[str, Any], *, workbook: tuple[str, str] | None = None,
                  sheet: tuple[str, str] | None = None, extra: dict[str, bytes] | None = None,
                  stored: bool = False) -> bytes:
    """The KIP template with one text replacement in workbook.xml and/or the facts sheet."""
    members = xlsx_members(ok)
    if workbook:
        text = members["xl/workbook.xml"].decode()
        assert workbook[0] in text, workbook[0]
        members["xl/workbook.xml"] = text.replace(workbook[0], workbook[1], 1).encode()
    if sheet:
        text = members["xl/worksheets/sheet2.xml"].decode()
        assert sheet[0] in text, sheet[0]
        members["xl/worksheets/sheet2.xml"] = text.replace(sheet[0], sheet[1], 1).encode()
    members |= extra or {}
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _zip_with_duplicate(ok: dict[str, Any], name: str, copy_as: str) -> bytes:
    members = xlsx_members(ok)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
        other = members[name].replace(b"<v>2400</v>", b"<v>9999</v>")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
            archive.writestr(copy_as, other)
    return buffer.getvalue()


def _sheet_xml(rows: str, *, dimension: str = "A1:H2") -> bytes:
    return (f'<worksheet xmlns="{MAIN_NS}"><dimension ref="{dimension}"/><sheetData>{rows}'
            "</sheetData></worksheet>").encode()


MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
EMPLOYEES_ROW = '<row r="24">'


def hardening_cases(ok: dict[str, Any]) -> None:
    t = lambda d: toml_bytes(d)  # noqa: E731
    # 1. no uncaught exception: URLs urlparse refuses, lone surrogates, dotted-key floods
    put("url_unclosed_ipv6.toml", t(fact(ok, "employees", value=10, source="http://[::1")),
        "not a valid URL", "facts.employees.source")
    put("url_bracket_host.toml", t(ok | {"contact_url": "https://kip.fi]/"}), "invalid value",
        "contact_url")
    put("url_bad_port.toml", t(fact(ok, "employees", value=10, source="https://kip.fi:99999/")),
        "not a valid URL", "facts.employees.source")
    props = feature_properties(ok)
    good = json.dumps(geojson(props, [23.0298, 63.8435]))
    put("surrogate_string.geojson", good.replace('"name": "Kokkola', '"name": "\\ud800Kokkola', 1)
        .encode(), "not valid Unicode", "name")
    put("surrogate_key.geojson", good.replace('"name":', '"\\udfff": 1, "name":', 1).encode(),
        "not valid Unicode")
    put("surrogate_json.json", good.replace('"municipality": "Kokkola"',
                                            '"municipality": "\\udc00"', 1).encode(),
        "not valid Unicode", "municipality")
    put("dotted_key_flood.toml", b"a" + b".a" * 30_000 + b" = 1\n", "dotted parts", "line 1")
    put("dotted_table_flood.toml", t(ok) + b"\n[" + b"x." * 30_000 + b"x]\n", "dotted parts")
    put("wide_table.geojson", json.dumps(geojson(props | {f"k{i}": i for i in range(60_000)},
                                                 [23.0298, 63.8435])).encode(),
        "more problem(s)")
    # 2. budgets, checked while stream-parsing before openpyxl
    # each part under the 256 KiB ratio floor, so only the streamed cell count can stop it
    empty_sheet = _sheet_xml("".join(f'<row r="{n}">' + "<c/>" * 36 + "</row>"
                                     for n in range(1, 1501)), dimension="A1")
    assert len(empty_sheet) < 256 * 1024
    pads = {f"xl/worksheets/pad{i}.xml": empty_sheet for i in range(3)}
    put("padded_empty_cells.xlsx", _patched_xlsx(ok, extra=pads), "cells in the workbook")
    padding = "".join(f'<row r="{n}">' + "<c/>" * 36 + "</row>" for n in range(31, 1531))
    put("padded_facts_sheet.xlsx", _patched_xlsx(ok, sheet=("</sheetData>",
                                                            padding + "</sheetData>")),
        "cells in the workbook", "sheet 'facts'")
    put("dimension_whole_sheet.xlsx", _patched_xlsx(ok, sheet=('<dimension ref="A1:H30" />',
                                                               '<dimension ref="A1:XFD1048576"/>')),
        "reaches row", "sheet 'facts'")
    put("column_16k.xlsx", _patched_xlsx(ok, sheet=(
        '</row><row r="25">', '<c r="XFD24" t="inlineStr"><is><t>x</t></is></c></row>'
        '<row r="25">')), "column XFD")
    put("row_flood.xlsx", _patched_xlsx(ok, sheet=("</sheetData>", "".join(
        f'<row r="{n}"/>' for n in range(31, 6000)) + "</sheetData>")), "a row numbered 2,001")
    sst = (f'<sst xmlns="{MAIN_NS}" count="400000" uniqueCount="400000">'
           + "<si><t>x</t></si>" * 1000 + "</sst>").encode()
    put("shared_strings_flood.xlsx", _patched_xlsx(ok, extra={"xl/sharedStrings.xml": sst}),
        "shared-string table declares")
    import random

    noise = "".join(random.Random(12).choices("abcdefghijklmnopqrstuvwxyz0123456789", k=900_000))
    put("huge_xml_token.xlsx", _patched_xlsx(ok, sheet=("<t>Employees on site</t>",
                                                        f"<t>{noise}</t>")), "text token")
    put("huge_attribute.xlsx", _patched_xlsx(ok, sheet=('<row r="24">',
                                                        f'<row r="24" x="{noise}">')),
        "an attribute of")
    put("columns_flood.csv", b"fact,value" + b"," * 20_000 + b"\r\nid,x\r\n", "columns", "row 1")
    put("field_flood.csv", b'fact,value\r\nnote,"' + b"A" * 200_000 + b'"\r\n',
        "CSV cannot be read")
    # 3. what is imported is what Excel shows
    put("hidden_sheet.xlsx", _patched_xlsx(ok, workbook=(
        'name="facts" sheetId="2" state="visible"', 'name="facts" sheetId="2" state="hidden"')),
        "the sheet is hidden", "sheet 'facts'")
    put("very_hidden_sheet.xlsx", _patched_xlsx(ok, workbook=(
        'name="facts" sheetId="2" state="visible"', 'name="facts" sheetId="2" state="veryHidden"')),
        "veryHidden")
    put("case_duplicate_sheets.xlsx", _patched_xlsx(ok, workbook=(
        'name="park" sheetId="1"', 'name="FACTS" sheetId="1"')), "two sheets named")
    put("duplicate_zip_member.xlsx", _zip_with_duplicate(ok, "xl/worksheets/sheet2.xml",
                                                         "xl/worksheets/sheet2.xml"),
        "duplicate part")
    put("case_duplicate_member.xlsx", _zip_with_duplicate(ok, "xl/worksheets/sheet2.xml",
                                                          "xl/worksheets/Sheet2.xml"),
        "duplicate part")
    put("formula_cached_value.xlsx", _patched_xlsx(ok, sheet=(
        '<c r="C24" t="n"><v>2400</v></c>', '<c r="C24"><f>1+1</f><v>2400</v></c>')),
        "holds a formula", "cell C24")
    put("row_1048576.xlsx", _patched_xlsx(ok, sheet=("</sheetData>",
        '<row r="1048576"><c r="C1048576" t="n"><v>1</v></c></row></sheetData>')),
        "a row numbered 1,048,576")
    put("rows_out_of_order.xlsx", _patched_xlsx(ok, sheet=("</sheetData>",
        '<row r="5"><c r="A5" t="inlineStr"><is><t>employees</t></is></c></row></sheetData>')),
        "a row out of order")
    put("duplicate_row_number.xlsx", _patched_xlsx(ok, sheet=("</sheetData>",
        '<row r="30"><c r="C30" t="n"><v>7</v></c></row></sheetData>')), "a second row")
    put("hidden_row.xlsx", _patched_xlsx(ok, sheet=('<row r="24">', '<row r="24" hidden="1">')),
        "the row is hidden")
    put("hidden_column.xlsx", _patched_xlsx(ok, sheet=(
        '<col width="30" customWidth="1" min="3" max="3" />',
        '<col width="30" customWidth="1" min="3" max="3" hidden="1" />')), "a hidden column")
    styles = xlsx_members(ok)["xl/styles.xml"].decode().replace(
        '<numFmts count="0" />', '<numFmts count="1"><numFmt numFmtId="164" formatCode=";;;"/>'
        "</numFmts>").replace("</cellXfs>", '<xf numFmtId="164" fontId="0" fillId="0" '
                              'borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>')
    put("blank_number_format.xlsx", _patched_xlsx(
        ok, sheet=('<c r="C24" t="n">', '<c r="C24" s="2" t="n">'),
        extra={"xl/styles.xml": styles.encode()}), "formatted to show nothing", "cell C24")
    # 5. invisible and bidirectional characters are refused on input
    put("bidi_override_name.toml", t(ok | {"name": "Kokkola \u202ekraP\u202c"}),
        "invisible or bidirectional", "name")
    put("zero_width_note.csv", csv_bytes(fact(ok, "employees", value=10,
                                              note="2\u200b400 people")),
        "invisible or bidirectional", "facts.employees.note")
    put("escape_sequence_key.toml", t(ok) + b'\n"\\u001b[2J\\u001b[31mowned" = 1\n',
        "unknown fact")
    # 6. numbers with ambiguous separators are refused, not guessed
    put("thousands_comma.csv", csv_bytes(fact(ok, "employees", value="2,400")), "ambiguous",
        "facts.employees.value")
    put("thousands_dot.csv", csv_bytes(fact(ok, "total_area_ha", value="1.200")), "ambiguous",
        "facts.total_area_ha.value")
    put("mixed_separators.csv", csv_bytes(fact(ok, "employees", value="1,200.5")), "mixed",
        "facts.employees.value")
    put("fullwidth_digits.csv", csv_bytes(fact(ok, "employees", value="\uff12\uff14\uff10\uff10")),
        "not a number", "facts.employees.value")
    put("thousands_comma.toml", t(fact(ok, "employees", value="2,400")), "ambiguous",
        "facts.employees.value")
    # 7. the file, its declared park and the chosen park must agree
    put("kokkola-kip_for_other_park.toml", t(ok | {"id": "infraleuna", "name": "InfraLeuna"}),
        "named after park 'kokkola-kip'", "id")
    # 8. confusable names of an existing park are not new parks
    new = ok | {"id": "kip-new", "name_fi": "Uusi puisto", "name_sv": "Ny park"}
    put("homoglyph_name.toml", t(new | {"name": "\u041aokkola Industrial Park (KIP)"}),
        "looks like the existing park", "name")
    put("zero_width_space_name.toml", t(new | {"name": "Kokkola Indus\u200btrial Park (KIP)"}),
        "looks like the existing park", "name")
    put("fullwidth_name.toml", t(new | {"name": "\uff2bokkola Industrial Park "
                                                "(\uff2b\uff29\uff30)"}),
        "looks like the existing park", "name")
    put("nbsp_name.toml", t(new | {"name": "Kokkola\u00a0Industrial\u00a0Park (KIP)"}),
        "looks like the existing park", "name")
    put("digit_for_letter_name.toml", t(new | {"name": "Kokkola Industria1 Park (K1P)"}),
        "looks like the existing park", "name")


def other_cases() -> None:
    put("profile.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "unsupported file type")
    put("payload.pkl", b"\x80\x04\x95cos\nsystem\n.", "unsupported file type")
    put("script.html", b"<script>alert(1)</script>", "unsupported file type")


def main() -> None:
    ok = base()
    toml_cases(ok)
    csv_cases(ok)
    geojson_cases(ok)
    xlsx_cases(ok)
    hardening_cases(ok)
    other_cases()
    lines = ["# Hostile corpus: file -> fragment of the problem it must produce (and its field).",
             "# Regenerate with tests/corpus/_generate.py.", ""]
    for name, (error, field) in sorted(CASES.items()):
        lines.append(f"[{json.dumps(name)}]")
        lines.append(f"error = {json.dumps(error)}")
        if field:
            lines.append(f"field = {json.dumps(field)}")
        lines.append("")
    (HERE / "expected.toml").write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(CASES)} files")


if __name__ == "__main__":
    main()
