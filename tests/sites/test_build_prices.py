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
    assert inputs == ["direct_rows.csv", "ember_monthly.csv", "prices_new.csv",
                      "research_prices.csv"]
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
