"""Review workflow: a version's diff base, and one append-only review per version.

``versions.base`` is the version in force when a version was proposed (``NULL``: the shipped
profile). ``reviews`` records each decision: ``published`` or ``rejected``, by whom, when and
why; a version without a review is *proposed*. ``UNIQUE (version_id)`` makes a second decision
on one version fail even without the store's write lock.

Every version stored before this revision was accepted and in force at once, so each gets a
``published`` review by its submitter at its creation time (in id order: the order of
publication, which ``data_version`` follows).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

REVIEWS_COLUMNS = """
    version_id {version_id} NOT NULL UNIQUE REFERENCES versions (id),
    state TEXT NOT NULL CHECK (state IN ('published', 'rejected')),
    reviewer TEXT NOT NULL,
    reason TEXT NOT NULL,
    reviewed_at TEXT NOT NULL"""

SQLITE = [
    "ALTER TABLE versions ADD COLUMN base INTEGER CHECK (base IS NULL OR base >= 1)",
    "CREATE TABLE reviews (\n    id INTEGER PRIMARY KEY AUTOINCREMENT,"
    + REVIEWS_COLUMNS.format(version_id="INTEGER") + "\n)",
    """CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END""",
    """CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END""",
]

POSTGRESQL = [
    "ALTER TABLE versions ADD COLUMN base INTEGER CHECK (base IS NULL OR base >= 1)",
    "CREATE TABLE reviews (\n    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    + REVIEWS_COLUMNS.format(version_id="BIGINT") + "\n)",
    """CREATE TRIGGER reviews_append_only BEFORE UPDATE OR DELETE ON reviews
FOR EACH ROW EXECUTE FUNCTION parkbench_append_only()""",
    """CREATE TRIGGER reviews_no_truncate BEFORE TRUNCATE ON reviews
FOR EACH STATEMENT EXECUTE FUNCTION parkbench_append_only()""",
]

BACKFILL = """INSERT INTO reviews (version_id, state, reviewer, reason, reviewed_at)
SELECT id, 'published', submitter, '', created_at FROM versions ORDER BY id"""


def upgrade() -> None:
    name = op.get_bind().dialect.name
    for statement in SQLITE if name == "sqlite" else POSTGRESQL:
        op.execute(statement)
    op.execute(BACKFILL)


def downgrade() -> None:
    op.execute("DROP TABLE reviews")
    op.execute("ALTER TABLE versions DROP COLUMN base")
