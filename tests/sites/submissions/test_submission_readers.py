"""Readers and checks: limits, encodings, conversions, locations of problems."""

from __future__ import annotations

import copy
import dataclasses
import io
import json
import zipfile
from typing import Any

import pytest

from sites.catalog import Catalog
from sites.model import Park
from sites.submissions import Limits, check_submission, read_upload
from sites.submissions.readers import (
    _TOML_TOKENS as TOML_TOKENS,
)
from sites.submissions.readers import check_zip, nesting_depth, safe_name, structure_depth
from sites.submissions.templates import csv_bytes, excel_bytes, toml_bytes
from tests.support.clock import DATA_TODAY

TODAY = DATA_TODAY


def _fact(data: dict[str, Any], name: str, **entry: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    data["facts"][name] = {"status": "published", "as_of": "2026",
                           "source": "https://kip.fi/en/frontpage.html", **entry}
    return data


def test_file_size_is_checked_before_parsing() -> None:
    result = read_upload(b"x" * (2 * 1024 * 1024 + 1), filename="big.toml")
    assert result.data is None
    assert "file too large" in result.problems[0].problem


def test_row_limit_is_configurable(kip_data: dict[str, Any]) -> None:
    tight = dataclasses.replace(Limits(), max_rows=10)
    result = read_upload(csv_bytes(kip_data), filename="kip.csv", limits=tight)
    assert result.data is None and "too many rows" in result.problems[0].problem


@pytest.mark.parametrize("writer,name", [(excel_bytes, "k.xlsx"), (csv_bytes, "k.csv"),
                                         (toml_bytes, "k.toml")])
def test_units_are_converted_and_the_conversion_is_reported(
        writer: Any, name: str, kip_data: dict[str, Any], catalog: Catalog) -> None:
    data = _fact(kip_data, "steam_price_eur_mwh", value=0.045, unit="€/kWh")
    data = _fact(data, "free_land_ha", value=650_000, unit="m²")
    sub = check_submission(writer(data), filename=name, catalog=catalog, today=TODAY)
    assert sub.ok, sub.problems
    assert sub.park is not None
    assert sub.park.number("steam_price_eur_mwh") == pytest.approx(45.0)
    assert sub.park.number("free_land_ha") == pytest.approx(65.0)
    shown = {(c.fact, c.given_unit, c.factor) for c in sub.conversions}
    assert shown == {("steam_price_eur_mwh", "EUR/kWh", 1000.0), ("free_land_ha", "m2", 1e-4)}
    kinds = {c.field: c.kind.value for c in sub.changes}
    assert kinds == {"facts.steam_price_eur_mwh": "added", "facts.free_land_ha": "changed"}


def test_csv_with_bom_decimal_comma_and_semicolons(kip_data: dict[str, Any],
                                                   catalog: Catalog) -> None:
    content = csv_bytes(_fact(kip_data, "port_max_draught_m", value="13,5", unit="m"))
    assert content.startswith(b"\xef\xbb\xbf")
    sub = check_submission(content, filename="k.csv", catalog=catalog, today=TODAY)
    assert sub.ok, sub.problems
    assert sub.park is not None and sub.park.number("port_max_draught_m") == 13.5
    semicolons = "fact;value;unit;status;as_of;source\r\nid;x\r\n"
    result = read_upload(semicolons.encode(), filename="s.csv")
    assert result.data is not None and result.data["id"] == "x"


def test_problems_name_the_row_of_the_sheet(kip_data: dict[str, Any], catalog: Catalog) -> None:
    data = _fact(kip_data, "employees", value=-3, unit="persons")
    sub = check_submission(excel_bytes(data), filename="k.xlsx", catalog=catalog, today=TODAY)
    assert not sub.ok
    (problem,) = sub.problems
    assert problem.field == "facts row 24: facts.employees.value"
    assert problem.value == "-3"


def test_expected_id_must_match(kip_data: dict[str, Any], catalog: Catalog) -> None:
    sub = check_submission(toml_bytes(kip_data), filename="k.toml", catalog=catalog,
                           expected_id="infraleuna", today=TODAY)
    assert not sub.ok and "is for 'kokkola-kip'" in sub.problems[0].problem


def test_a_new_id_for_an_existing_park_name_is_a_duplicate(kip_data: dict[str, Any],
                                                           catalog: Catalog) -> None:
    sub = check_submission(toml_bytes(kip_data | {"id": "kip-copy"}), filename="k.toml",
                           catalog=catalog, today=TODAY)
    assert not sub.ok and "already exists as 'kokkola-kip'" in sub.problems[0].problem


def test_a_new_park_is_all_additions(kip_data: dict[str, Any], catalog: Catalog) -> None:
    data = kip_data | {"id": "kip-two", "name": "Another park", "name_fi": "Toinen puisto",
                       "name_sv": "En annan park"}
    sub = check_submission(toml_bytes(data), filename="k.toml", catalog=catalog, today=TODAY)
    assert sub.ok and sub.is_new
    assert {c.kind.value for c in sub.changes} == {"added"}


def test_hostile_park_name_is_kept_as_plain_text(kip_data: dict[str, Any],
                                                 catalog: Catalog) -> None:
    name = "<img src=x onerror=alert(1)>"
    sub = check_submission(toml_bytes(kip_data | {"name": name}), filename="k.toml",
                           catalog=catalog, today=TODAY)
    assert sub.ok and sub.park is not None and sub.park.name == name


def test_geojson_feature(kip_data: dict[str, Any], catalog: Catalog) -> None:
    props = copy.deepcopy(kip_data)
    lat, lon = props["location"].pop("lat"), props["location"].pop("lon")
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
         "properties": props}]}
    sub = check_submission(json.dumps(doc).encode(), filename="k.geojson", catalog=catalog,
                           today=TODAY)
    assert sub.ok, sub.problems
    assert sub.park == catalog.by_id("kokkola-kip")


