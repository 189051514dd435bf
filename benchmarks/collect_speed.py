"""Articles per second, end to end (fetch → WARC → decode → extract → match → store), against a bare
Scrapy spider that only keeps the bodies, on the same local fixture web; then where the time goes.

    .venv/bin/python benchmarks/collect_speed.py [N_ARTICLES]
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixtures.web.build import bulk_web  # noqa: E402

SETTINGS = {"collect.delay_ms": 0, "collect.autothrottle": False, "collect.concurrency_per_domain": 8,
            "collect.concurrency": 16, "collect.timeout": 10}


def _timed(module, name: str, spent: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    original = getattr(module, name)

    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start

    setattr(module, name, wrapper)


def ours(web, sources_yaml: str, folder: Path) -> tuple[float, int, dict[str, float]]:  # type: ignore[no-untyped-def]
    import yuqing.collect.fetchlog as fetchlog
    import yuqing.collect.store_step as step
    import yuqing.extract as extract_pkg
    import yuqing.pipeline as pipeline
    from yuqing.collect.archive import WarcArchive
    from yuqing.workspace import init_workspace, open_workspace

    spent: dict[str, float] = defaultdict(float)
    _timed(extract_pkg, "decode_html", spent)
    _timed(pipeline, "extract", spent)
    _timed(pipeline, "match_article", spent)
    spent_store: dict[str, float] = spent
    _timed(step, "store_article", spent_store)
    _timed(fetchlog.FetchLog, "record", spent)
    _timed(fetchlog.FetchLog, "seen", spent)
    _timed(WarcArchive, "write", spent)
    import yuqing.collect.crawl as crawl

    _timed(crawl, "_group_stories", spent)
    init_workspace(folder, {"collect.proxy": web.proxy, **SETTINGS})
    (folder / "sources.yaml").write_text(sources_yaml, encoding="utf-8")
    ws = open_workspace(folder)
    start = time.perf_counter()
    report = crawl.collect(ws)
    return time.perf_counter() - start, report.total("new"), dict(spent)


def bare(web) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """A plain Scrapy spider over the same lists: follow links and next pages, keep bodies in memory."""
    import scrapy
    from scrapy.crawler import CrawlerRunner

    from yuqing.collect.reactor import call_in_reactor

    bodies: dict[str, bytes] = {}
    starts = [u for u in web.routes if u.endswith("/list/index.html")]

    class Bare(scrapy.Spider):
        name = "bare"

        async def start(self):  # type: ignore[no-untyped-def]
            for url in starts:
                yield scrapy.Request(url, callback=self.parse_list, meta={"proxy": web.proxy})

        def parse_list(self, response):  # type: ignore[no-untyped-def]
            for href in response.css("ul.news a::attr(href)").getall():
                yield response.follow(href, callback=self.keep, meta={"proxy": web.proxy})
            nxt = response.css("a.next::attr(href)").get()
            if nxt:
                yield response.follow(nxt, callback=self.parse_list, meta={"proxy": web.proxy})

        def keep(self, response):  # type: ignore[no-untyped-def]
            bodies[response.url] = response.body

    settings = {"TWISTED_REACTOR": None, "LOG_ENABLED": False, "TELNETCONSOLE_ENABLED": False,
                "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "DOWNLOAD_DELAY": 0,
                "ROBOTSTXT_OBEY": True, "COOKIES_ENABLED": False}
    start = time.perf_counter()
    done = call_in_reactor(lambda: CrawlerRunner(settings).crawl(Bare))
    done.wait()
    return time.perf_counter() - start, len(bodies)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    web, sources_yaml, urls = bulk_web(n, sites=4)
    with web, tempfile.TemporaryDirectory() as tmp:
        bare_s, bare_n = bare(web)
        ours_s, ours_n, spent = ours(web, sources_yaml, Path(tmp) / "ws")
    print(f"fixture web: {len(urls)} article pages on 4 sites, lists of 20 links, 127.0.0.1")
    print(f"bare scrapy (fetch + keep body):        {bare_n:4d} pages in {bare_s:6.2f} s = {bare_n / bare_s:7.1f} pages/s")
    print(f"yuqing collect (fetch→extract→store):  {ours_n:4d} articles in {ours_s:6.2f} s = {ours_n / ours_s:7.1f} articles/s")
    print(f"ratio: yuqing takes {ours_s / bare_s:.1f}× the bare crawl's time")
    print("where yuqing's time goes (wall seconds inside each step; the fixture server shares this process and its GIL):")
    accounted = 0.0
    for name, secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        if name == "store_article":
            label = "store_article (match + upsert + save_match, one transaction)"
        else:
            label = {"record": "seen record: FetchLog.record", "write": "WARC: WarcArchive.write",
                     "seen": "seen record: FetchLog.seen", "_group_stories": "stories stage (assign_stories, after the crawl)"}.get(name, name)
        print(f"  {label:<62} {secs:6.2f} s  {100 * secs / ours_s:5.1f}%")
        if name != "match_article":  # match_article runs inside store_article
            accounted += secs
    print(f"  {'rest: Scrapy download, scheduling, parsing lists, waiting':<62} {ours_s - accounted:6.2f} s  "
          f"{100 * (ours_s - accounted) / ours_s:5.1f}%")


if __name__ == "__main__":
    main()
