"""``python -m sites validate`` and ``list`` as a user runs them."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
import tomli_w

from tests.conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sites", *args], cwd=ROOT, text=True,
                          capture_output=True, timeout=120)


def test_validate_shipped_data_exits_zero():
    result = _run("validate")
    assert result.returncode == 0, result.stdout
    assert "ok:" in result.stderr


def _write(tmp_path: Path, name: str, data: dict) -> Path:
    path = tmp_path / name
    path.write_bytes(tomli_w.dumps(data).encode())
    return path


@pytest.mark.parametrize(
    ("mutate", "expected_line"),
    [
        (lambda d: d["facts"]["port_max_draught_m"].update(value=40.0),
         "kokkola-kip.toml: facts.port_max_draught_m.value: "
         "40 m is out of range (expected 0 to 25 m)"),
        (lambda d: d["facts"]["total_area_ha"].update(as_of="2099-01-01"),
         "kokkola-kip.toml: facts.total_area_ha.as_of: date is in the future"),
        (lambda d: d["facts"]["total_area_ha"].update(source="not a url"),
         "kokkola-kip.toml: facts.total_area_ha.source: not a valid URL (expected an http(s) URL)"),
        (lambda d: d["facts"]["total_area_ha"].update(unit="km2"),
         "kokkola-kip.toml: facts.total_area_ha.unit: wrong unit (expected 'ha')"),
        (lambda d: d["location"].update(lat=23.03, lon=63.84),
         "kokkola-kip.toml: location: (23.03, 63.84) is outside Finland; lat and lon look swapped"),
        (lambda d: d["facts"]["water_price_eur_m3"].update(
            value=1.2, status="published", as_of="2024", source="https://example.org",
            unit="EUR/m3")
         or d["facts"]["steam_price_eur_mwh"].update(
            value=0.05, status="published", as_of="2024", source="https://example.org"),
         "facts.steam_price_eur_mwh.value: 0.05 EUR/MWh is out of range; looks like EUR/kWh"),
        (lambda d: d.update(id="other-id"),
         "kokkola-kip.toml: id: id 'other-id' does not match file name"),
    ],
)
def test_validate_broken_profile_prints_a_clear_line_and_exits_one(
        tmp_path, kip_profile, mutate, expected_line):
    mutate(kip_profile)
    path = _write(tmp_path, "kokkola-kip.toml", kip_profile)
    result = _run("validate", str(path))
    assert result.returncode == 1
    assert expected_line in result.stdout, result.stdout


def test_validate_reports_toml_syntax_error(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('id = "broken"\nname = [unclosed\n')
    result = _run("validate", str(path))
    assert result.returncode == 1
    assert result.stdout.startswith("broken.toml: (file): TOML syntax error")


def test_validate_reports_duplicate_ids(tmp_path, kip_profile):
    first = _write(tmp_path, "kokkola-kip.toml", kip_profile)
    other = tmp_path / "copy"
    other.mkdir()
    second = _write(other, "kokkola-kip.toml", kip_profile)
    result = _run("validate", str(first), str(second))
    assert result.returncode == 1
    assert "duplicate id 'kokkola-kip'" in result.stdout


def test_validate_bad_price_table(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text(
        "quantity,level,key,variant,period,value,unit,status,source_url,as_of,notes\n"
        "spot_price,zone,FI,,2024,0.04562,EUR/MWh,published,https://ember-energy.org,2025,\n"
        "water_price,municipality,Kokkola,,2024,-1,EUR/m3,published,https://x.fi,2024,\n"
        "spot_price,zone,FI,,2023,56.6,EUR/kWh,published,https://ember-energy.org,2024,\n"
        "teleport_price,zone,FI,,2023,5,EUR/MWh,published,https://x.fi,2024,\n")
    result = _run("validate", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "prices.csv: row 2.value: 0.04562 is implausible; looks like EUR/kWh" in lines[0]
    assert any("row 3.value: -1 is implausible" in line for line in lines)
    assert any("row 4.unit: wrong unit" in line for line in lines)
    assert any("row 5.quantity: unknown quantity" in line for line in lines)


def test_list_json_has_every_fact_with_source_or_unknown():
    result = _run("list", "--format", "json")
    assert result.returncode == 0, result.stderr
    parks = json.loads(result.stdout)
    required = {"id", "name", "country", "lat", "lon", "bidding_zone", "facts"}
    assert parks and required <= set(parks[0])
    v2_keys = {"value", "low", "high", "qualifier", "unit", "status", "as_of", "undated",
               "checked", "source", "note", "display"}
    for park in parks:
        for name, fact in park["facts"].items():
            assert set(fact) == v2_keys, (park["id"], name)
            assert fact["checked"], (park["id"], name)
            if fact["status"] in ("unknown", "not_applicable"):
                assert fact["value"] is None and fact["as_of"] is None, (park["id"], name)
                assert fact["note"], (park["id"], name)
            else:
                assert fact["source"].startswith("http"), (park["id"], name)
                assert fact["as_of"] or fact["undated"], (park["id"], name)
                assert not (fact["as_of"] and fact["undated"]), (park["id"], name)


def test_list_csv_and_geojson():
    csv_out = _run("list", "--format", "csv")
    assert csv_out.returncode == 0
    assert csv_out.stdout.splitlines()[0].startswith("id,name,")
    geo = json.loads(_run("list", "--format", "geojson").stdout)
    assert geo["type"] == "FeatureCollection"
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert -30 < lon < 40 and 30 < lat < 72


def test_prices_csv_prints_the_shipped_table():
    result = _run("prices", "--format", "csv")
    assert result.returncode == 0, result.stderr
    shipped = (ROOT / "sites" / "data" / "prices.csv").read_text(encoding="utf-8")
    assert result.stdout == shipped


def test_prices_json_is_a_list_of_rows_with_the_csv_columns():
    from sites.prices import COLUMNS

    result = _run("prices", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    with (ROOT / "sites" / "data" / "prices.csv").open(encoding="utf-8") as handle:
        shipped = list(csv.DictReader(handle))
    assert [r["notes"] for r in rows] == [r["notes"] for r in shipped]
    assert all(tuple(r) == COLUMNS for r in rows)
    fi_2024 = [r for r in rows if (r["quantity"], r["key"], r["period"], r["variant"])
               == ("spot_price", "FI", "2024", "")]
    assert len(fi_2024) == 1 and isinstance(fi_2024[0]["value"], float)


def test_prices_bad_format_is_an_argparse_error():
    result = _run("prices", "--format", "xml")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
