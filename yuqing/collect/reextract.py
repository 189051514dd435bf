"""Re-run extraction over the WARC archive, without fetching: improved extractors reach history."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from yuqing.collect.archive import read_archive
from yuqing.pipeline import ImportReport, Page, store_page
from yuqing.store import schema as t
from yuqing.urls import canonical_url

__all__ = ["reextract"]

_ARTICLE_OUTCOMES = ("stored", "not-an-article")


def reextract(workspace: Any) -> ImportReport:
    """Extract, match and upsert every archived article response again; return the counts."""
    from yuqing.extract import decode_html
    from yuqing.sources import read_sources

    settings, store = workspace.settings, workspace.store
    sources = {s.id: s for s in read_sources(store.engine)}
    with store.engine.connect() as conn:
        pages = set(conn.execute(select(t.fetches.c.canonical_url)
                                 .where(t.fetches.c.outcome.in_(_ARTICLE_OUTCOMES))).scalars())
    report = ImportReport()
    latest: dict[str, Any] = {}
    for record in read_archive(settings.workspace / settings["collect.warc_dir"], settings.workspace):
        if record.status == 200 and canonical_url(record.url) in pages:
            latest[canonical_url(record.url)] = record  # the newest response of a URL wins
    for record in latest.values():
        source = sources.get(record.source_id or "")
        charset = None
        for part in record.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset":
                charset = value.strip("\"' ")
        text, _codec = decode_html(record.body, charset)
        page = Page(ref=record.ref, data=text, url=record.url, site=source.name if source else None,
                    tier=source.tier if source else None, source_id=source.id if source else None,
                    raw_ref=record.ref)
        store_page(page, store, workspace.profile, report)
    return report
