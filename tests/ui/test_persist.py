"""Derived data kept across restarts (ui.persist): keyed by inputs and code, JSON, atomic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ui import persist

SOURCES = ("ui/persist.py",)


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(persist.ENV_VAR, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _keep(key: list[object], compute: object) -> object:
    return persist.persisted("t", key, SOURCES, compute,  # type: ignore[arg-type]
                             encode=lambda v: v, decode=lambda v: v)


def test_second_call_reads_the_entry_and_another_key_computes() -> None:
    calls: list[int] = []

    def compute() -> dict[str, float]:
        calls.append(1)
        return {"a": 1.5}

    assert _keep(["v1"], compute) == {"a": 1.5}
    assert _keep(["v1"], compute) == {"a": 1.5}
    assert len(calls) == 1
    _keep(["v2"], compute)
    assert len(calls) == 2


def test_changed_code_is_another_entry() -> None:
    first = persist.entry_path("t", ["v1"], ("ui/persist.py",))
    other = persist.entry_path("t", ["v1"], ("ui/persist.py", "ui/data.py"))
    assert first != other


def test_malformed_or_rejected_entries_are_recomputed(cache_dir: Path) -> None:
    path = persist.entry_path("t", ["v1"], SOURCES)
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    assert _keep(["v1"], lambda: {"a": 2.0}) == {"a": 2.0}
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": 2.0}

    def strict(stored: object) -> dict[str, float]:
        raise KeyError("another catalog")

    value = persist.persisted("t", ["v1"], SOURCES, lambda: {"a": 3.0},
                              encode=lambda v: v, decode=strict)
    assert value == {"a": 3.0}
    assert not list(cache_dir.glob(".t-*.tmp"))


def test_unwritable_cache_still_computes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(persist.ENV_VAR, str(blocker / "cache"))  # parent is a file
    assert _keep(["v1"], lambda: [1, 2]) == [1, 2]


def test_base_map_round_trips_through_json(cache_dir: Path) -> None:
    from ui import mapview

    built = mapview._render_base_map(True, False, ("ports",), False)
    assert mapview._decode_base(json.loads(json.dumps(mapview._encode_base(built)))) == built
    assert not any("markercluster" in link for link in built.js_links)
    clustered = mapview._render_base_map(True, False, ("ports",), True)
    assert any("markercluster" in link for link in clustered.js_links)


def test_keep_removes_the_oldest_entries_of_that_name_only(cache_dir: Path) -> None:
    import os

    other = _keep(["other"], lambda: 0)
    assert other == 0
    for day in range(6):
        persist.persisted("daily", [day], SOURCES, lambda d=day: d, encode=lambda v: v,
                          decode=lambda v: v, keep=3)
        newest = persist.entry_path("daily", [day], SOURCES)
        os.utime(newest, (1_000_000 + day, 1_000_000 + day))  # distinct ages on any filesystem
    left = sorted(p.name for p in cache_dir.glob("daily-*.json"))
    assert left == sorted(persist.entry_path("daily", [d], SOURCES).name for d in (3, 4, 5))
    assert len(list(cache_dir.glob("t-*.json"))) == 1  # another name is not touched
