"""The versioned store on SQLite and PostgreSQL: accept, history, revert, export, append-only,
overlay. Every test taking ``store`` runs on both backends (see conftest.py)."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tomllib
from pathlib import Path

import pytest
import sqlalchemy as sa

from sites.catalog import Catalog, load_catalog
from sites.model import Park
from sites.profile import parse_profile
from sites.submissions import StoreError, SubmissionStore, database, default_db_path, default_store
from sites.submissions.store import SCHEMA_VERSION, Action, State, effective_stack
from tests.sites.submissions.conftest import variant
from tests.support.clock import DATA_TODAY

TODAY = DATA_TODAY
V1_FILE = Path(__file__).with_name("data") / "v1_submissions.sqlite"


def test_empty_store_reads_without_creating_anything(store: SubmissionStore) -> None:
    assert store.history("x") == () and store.accepted_parks() == ()
    assert store.data_version() == 0 and store.queue() == () and store.park_ids() == ()
    assert store.integrity() == "ok"
    if store.path is not None:
        assert not store.path.exists()
    else:
        with sa.create_engine(store.url or "").connect() as conn:
            assert sa.inspect(conn).get_table_names() == []


def test_accept_then_overlay_the_catalog(store: SubmissionStore, kip: Park) -> None:
    new = variant(kip, free_land_ha=55)
    version = store.accept(new, submitter="KIP Service", comment="free land 2026")
    assert (version.version, version.action) == (1, Action.ACCEPT)
    assert store.accepted_parks(today=TODAY) == (new,)
    catalog = load_catalog(overrides=store.accepted_parks(today=TODAY))
    assert catalog.by_id("kokkola-kip").number("free_land_ha") == 55
    assert "kokkola-kip" in catalog.overridden
    assert store.data_version() == 1


def test_revert_walks_back_then_removes_the_override(store: SubmissionStore, kip: Park) -> None:
    first, second = variant(kip, free_land_ha=55), variant(kip, free_land_ha=40)
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
    one, two, three = (variant(kip, free_land_ha=v) for v in (50, 40, 30))
    store.accept(one, submitter="a")
    store.accept(two, submitter="a")
    store.revert("kokkola-kip", submitter="a")
    store.accept(three, submitter="a")
    store.revert("kokkola-kip", submitter="a")
    assert store.accepted_parks(today=TODAY) == (one,)


def test_export_is_the_toml_profile_format(store: SubmissionStore, kip: Park) -> None:
    new = variant(kip, steam_price_eur_mwh=42)
    store.accept(new, submitter="a")
    data = tomllib.loads(store.export_toml("kokkola-kip").decode())
    assert parse_profile(data, origin="kokkola-kip.toml", today=TODAY).park == new
    store.revert("kokkola-kip", submitter="a")
    with pytest.raises(StoreError, match="removes the override"):
        store.export_toml("kokkola-kip")
    assert b"steam_price_eur_mwh" in store.export_toml("kokkola-kip", version=1)
    with pytest.raises(StoreError, match="no version 9"):
        store.export_toml("kokkola-kip", version=9)


@pytest.mark.parametrize("statement", [
    "UPDATE versions SET submitter = 'x'", "DELETE FROM versions",
    "UPDATE reviews SET reviewer = 'x'", "DELETE FROM reviews",
])
def test_history_is_append_only(store: SubmissionStore, kip: Park, statement: str) -> None:
    store.accept(kip, submitter="a")
    with store._engine.connect() as conn, pytest.raises(sa.exc.DatabaseError,
                                                       match="append-only"):
        conn.execute(sa.text(statement))
    assert store.history("kokkola-kip")[0].submitter == "a"


def test_truncate_is_refused_on_postgresql(postgres_url: str, kip: Park) -> None:
    store = SubmissionStore.from_url(postgres_url)
    store.accept(kip, submitter="a")
    for table in ("reviews", "versions"):
        with store._engine.connect() as conn, pytest.raises(sa.exc.DatabaseError,
                                                           match="append-only"):
            conn.execute(sa.text(f"TRUNCATE {table} CASCADE"))
    assert len(store.history("kokkola-kip")) == 1


def test_profiles_are_json_text_and_sqlite_uses_wal(store: SubmissionStore, kip: Park) -> None:
    store.accept(kip, submitter="a")
    with store._engine.connect() as conn:
        profile = conn.execute(sa.text("SELECT profile FROM versions")).scalar_one()
        if store.backend == "sqlite":
            assert conn.execute(sa.text("PRAGMA journal_mode")).scalar_one() == "wal"
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
    store.accept(variant(kip, employees=2500), submitter="a")
    overlaid = load_catalog(overrides=store.accepted_parks(today=TODAY))
    assert overlaid.version != catalog.version


def test_concurrent_writers_get_distinct_versions(store: SubmissionStore, kip: Park) -> None:
    from concurrent.futures import ThreadPoolExecutor

    parks = [variant(kip, employees=1000 + i) for i in range(12)]
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
    with pytest.raises(StoreError, match="cannot be read") as caught:
        store.history("kokkola-kip")
    assert "[SQL:" not in str(caught.value) and "\n" not in str(caught.value)


def test_write_failures_are_store_errors(tmp_path: Path, kip: Park) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot be opened"):
        SubmissionStore(blocker / "sub" / "db.sqlite").accept(kip, submitter="a")
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database" * 200)
    with pytest.raises(StoreError, match=r"cannot be (opened|written)"):
        SubmissionStore(garbage).accept(kip, submitter="a")


def test_default_store_picks_postgresql_from_the_environment(tmp_path: Path) -> None:
    env = {"PARKBENCH_DB": str(tmp_path / "x.db"),
           "PARKBENCH_DATABASE_URL": "postgresql://u:secret@db.example/pb"}
    store = default_store(env)
    assert (store.backend, store.path) == ("postgresql", None)
    assert store.url == "postgresql+psycopg://u:secret@db.example/pb"
    assert "secret" not in store.location and "db.example/pb" in store.location
    assert default_store({"PARKBENCH_DB": str(tmp_path / "x.db")}).path == tmp_path / "x.db"
    assert default_store({"PARKBENCH_DATABASE_URL": "postgres://h/pb"}).url == \
        "postgresql+psycopg://h/pb"
    with pytest.raises(StoreError, match="unsupported scheme 'mysql'"):
        default_store({"PARKBENCH_DATABASE_URL": "mysql://h/pb"})
    assert SubmissionStore.from_url(f"sqlite:///{tmp_path}/y.db").path == tmp_path / "y.db"


def test_an_unreachable_server_never_breaks_the_catalog(tmp_path: Path, kip: Park) -> None:
    store = SubmissionStore.from_url(f"postgresql://nobody@/pb?host={tmp_path}&port=1",
                                     timeout_s=2)
    assert store.data_version() == -1 and store.accepted_parks() == ()
    assert "cannot be read" in store.accepted()[1][0].problem
    with pytest.raises(StoreError, match="cannot be opened"):
        store.accept(kip, submitter="a")


def test_migrations_head_matches_the_code() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(database.MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    assert script.get_current_head() == database.HEAD == SCHEMA_VERSION
    assert [r.revision for r in script.walk_revisions()][-1] == database.BASELINE


def test_a_first_store_sqlite_file_is_migrated_on_open(tmp_path: Path, kip: Park) -> None:
    """``data/v1_submissions.sqlite`` was written by the first store (before Alembic): two
    accepts by "KIP 0" and "KIP 1", then a revert of v2 by "maintainer"."""
    path = tmp_path / "v1.sqlite"
    shutil.copy(V1_FILE, path)
    store = SubmissionStore(path)
    history = store.history("kokkola-kip")  # reading migrates
    assert [(v.version, v.action, v.state, v.submitter, v.published_by) for v in history] == [
        (1, Action.ACCEPT, State.PUBLISHED, "KIP 0", "KIP 0"),
        (2, Action.ACCEPT, State.PUBLISHED, "KIP 1", "KIP 1"),
        (3, Action.REVERT, State.PUBLISHED, "maintainer", "maintainer")]
    assert history[0].published_at == "2026-11-20T12:00:00+00:00" and history[2].reverts == 2
    assert store.current_profiles()["kokkola-kip"]["facts"]["free_land_ha"]["value"] == 55
    assert store.data_version() == 3 and store.integrity() == "ok"
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0002"
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM versions")
    store.accept(variant(kip, free_land_ha=30), submitter="new")
    assert [v.base for v in store.history("kokkola-kip")] == [None, None, None, 3]
    assert store.revert("kokkola-kip", submitter="c").profile["facts"]["free_land_ha"][
        "value"] == 55


def test_a_newer_schema_is_refused(store: SubmissionStore, kip: Park) -> None:
    store.accept(kip, submitter="a")
    with store._engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="schema this program does not know"):
        store.accept(kip, submitter="a")
    assert store.data_version() == -1  # the catalog falls back to the shipped parks


def test_text_that_cannot_be_encoded_is_refused(store: SubmissionStore, kip: Park) -> None:
    with pytest.raises(StoreError, match="cannot be stored"):
        store.accept(kip, submitter="a\ud800b")
    assert store.history("kokkola-kip") == ()


def test_the_database_refuses_a_profile_that_is_not_json(store: SubmissionStore,
                                                         kip: Park) -> None:
    store.accept(kip, submitter="a")
    with store._engine.connect() as conn, pytest.raises(sa.exc.DBAPIError):
        conn.execute(sa.text("INSERT INTO versions (park_id, version, action, profile, "
                             "submitter, comment, created_at) VALUES "
                             "('x', 1, 'accept', '{not json', 'a', '', 'now')"))
    assert store.park_ids(include_unpublished=True) == ("kokkola-kip",)


def test_location_says_whether_a_store_may_hold_anything(tmp_path: Path) -> None:
    """The catalog skips the store (and SQLAlchemy) while none is configured or created."""
    from sites.submissions import location

    db_file = tmp_path / "x.db"
    assert not location.configured({"PARKBENCH_DB": str(db_file)})
    assert location.configured({"PARKBENCH_DB": str(db_file),
                                "PARKBENCH_DATABASE_URL": "sqlite:///elsewhere.db"})
    assert location.URL_VAR == database.URL_VAR
    db_file.touch()
    assert location.configured({"PARKBENCH_DB": str(db_file)})
