"""Baseline: the first store's ``versions`` table, append-only.

This is the schema the store wrote before Alembic (``PRAGMA user_version = 1``); such SQLite
files are stamped at this revision instead of running it. On PostgreSQL the same shape, with
``json`` validating the profile text and a PL/pgSQL trigger refusing changes.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

SQLITE = [
    """CREATE TABLE versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    park_id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    action TEXT NOT NULL CHECK (action IN ('accept', 'revert')),
    profile TEXT CHECK (profile IS NULL OR json_valid(profile)),
    reverts INTEGER,
    submitter TEXT NOT NULL,
    comment TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (park_id, version)
)""",
    """CREATE TRIGGER versions_no_update BEFORE UPDATE ON versions
BEGIN SELECT RAISE(ABORT, 'versions are append-only'); END""",
    """CREATE TRIGGER versions_no_delete BEFORE DELETE ON versions
BEGIN SELECT RAISE(ABORT, 'versions are append-only'); END""",
]

POSTGRESQL = [
    """CREATE TABLE versions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    park_id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    action TEXT NOT NULL CHECK (action IN ('accept', 'revert')),
    profile TEXT CHECK (profile IS NULL OR profile::json IS NOT NULL),
    reverts INTEGER,
    submitter TEXT NOT NULL,
    comment TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (park_id, version)
)""",
    """CREATE FUNCTION parkbench_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% are append-only', TG_TABLE_NAME;
END $$""",
    """CREATE TRIGGER versions_append_only BEFORE UPDATE OR DELETE ON versions
FOR EACH ROW EXECUTE FUNCTION parkbench_append_only()""",
    """CREATE TRIGGER versions_no_truncate BEFORE TRUNCATE ON versions
FOR EACH STATEMENT EXECUTE FUNCTION parkbench_append_only()""",
]


def upgrade() -> None:
    name = op.get_bind().dialect.name
    for statement in SQLITE if name == "sqlite" else POSTGRESQL:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE versions")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION parkbench_append_only()")
