"""The spider: index pages (feed, list, sitemap) of each source → new article URLs → stored articles.

Index pages are fetched with a conditional GET; their validators are saved only when the crawl
finishes, so a killed run re-reads its indexes next time instead of losing their links. Article URLs
with a final outcome in the seen record are not fetched again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import scrapy
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from yuqing.collect.archive import WarcArchive
from yuqing.collect.discover import Links, feed_links, list_links, sitemap_links
from yuqing.collect.fetchlog import FetchLog
from yuqing.collect.tally import CollectReport, classify_failure
from yuqing.models import Source
from yuqing.urls import canonical_url

__all__ = ["CrawlContext", "Preview", "SourceSpider", "header_charset", "is_html"]

_HTML_TYPES = ("text/html", "application/xhtml", "text/plain", "application/octet-stream", "")


@dataclass(slots=True)
class Preview:
    """What ``sources check`` shows for one article it would collect (nothing is stored)."""

    source_id: str
    url: str
    title: str | None
    published_at: Any
    outlet: str | None
    score: float | None
    matched: bool | None
    problem: str | None = None


@dataclass(slots=True)
class CrawlContext:
    """What the spider needs from outside: the store, profile, archive and the run's report."""

    report: CollectReport
    store: Any = None
    profile: Any = None
    fetchlog: FetchLog | None = None
    archive: WarcArchive | None = None
    default_max_pages: int = 5
    dry_run: bool = False
    previews: list[Preview] = field(default_factory=list)
    on_item: Any = None
    """Called with the source id after each article is handled (drives the progress display)."""


