"""story_bands: drop ix_story_bands_key, which uq_story_bands (band, key, article_id) already covers

Every band-key lookup (band = ? AND key IN …) uses the unique index's leading columns; the second
index only slowed the 32 inserts an article makes.

Revision ID: 0004_story_bands_drop_key_index
Revises: 0003_story_bands_article
"""

from __future__ import annotations

from alembic import op

revision = "0004_story_bands_drop_key_index"
down_revision = "0003_story_bands_article"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_story_bands_key", table_name="story_bands")


def downgrade() -> None:
    op.create_index("ix_story_bands_key", "story_bands", ["band", "key"])
