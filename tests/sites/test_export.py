"""Exports hold every fact with its provenance and neutralise spreadsheet formulas."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from sites import load_catalog
from sites.export import excel_bytes, facts_long
from sites.schema import FACTS
from tests.support.clock import DATA_TODAY


def test_facts_long_has_one_row_per_fact_and_flags_stale():
    catalog = load_catalog()
    frame = facts_long(catalog, today=DATA_TODAY)
    assert len(frame) == len(catalog) * len(FACTS)
    kip_free = frame[(frame.park_id == "kokkola-kip") & (frame.fact == "free_land_ha")].iloc[0]
    assert kip_free.stale and kip_free.as_of.startswith("2016")
    unknown = frame[frame.status == "unknown"]
    assert unknown["value"].isna().all()


def test_excel_neutralises_formulas():
    data = excel_bytes({"t": pd.DataFrame({"a": ["=HYPERLINK(\"http://x\")", "ok"]})})
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == "'=HYPERLINK(\"http://x\")"
    assert sheet["A2"].data_type == "s"
