"""Every corpus file is refused (with its message) or accepted within the upload budget:
at most ``Limits.max_seconds`` each and ``Limits.max_memory_bytes`` of address space, in a
subprocess with ``RLIMIT_AS``, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from sites.catalog import load_catalog
from sites.submissions import DEFAULT_LIMITS
from sites.submissions.templates import csv_bytes, excel_bytes, profile_mapping, toml_bytes

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
WORKER = Path(__file__).with_name("budget_worker.py")
EXPECTED: dict[str, dict[str, str]] = tomllib.loads(
    (CORPUS / "expected.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    valid = tmp_path_factory.mktemp("valid")
    kip = profile_mapping(load_catalog().by_id("kokkola-kip"))
    for name, content in {"kokkola-kip.xlsx": excel_bytes(kip), "kokkola-kip.csv":
                          csv_bytes(kip), "kokkola-kip.toml": toml_bytes(kip)}.items():
        (valid / name).write_bytes(content)
    files = [str(CORPUS / name) for name in sorted(EXPECTED)] + \
        [str(p) for p in sorted(valid.iterdir())]
    run = subprocess.run(
        [sys.executable, str(WORKER), str(DEFAULT_LIMITS.max_memory_bytes),
         str(DEFAULT_LIMITS.max_seconds), *files],
        capture_output=True, text=True, timeout=30 + 3 * len(files), check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    return {str(r["name"]): r for r in lines}


def test_every_corpus_file_is_refused_with_its_message_within_budget(
        records: dict[str, dict[str, object]]) -> None:
    assert set(EXPECTED) <= set(records)
    for name, expected in EXPECTED.items():
        record = records[name]
        assert "raised" not in record and "overtime" not in record, record
        assert float(record["seconds"]) < DEFAULT_LIMITS.max_seconds, record  # type: ignore[arg-type]
        assert record["ok"] is False, record
        problems = record["problems"]
        assert isinstance(problems, list) and problems, record
        assert any(expected["error"] in p[1] + p[2] for p in problems) or len(problems) == 5, \
            record
        assert all(p[0] for p in problems), record  # every refusal is located


def test_valid_templates_are_accepted_within_budget(
        records: dict[str, dict[str, object]]) -> None:
    for name in ("kokkola-kip.xlsx", "kokkola-kip.csv", "kokkola-kip.toml"):
        assert records[name]["ok"] is True, records[name]
        assert float(records[name]["seconds"]) < DEFAULT_LIMITS.max_seconds  # type: ignore[arg-type]
