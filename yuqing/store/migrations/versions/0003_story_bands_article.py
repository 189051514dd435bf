"""story_bands: index by article, so an article's band keys are found and replaced without a scan

Revision ID: 0003_story_bands_article
Revises: 0002_article_search
"""

from __future__ import annotations

from alembic import op

revision = "0003_story_bands_article"
down_revision = "0002_article_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_story_bands_article", "story_bands", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_story_bands_article", table_name="story_bands")
