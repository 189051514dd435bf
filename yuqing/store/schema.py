"""The store's tables (SQLAlchemy Core). Alembic migrations in ``migrations/`` create them.

Times are stored as UTC without zone (SQLite keeps no zone); :mod:`yuqing.store.db` converts.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = ["metadata"]

metadata = MetaData()

sources = Table(
    "sources", metadata,
    Column("id", String(100), primary_key=True),
    Column("name", Text, nullable=False),
    Column("tier", String(20), nullable=False, server_default="other"),
    Column("kind", String(20), nullable=False, server_default="list"),
    Column("urls", JSON, nullable=False),
    Column("schedule_minutes", Integer, nullable=False, server_default="60"),
    Column("enabled", Boolean, nullable=False, server_default="1"),
    Column("options", JSON, nullable=False),
    Column("last_success_at", DateTime),
    Column("last_attempt_at", DateTime),
    Column("consecutive_failures", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Column("updated_at", DateTime),
)

stories = Table(
    "stories", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin_article_id", Integer),
    Column("origin_outlet", Text),
    Column("size", Integer, nullable=False, server_default="1"),
    Column("first_published_at", DateTime),
    Column("created_at", DateTime),
)

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("canonical_url", Text, nullable=False, unique=True),
    Column("url", Text, nullable=False),
    Column("title", Text),
    Column("published_at", DateTime),
    Column("outlet", Text),
    Column("site", Text),
    Column("tier", String(20)),
    Column("author", Text),
    Column("editor", Text),
    Column("text", Text, nullable=False, server_default=""),
    Column("fetched_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("method", String(40)),
    Column("problems", JSON),
    Column("source_id", String(100), ForeignKey("sources.id", ondelete="SET NULL")),
    Column("raw_ref", Text),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="SET NULL")),
    Index("ix_articles_published_at", "published_at"),
    Index("ix_articles_story_id", "story_id"),
)

topic_matches = Table(
    "topic_matches", metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("profile", String(100), primary_key=True),
    Column("score", Float, nullable=False),
    Column("threshold", Float, nullable=False),
    Column("matched", Boolean, nullable=False),
    Column("hits", JSON, nullable=False),
    Column("vetoed_by", Text),
    Column("classifier_score", Float),
    Column("matched_at", DateTime, nullable=False),
    Index("ix_topic_matches_profile_matched", "profile", "matched"),
)

decisions = Table(
    "decisions", metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("profile", String(100), primary_key=True),
    Column("decision", String(10), nullable=False),  # accept | reject
    Column("decided_by", Text),
    Column("decided_at", DateTime, nullable=False),
)

story_bands = Table(
    "story_bands", metadata,
    Column("band", Integer, nullable=False),
    Column("key", String(40), nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    UniqueConstraint("band", "key", "article_id", name="uq_story_bands"),  # also serves band-key lookups
    Index("ix_story_bands_article", "article_id"),
)

issues = Table(
    "issues", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("profile", String(100), nullable=False),
    Column("number", Integer, nullable=False),
    Column("year", Integer),
    Column("title", Text, nullable=False),
    Column("issuer", Text, nullable=False),
    Column("issue_date", Date, nullable=False),
    Column("window_from", Date, nullable=False),
    Column("window_to", Date, nullable=False),
    Column("scope", Text, nullable=False),
    Column("status", String(20), nullable=False, server_default="draft"),  # draft | published | correction
    Column("correction_of", Integer, ForeignKey("issues.id")),
    Column("created_at", DateTime, nullable=False),
    Column("published_at", DateTime),
    Column("files", JSON),
    Index("ix_issues_window", "profile", "window_from", "window_to"),
)

issue_items = Table(
    "issue_items", metadata,
    Column("issue_id", Integer, ForeignKey("issues.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="SET NULL")),
    Column("title", Text, nullable=False),
    Column("outlet", Text, nullable=False),
    Column("published_at", DateTime),
    Column("link", Text, nullable=False),
    Column("site", Text),
    Column("summary", Text, nullable=False),
    Column("reprints", Integer, nullable=False, server_default="0"),
)

counters = Table(
    "counters", metadata,
    Column("name", String(100), primary_key=True),
    Column("value", Integer, nullable=False),
)

fetches = Table(
    "fetches", metadata,
    Column("canonical_url", Text, primary_key=True),
    Column("source_id", String(100)),
    Column("status", Integer),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("content_hash", String(64)),
    Column("fetched_at", DateTime),
    Column("outcome", String(40)),
)

drops = Table(
    "drops", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(40)),
    Column("stage", String(20), nullable=False),
    Column("reason", String(40), nullable=False),
    Column("detail", Text),
    Column("ref", Text),
    Column("source_id", String(100)),
    Column("at", DateTime, nullable=False),
    Index("ix_drops_run", "run_id"),
)

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(20), nullable=False),  # admin | editor | viewer
    Column("created_at", DateTime, nullable=False),
)
