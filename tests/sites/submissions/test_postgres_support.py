"""The throw-away PostgreSQL helper: binaries found or reported missing; clusters cleaned up."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.support import postgres


def test_missing_server_binaries_are_reported(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    monkeypatch.setattr(postgres.glob, "glob", lambda pattern: [])
    monkeypatch.setattr(postgres.shutil, "which", lambda name: None)
    monkeypatch.setenv("PARKBENCH_PG_BINDIR", str(tmp_path))
    assert postgres.bindir() is None
    with pytest.raises(FileNotFoundError, match="apt-get install postgresql"), \
            postgres.start_postgres(tmp_path):
        pass


def test_fresh_databases_are_separate_and_dropped(postgres_server: str) -> None:
    with postgres.fresh_database(postgres_server) as one, \
            postgres.fresh_database(postgres_server) as two:
        assert one != two
        engine = sa.create_engine(one, poolclass=sa.pool.NullPool)
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE t (x int)"))
        engine.dispose()
        engine = sa.create_engine(two, poolclass=sa.pool.NullPool)
        with engine.connect() as conn:
            assert sa.inspect(conn).get_table_names() == []
        engine.dispose()
    admin = sa.create_engine(postgres_server, poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        names = {r[0] for r in conn.execute(sa.text("SELECT datname FROM pg_database"))}
    admin.dispose()
    assert one.split("/")[3].split("?")[0] not in names
