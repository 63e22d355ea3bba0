"""The codebase stays lint-clean (ruff), the typed core mypy --strict clean, and layered."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT

CORE = ("sites", "metrics", "geodata", "report", "scenario")
"""Pure packages: no Streamlit, no UI, no pyplot state, no private names across modules."""
DASHBOARD = ("ui", "app_pages")
PAGE_LIMIT = 80


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, text=True,
                          capture_output=True, timeout=600)


def _sources(*folders: str) -> list[Path]:
    return sorted(p for f in folders for p in (ROOT / f).rglob("*.py")
                  if "data" not in p.relative_to(ROOT).parts)


def _imports(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """``(module, imported names)`` of every import statement in a file."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.append((node.module, tuple(a.name for a in node.names)))
        elif isinstance(node, ast.Import):
            out += [(a.name, ()) for a in node.names]
    return out


def test_ruff_is_clean():
    result = _run("ruff", "check", ".", "--output-format", "concise")
    assert result.returncode == 0, result.stdout[-3000:]


def test_core_is_mypy_strict_clean():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["strict"] is True and set(CORE) <= set(config["files"])
    result = _run("mypy")  # files and strict mode from pyproject.toml
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.parametrize("path", _sources(*CORE), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_imports_no_ui_streamlit_or_pyplot(path):
    bad = [m for m, _ in _imports(path)
           if m.split(".")[0] in ("ui", "app_pages", "streamlit") or m == "matplotlib.pyplot"]
    assert not bad, bad


@pytest.mark.parametrize("path", _sources(*CORE), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_name_is_imported_across_modules(path):
    private = [f"{m}.{n}" for m, names in _imports(path) for n in names
               if n.startswith("_") and not n.startswith("__")]
    assert not private, private


@pytest.mark.parametrize("path", [*_sources(*DASHBOARD), ROOT / "app.py"],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_dashboard_imports_no_command_line_module_or_private_name(path):
    bad = [m for m, _ in _imports(path) if m.endswith(("__main__", ".cli"))]
    bad += [f"{m}.{n}" for m, names in _imports(path) for n in names
            if n.startswith("_") and not n.startswith("__")]
    assert not bad, bad


@pytest.mark.parametrize("path", _sources("app_pages"), ids=lambda p: p.name)
def test_pages_are_thin(path):
    """A page wires widgets to the core: at most 80 lines, the rest lives in tested modules."""
    assert len(path.read_text(encoding="utf-8").splitlines()) <= PAGE_LIMIT


def test_a_method_is_named_in_at_most_three_non_test_files():
    """Adding a method = its implementation file, its registry entry (and translations)."""
    from metrics.methods import METHODS

    pending: set[str] = set()
    files = [p for p in ROOT.rglob("*.py") if not {"tests", ".venv"} & set(
        p.relative_to(ROOT).parts) and str(p.relative_to(ROOT)) not in pending]
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    for method in METHODS:
        naming = sorted(str(p.relative_to(ROOT)) for p, text in texts.items()
                        if re.search(re.escape(method), text))
        assert len(naming) <= 3, (method, naming)


def _download_buttons(path: Path) -> list[ast.Call]:
    return [node for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "download_button"]


@pytest.mark.parametrize("path", [p for p in [*_sources(*DASHBOARD), ROOT / "app.py"]
                                  if _download_buttons(p)],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_download_buttons_do_not_rerun_the_app(path):
    """Every download button says ``on_click="ignore"``: a click that reruns the app gives every
    other download button a new file id, and a second click made during that rerun is lost
    (the server logs "Deferred file ... not found"; ``tests/browser/test_interactions.py``)."""
    rerunning = [call.lineno for call in _download_buttons(path)
                 if not any(k.arg == "on_click" and isinstance(k.value, ast.Constant)
                            and k.value.value == "ignore" for k in call.keywords)]
    assert not rerunning, f"download_button without on_click='ignore' at lines {rerunning}"