def test_safe_name_strips_paths_and_markup() -> None:
    assert safe_name("../../etc/passwd.toml") == "passwd.toml"
    assert safe_name("C:\\Users\\x\\<b>k</b>.csv") == "b_.csv"
    assert safe_name("<script>.toml") == "_script_.toml"
    assert safe_name("") == "upload"


def test_depth_helpers() -> None:
    assert nesting_depth('{"a": "[[[[", "b": [[1]]}') == 3
    assert nesting_depth('x = "[[[" # [[[[[[\ny = [[1]]', TOML_TOKENS) == 2
    assert structure_depth({"a": [{"b": 1}]}) == 3


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_total_size_limit_applies_to_stored_members() -> None:
    tight = dataclasses.replace(Limits(), max_zip_uncompressed=1000)
    content = _zip({"[Content_Types].xml": b"x" * 600, "xl/workbook.xml": b"y" * 600},
                   zipfile.ZIP_STORED)
    problems = check_zip(content, origin="b.xlsx", limits=tight)
    assert "unpacks to 1,200 bytes" in problems[0].problem


def test_a_valid_workbook_passes_the_zip_checks(kip: Park) -> None:
    from sites.submissions.templates import profile_mapping

    assert check_zip(excel_bytes(profile_mapping(kip)), origin="k.xlsx", limits=Limits()) == []


def test_problem_list_is_capped() -> None:
    content = "\n".join(f"k{i} = 1" for i in range(5000)).encode()
    sub = check_submission(content, filename="many.toml", today=TODAY)
    assert len(sub.problems) == 201
    assert "more problem(s)" in sub.problems[-1].problem


@pytest.mark.parametrize("name,content", [
    ("a.geojson", b'"\\"' * 600_000),          # unterminated escapes: quadratic for a regex
    ("a.toml", b'x = """' + b'\\"' * 900_000),
    ("a.toml", b"'''" * 600_000),
    ("a.geojson", b"[" * 2_000_000),
    ("a.csv", b'"' + b"a" * 2_000_000),
])
def test_adversarial_text_is_handled_quickly(name: str, content: bytes) -> None:
    import time

    start = time.perf_counter()
    sub = check_submission(content, filename=name, today=TODAY)
    assert sub.problems and time.perf_counter() - start < 5


def test_blank_lines_count_towards_the_row_limit() -> None:
    result = read_upload(b"fact,value\n" + b"\n" * 1_000_000, filename="blank.csv")
    assert result.data is None and "too many rows" in result.problems[0].problem


def test_leading_blank_lines_keep_row_numbers(kip_data: dict[str, Any],
                                              catalog: Catalog) -> None:
    content = b"\r\n\r\n" + csv_bytes(_fact(kip_data, "employees", value=-3)).removeprefix(
        b"\xef\xbb\xbf")
    sub = check_submission(content, filename="k.csv", catalog=catalog, today=TODAY)
    lines = content.decode().split("\r\n")
    row = next(i for i, line in enumerate(lines, start=1) if line.startswith("employees,"))
    assert sub.problems[0].field == f"row {row}: facts.employees.value"


def test_new_only_refuses_an_existing_id(kip_data: dict[str, Any], catalog: Catalog) -> None:
    sub = check_submission(toml_bytes(kip_data), filename="k.toml", catalog=catalog,
                           new_only=True, today=TODAY)
    assert not sub.ok and "already exists" in sub.problems[0].problem
