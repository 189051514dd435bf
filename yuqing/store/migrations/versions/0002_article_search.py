"""article search index: bigram-split FTS5 table (SQLite) or tsvector + GIN (PostgreSQL)

Revision ID: 0002_article_search
Revises: 0001
"""

from __future__ import annotations

from alembic import op

from yuqing.store.search import create_index, drop_index

revision = "0002_article_search"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_index(op.get_bind())


def downgrade() -> None:
    drop_index(op.get_bind())
