"""The versioned SQLite store: accept, history, revert, export, append-only, overlay."""

from __future__ import annotations

import copy
import datetime as dt
import sqlite3
import tomllib
from pathlib import Path
from typing import Any

import pytest

from sites.catalog import Catalog, load_catalog
from sites.model import Park
from sites.profile import parse_profile
from sites.submissions import StoreError, SubmissionStore, default_db_path
from sites.submissions.store import Action, effective_stack
from sites.submissions.templates import profile_mapping

TODAY = dt.date(2026, 12, 1)


def _variant(park: Park, **values: float) -> Park:
    data: dict[str, Any] = copy.deepcopy(profile_mapping(park))
    for name, value in values.items():
        data["facts"][name] = {"value": value, "unit": data["facts"][name]["unit"],
                               "status": "published", "as_of": "2026",
                               "source": "https://kip.fi/en/frontpage.html"}
    result = parse_profile(data, origin="test", today=TODAY)
    assert result.park is not None, result.problems
    return result.park


@pytest.fixture
def store(tmp_path: Path) -> SubmissionStore:
    return SubmissionStore(tmp_path / "var" / "db.sqlite")


def test_empty_store_reads_without_creating_a_file(store: SubmissionStore) -> None:
    assert store.history("x") == () and store.accepted_parks() == ()
    assert store.data_version() == 0
    assert not store.path.exists()


def test_accept_then_overlay_the_catalog(store: SubmissionStore, kip: Park) -> None:
    new = _variant(kip, free_land_ha=55)
    version = store.accept(new, submitter="KIP Service", comment="free land 2026")
    assert (version.version, version.action) == (1, Action.ACCEPT)
    assert store.accepted_parks(today=TODAY) == (new,)
    catalog = load_catalog(overrides=store.accepted_parks(today=TODAY))
    assert catalog.by_id("kokkola-kip").number("free_land_ha") == 55
    assert "kokkola-kip" in catalog.overridden
    assert store.data_version() == 1


def test_revert_walks_back_then_removes_the_override(store: SubmissionStore, kip: Park) -> None:
    first, second = _variant(kip, free_land_ha=55), _variant(kip, free_land_ha=40)
    store.accept(first, submitter="a")
    store.accept(second, submitter="b")
    undo = store.revert("kokkola-kip", submitter="c", comment="typo")
    assert (undo.version, undo.reverts) == (3, 2)
    assert store.accepted_parks(today=TODAY) == (first,)
    undo = store.revert("kokkola-kip", submitter="c")
    assert (undo.version, undo.reverts, undo.profile) == (4, 1, None)
    assert store.accepted_parks(today=TODAY) == ()
    with pytest.raises(StoreError, match="nothing to revert"):
        store.revert("kokkola-kip", submitter="c")
    history = store.history("kokkola-kip")
    assert [v.version for v in history] == [1, 2, 3, 4]
    assert [v.submitter for v in history] == ["a", "b", "c", "c"]
    assert effective_stack(history) == []


def test_revert_after_new_accept_restores_the_state_before_it(store: SubmissionStore,
                                                              kip: Park) -> None:
    one, two, three = (_variant(kip, free_land_ha=v) for v in (50, 40, 30))
    store.accept(one, submitter="a")
    store.accept(two, submitter="a")
    store.revert("kokkola-kip", submitter="a")
    store.accept(three, submitter="a")
    store.revert("kokkola-kip", submitter="a")
    assert store.accepted_parks(today=TODAY) == (one,)


def test_export_is_the_toml_profile_format(store: SubmissionStore, kip: Park) -> None:
    new = _variant(kip, steam_price_eur_mwh=42)
    store.accept(new, submitter="a")
    data = tomllib.loads(store.export_toml("kokkola-kip").decode())
    assert parse_profile(data, origin="kokkola-kip.toml", today=TODAY).park == new
    store.revert("kokkola-kip", submitter="a")
    with pytest.raises(StoreError, match="removes the override"):
        store.export_toml("kokkola-kip")
    assert b"steam_price_eur_mwh" in store.export_toml("kokkola-kip", version=1)
    with pytest.raises(StoreError, match="no version 9"):
        store.export_toml("kokkola-kip", version=9)


def test_history_is_append_only_and_json(store: SubmissionStore, kip: Park) -> None:
    store.accept(kip, submitter="a")
    with sqlite3.connect(store.path) as conn:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE versions SET submitter = 'x'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM versions")
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        profile = conn.execute("SELECT profile FROM versions").fetchone()[0]
    assert profile.startswith("{") and '"kokkola-kip"' in profile


@pytest.mark.parametrize("submitter,comment,message", [
    ("", "", "submitter is required"),
    ("a\nb", "", "control characters"),
    ("x" * 201, "", "too long"),
    ("ok", "bell\x07", "control characters"),
])
def test_submitter_and_comment_are_checked(store: SubmissionStore, kip: Park, submitter: str,
                                           comment: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        store.accept(kip, submitter=submitter, comment=comment)
    assert store.history("kokkola-kip") == ()


def test_markup_in_submitter_is_stored_verbatim(store: SubmissionStore, kip: Park) -> None:
    store.accept(kip, submitter="<script>alert(1)</script>", comment="line one\nline two")
    (version,) = store.history("kokkola-kip")
    assert version.submitter == "<script>alert(1)</script>"
    assert version.comment == "line one\nline two"


def test_a_stored_profile_that_no_longer_passes_is_reported(store: SubmissionStore,
                                                            kip: Park) -> None:
    store.accept(kip, submitter="a")
    parks, problems = store.accepted(today=dt.date(2000, 1, 1))  # every date now "future"
    assert parks == () and problems and problems[0].file == "submission kokkola-kip"


def test_default_path_from_environment(tmp_path: Path) -> None:
    assert default_db_path({"PARKBENCH_DB": str(tmp_path / "x.db")}) == tmp_path / "x.db"
    assert default_db_path({}).parts[-2:] == ("var", "submissions.sqlite")


def test_catalog_version_changes_with_accepted_data(store: SubmissionStore, kip: Park,
                                                    catalog: Catalog) -> None:
    store.accept(_variant(kip, employees=2500), submitter="a")
    overlaid = load_catalog(overrides=store.accepted_parks(today=TODAY))
    assert overlaid.version != catalog.version


def test_concurrent_writers_get_distinct_versions(store: SubmissionStore, kip: Park) -> None:
    from concurrent.futures import ThreadPoolExecutor

    parks = [_variant(kip, employees=1000 + i) for i in range(12)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        versions = list(pool.map(lambda p: store.accept(p, submitter="t").version, parks))
    assert sorted(versions) == list(range(1, 13))
    assert store.integrity() == "ok"


def test_an_unreadable_database_never_breaks_the_catalog(tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    store = SubmissionStore(path)
    assert store.accepted_parks() == ()
    assert store.data_version() == -1
    parks, problems = store.accepted()
    assert parks == () and "cannot be read" in problems[0].problem
    with pytest.raises(StoreError, match="cannot be read"):
        store.history("kokkola-kip")


def test_write_failures_are_store_errors(tmp_path: Path, kip: Park) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot be opened"):
        SubmissionStore(blocker / "sub" / "db.sqlite").accept(kip, submitter="a")
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database" * 200)
    with pytest.raises(StoreError, match=r"cannot be (opened|written)"):
        SubmissionStore(garbage).accept(kip, submitter="a")
