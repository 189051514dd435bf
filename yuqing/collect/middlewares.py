"""Scrapy downloader middlewares of the crawler: proxy routing, retry backoff, the WARC archive."""

from __future__ import annotations

from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response

__all__ = ["ArchiveMiddleware", "BackoffRetryMiddleware", "ProxyMiddleware"]


class ProxyMiddleware:
    """Send every request (robots.txt included) through ``YUQING_PROXY`` when set.

    Runs before Scrapy's HttpProxyMiddleware, which then does the proxying; the request keeps its
    real URL, so everything downstream (robots, the seen record, the store) sees real URLs.
    """

    def __init__(self, proxy: str):
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProxyMiddleware:
        return cls(crawler.settings.get("YUQING_PROXY") or "")

    def process_request(self, request: Request, spider: Any = None) -> None:
        if self.proxy:
            request.meta.setdefault("proxy", self.proxy)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (5xx, 429, timeouts, dropped connections), each waiting twice as long as the one before."""

    def __init__(self, settings: Any):
        super().__init__(settings)
        self.backoff = settings.getfloat("YUQING_BACKOFF", 1.0)

    def _retry(self, request: Request, reason: Any) -> Request | None:
        retry = super()._retry(request, reason)
        if retry is not None and self.backoff > 0:
            retry.meta["yuqing_wait"] = self.backoff * 2 ** (retry.meta.get("retry_times", 1) - 1)
        return retry

    async def process_request(self, request: Request, spider: Any = None) -> None:
        wait = request.meta.pop("yuqing_wait", 0)
        if wait:
            from twisted.internet import reactor
            from twisted.internet.task import deferLater

            await deferLater(reactor, wait, lambda: None)


class ArchiveMiddleware:
    """Write every response to the run's WARC file as it arrives, before retries, redirects or parsing.

    The record's reference goes into ``request.meta["warc_ref"]``.
    """

    def __init__(self, crawler: Any):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchiveMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        archive = getattr(self.crawler.spider, "archive", None)
        if archive is not None:
            from http import HTTPStatus

            try:
                reason = HTTPStatus(response.status).phrase
            except ValueError:
                reason = ""
            headers = [(k, v) for k, vs in response.headers.items() for v in vs]
            request.meta["warc_ref"] = archive.write(response.url, response.status, reason, headers,
                                                     response.body, request.meta.get("yuqing_source"))
        return response
