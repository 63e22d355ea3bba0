"""Alembic environment: migrations run on the connection the store hands over.

The store calls :func:`sites.submissions.database.upgrade`, which puts its open, locked write
transaction into ``config.attributes["connection"]``; Alembic then runs inside that transaction
(it neither begins nor commits one of its own). There is no ``alembic.ini``: to create a new
revision, run from this folder
``alembic -x url=sqlite:///scratch.sqlite revision -m "what it does"`` with ``script_location``
pointing here, or copy the newest file in ``versions/`` and bump ``revision``/``down_revision``.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through sites.submissions.database.upgrade(connection)")
context.configure(connection=connection, target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
