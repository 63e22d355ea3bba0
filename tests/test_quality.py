"""The codebase stays lint-clean (ruff) and the typed core stays mypy-clean."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, text=True,
                          capture_output=True, timeout=600)


def test_ruff_is_clean():
    result = _run("ruff", "check", ".", "--output-format", "concise")
    assert result.returncode == 0, result.stdout[-3000:]


def test_core_is_mypy_clean():
    result = _run("mypy")  # files = sites, metrics, geodata (pyproject.toml)
    assert result.returncode == 0, result.stdout[-3000:]
