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


def test_facts_csv_holds_numbers_in_value_and_the_unit_apart():
    """The facts CSV parses back with a numeric ``value``; ranges, bounds and text apart."""
    from sites.export import csv_text
    from sites.schema import Kind

    catalog = load_catalog()
    back = pd.read_csv(io.StringIO(csv_text(facts_long(catalog, today=DATA_TODAY))),
                       keep_default_na=False, na_values=[""])
    assert back["value"].dtype == float and back["low"].dtype == float
    kinds = back["fact"].map(lambda name: FACTS[name].kind)
    numeric = kinds == Kind.NUMBER
    assert (back.loc[numeric, "unit"] == back.loc[numeric, "fact"].map(
        lambda name: FACTS[name].unit)).all()
    assert back.loc[~numeric, "unit"].isna().all() and back.loc[~numeric, "value"].isna().all()
    flags = back[(kinds == Kind.BOOL) & back["text"].notna()]
    assert len(flags) > 100 and set(flags["text"]) == {"yes", "no"}
    ranges = back[back["low"].notna()]
    assert len(ranges) > 0 and (ranges["low"] <= ranges["high"]).all()
    assert set(back["qualifier"].dropna()) <= {"at least", "at most"}
    kip = catalog.by_id("kokkola-kip").facts["total_area_ha"]
    row = back[(back.park_id == "kokkola-kip") & (back.fact == "total_area_ha")].iloc[0]
    assert row["value"] == kip.value and row["unit"] == "ha" and row["source"] == kip.source


def test_park_properties_carry_every_facts_provenance():
    from sites.export import park_properties, sourced_columns

    catalog = load_catalog()
    park = catalog.by_id("kokkola-kip")
    props = park_properties(park, catalog.to_records()[catalog.ids.index(park.id)])
    assert list(props) == sourced_columns()
    for name, fact in park.facts.items():
        assert props[f"{name}__status"] == fact.status.value
        assert props[f"{name}__source"] == fact.source
        assert props[f"{name}__as_of"] == (fact.as_of_text or None)
    assert props["source"] == park.location.source
