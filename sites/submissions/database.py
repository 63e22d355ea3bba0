"""Engines, tables and schema migrations of the submission store (SQLite or PostgreSQL).

Two tables, both append-only (database triggers refuse ``UPDATE`` and ``DELETE``):

``versions``
    one row per submitted profile or revert of a park, numbered per park; ``base`` is the version
    in force when it was proposed (its diff base).
``reviews``
    at most one decision per version (``UNIQUE (version_id)``): ``published`` or ``rejected``, by
    whom, when and why. A version without a review is *proposed* (awaiting review).

The schema is versioned with Alembic (``migrations/``); :func:`upgrade` runs the migrations inside
the caller's write transaction, so two processes opening a new database cannot both create it. A
SQLite file written by the first store (no ``alembic_version`` table, ``PRAGMA user_version = 1``)
is stamped at the baseline revision and then upgraded.

Writers are serialised: SQLite by ``BEGIN IMMEDIATE``, PostgreSQL by a transaction-scoped
advisory lock taken first in every write transaction. Readers never wait for writers.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

from sites.submissions import location

URL_VAR: Final = location.URL_VAR
MIGRATIONS: Final = Path(__file__).with_name("migrations")
BASELINE: Final = "0001"
"""The revision of the first store's SQLite schema (files written before Alembic)."""
HEAD: Final = "0002"
LEGACY: Final = "legacy"
WRITE: Final = "parkbench_write"
"""Execution option marking a SQLite connection whose transaction must ``BEGIN IMMEDIATE``."""
LOCK_KEY: Final = 0x7061726B
"""``pg_advisory_xact_lock`` key serialising the store's writers on PostgreSQL."""

METADATA: Final = sa.MetaData()
VERSIONS: Final = sa.Table(
    "versions", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("park_id", sa.Text, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("profile", sa.Text),
    sa.Column("reverts", sa.Integer),
    sa.Column("submitter", sa.Text, nullable=False),
    sa.Column("comment", sa.Text, nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("base", sa.Integer),
)
REVIEWS: Final = sa.Table(
    "reviews", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version_id", sa.Integer, nullable=False, unique=True),
    sa.Column("state", sa.Text, nullable=False),
    sa.Column("reviewer", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("reviewed_at", sa.Text, nullable=False),
)


def database_url(environ: Mapping[str, str] | None = None) -> str | None:
    """``$PARKBENCH_DATABASE_URL`` normalised by :func:`normalise_url`, or ``None`` when unset."""
    value = (os.environ if environ is None else environ).get(URL_VAR, "").strip()
    return normalise_url(value) if value else None


def normalise_url(url: str) -> str:
    """Point ``postgresql://`` and ``postgres://`` URLs at the psycopg 3 driver.

    Raises
    ------
    ValueError
        For a URL that is not PostgreSQL (with psycopg 3) or SQLite.
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ValueError(f"{URL_VAR} is not a database URL (expected postgresql://...)")
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return f"postgresql+psycopg://{rest}"
    if scheme in ("sqlite", "sqlite+pysqlite"):
        return url
    raise ValueError(f"{URL_VAR}: unsupported scheme {scheme!r} "
                     "(use postgresql://, postgresql+psycopg:// or sqlite:///)")


def sqlite_engine(path: Path, *, timeout_s: float) -> Engine:
    """A SQLite engine in WAL mode with ``synchronous=FULL``; nothing is opened until used."""
    engine = sa.create_engine(f"sqlite:///{path}", poolclass=NullPool,
                              connect_args={"timeout": timeout_s})

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # transactions are begun explicitly below
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(timeout_s * 1000)}")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    def on_begin(conn: Connection) -> None:
        mode = "IMMEDIATE" if conn.get_execution_options().get(WRITE) else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    sa.event.listen(engine, "connect", on_connect)
    sa.event.listen(engine, "begin", on_begin)
    return engine


def postgresql_engine(url: str, *, timeout_s: float) -> Engine:
    """A PostgreSQL engine (psycopg 3) opening one connection per operation (no pool to leak
    across app sessions or forked processes)."""
    return sa.create_engine(normalise_url(url), poolclass=NullPool,
                            connect_args={"connect_timeout": max(1, int(timeout_s))})


def lock_for_writing(conn: Connection, *, timeout_s: float) -> None:
    """First statement of a write transaction: serialise writers (a no-op lock on SQLite,
    which ``BEGIN IMMEDIATE`` already holds)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text(f"SET LOCAL lock_timeout = '{int(timeout_s * 1000)}ms'"))
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})


def revision(conn: Connection) -> str | None:
    """The schema revision: ``None`` for an empty database, :data:`LEGACY` for a first-store
    SQLite file, else the Alembic revision id."""
    tables = set(sa.inspect(conn).get_table_names())
    if "alembic_version" in tables:
        found = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        return str(found) if found is not None else None
    return LEGACY if "versions" in tables else None


def upgrade(conn: Connection) -> None:
    """Migrate to :data:`HEAD` inside the caller's (locked) write transaction.

    Alembic is imported here, not at start-up: a reader of the store never needs it.

    Raises
    ------
    SchemaError
        When the database carries a revision this program does not know (a newer schema).
    """
    from alembic import command
    from alembic.config import Config
    from alembic.util import CommandError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    try:
        if revision(conn) == LEGACY:
            command.stamp(config, BASELINE)
        command.upgrade(config, "head")
    except CommandError as exc:
        raise SchemaError(str(exc)) from exc


class SchemaError(RuntimeError):
    """The database's schema revision is unknown to this program (Alembic refused it)."""
