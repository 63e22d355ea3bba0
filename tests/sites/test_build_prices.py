"""The price table is rebuilt from the inputs inside the repository, byte for byte."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

BUILDER = ROOT / "sites" / "data" / "build_prices.py"
INPUTS = ROOT / "sites" / "data" / "price_inputs"
SHIPPED = ROOT / "sites" / "data" / "prices.csv"


def _build(out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(BUILDER), "--out", str(out), *extra], cwd=ROOT,
                          text=True, capture_output=True, timeout=120)


def test_rebuild_reproduces_the_shipped_table_byte_for_byte(tmp_path):
    out = tmp_path / "prices.csv"
    result = _build(out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == SHIPPED.read_bytes()


def test_every_input_lives_in_the_repository_and_has_provenance():
    readme = (INPUTS / "README.md").read_text(encoding="utf-8")
    inputs = sorted(p.name for p in INPUTS.glob("*.csv"))
    assert inputs == ["direct_rows.csv", "ember_monthly.csv", "no_monthly_spot.csv",
                      "prices_new.csv", "research_prices.csv"]
    for name in inputs:
        assert name in readme, f"{name} has no provenance note in the README"
    assert "/work/" not in BUILDER.read_text(encoding="utf-8")


def test_builder_reads_only_the_given_input_folder(tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = _build(tmp_path / "out.csv", "--inputs", str(empty))
    assert result.returncode != 0
    assert not (tmp_path / "out.csv").exists()


def test_no_shipped_row_cites_a_repository_copy_as_its_source():
    with SHIPPED.open(encoding="utf-8") as handle:
        sources = {r["source_url"] for r in csv.DictReader(handle)}
    assert not [s for s in sources if "github.com" in s]


def _builder_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_prices", BUILDER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_vat_inclusive_tariffs_are_converted_and_marked_estimate():
    builder = _builder_module()
    value, status, note = builder._convert({"value": "2.15", "status": "published",
                                            "convert": "vat25.5"})
    assert (value, status) == (1.71, "estimate")
    assert "incl. VAT 25.5 %" in note
    value, status, _ = builder._convert({"value": "1.60", "status": "published",
                                         "convert": "vat24"})
    assert (value, status) == (1.29, "estimate")


def test_informational_fingrid_rows_are_not_fee_levels():
    with SHIPPED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fingrid = [r for r in rows if r["quantity"] == "transmission_tariff"]
    assert {r["variant"] for r in fingrid} == {"winter_weekday", "other", "output_fee", "average"}
    assert all(r["unit"] == "EUR/MWh" for r in fingrid)
    assert not [r for r in rows if r["quantity"] == "spot_price" and r["key"] == "SYS"]


def _shipped_rows() -> list[dict[str, str]]:
    with SHIPPED.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_fingrid_year_with_both_fee_levels_has_a_flat_load_average():
    fees: dict[str, dict[str, float]] = {}
    for r in _shipped_rows():
        if r["quantity"] == "transmission_tariff":
            fees.setdefault(r["period"], {})[r["variant"]] = float(r["value"])
    for year, by_variant in fees.items():
        if {"winter_weekday", "other"} <= set(by_variant):
            average = by_variant["average"]
            assert by_variant["other"] < average < by_variant["winter_weekday"], year


def test_norwegian_monthly_table_reproduces_the_energinet_no2_2024_mean():
    builder = _builder_module()
    rows = builder.no_monthly_spot(INPUTS)
    assert not [r for r in rows if (r["key"], r["period"]) == ("NO2", "2024")]
    assert {r["period"] for r in rows} == {"2024", "2025"}
    assert "NO2 2024 = 50.02 EUR/MWh against 50.13" in rows[0]["notes"]


def test_every_fx_rate_is_an_ecb_annual_average():
    builder = _builder_module()
    for (currency, year), (rate, url, what) in builder.FX.items():
        assert url.startswith("https://www.ecb.europa.eu/"), (currency, year)
        assert f"daily {year} rates" in what and rate > 1
