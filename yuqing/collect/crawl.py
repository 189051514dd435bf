"""Run a collect: sync sources.yaml, crawl the enabled sources once, count, record drops and health."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from yuqing.collect.archive import WarcArchive
from yuqing.collect.fetchlog import FetchLog
from yuqing.collect.spider import CrawlContext, Preview, SourceSpider
from yuqing.collect.tally import QUIET, CollectReport
from yuqing.errors import ConfigError
from yuqing.models import Drop, Source
from yuqing.settings import Settings

__all__ = ["check_source", "collect", "load_workspace_sources", "scrapy_settings"]

_MW = "yuqing.collect.middlewares."


def scrapy_settings(settings: Settings) -> dict[str, Any]:
    """Return the Scrapy settings a collect runs with, from the workspace's ``collect.*`` settings."""
    delay = settings["collect.delay_ms"] / 1000
    per_domain = settings["collect.concurrency_per_domain"]
    return {
        "TWISTED_REACTOR": None,  # whatever reactor runs in yuqing.collect.reactor's thread
        "LOG_LEVEL": "ERROR",
        "LOG_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "COOKIES_ENABLED": False,
        "ROBOTSTXT_OBEY": settings["collect.obey_robots"],
        "USER_AGENT": settings["collect.user_agent"],
        "CONCURRENT_REQUESTS": settings["collect.concurrency"],
        "CONCURRENT_REQUESTS_PER_DOMAIN": per_domain,
        "DOWNLOAD_DELAY": delay,
        "AUTOTHROTTLE_ENABLED": settings["collect.autothrottle"],
        "AUTOTHROTTLE_START_DELAY": max(delay, 0.1),
        "AUTOTHROTTLE_MAX_DELAY": 60,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(per_domain),
        "DOWNLOAD_TIMEOUT": settings["collect.timeout"],
        "RETRY_ENABLED": True,
        "RETRY_TIMES": settings["collect.retries"],
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "YUQING_BACKOFF": settings["collect.backoff_ms"] / 1000,
        "REDIRECT_MAX_TIMES": settings["collect.max_redirects"],
        "DOWNLOAD_MAXSIZE": settings["collect.max_bytes"],
        "DOWNLOAD_WARNSIZE": 0,
        "YUQING_PROXY": settings["collect.proxy"],
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            _MW + "BackoffRetryMiddleware": 550,
            _MW + "ArchiveMiddleware": 580,
            _MW + "ProxyMiddleware": 740,
        },
    }


def load_workspace_sources(settings: Settings, engine: Any) -> list[Source]:
    """Read the workspace's sources.yaml and sync it into the ``sources`` table; return its sources."""
    from yuqing.sources import load_sources, sync_sources

    sources = load_sources(settings.workspace / settings["collect.sources"])
    sync_sources(engine, sources)
    return sources


def _pick(sources: list[Source], ids: list[str] | None) -> list[Source]:
    if not ids:
        return [s for s in sources if s.enabled]
    known = {s.id: s for s in sources}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ConfigError(f"no source with id {', '.join(unknown)}; known: {', '.join(known) or '(none)'}")
    return [known[i] for i in ids]


def _run_spider(sources: list[Source], settings: Settings, ctx: CrawlContext,
                while_running: Callable[[], None] | None = None) -> None:
    """Crawl ``sources`` in the reactor thread; call ``while_running`` every 0.2 s until done."""
    import logging

    from scrapy.crawler import CrawlerRunner

    from yuqing.collect.reactor import call_in_reactor

    # Scrapy logs each give-up at ERROR; the report names every skip, so its log stays quiet.
    logging.getLogger("scrapy").setLevel(logging.CRITICAL)

    holder: dict[str, Any] = {}

    def start() -> Any:
        runner = CrawlerRunner(scrapy_settings(settings))
        crawler = runner.create_crawler(SourceSpider)
        holder["crawler"] = crawler
        return runner.crawl(crawler, sources=sources, context=ctx)

    done = call_in_reactor(start)
    try:
        while not done.wait(0.2):
            if while_running:
                while_running()
    except KeyboardInterrupt:
        stop_crawl(holder, done)
        raise
    error = getattr(done, "error", None)
    if error is not None:
        raise error


