"""Issue 12 hardening classes, unit level: URLs, numbers, confusables, file/id agreement, CLI."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sites.catalog import Catalog
from sites.profile import _number, is_http_url, number_text_problem
from sites.submissions import check_submission
from sites.submissions.confusable import lookalike, skeleton
from sites.submissions.readers import first_unencodable, line_ends, toml_key_parts
from sites.submissions.templates import toml_bytes
from sites.submissions.xlsxscan import cell_ref, column_letters, column_number
from sites.text import terminal_safe, visible
from tests.support.clock import DATA_TODAY

TODAY = DATA_TODAY


@pytest.mark.parametrize("url", ["http://[::1", "https://kip.fi]/", "http://[x]/",
                                 "https://kip.fi:99999/", "https://kip.fi:port/", "http://[::1]/",
                                 "https://localhost/", "javascript:alert(1)", "https://.fi",
                                 "https://kip.fi/\x1b[31m"])
def test_malformed_urls_are_invalid_not_errors(url: str) -> None:
    assert is_http_url(url) is False


@given(st.text(max_size=60))
def test_is_http_url_never_raises(text: str) -> None:
    assert is_http_url("https://" + text) in (True, False)
    assert is_http_url(text) in (True, False)


@pytest.mark.parametrize("text,number", [("2400", 2400.0), ("2400.5", 2400.5),
                                         ("2400,5", 2400.5), ("0.045", 0.045), ("0,045", 0.045),
                                         ("13,5", 13.5), ("2 400", 2400.0),
                                         ("2\u00a0400", 2400.0), ("2\u202f400,5", 2400.5),
                                         ("1e-05", 1e-05), ("-3", -3.0), (" 7 ", 7.0)])
def test_unambiguous_number_text_is_read(text: str, number: float) -> None:
    assert number_text_problem(text) is None and _number(text) == number


@pytest.mark.parametrize("text,reason", [("2,400", "ambiguous"), ("1.200", "ambiguous"),
                                         ("1.200.000", "ambiguous"), ("1,200.5", "mixed"),
                                         ("1.200,5", "mixed"), ("２４００", "not a number"),
                                         ("٢٤٠٠", "not a number"), ("nan", "not a number"),
                                         ("24 00", "not a number")])
def test_ambiguous_number_text_is_refused(text: str, reason: str) -> None:
    problem = number_text_problem(text)
    assert problem is not None and reason in problem and _number(text) is None


def test_ambiguous_number_message_names_field_value_and_expectation(
        kip_data: dict[str, Any], catalog: Catalog) -> None:
    data = kip_data | {"facts": {**kip_data["facts"], "employees": {
        "value": "2,400", "unit": "persons", "status": "published", "as_of": "2024",
        "source": "https://kip.fi/en/frontpage.html"}}}
    sub = check_submission(toml_bytes(data), filename="kokkola-kip.toml", catalog=catalog,
                           today=TODAY)
    (problem,) = sub.problems
    assert problem.field == "facts.employees.value" and "'2,400'" in problem.problem
    assert "ambiguous" in problem.problem and "2400,5" in problem.expected


@pytest.mark.parametrize("name", ["\u041aokkola Industrial Park (KIP)",
                                  "Kokkola Indus\u200btrial Park (KIP)",
                                  "\uff2bokkola Industrial Park (KIP)",
                                  "Kokkola\u00a0Industrial Park (KIP)",
                                  "KOKKOLA INDUSTRIAL PARK (KIP)", "Kokkola Industria1 Park (K1P)",
                                  "Kokkola-Industrial-Park KIP"])
def test_confusable_names_share_the_skeleton(name: str) -> None:
    assert skeleton(name) == skeleton("Kokkola Industrial Park (KIP)")


def test_different_names_differ() -> None:
    others = {"kokkola-kip": ["Kokkola Industrial Park (KIP)"]}
    assert lookalike("Kemi Ajos", others) is None
    assert lookalike("Kokkola Industrial Parks", others) is None


def test_a_new_park_imitating_an_existing_name_is_refused_naming_it(
        kip_data: dict[str, Any], catalog: Catalog) -> None:
    data = kip_data | {"id": "kip-new", "name": "\u041aokkola Industrial Park (KIP)",
                       "name_fi": "Uusi", "name_sv": "Ny"}
    sub = check_submission(toml_bytes(data), filename="new.toml", catalog=catalog, today=TODAY)
    assert not sub.ok
    (problem,) = sub.problems
    assert problem.field == "name" and "'kokkola-kip'" in problem.problem


def test_renaming_a_park_to_look_like_another_is_refused(kip_data: dict[str, Any],
                                                         catalog: Catalog) -> None:
    other = catalog.by_id("infraleuna").name
    sub = check_submission(toml_bytes(kip_data | {"name": other.upper()}),
                           filename="kokkola-kip.toml", catalog=catalog, today=TODAY)
    assert not sub.ok and "infraleuna" in sub.problems[0].problem


def test_file_named_after_another_park_is_refused(kip_data: dict[str, Any],
                                                  catalog: Catalog) -> None:
    for name in ("infraleuna.toml", "infraleuna (1).toml", "parkbench-infraleuna-2026.toml"):
        sub = check_submission(toml_bytes(kip_data), filename=name, catalog=catalog,
                               today=TODAY)
        assert not sub.ok and "named after park 'infraleuna'" in sub.problems[0].problem, name
    for name in ("kokkola-kip.toml", "kokkola-kip (2).toml", "kip-update.toml"):
        assert check_submission(toml_bytes(kip_data), filename=name, catalog=catalog,
                                today=TODAY).ok, name


def test_expected_id_must_exist_and_match(kip_data: dict[str, Any], catalog: Catalog) -> None:
    sub = check_submission(toml_bytes(kip_data | {"id": "kip-x", "name": "X"}),
                           filename="x.toml", catalog=catalog, expected_id="no-such-park",
                           today=TODAY)
    assert {p.problem for p in sub.problems} >= {"no park 'no-such-park' to update",
                                                  "the file is for 'kip-x'"}


def test_helpers() -> None:
    assert column_number("XFD") == 16384 and column_letters(16384) == "XFD"
    assert cell_ref("C24") == (24, 3) and cell_ref("$B$7") == (7, 2) and cell_ref("24") is None
    assert toml_key_parts("a.b.c = 1.5\n[x.y]\nz = [1.5, 2.5] # a.b.c.d.e\n") == (3, 1)
    assert first_unencodable({"a": ["ok", {"b": "\ud800"}]}) == ("a[1].b", "\ud800")
    assert line_ends({"a\r\n": ["x\ry"]}) == {"a\n": ["x\ny"]}


def test_visible_and_terminal_safe() -> None:
    assert visible("a\u202eb\u2066c\u2069\u200bd\x1be\x85") == "abcd\u241be\\x85"
    assert terminal_safe("k\x1b[31m\u202e\n") == "k\\x1b[31m\\u202e\\x0a"


def test_cli_prints_escape_sequences_visibly(tmp_path: Path, kip_data: dict[str, Any],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from sites.__main__ import main

    path = tmp_path / "kokkola-kip.toml"
    path.write_bytes(toml_bytes(kip_data) + b'\n"\\u001b[2J\\u001b[31mx" = 1\n')
    assert main(["import", str(path), "--db", str(tmp_path / "db.sqlite")]) == 1
    out = capsys.readouterr()
    assert "\x1b" not in out.out + out.err and "\\x1b[2J\\x1b[31mx" in out.out


def _xlsx_with(member: str, transform: Any, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            archive.writestr(info.filename, transform(data) if info.filename == member else data)
    return buffer.getvalue()


def test_xlsx_problems_name_sheet_cell_and_limit(kip_data: dict[str, Any],
                                                 catalog: Catalog) -> None:
    from sites.submissions.templates import excel_bytes

    formula = _xlsx_with("xl/worksheets/sheet2.xml", lambda b: b.replace(
        b'<c r="C24" t="n"><v>2400</v></c>', b'<c r="C24"><f>SUM(1,1)</f><v>2400</v></c>'),
        excel_bytes(kip_data))
    sub = check_submission(formula, filename="kokkola-kip.xlsx", catalog=catalog, today=TODAY)
    (problem,) = sub.problems
    assert problem.field == "sheet 'facts', cell C24" and "formula" in problem.problem
    tall = _xlsx_with("xl/worksheets/sheet2.xml", lambda b: b.replace(
        b"</sheetData>", b'<row r="2001"/></sheetData>'), excel_bytes(kip_data))
    (problem,) = check_submission(tall, filename="k.xlsx", today=TODAY).problems
    assert problem.field == "sheet 'facts', row 2,001" and "2,000 rows" in problem.expected
