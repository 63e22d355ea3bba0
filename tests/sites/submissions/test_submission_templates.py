"""Templates round-trip through the readers; text never turns into a spreadsheet formula."""

from __future__ import annotations

import copy
import io
import tomllib
from typing import Any

import pytest
from openpyxl import load_workbook

from sites.catalog import Catalog
from sites.model import Park
from sites.schema import FACTS
from sites.submissions import blank_mapping, check_submission, excel_bytes, toml_bytes
from sites.submissions.templates import allowed_units, csv_bytes, profile_mapping
from tests.support.clock import DATA_TODAY

TODAY = DATA_TODAY


@pytest.mark.parametrize("kind", ["xlsx", "toml", "csv"])
def test_every_shipped_park_round_trips_unchanged(catalog: Catalog, kind: str) -> None:
    write = {"xlsx": excel_bytes, "toml": toml_bytes, "csv": csv_bytes}[kind]
    for park in catalog:
        sub = check_submission(write(profile_mapping(park)), filename=f"{park.id}.{kind}",
                               catalog=catalog, today=TODAY)
        assert sub.ok, [p.line() for p in sub.problems]
        assert sub.park == park
        assert sub.changes == ()
        assert sub.conversions == ()


def test_toml_template_is_the_catalog_layout(kip: Park) -> None:
    data = tomllib.loads(toml_bytes(profile_mapping(kip)).decode())
    assert set(data["facts"]) == set(FACTS)
    assert data["facts"]["free_land_ha"]["value"] == 70
    assert data["location"]["lat"] == pytest.approx(kip.location.lat)


def _sheet(content: bytes, name: str) -> Any:
    return load_workbook(io.BytesIO(content))[name]


def test_excel_template_has_one_row_per_fact_and_drop_downs(kip: Park) -> None:
    content = excel_bytes(profile_mapping(kip))
    facts = _sheet(content, "facts")
    header = [c.value for c in facts[1]]
    assert header == ["fact", "label", "value", "low", "high", "qualifier", "unit", "status",
                      "as_of", "undated", "checked", "source", "note"]
    assert [row[0].value for row in facts.iter_rows(min_row=2)] == list(FACTS)
    formulas = {dv.formula1 for dv in facts.data_validations.dataValidation}
    assert '"published,estimate,unknown,not_applicable"' in formulas
    assert '"at least,at most"' in formulas
    assert any("EUR/kWh" in f for f in formulas)
    assert '"yes,no"' in formulas
    park = _sheet(content, "park")
    assert park["A2"].value == "id" and park["B2"].value == "kokkola-kip"


def test_allowed_units_start_with_the_canonical_unit() -> None:
    assert allowed_units("steam_price_eur_mwh")[0] == "EUR/MWh"
    assert "EUR/kWh" in allowed_units("steam_price_eur_mwh")
    assert "m2" in allowed_units("free_land_ha")


def test_formula_like_text_stays_text_in_excel_and_csv(kip_data: dict[str, Any],
                                                       catalog: Catalog) -> None:
    data = copy.deepcopy(kip_data)
    data["facts"]["employees"]["note"] = "=HYPERLINK(\"http://evil.example\",\"click\")"
    content = excel_bytes(data)
    cell = next(r[7] for r in _sheet(content, "facts").iter_rows(min_row=2)
                if r[0].value == "employees")
    assert cell.data_type == "s"
    assert b"<f>" not in _member(content, "xl/worksheets/sheet2.xml")
    for name, payload in (("x.xlsx", content), ("x.csv", csv_bytes(data))):
        sub = check_submission(payload, filename=name, catalog=catalog, today=TODAY)
        assert sub.ok, sub.problems
        assert sub.park is not None
        assert sub.park.facts["employees"].note.startswith("=HYPERLINK")
    assert b"'=HYPERLINK" in csv_bytes(data)


def _member(content: bytes, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(name)


@pytest.mark.parametrize("writer", [excel_bytes, toml_bytes, csv_bytes])
def test_blank_template_asks_only_for_identity_and_location(writer: Any,
                                                           catalog: Catalog) -> None:
    name = {excel_bytes: "blank.xlsx", toml_bytes: "blank.toml", csv_bytes: "blank.csv"}[writer]
    sub = check_submission(writer(blank_mapping(today=TODAY)), filename=name, catalog=catalog,
                           today=TODAY)
    fields = {p.field.split(": ")[-1] for p in sub.problems}
    assert fields <= {"id", "name", "country", "municipality", "region", "bidding_zone",
                      "location.lat", "location.lon"}
    assert {"id", "location.lat"} <= fields


def test_excel_request_puts_the_asked_facts_first_and_reads_back_the_same() -> None:
    """An RFI workbook: a leading 'request' sheet the reader ignores, the asked facts at the
    top of 'facts'; read back it is the same profile as the plain template."""
    import io

    from openpyxl import load_workbook

    from sites import load_catalog
    from sites.submissions.readers import read_upload
    from sites.submissions.templates import excel_bytes, profile_mapping

    park = load_catalog().by_id("kokkola-kip")
    data = profile_mapping(park)
    asked = ["grid_capacity_mw", "largest_free_plot_ha"]
    rfi = excel_bytes(data, first=asked, request=[(f, f, "why") for f in asked])
    book = load_workbook(io.BytesIO(rfi))
    assert book.sheetnames == ["request", "park", "facts"]
    assert [r[0] for r in book["facts"].iter_rows(min_row=2, max_row=3, values_only=True)] \
        == asked
    plain = read_upload(excel_bytes(data), filename="kip.xlsx")
    got = read_upload(rfi, filename="kip.xlsx")
    assert not got.problems and got.data == plain.data