def stop_crawl(holder: dict[str, Any], done: threading.Event) -> None:
    """Ask the running crawl to stop and wait for it (what is stored stays stored)."""
    from twisted.internet import reactor

    crawler = holder.get("crawler")
    if crawler is not None:
        reactor.callFromThread(crawler.stop)
    done.wait(30)


def collect(workspace: Any, source_ids: list[str] | None = None, *, progress: Any = None,
            run_id: str | None = None) -> CollectReport:
    """Collect every enabled source of ``workspace`` (or those named) once; return the counts.

    ``progress`` is called with the report every 0.2 s while the crawl runs.
    """
    from yuqing.sources import mark_attempt

    settings, store = workspace.settings, workspace.store
    sources = _pick(load_workspace_sources(settings, store.engine), source_ids)
    run_id = run_id or uuid.uuid4().hex[:12]
    report = CollectReport(run_id)
    for s in sources:
        report.of(s.id)
    if not sources:
        return report
    archive = WarcArchive(_warc_dir(settings), settings.workspace, run_id)
    ctx = CrawlContext(report=report, store=store, profile=workspace.profile, fetchlog=FetchLog(store.engine),
                       archive=archive, default_max_pages=settings["collect.max_pages"])
    try:
        _run_spider(sources, settings, ctx, (lambda: progress(report)) if progress else None)
    finally:
        archive.close()
    # A killed collect stores articles but never reaches these stages, and a rerun does not fetch its
    # articles again (already seen): so the stages also take every stored article still without a story.
    todo = sorted(set(report.article_ids) | set(_unassigned_articles(store)))
    if todo:
        _group_stories(store, report, todo)
        _learned_scores(store, workspace.profile, todo)
    for s in sources:
        store.record_drops(_drop_rows(report, s.id), stage="collect", run_id=run_id, source_id=s.id)
        mark_attempt(store.engine, s.id, report.errors.get(s.id))
    return report


def _unassigned_articles(store: Any) -> list[int]:
    """Return the ids of stored articles in no story: those a killed collect stored and never grouped."""
    from sqlalchemy import select

    from yuqing.store import schema as t

    with store.engine.connect() as conn:
        return list(conn.execute(select(t.articles.c.id).where(t.articles.c.story_id.is_(None))).scalars())


def _group_stories(store: Any, report: CollectReport, article_ids: list[int]) -> None:
    """Hand the stored articles to the stories stage (reprint groups), which the issue reads."""
    from yuqing.dedup import assign_stories

    report.stories = assign_stories(store, article_ids)


def _learned_scores(store: Any, profile: Any, article_ids: list[int]) -> None:
    """Let the editor-trained classifier score the articles (nothing happens before it is trained)."""
    from yuqing.learn import refresh_scores

    refresh_scores(store, profile.name, article_ids)


def _drop_rows(report: CollectReport, source_id: str) -> list[Drop]:
    """Every skip of ``source_id``, the quiet ones (already-seen, not-modified) as one row per reason."""
    rows = [d for d in report.drops.get(source_id, []) if d.reason not in QUIET]
    counts = report.of(source_id)
    for reason in sorted(QUIET):
        if counts[reason]:
            rows.append(Drop(reason, f"{counts[reason]} URLs", source_id))
    return rows


def _warc_dir(settings: Settings) -> Path:
    return settings.workspace / settings["collect.warc_dir"]


def check_source(workspace: Any, source_id: str) -> tuple[CollectReport, list[Preview]]:
    """Fetch ``source_id`` once and return what it would collect; store nothing, archive nothing."""
    from yuqing.sources import load_sources

    settings, store = workspace.settings, workspace.store
    (source,) = _pick(load_sources(settings.workspace / settings["collect.sources"]), [source_id])
    report = CollectReport("check")
    ctx = CrawlContext(report=report, store=None, profile=workspace.profile, fetchlog=FetchLog(store.engine),
                       dry_run=True, default_max_pages=settings["collect.max_pages"])
    _run_spider([source], settings, ctx)
    return report, ctx.previews
