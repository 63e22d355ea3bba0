"""Data page: catalog and price tables with sources, and working downloads."""

from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pyogrio

from tests.app_pages.conftest import no_exception


def test_data_page_tables_and_downloads(app, downloads, tmp_path):
    at = app(page="app_pages/data.py")
    no_exception(at)
    facts = at.dataframe[0].value
    assert {"park_id", "fact", "value", "unit", "status", "as_of", "source", "stale"} <= set(facts)
    known = ~facts.status.isin(["unknown", "not_applicable"])
    assert (facts.loc[known, "source"].str.startswith("http")).all()
    assert set(downloads) >= {"parkbench_facts.csv", "parkbench.xlsx",
                              "parkbench_parks.geojson", "parkbench.gpkg",
                              "parkbench_prices.csv"}
    csv = pd.read_csv(io.StringIO(downloads["parkbench_facts.csv"]()))
    assert len(csv) == len(facts)
    workbook = openpyxl.load_workbook(io.BytesIO(downloads["parkbench.xlsx"]()))
    assert {"facts", "parks", "prices"} <= set(workbook.sheetnames)
    geo = json.loads(downloads["parkbench_parks.geojson"]())
    assert len(geo["features"]) >= 35
    gpkg = tmp_path / "out.gpkg"
    gpkg.write_bytes(downloads["parkbench.gpkg"]())
    layers = {name for name, _ in pyogrio.list_layers(gpkg)}
    assert {"parks", "ports", "airports"} <= layers


def test_price_quantity_selection(app):
    at = app(page="app_pages/data.py")
    at.selectbox(key="data_quantity").set_value("spot_price").run()
    no_exception(at)
    prices = at.dataframe[1].value
    assert set(prices["quantity"]) == {"spot_price"}
    assert prices["source_url"].str.startswith("http").all()
