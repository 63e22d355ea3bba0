"""``python -m geodata``: distances and nearest features as JSON/CSV; bad input exits 2."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pyproj
import pytest

from geodata import cli
from geodata.layers import load_layer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fake_parks(monkeypatch: pytest.MonkeyPatch, parks: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Run the CLI on the small fixture instead of the catalog."""
    real = cli.load_layer

    def load(name: str) -> gpd.GeoDataFrame:
        return parks if name == "parks" else real(name)

    monkeypatch.setattr(cli, "load_layer", load)
    return parks


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = cli.main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_distance_json_matches_karney(fake_parks: gpd.GeoDataFrame,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["distance", "--to", "60.1699,24.9384"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["hostile", "porvoo", "pori", "kokkola"]  # nearest first
    geod = pyproj.Geod(ellps="WGS84")
    for row in rows:
        point = fake_parks.loc[fake_parks["id"] == row["id"]].geometry.iloc[0]
        expected = geod.inv(point.x, point.y, 24.9384, 60.1699)[2] / 1000
        assert row["distance_km"] == pytest.approx(expected, rel=1e-3, abs=1e-3)


def test_nearest_csv_with_condition(fake_parks: gpd.GeoDataFrame,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["nearest", "--layer", "ports", "--where", "max_draught_m>=14",
                        "--format", "csv"], capsys)
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0] == "id,name,country,nearest,distance_km"
    assert len(lines) == 1 + len(fake_parks)
    assert lines[1].startswith("kokkola,Kokkola KIP,FI,\"Port of Kokkola")
    ports = load_layer("ports")
    draught = dict(zip(ports["name"], ports["max_draught_m"], strict=True))
    found = {r["id"]: r["nearest"] for r in csv.DictReader(io.StringIO(out))}
    assert all(draught[port] >= 14 for port in found.values()), found
    _, anywhere, _ = run(["nearest", "--layer", "ports", "--format", "csv"], capsys)
    unconditioned = {r["id"]: r["nearest"] for r in csv.DictReader(io.StringIO(anywhere))}
    assert found != unconditioned  # the condition skips a shallower nearer port


@pytest.mark.parametrize("argv", [
    ["distance", "--to", "91,0"],
    ["distance", "--to", "abc"],
    ["distance", "--to", "60;24"],
    ["distance"],
    ["nearest", "--layer", "volcanoes"],
    ["nearest", "--layer", "ports", "--where", "max_draught_m>>12"],
    ["nearest", "--layer", "ports", "--where", "depth>=12"],
    ["distance", "--to", "60,24", "--format", "xml"],
    [],
])
def test_bad_input_one_line_exit_2(argv: list[str], fake_parks: gpd.GeoDataFrame,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ")


def test_render_json_nan_is_null() -> None:
    import pandas as pd

    text = cli.render(pd.DataFrame({"id": ["a"], "distance_km": [float("nan")]}), "json")
    assert json.loads(text) == [{"id": "a", "distance_km": None}]


def test_module_entry_point_runs_on_the_catalog() -> None:
    """End to end through ``python -m geodata`` with the shipped catalog."""
    done = subprocess.run([sys.executable, "-m", "geodata", "distance", "--to", "63.84,23.03",
                           "--format", "csv"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    first = next(iter(io.StringIO(done.stdout).readlines()[1:2]))
    assert first.startswith("kokkola-kip,")
