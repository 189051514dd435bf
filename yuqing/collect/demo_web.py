"""The demo corpus as a small web: its pages at their real URLs, a list page, feed or sitemap per site.

Generated from the corpus's manifest.jsonl and sites.yaml. Sites take turns being a list (paginated,
four links a page), an RSS feed and a sitemap; a site whose corpus holds its real channel page is
also crawled from that page. Some pages are sent with a charset in Content-Type, others without,
as real servers do.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import yaml

from yuqing.collect.localweb import LocalWeb

__all__ = ["demo_web"]

_KINDS = ("list", "feed", "sitemap")
_PER_PAGE = 4


def demo_web(corpus: Path) -> tuple[LocalWeb, str]:
    """Return the demo web (not started) and the sources.yaml that crawls it."""
    sites = yaml.safe_load((corpus / "sites.yaml").read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    host_site = {d: key for key, s in sites.items() for d in s["domains"]}
    web = LocalWeb()
    by_site: dict[str, list[dict]] = {key: [] for key in sites}
    for n, row in enumerate(rows):
        body = (corpus / row["path"]).read_bytes()
        charset = row.get("encoding") or "utf-8"
        ctype = f"text/html; charset={charset}" if n % 2 == 0 else "text/html"
        status = 404 if row.get("kind") == "error" else 200
        web.add(row["url"], body, content_type=ctype, status=status)
        key = host_site.get(urlsplit(row["url"]).hostname or "")
        if key is not None:
            by_site[key].append(row)
    entries: list[str] = ["sources:"]
    for i, (key, site) in enumerate(sites.items()):
        pages = [r for r in by_site[key] if r.get("kind") != "list"]
        channel = site["lists"][0]
        real_lists = [r["url"] for r in by_site[key] if r.get("kind") == "list"]
        kind = _KINDS[i % 3]
        head = [f"  - id: {key}", f"    name: {site['name']}", f"    tier: {site['tier']}"]
        if kind == "list":
            url = channel if channel not in real_lists else _sibling(channel, "demo-list")
            _serve_list(web, url, [r["url"] for r in pages])
            entries += head + ["    kind: list", f"    url: {json.dumps(url)}", '    links: "ul.demo-list a"',
                               '    next: "a.next"', "    max_pages: 10"]
        elif kind == "feed":
            url = _sibling(site["home"], f"rss/{key}.xml")
            web.add(url, _rss(site["name"], [r["url"] for r in pages]), content_type="application/rss+xml; charset=utf-8",
                    headers={"ETag": f'"{key}-1"'})
            entries += head + ["    kind: feed", f"    url: {json.dumps(url)}"]
        else:
            url = _sibling(site["home"], "sitemap.xml")
            web.add(url, _sitemap([r["url"] for r in pages]), content_type="application/xml")
            entries += head + ["    kind: sitemap", f"    url: {json.dumps(url)}"]
        for j, real in enumerate(real_lists):
            entries += [f"  - id: {key}-channel{j + 1}", f"    name: {site['name']}", f"    tier: {site['tier']}",
                        "    kind: list", f"    url: {json.dumps(real)}"]
    return web, "\n".join(entries) + "\n"


def _sibling(url: str, path: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/{path}"


def _serve_list(web: LocalWeb, first: str, urls: list[str]) -> None:
    chunks = [urls[i:i + _PER_PAGE] for i in range(0, len(urls), _PER_PAGE)] or [[]]
    sep = "&" if "?" in first else "?"
    page_urls = [first] + [f"{first}{sep}page={n}" for n in range(2, len(chunks) + 1)]
    for n, chunk in enumerate(chunks):
        items = "".join(f'<li><a href="{escape(u)}">{escape(u)}</a></li>' for u in chunk)
        nxt = f'<a class="next" href="{escape(page_urls[n + 1])}">下一页</a>' if n + 1 < len(chunks) else ""
        web.add(page_urls[n], f'<html><head><meta charset="utf-8"><title>列表</title></head><body>'
                              f'<ul class="demo-list">{items}</ul>{nxt}</body></html>')


def _rss(title: str, urls: list[str]) -> str:
    items = "".join(f"<item><title>{escape(u)}</title><link>{escape(u)}</link></item>" for u in urls)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"{items}</channel></rss>")


def _sitemap(urls: list[str]) -> str:
    locs = "".join(f"<url><loc>{escape(u)}</loc></url>" for u in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
