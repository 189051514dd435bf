"""The crawler against a fixture web on 127.0.0.1 (tests/fixtures/web/build.py states what it holds)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.fixtures.web.build import EXPECTED_ARTICLES, EXPECTED_SKIPS, SOURCES_YAML, build_web, bulk_web
from yuqing.collect.crawl import check_source, collect
from yuqing.store import schema as t
from yuqing.urls import canonical_url
from yuqing.workspace import init_workspace, open_workspace

ROOT = Path(__file__).resolve().parents[1]
FAST = {"collect.timeout": 1, "collect.retries": 2, "collect.backoff_ms": 50, "collect.delay_ms": 0,
        "collect.autothrottle": False, "collect.max_bytes": 2 * 1024 * 1024, "collect.concurrency_per_domain": 4}


def _workspace(folder: Path, database_url: str, proxy: str, sources: str, **extra: object):  # type: ignore[no-untyped-def]
    init_workspace(folder, {"store.database_url": database_url, "collect.proxy": proxy, **FAST, **extra})
    (folder / "sources.yaml").write_text(sources, encoding="utf-8")
    return open_workspace(folder)


@pytest.fixture
def web():  # type: ignore[no-untyped-def]
    with build_web() as w:
        yield w


def _stored_urls(ws) -> list[str]:  # type: ignore[no-untyped-def]
    with ws.store.engine.connect() as conn:
        return list(conn.execute(select(t.articles.c.url)).scalars())


def test_two_runs_store_every_reachable_article_once_and_count_each_fault(web, tmp_path, database_url):
    ws = _workspace(tmp_path / "ws", database_url, web.proxy, SOURCES_YAML)
    first = collect(ws)
    urls = _stored_urls(ws)
    assert sorted(urls) == sorted(EXPECTED_ARTICLES)
    assert first.total("new") == len(EXPECTED_ARTICLES)
    for sid, skips in EXPECTED_SKIPS.items():
        for reason, n in skips.items():
            assert first.of(sid)[reason] == n, (sid, reason, dict(first.of(sid)))
    assert first.total("http-5xx") == 0  # the flaky page answered on its third try
    assert web.hits[canonical_url("http://news.example.cn/2024/05/06/10003.html")] == 3
    assert set(first.errors) == {"broken"}

    second = collect(ws)
    assert sorted(_stored_urls(ws)) == sorted(EXPECTED_ARTICLES)
    assert second.total("new") == 0
    assert second.of("news")["not-modified"] == 1  # ETag answered 304
    assert second.of("map")["already-seen"] == 3
    # final outcomes are not fetched again; passing faults are tried again
    assert web.hits[canonical_url("http://list.example.cn/gone/30104.shtml")] == 1
    assert second.of("list")["timeout"] == 1
    for url in EXPECTED_ARTICLES - {"http://news.example.cn/2024/05/06/10003.html"}:
        assert web.hits[canonical_url(url)] == 1, url


def test_drops_health_and_warc_are_recorded(web, tmp_path, database_url):
    ws = _workspace(tmp_path / "ws", database_url, web.proxy, SOURCES_YAML)
    report = collect(ws)
    with ws.store.engine.connect() as conn:
        reasons = dict(conn.execute(select(t.drops.c.reason, func.count()).where(t.drops.c.run_id == report.run_id)
                                    .group_by(t.drops.c.reason)).all())
        health = {r.id: r for r in conn.execute(select(t.sources))}
        raw = conn.execute(select(t.articles.c.raw_ref)).scalars().all()
    assert reasons["timeout"] == 1 and reasons["bad-feed"] == 1 and reasons["too-large"] == 1
    assert health["broken"].consecutive_failures == 1 and "bad-feed" in health["broken"].last_error
    assert health["news"].consecutive_failures == 0 and health["news"].last_success_at is not None
    assert raw and all(r and r.startswith("warc/") and "#" in r for r in raw)
    warcs = list((ws.path / "warc").glob("*.warc.gz"))
    assert warcs and warcs[0].stat().st_size > 0


def test_gbk_pages_decode_with_and_without_a_header_charset(web, tmp_path, database_url):
    ws = _workspace(tmp_path / "ws", database_url, web.proxy, SOURCES_YAML)
    collect(ws, ["gov"])
    titles = sorted(r["title"] for r in ws.store.list_articles())
    assert titles == sorted(f"{city}卫生健康委部署电子病历应用水平评价" for city in ("湖北省", "广东省", "浙江省"))


def test_robots_can_be_ignored_by_setting(web, tmp_path, database_url):
    ws = _workspace(tmp_path / "ws", database_url, web.proxy, SOURCES_YAML, **{"collect.obey_robots": False})
    report = collect(ws, ["list"])
    assert report.of("list")["robots"] == 0
    assert "http://list.example.cn/private/30102.shtml" in _stored_urls(ws)


def test_check_shows_what_would_be_collected_and_stores_nothing(web, tmp_path, database_url):
    ws = _workspace(tmp_path / "ws", database_url, web.proxy, SOURCES_YAML)
    report, previews = check_source(ws, "map")
    assert sorted(p.url for p in previews) == sorted(u for u in EXPECTED_ARTICLES if "map.example.cn" in u)
    assert all(p.title for p in previews)
    assert ws.store.count_articles() == 0
    assert not (ws.path / "warc").exists() or not list((ws.path / "warc").glob("*"))


def test_reextract_rebuilds_articles_from_the_archive_without_fetching(web, tmp_path, database_url):
    from yuqing.collect.reextract import reextract

    ws = _workspace(tmp_path / "ws", database_url, web.proxy, SOURCES_YAML)
    collect(ws, ["map", "gov"])
    hits = sum(web.hits.values())
    with ws.store.engine.begin() as conn:
        conn.execute(t.articles.update().values(title="x", content_hash="0"))
    report = reextract(ws)
    assert sum(web.hits.values()) == hits
    assert report.counts["updated"] == 6
    assert "x" not in {r["title"] for r in ws.store.list_articles()}


def _wait_until_sessions_end(ws, app_name: str, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    """On PostgreSQL, wait until the server has ended the sessions named ``app_name`` (a killed process's).

    A COMMIT the process sent (or was waiting on) when it was killed still lands after it is dead;
    once its sessions are gone, what it stored is settled. SQLite commits in the process: nothing to wait for.
    """
    if ws.store.engine.dialect.name != "postgresql":
        return
    query = text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name")
    deadline = time.monotonic() + timeout
    while True:
        with ws.store.engine.connect() as conn:
            if conn.execute(query, {"name": app_name}).scalar_one() == 0:
                return
        assert time.monotonic() < deadline, f"the killed collect's sessions ({app_name}) did not end"
        time.sleep(0.05)


def test_a_collect_killed_mid_run_loses_and_duplicates_nothing(tmp_path, database_url):
    web, sources, urls = bulk_web(60, sites=2)
    with web:
        folder = tmp_path / "ws"
        # A generous timeout: nothing in this web hangs, so a timeout could only come from a loaded machine
        # and would leave an article out of the rerun for no reason this test is about.
        ws = _workspace(folder, database_url, web.proxy, sources,
                        **{"collect.delay_ms": 100, "collect.concurrency_per_domain": 1, "collect.timeout": 30})
        app_name = f"yuqing-killed-{uuid.uuid4().hex[:8]}"  # names the child's PostgreSQL sessions
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PGAPPNAME": app_name}
        with open(tmp_path / "collect.err", "wb") as err:
            child = subprocess.Popen([sys.executable, "-m", "yuqing", "collect", "-w", str(folder)], env=env,
                                     stdout=subprocess.DEVNULL, stderr=err)
        try:
            # Kill once the child has demonstrably stored some articles, whatever the machine's speed.
            deadline = time.monotonic() + 60
            while ws.store.count_articles() < 10 and child.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
            assert child.poll() is None, ("the collect finished before it could be killed:\n"
                                          + (tmp_path / "collect.err").read_text(errors="replace")[-2000:])
            child.send_signal(signal.SIGKILL)
        finally:
            child.wait()
        _wait_until_sessions_end(ws, app_name)
        stored_before = ws.store.count_articles()
        assert 0 < stored_before < len(urls)
        report = collect(ws)
        assert sorted(_stored_urls(ws)) == sorted(urls)
        assert report.total("new") == len(urls) - stored_before
        with ws.store.engine.connect() as conn:
            per_url = conn.execute(select(t.articles.c.canonical_url, func.count())
                                   .group_by(t.articles.c.canonical_url)).all()
            # the rerun also groups the articles the killed run stored but never got to group
            storyless = conn.execute(select(func.count()).select_from(t.articles)
                                     .where(t.articles.c.story_id.is_(None))).scalar_one()
        assert all(n == 1 for _u, n in per_url)
        assert storyless == 0
