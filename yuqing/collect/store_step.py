"""One fetched article page: decode with the header charset, then extract → match → store (yuqing.pipeline).

The response is already in the WARC archive (ArchiveMiddleware) when this runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.http import Response

from yuqing.pipeline import ImportReport, Page, match_article, read_page, store_article

if TYPE_CHECKING:
    from yuqing.collect.spider import SourceSpider

__all__ = ["handle_article"]


def handle_article(spider: SourceSpider, response: Response) -> None:
    """Store the article ``response`` carries (or count why not) and note the outcome in the seen record."""
    from yuqing.collect.spider import Preview, header_charset, is_html
    from yuqing.extract import decode_html

    ctx = spider.ctx
    sid = response.meta["yuqing_source"]
    source = spider.sources[sid]
    report = ctx.report
    report.count(sid, "fetched")
    url = response.url
    if not is_html(response):
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1")
        _finish(spider, sid, response, "not-html", f"Content-Type {ctype}")
        return
    text, _codec = decode_html(response.body, header_charset(response))
    page = Page(ref=url, data=text, url=url, site=source.options.get("site") or source.name, tier=source.tier,
                source_id=sid, raw_ref=response.meta.get("warc_ref"))
    batch = ImportReport()
    read = read_page(page, batch)
    if read is None:
        drop = batch.drops[-1]
        _finish(spider, sid, response, drop.reason, drop.detail)
        if ctx.dry_run:
            ctx.previews.append(Preview(sid, url, None, None, None, None, None, drop.reason))
        return
    article, store_url = read
    if ctx.dry_run:
        match = match_article(ctx.profile, article, source.tier) if ctx.profile is not None else None
        ctx.previews.append(Preview(sid, store_url, article.title, article.published_at, article.outlet,
                                    match.score if match else None, match.matched if match else None))
        return
    report.article_ids.append(store_article(ctx.store, ctx.profile, article, store_url, page, batch))
    for key in ("new", "updated", "unchanged", "matched"):
        if batch.counts[key]:
            report.count(sid, key, batch.counts[key])
    if ctx.fetchlog is not None:
        ctx.fetchlog.record(url, source_id=sid, status=response.status, outcome="stored",
                            etag=_text(response, b"ETag"), last_modified=_text(response, b"Last-Modified"))


def _finish(spider: SourceSpider, sid: str, response: Response, reason: str, detail: str) -> None:
    spider.ctx.report.skip(sid, reason, response.url, detail)
    if spider.ctx.fetchlog is not None and not spider.ctx.dry_run:
        spider.ctx.fetchlog.record(response.url, source_id=sid, status=response.status, outcome=reason)


def _text(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
