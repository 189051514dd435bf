"""Read an index page (feed, list page, sitemap) into the article links it offers.

Each function takes the response body and its URL and returns a :class:`Links`; a body that is not
what the source's kind promises comes back with ``problem`` set (``bad-feed``, ``bad-sitemap``), never
an exception.
"""

from __future__ import annotations

import gzip
import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

__all__ = ["ARTICLE_HINT", "Links", "feed_links", "list_links", "sitemap_links"]

# Default for list pages without ``links:`` or ``pattern:``: a same-site link whose path or query
# holds a long number or a date, as Chinese news CMSs give their articles (content_584600.shtml,
# /2017/10/24/011829561.shtml, index.do?id=371313).
ARTICLE_HINT = re.compile(r"\d{5,}|/20\d\d[-/]?\d\d[-/]?\d\d/|/20\d\d-\d\d/")


@dataclass(slots=True)
class Links:
    """What an index page offers: article URLs, further index pages (next page, child sitemaps)."""

    articles: list[str] = field(default_factory=list)
    more: list[str] = field(default_factory=list)
    problem: str | None = None
    detail: str = ""


def _absolute(base: str, href: str | None) -> str | None:
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("javascript:", "mailto:", "#", "tel:")):
        return None
    url = urljoin(base, href).split("#", 1)[0]
    return url if urlsplit(url).scheme in ("http", "https") else None


def _unique(urls: list[str]) -> list[str]:
    return list(dict.fromkeys(urls))


def feed_links(body: bytes, url: str, content_type: str | None = None) -> Links:
    """Return the entry links of an RSS/Atom feed; ``bad-feed`` when no entry with a link can be read."""
    import feedparser

    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(body, response_headers=headers)
    found: list[str] = []
    for entry in parsed.entries:
        href = entry.get("link")
        if not href:
            href = next((ln.get("href") for ln in entry.get("links", []) if ln.get("rel") == "alternate"), None)
        absolute = _absolute(url, href)
        if absolute:
            found.append(absolute)
    if not found:
        exc = parsed.get("bozo_exception")
        detail = f"{type(exc).__name__}: {exc}" if exc else "no entries with a link"
        return Links(problem="bad-feed", detail=detail[:500])
    return Links(articles=_unique(found))


def list_links(text: str, url: str, *, links: str | None = None, pattern: str | None = None,
               next_selector: str | None = None) -> Links:
    """Return the article links of a list page and its next page (``links``: CSS or XPath selector)."""
    from parsel import Selector

    sel = Selector(text=text or "<html></html>", base_url=url)
    if links:
        hrefs = _select_hrefs(sel, links)
    else:
        hrefs = sel.xpath("//a/@href").getall()
    found = [u for u in (_absolute(url, h) for h in hrefs) if u]
    if pattern:
        rx = re.compile(pattern)
        found = [u for u in found if rx.search(u)]
    elif not links:
        host = urlsplit(url).hostname
        found = [u for u in found if urlsplit(u).hostname == host and u != url
                 and ARTICLE_HINT.search(u.split("://", 1)[1].split("/", 1)[-1])]
    more: list[str] = []
    if next_selector:
        nxt = [u for u in (_absolute(url, h) for h in _select_hrefs(sel, next_selector)) if u and u != url]
        more = nxt[:1]
    return Links(articles=_unique(found), more=more)


def _select_hrefs(sel, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Return hrefs of what ``selector`` picks: attribute values directly, else the href of each
    element or of the links inside it."""
    from yuqing.sources import is_xpath

    picked = sel.xpath(selector) if is_xpath(selector) else sel.css(selector)
    out: list[str] = []
    for node in picked:
        if isinstance(node.root, str):
            out.append(node.root)
        elif node.attrib.get("href"):
            out.append(node.attrib["href"])
        else:
            out.extend(node.xpath(".//a/@href").getall())
    return out


def _ungzip(body: bytes) -> bytes | None:
    if body[:2] != b"\x1f\x8b":
        return body
    try:
        return gzip.decompress(body)
    except (OSError, EOFError, zlib.error):
        return None


def sitemap_links(body: bytes, url: str) -> Links:
    """Return the page URLs of a sitemap, or the child sitemaps of a sitemap index (``more``)."""
    from lxml import etree
    from scrapy.utils.sitemap import Sitemap

    raw = _ungzip(body)
    if raw is None:
        return Links(problem="bad-sitemap", detail="gzip data is corrupt")
    try:
        sitemap = Sitemap(raw)
    except (etree.XMLSyntaxError, ValueError) as exc:
        return Links(problem="bad-sitemap", detail=str(exc)[:500])
    locs = [u for u in (_absolute(url, e.get("loc")) for e in sitemap) if u]
    if sitemap.type == "sitemapindex":
        return Links(more=_unique(locs))
    if sitemap.type != "urlset":
        return Links(problem="bad-sitemap", detail=f"root element is {sitemap.type!r}, not urlset or sitemapindex")
    return Links(articles=_unique(locs))
