"""HTML → Article: title, publication date, 来源 (outlet), site, author/editor and body paragraphs.

``extract(html, url=None)`` never raises on a bad page: it returns ``None`` when there is no article
(empty, binary, script-only, list pages) or an Article whose ``problems`` say why it is partial.
``decode_html(data, declared)`` turns bytes into text, trusting the bytes over wrong labels.
See docs/extraction.md for the cascade and how its quality is measured.
"""

from __future__ import annotations

from yuqing.extract.article import article_to_dict, extract
from yuqing.extract.charset import decode_html

__all__ = ["article_to_dict", "decode_html", "extract"]
