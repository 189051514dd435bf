"""Full-text search over all articles: a bigram-split text index, SQLite FTS5 or PostgreSQL tsvector.

Chinese has no spaces, and tokenisers disagree about words, so the index holds every overlapping
pair of characters of each run of CJK text (卫生信息化 → 卫生 生信 信息 息化) and every Latin word or number
as it is (HIS, 5g). A query word is split the same way and must occur as a phrase, so 卫生 finds
卫生 and only 卫生, with no dictionary. The index lives in the table ``article_search``:

* SQLite: an FTS5 virtual table ``article_search(title, body)`` whose rowid is the article id,
  ranked with bm25 (title weighs 10× the body); a trigger drops the row when its article is deleted.
* PostgreSQL: ``article_search(article_id, document tsvector)`` with a GIN index, built with the
  ``'simple'`` configuration (no stemming, no stop words), title weighted A and body B, ranked with
  ``ts_rank_cd``.

:meth:`yuqing.store.repo.Store.upsert_article` calls :func:`index_article` in the same transaction
as the write, so the index never lags the articles. A one-character query cannot be a bigram; it is
answered with a substring scan (``LIKE``), which is exact but slower.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import Connection

from yuqing.store.db import from_db
from yuqing.text.normalize import normalize

__all__ = ["SearchHit", "bigrams", "create_index", "index_article", "query_words", "reindex", "search"]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
_RUN = re.compile(rf"[{_CJK}]+|[0-9a-z]+")
_IS_CJK = re.compile(rf"[{_CJK}]")


def _tokens(value: str) -> list[str]:
    out: list[str] = []
    for run in _RUN.findall(normalize(value).lower()):
        if _IS_CJK.match(run) and len(run) > 1:
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
        else:
            out.append(run)
    return out


def bigrams(value: str | None) -> str:
    """Return ``value`` as the index stores it: CJK runs as overlapping bigrams, Latin words whole."""
    return " ".join(_tokens(value or ""))


def query_words(query: str) -> list[list[str]]:
    """Return the phrases of ``query``: one token list per whitespace-separated word, empty ones dropped."""
    return [tokens for word in normalize(query).split(" ") if (tokens := _tokens(word))]


@dataclass(slots=True)
class SearchHit:
    """One article found, best first: its id, rank (larger is better) and its row."""

    article_id: int
    rank: float
    title: str | None
    outlet: str | None
    site: str | None
    url: str
    published_at: datetime | None
    text: str


def create_index(conn: Connection) -> None:
    """Create the index table of ``conn``'s dialect (the migration calls this) and fill it."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS article_search "
                          "USING fts5(title, body, tokenize='unicode61')"))
        conn.execute(text("CREATE TRIGGER IF NOT EXISTS article_search_delete AFTER DELETE ON articles "
                          "BEGIN DELETE FROM article_search WHERE rowid = old.id; END"))
    else:
        conn.execute(text("CREATE TABLE IF NOT EXISTS article_search ("
                          "article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE, "
                          "document TSVECTOR NOT NULL)"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_article_search_document "
                          "ON article_search USING GIN (document)"))
    reindex(conn)


def drop_index(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("DROP TRIGGER IF EXISTS article_search_delete"))
    conn.execute(text("DROP TABLE IF EXISTS article_search"))


def index_article(conn: Connection, article_id: int, title: str | None, body: str | None) -> None:
    """Put (or replace) one article's title and body in the index, inside the caller's transaction."""
    t, b = bigrams(title), bigrams(body)
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM article_search WHERE rowid = :id"), {"id": article_id})
        conn.execute(text("INSERT INTO article_search(rowid, title, body) VALUES (:id, :t, :b)"),
                     {"id": article_id, "t": t, "b": b})
    else:
        conn.execute(text(
            "INSERT INTO article_search (article_id, document) VALUES (:id, "
            "setweight(to_tsvector('simple', :t), 'A') || setweight(to_tsvector('simple', :b), 'B')) "
            "ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document"),
            {"id": article_id, "t": t, "b": b})


def reindex(conn: Connection) -> int:
    """Rebuild the index from every stored article; return how many were indexed."""
    conn.execute(text("DELETE FROM article_search"))
    rows = conn.execute(text("SELECT id, title, text FROM articles")).all()
    for row in rows:
        index_article(conn, row.id, row.title, row.text)
    return len(rows)


def _fts5_phrase(tokens: list[str]) -> str:
    return '"' + " ".join(tokens) + '"'  # tokens hold only letters and digits: nothing to quote


def search(engine: Engine, query: str, limit: int = 50, offset: int = 0) -> tuple[list[SearchHit], int]:
    """Return (hits best first, total count) for ``query``; every word must occur in title or body."""
    words = query_words(query)
    if not words:
        return [], 0
    columns = "a.id, a.title, a.outlet, a.site, a.url, a.published_at, a.text"
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    single = [w for w in words if len(w) == 1 and len(w[0]) == 1 and _IS_CJK.match(w[0])]
    phrases = [w for w in words if w not in single]
    like_words = [w[0] for w in single]
    likes = []
    for i, ch in enumerate(like_words):
        params[f"like{i}"] = f"%{ch}%"
        likes.append(f"(a.title LIKE :like{i} OR a.text LIKE :like{i})")
    if not phrases:
        frm, where, rank, order = "articles a", likes, "0.0", "a.published_at DESC"
    elif engine.dialect.name == "sqlite":
        params["match"] = " AND ".join(_fts5_phrase(p) for p in phrases)
        frm = "article_search JOIN articles a ON a.id = article_search.rowid"
        where = ["article_search MATCH :match", *likes]
        rank, order = "-bm25(article_search, 10.0, 1.0)", "bm25(article_search, 10.0, 1.0), a.published_at DESC"
    else:
        for i, p in enumerate(phrases):
            params[f"p{i}"] = " ".join(p)
        tsq = " && ".join(f"phraseto_tsquery('simple', :p{i})" for i in range(len(phrases)))
        frm = "article_search s JOIN articles a ON a.id = s.article_id"
        where = [f"s.document @@ ({tsq})", *likes]
        rank = f"ts_rank_cd(s.document, {tsq})"
        order = f"{rank} DESC, a.published_at DESC"
    condition = " AND ".join(where)
    sql = (f"SELECT {columns}, {rank} AS rank FROM {frm} WHERE {condition} "
           f"ORDER BY {order}, a.id LIMIT :limit OFFSET :offset")
    count_sql = f"SELECT count(*) FROM {frm} WHERE {condition}"
    with engine.connect() as conn:
        rows = conn.execute(text(sql), params).all()
        total = int(conn.execute(text(count_sql), params).scalar_one())
    return [SearchHit(int(r.id), float(r.rank), r.title, r.outlet, r.site, r.url, _when(r.published_at),
                      r.text or "") for r in rows], total


def _when(value: Any) -> datetime | None:
    """Return a stored time as aware UTC (raw SQL on SQLite hands back text)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return from_db(value)
