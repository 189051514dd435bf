"""Alembic environment: yuqing passes an open connection in ``config.attributes['connection']``."""

from __future__ import annotations

from alembic import context

from yuqing.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - yuqing always hands one over
    raise RuntimeError("run migrations through yuqing.store.db.upgrade(), which passes a connection")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
)
with context.begin_transaction():
    context.run_migrations()
