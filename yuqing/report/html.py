"""Render an issue as one self-contained HTML page (Jinja2), styled for print on A4.

The same page feeds the PDF renderer; only the font stacks differ: a reader's browser gets the names
Chinese offices have (仿宋, 黑体, 方正小标宋 …) with free fallbacks, WeasyPrint gets fonts that are
installed here (see :mod:`yuqing.report.pdf`).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from yuqing.models import Issue
from yuqing.report.parts import (
    display_title,
    issue_date_text,
    item_date,
    lead_sentence,
    masthead_label,
    media_line,
    paragraphs,
    sections,
)

__all__ = ["BROWSER_FONTS", "FontStacks", "render_html"]


@dataclass(frozen=True, slots=True)
class FontStacks:
    """CSS font-family lists for the four faces of a bulletin."""

    heading: str
    """Title and section headings: 小标宋 / 黑体."""
    body: str
    """Running text: 仿宋."""
    kai: str
    """Item titles: 楷体."""
    song: str
    """Page numbers: 宋体."""


_FREE = '"Noto Serif CJK SC", "Source Han Serif SC", "WenQuanYi Zen Hei", serif'
BROWSER_FONTS = FontStacks(
    heading='"方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "黑体", "SimHei", '
            '"Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif',
    body=f'"仿宋", "仿宋_GB2312", "FangSong", "FangSong_GB2312", "STFangsong", {_FREE}',
    kai=f'"楷体", "楷体_GB2312", "KaiTi", "KaiTi_GB2312", "STKaiti", {_FREE}',
    song=f'"宋体", "SimSun", "STSong", {_FREE}',
)


@lru_cache(maxsize=1)
def _env() -> Environment:
    # Autoescape only the page: the stylesheet is filled with our own font names and quoted as CSS.
    env = Environment(loader=PackageLoader("yuqing.report", "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
                      undefined=StrictUndefined)
    env.globals.update(item_date=item_date, media_line=media_line, paragraphs=paragraphs)
    return env


def chart_data_uri(issue: Issue) -> str | None:
    """Return the overview chart as a ``data:image/png`` URI, or ``None`` when there is no overview."""
    from yuqing.report.chart import overview_chart_png

    png = overview_chart_png(issue)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii") if png else None


def render_html(issue: Issue, fonts: FontStacks = BROWSER_FONTS) -> str:
    """Return the HTML page of ``issue``: masthead with red rule, lead, numbered sections."""
    env = _env()
    css = Markup(env.get_template("print.css.j2").render(fonts=fonts))
    return env.get_template("issue.html.j2").render(
        issue=issue, css=css, title=display_title(issue), label=masthead_label(issue),
        date=issue_date_text(issue), lead=lead_sentence(issue), sections=sections(issue),
        overview=issue.extras.get("overview"), failed_sources=issue.extras.get("failed_sources"),
        chart=chart_data_uri(issue),
    )
