"""Render an issue as PDF: the HTML page laid out by WeasyPrint with CJK fonts installed by the set-up.

WeasyPrint embeds a subset of every font it uses. Measured here (``benchmarks/render_speed.py``, the
6-item demo issue, WeasyPrint 70 with HarfBuzz-subset): Noto CJK (Debian fonts-noto-cjk) subsets in
well under a second and yields a ≈0.5 MB file, while HarfBuzz cannot subset WenQuanYi Zen Hei, so
WeasyPrint embeds the whole ≈9 MB face and takes longer. (The older fontTools subsetter was the
other way round: 21–26 s for Noto.) So PDFs use Noto Serif CJK SC (a 宋体 face) for text and Noto Sans
CJK SC (a 黑体 face) for headings, with WenQuanYi Zen Hei as the fallback. Without any CJK font
WeasyPrint draws nothing for Chinese text, without an error: tests check the embedded font's glyphs.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from functools import lru_cache

from yuqing.errors import ReportError
from yuqing.models import Issue
from yuqing.report.html import FontStacks, render_html

__all__ = ["PDF_FONTS", "WQY_FONTS", "cjk_fonts", "render_pdf"]

_SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", "WenQuanYi Zen Hei"'
_SANS = '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei"'
PDF_FONTS = FontStacks(heading=_SANS, body=_SERIF, kai=_SERIF, song=_SERIF)
"""The stack PDFs are made with: Debian's fonts-noto-cjk, fonts-wqy-zenhei as the fallback."""

WQY_FONTS = FontStacks(heading='"WenQuanYi Zen Hei"', body='"WenQuanYi Zen Hei"', kai='"WenQuanYi Zen Hei"',
                       song='"WenQuanYi Zen Hei"')
"""Debian's fonts-wqy-zenhei alone: one 黑体 face for everything; the benchmark's baseline."""


@lru_cache(maxsize=1)
def cjk_fonts() -> tuple[str, ...]:
    """Return the families fontconfig knows that cover Chinese (empty when it knows none).

    Without fontconfig's ``fc-list`` nothing can be said, and ``("?",)`` is returned so rendering goes on.
    """
    if shutil.which("fc-list") is None:
        return ("?",)
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30).stdout
    return tuple(sorted({line.split(",")[0].strip() for line in out.splitlines() if line.strip()}))


def render_pdf(issue: Issue, fonts: FontStacks = PDF_FONTS) -> bytes:
    """Return the PDF bytes of ``issue`` (A4, page numbers at the foot).

    Raises :class:`ReportError` when no font covering Chinese is installed: WeasyPrint would otherwise
    write a PDF with every Chinese character missing, and say nothing.
    """
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango or its libraries missing
        raise ReportError(f"PDF needs WeasyPrint and Pango: {exc}") from exc
    if not cjk_fonts():
        raise ReportError("PDF needs a font that covers Chinese and none is installed: "
                          "apt-get install fonts-noto-cjk (or run ./scripts/setup.sh as root)")
    # WeasyPrint logs every CSS property it ignores; the bulletin's CSS is known, the noise is not useful.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    pdf = HTML(string=render_html(issue, fonts), base_url=".").write_pdf()
    if not pdf:
        raise ReportError("WeasyPrint returned an empty PDF")
    return pdf
