"""Data page: catalog and price tables with sources, filters, and working downloads."""

from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pyogrio

from tests.app_pages.conftest import no_exception


def _no_none(frame: pd.DataFrame) -> None:
    text = frame.select_dtypes(exclude=["bool", "number"])
    assert not text.isna().any().any(), text.columns[text.isna().any()].tolist()
    assert not text.isin(["None", "nan"]).any().any()


def test_data_page_tables_and_downloads(app, downloads, tmp_path):
    at = app(page="app_pages/data.py")
    no_exception(at)
    facts = at.dataframe[0].value
    assert {"park", "country", "fact", "value", "status", "as_of", "source", "stale"} <= set(facts)
    _no_none(facts)
    assert "Total area" in set(facts["fact"]) and "total_area_ha" not in set(facts["fact"])
    known = facts.status.isin(["published", "estimate"])
    assert (facts.loc[known, "source"].str.startswith("http")).all()
    assert set(downloads) >= {"parkbench_facts.csv", "parkbench.xlsx",
                              "parkbench_parks.geojson", "parkbench.gpkg",
                              "parkbench_prices.csv"}
    csv = pd.read_csv(io.StringIO(downloads["parkbench_facts.csv"]()))
    assert len(csv) == len(facts) and csv["value"].dtype == float
    workbook = openpyxl.load_workbook(io.BytesIO(downloads["parkbench.xlsx"]()))
    assert {"facts", "parks", "prices"} <= set(workbook.sheetnames)
    geo = json.loads(downloads["parkbench_parks.geojson"]())
    assert len(geo["features"]) >= 35
    assert "total_area_ha__source" in geo["features"][0]["properties"]
    gpkg = tmp_path / "out.gpkg"
    gpkg.write_bytes(downloads["parkbench.gpkg"]())
    layers = {name for name, _ in pyogrio.list_layers(gpkg)}
    assert {"parks", "ports", "airports"} <= layers


def test_filters_narrow_the_table_and_every_download(app, downloads, tmp_path):
    at = app(page="app_pages/data.py")
    at.multiselect(key="data_parks").set_value(["kokkola-kip", "porvoo-kilpilahti"])
    at.multiselect(key="data_countries").set_value(["FI"])
    at.multiselect(key="data_status").set_value(["published"]).run()
    no_exception(at)
    facts = at.dataframe[0].value
    assert set(facts["park_id"]) == {"kokkola-kip", "porvoo-kilpilahti"}
    assert set(facts["status"]) == {"published"}
    csv = pd.read_csv(io.StringIO(downloads["parkbench_facts.csv"]()))
    assert len(csv) == len(facts) and set(csv["status"]) == {"published"}
    assert set(csv["park_id"]) == {"kokkola-kip", "porvoo-kilpilahti"}
    sheet = openpyxl.load_workbook(io.BytesIO(downloads["parkbench.xlsx"]()))["facts"]
    assert sheet.max_row - 1 == len(facts)
    geo = json.loads(downloads["parkbench_parks.geojson"]())
    assert {f["properties"]["id"] for f in geo["features"]} == {"kokkola-kip", "porvoo-kilpilahti"}
    gpkg = tmp_path / "filtered.gpkg"
    gpkg.write_bytes(downloads["parkbench.gpkg"]())
    assert len(pyogrio.read_dataframe(gpkg, layer="parks")) == 2


def test_country_filter_alone(app):
    at = app(page="app_pages/data.py")
    at.multiselect(key="data_countries").set_value(["SE"]).run()
    facts = at.dataframe[0].value
    assert len(facts) > 0 and set(facts["country"]) == {"Sweden"}


def test_data_page_in_finnish_is_localised(app):
    at = app(page="app_pages/data.py", lang="fi")
    no_exception(at)
    facts = at.dataframe[0].value
    _no_none(facts)
    assert {"julkaistu", "tuntematon"} <= set(facts["status"])
    assert "Suomi" in set(facts["country"]) and "Kokonaispinta-ala" in set(facts["fact"])
    kip = facts[(facts.park_id == "kokkola-kip")]
    assert "kyllä" in set(kip["value"])
    decimals = [v for v in facts["value"] if any(c.isdigit() for c in v.split(" ")[0])]
    assert not any("." in v.split(" ")[0] for v in decimals if "http" not in v)


def test_price_quantity_selection(app):
    at = app(page="app_pages/data.py")
    at.selectbox(key="data_quantity").set_value("spot_price").run()
    no_exception(at)
    prices = at.dataframe[1].value
    assert set(prices["quantity"]) == {"spot_price"}
    assert prices["source_url"].str.startswith("http").all()


def test_skipped_catalog_files_are_explained_in_the_session_language(app, tmp_path, monkeypatch):
    """A shipped profile that fails validation is skipped, and the Data page says why in
    Finnish: the problem's code is rendered from the message catalog, not the core's English."""
    import shutil

    from sites.catalog import PARKS_DIR

    folder = tmp_path / "parks"
    shutil.copytree(PARKS_DIR, folder)
    broken = folder / "kokkola-kip.toml"
    text = broken.read_text(encoding="utf-8")
    assert 'status = "published"' in text
    broken.write_text(text.replace('status = "published"', 'status = "maybe"', 1), encoding="utf-8")
    monkeypatch.setenv("PARKBENCH_CATALOG_DIR", str(folder))
    at = app(page="app_pages/data.py", lang="fi")
    no_exception(at)
    assert at.expander[0].label.startswith("1 ongelma")
    table = next(d.value for d in at.dataframe if "file" in d.value.columns)
    row = table.iloc[0]
    assert row["file"] == "kokkola-kip.toml"
    assert row["problem"] == "virheellinen tila" and row["value"] == "'maybe'"
    assert "published" in row["expected"]
