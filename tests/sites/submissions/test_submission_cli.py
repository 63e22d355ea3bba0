"""``python -m sites import|history|revert|export`` end to end (in process, temp database)."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest

from sites.__main__ import main
from sites.submissions.templates import excel_bytes, toml_bytes


def _write(tmp_path: Path, data: dict[str, Any], name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(excel_bytes(data) if name.endswith(".xlsx") else toml_bytes(data))
    return path


def test_import_accept_history_revert_export(tmp_path: Path, kip_data: dict[str, Any],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "db.sqlite")
    data = copy.deepcopy(kip_data)
    data["facts"]["steam_price_eur_mwh"] = {"value": 0.038, "unit": "EUR/kWh",
                                            "status": "published", "as_of": "2026",
                                            "source": "https://kip.fi/prices"}
    path = _write(tmp_path, data, "kip.xlsx")
    assert main(["import", str(path), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "converted steam_price_eur_mwh: 0.038 EUR/kWh x 1000 = 38 EUR/MWh" in out
    assert "added     facts.steam_price_eur_mwh: unknown -> 38 EUR/MWh" in out
    assert main(["history", "kokkola-kip", "--db", db]) == 1  # checked only: nothing stored
    assert main(["import", str(path), "--db", db, "--accept", "--submitter", "KIP",
                 "--comment", "tariff 2026"]) == 0
    assert "as version 1" in capsys.readouterr().out
    assert main(["export", "kokkola-kip", "--db", db, "-o", str(tmp_path / "out.toml")]) == 0
    exported = tomllib.loads((tmp_path / "out.toml").read_text(encoding="utf-8"))
    assert exported["facts"]["steam_price_eur_mwh"]["value"] == 38
    assert main(["revert", "kokkola-kip", "--db", db, "--submitter", "maintainer"]) == 0
    assert "the shipped profile applies" in capsys.readouterr().out
    assert main(["history", "kokkola-kip", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "revert (undid v1)" in lines[1]


def test_import_with_problems_applies_nothing(tmp_path: Path, kip_data: dict[str, Any],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db.sqlite"
    data = copy.deepcopy(kip_data)
    data["location"] |= {"lat": 23.0298, "lon": 63.8435}
    path = _write(tmp_path, data, "kip.toml")
    assert main(["import", str(path), "--db", str(db), "--accept", "--submitter", "x"]) == 1
    captured = capsys.readouterr()
    assert "look swapped" in captured.out and "nothing applied" in captured.err
    assert not db.exists()


def test_accept_needs_a_submitter(tmp_path: Path, kip_data: dict[str, Any]) -> None:
    path = _write(tmp_path, kip_data, "kip.toml")
    with pytest.raises(SystemExit):
        main(["import", str(path), "--accept", "--db", str(tmp_path / "db")])


def test_hostile_corpus_file_via_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    assert main(["import", str(corpus / "zip_bomb.xlsx"), "--db", str(tmp_path / "d")]) == 1
    assert "zip bomb" in capsys.readouterr().out
