"""Shared fixtures: real databases (SQLite always, PostgreSQL when YUQING_TEST_DATABASE_URL is set)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("YUQING_CORPUS", ROOT.parent / "shared" / "corpus"))
REFERENCE = ROOT.parent / "shared" / "reference" / "weekly-report-275.md"
PG_URL = os.environ.get("YUQING_TEST_DATABASE_URL")

DATABASES = ["sqlite"] + (["postgresql"] if PG_URL else [])


def _pg_schema_url(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: a SQLite file, or a fresh schema on the test PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    from sqlalchemy import create_engine, text

    assert PG_URL is not None
    admin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _pg_schema_url(PG_URL, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(database_url: str):  # type: ignore[no-untyped-def]
    from yuqing.store.db import open_engine
    from yuqing.store.repo import Store

    engine = open_engine(database_url)
    yield Store(engine)
    engine.dispose()


def corpus_path(*parts: str) -> Path:
    """Return a path inside ../shared/corpus, skipping the test when the corpus is absent."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"corpus not present: {path}")
    return path
