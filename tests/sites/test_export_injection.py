"""Every CSV and Excel export neutralises formula triggers in text cells (OWASP CSV injection)."""

from __future__ import annotations

import csv
import dataclasses
import io

import openpyxl
import pandas as pd
import pytest

from metrics import load_template, score_catalog
from sites import load_catalog
from sites.__main__ import render_catalog
from sites.catalog import Catalog
from sites.export import (
    FORMULA_TRIGGERS,
    csv_text,
    excel_bytes,
    facts_long,
    neutralise,
    neutralise_frame,
    prices_frame,
)
from sites.prices import load_prices
from sites.submissions.templates import csv_bytes, profile_mapping
from sites.submissions.templates import excel_bytes as template_excel
from tests.support.clock import DATA_TODAY

TODAY = DATA_TODAY
HOSTILE = {"name": "=HYPERLINK(\"http://evil.example\",\"KIP\")", "operator": "+cmd|' /C calc'!A0",
           "municipality": "@SUM(1+1)", "region": "-2+3", "description": "\tTab first",
           "name_fi": "\rCR first"}


@pytest.fixture(scope="module")
def hostile() -> Catalog:
    catalog = load_catalog()
    kip = catalog.by_id("kokkola-kip")
    employees = dataclasses.replace(kip.facts["employees"], note="-5 people left")
    companies = dataclasses.replace(kip.facts["key_companies"], value=("=1+1", "@A1"))
    park = dataclasses.replace(kip, facts={**kip.facts, "employees": employees,
                                           "key_companies": companies}, **HOSTILE)
    return catalog.replace_park(park)


def _csv_cells(text: str) -> list[str]:
    rows = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    return [cell for row in rows for cell in row]


def _unsafe(cells: list[object]) -> list[object]:
    """Text cells starting with a trigger (a CSV number such as ``-1.101`` is a number)."""
    return [c for c in cells if isinstance(c, str) and c.startswith(FORMULA_TRIGGERS)
            and not _is_number(c)]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _csv_exports(catalog: Catalog) -> dict[str, str]:
    brief = dataclasses.replace(load_template("pcam"), must_haves=frozenset())
    result = score_catalog(catalog, load_prices(), brief)
    return {
        "data page facts": csv_text(facts_long(catalog, today=TODAY)),
        "data page prices": csv_text(prices_frame(load_prices(), today=TODAY)),
        "sites list --format csv": render_catalog(catalog, "csv"),
        "metrics score --format csv": csv_text(result.to_frame()),
        "profile template csv": csv_bytes(profile_mapping(catalog.by_id("kokkola-kip")))
        .decode("utf-8"),
    }


def test_every_csv_export_is_injection_free(hostile: Catalog) -> None:
    for name, text in _csv_exports(hostile).items():
        cells = _csv_cells(text)
        assert _unsafe(cells) == [], name  # type: ignore[arg-type]
        assert any(c.startswith("'=HYPERLINK") for c in cells) or "prices" in name \
            or "metrics" in name, name


def test_every_excel_export_is_injection_free(hostile: Catalog) -> None:
    workbooks = {
        "data page workbook": excel_bytes({"facts": facts_long(hostile, today=TODAY),
                                           "parks": hostile.to_frame(),
                                           "prices": prices_frame(load_prices(), today=TODAY)}),
        "profile template": template_excel(profile_mapping(hostile.by_id("kokkola-kip"))),
    }
    for name, content in workbooks.items():
        book = openpyxl.load_workbook(io.BytesIO(content))
        cells = [cell.value for sheet in book for row in sheet.iter_rows() for cell in row]
        assert _unsafe(cells) == [], name
        assert "'=HYPERLINK(\"http://evil.example\",\"KIP\")" in cells, name


def test_negative_numbers_stay_numbers_and_text_is_prefixed() -> None:
    frame = pd.DataFrame({"n": [-5.0, 3.0], "t": ["-5 ha", "ok"], "mixed": [-1, "=1+1"]})
    safe = neutralise_frame(frame)
    assert safe["n"].tolist() == [-5.0, 3.0]
    assert safe["t"].tolist() == ["'-5 ha", "ok"]
    assert safe["mixed"].tolist() == [-1, "'=1+1"]
    for trigger in FORMULA_TRIGGERS:
        assert neutralise(trigger + "x") == "'" + trigger + "x"
    assert neutralise(-3) == -3 and neutralise(None) is None


def test_template_csv_imports_back_after_neutralising(hostile: Catalog) -> None:
    from sites.submissions import check_submission

    park = hostile.by_id("kokkola-kip")
    sub = check_submission(csv_bytes(profile_mapping(park)), filename="kokkola-kip.csv",
                           catalog=hostile, today=TODAY)
    assert sub.park is not None and sub.park.facts["employees"].note == "-5 people left"
    assert sub.park.name == HOSTILE["name"]