class SourceSpider(scrapy.Spider):
    name = "yuqing"

    def __init__(self, sources: list[Source], context: CrawlContext, **kwargs: Any):
        super().__init__(**kwargs)
        self.sources = {s.id: s for s in sources}
        self.ctx = context
        self.archive = None if context.dry_run else context.archive
        self._validators: dict[str, tuple[str | None, str | None, str]] = {}
        # Article URLs asked for this run. Requests bypass Scrapy's dupefilter (dont_filter) so that a
        # redirect loop ends in "max redirections" rather than a silent filter; this set dedupes instead.
        self._requested: set[str] = set()

    # -- index pages -----------------------------------------------------------------------------

    async def start(self):  # type: ignore[no-untyped-def]
        for source in self.sources.values():
            for url in source.urls:
                yield self._index_request(source, url, page=1)

    def _index_request(self, source: Source, url: str, page: int) -> Request:
        headers = {}
        if self.ctx.fetchlog is not None and not self.ctx.dry_run:
            etag, modified = self.ctx.fetchlog.validators(url)
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        return Request(url, callback=self.parse_index, errback=self.index_failed, headers=headers,
                       dont_filter=True, priority=10,
                       meta={"yuqing_source": source.id, "yuqing_role": "index", "yuqing_page": page,
                             "handle_httpstatus_list": [304]})

    def parse_index(self, response: Response):  # type: ignore[no-untyped-def]
        source = self.sources[response.meta["yuqing_source"]]
        report = self.ctx.report
        report.count(source.id, "fetched")
        if response.status == 304:
            report.skip(source.id, "not-modified", response.url)
            return
        links = self._read_index(source, response)
        if links.problem:
            report.skip(source.id, links.problem, response.url, links.detail)
            report.errors[source.id] = f"{links.problem}: {links.detail}"
            return
        self._validators[response.url] = (
            _header(response, b"ETag"), _header(response, b"Last-Modified"), source.id)
        fresh = self._fresh(source, links.articles, response.url)
        for url in fresh:
            key = canonical_url(url)
            if key in self._requested:
                continue
            self._requested.add(key)
            yield Request(url, callback=self.parse_article, errback=self.article_failed, dont_filter=True,
                          meta={"yuqing_source": source.id, "yuqing_role": "article"})
        page = response.meta.get("yuqing_page", 1)
        for url in self._more(source, links, page, response.url, bool(fresh)):
            yield self._index_request(source, url, page + 1 if source.kind == "list" else page)

    def _read_index(self, source: Source, response: Response) -> Links:
        opts = source.options
        if source.kind == "feed":
            return feed_links(response.body, response.url, _header(response, b"Content-Type"))
        if source.kind == "sitemap":
            return sitemap_links(response.body, response.url)
        return list_links(_decoded(response), response.url, links=opts.get("links"), pattern=opts.get("pattern"),
                          next_selector=opts.get("next"))

    def _fresh(self, source: Source, urls: list[str], index_url: str) -> list[str]:
        """Return the URLs not yet seen (counting the others as ``already-seen``), up to ``max_articles``."""
        seen = self.ctx.fetchlog.seen(urls) if (self.ctx.fetchlog is not None) else set()
        fresh = [u for u in urls if canonical_url(u) not in seen]
        if len(urls) > len(fresh):
            self.ctx.report.skip(source.id, "already-seen", index_url, f"{len(urls) - len(fresh)} links",
                                 n=len(urls) - len(fresh))
        limit = source.options.get("max_articles")
        return fresh[:limit] if limit else fresh

    def _more(self, source: Source, links: Links, page: int, url: str, found_fresh: bool) -> list[str]:
        if source.kind == "sitemap":
            return links.more
        if source.kind != "list":
            return []
        max_pages = source.options.get("max_pages", self.ctx.default_max_pages)
        # A page whose links were all seen before means the older pages were read on an earlier run.
        if page >= max_pages or not found_fresh:
            return []
        template = source.options.get("pages")
        if template:
            return [template.replace("{n}", str(page + 1))]
        return links.more

    def index_failed(self, failure: Failure):  # type: ignore[no-untyped-def]
        request = failure.request  # type: ignore[attr-defined]
        reason, detail = classify_failure(failure.value)
        sid = request.meta["yuqing_source"]
        if hasattr(failure.value, "response"):
            self.ctx.report.count(sid, "fetched")
        self.ctx.report.skip(sid, reason, request.url, detail)
        self.ctx.report.errors[sid] = f"{reason}: {request.url} ({detail})"

    # -- articles ----------------------------------------------------------------------------------

    def parse_article(self, response: Response) -> None:
        from yuqing.collect.store_step import handle_article

        handle_article(self, response)
        if self.ctx.on_item:
            self.ctx.on_item(response.meta["yuqing_source"])

    def article_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        sid = request.meta["yuqing_source"]
        reason, detail = classify_failure(failure.value)
        response = getattr(failure.value, "response", None)
        if response is not None:
            self.ctx.report.count(sid, "fetched")
        self.ctx.report.skip(sid, reason, request.url, detail)
        if self.ctx.fetchlog is not None and not self.ctx.dry_run:
            self.ctx.fetchlog.record(request.url, source_id=sid, status=response.status if response else None,
                                     outcome=reason)
        if self.ctx.on_item:
            self.ctx.on_item(sid)

    # -- the end -----------------------------------------------------------------------------------

    def closed(self, reason: str) -> None:
        """Save the indexes' validators only after a finished crawl (see the module docstring)."""
        if reason == "finished" and self.ctx.fetchlog is not None and not self.ctx.dry_run:
            for url, (etag, modified, sid) in self._validators.items():
                self.ctx.fetchlog.record(url, source_id=sid, status=200, outcome="index", etag=etag,
                                         last_modified=modified)


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def header_charset(response: Response) -> str | None:
    """Return the charset the Content-Type header declares, if any."""
    ctype = _header(response, b"Content-Type") or ""
    for part in ctype.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _decoded(response: Response) -> str:
    from yuqing.extract import decode_html

    return decode_html(response.body, header_charset(response))[0]


def is_html(response: Response) -> bool:
    """Return whether the response may be a web page (HTML, or a server that does not say)."""
    ctype = (_header(response, b"Content-Type") or "").split(";")[0].strip().lower()
    return ctype in _HTML_TYPES or "html" in ctype
