"""The 舆情概述 chart: items per day as a bar chart, drawn with Pillow into a PNG.

One PNG serves every format (HTML and PDF embed it as a data URI, Word as a picture), so the chart
needs no plotting library. Labels are Chinese, so a CJK font file is looked up through fontconfig.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from yuqing.models import Issue

__all__ = ["cjk_font_file", "overview_chart_png"]

_KNOWN_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
_SCALE = 2  # drawn at twice the printed size so it stays sharp on paper


@lru_cache(maxsize=4)
def cjk_font_file(family: str = "WenQuanYi Zen Hei") -> Path | None:
    """Return the file of an installed font covering Chinese, ``family`` preferred; ``None`` if none."""
    if shutil.which("fc-match"):
        out = subprocess.run(["fc-match", "-f", "%{file}", f"{family}:lang=zh-cn"],
                             capture_output=True, text=True, check=False).stdout.strip()
        if out and Path(out).is_file():
            return Path(out)
    for known in _KNOWN_FONTS:
        if Path(known).is_file():
            return Path(known)
    return None


def overview_chart_png(issue: Issue, width: int = 600, height: int = 240) -> bytes | None:
    """Return a PNG bar chart of the overview's counts by day, or ``None`` without an overview."""
    overview = issue.extras.get("overview")
    if not overview or not overview.get("by_day"):
        return None
    from PIL import Image, ImageDraw, ImageFont

    pairs: list[tuple[str, int]] = list(overview["by_day"])
    w, h = width * _SCALE, height * _SCALE
    img = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(img)
    font_file = cjk_font_file()
    size = 13 * _SCALE
    font = ImageFont.truetype(str(font_file), size) if font_file else ImageFont.load_default(size)
    left, right, top, bottom = 40 * _SCALE, 16 * _SCALE, 22 * _SCALE, 36 * _SCALE
    plot_w, plot_h = w - left - right, h - top - bottom
    peak = max(max(c for _, c in pairs), 1)
    base_y = top + plot_h
    draw.line([(left, base_y), (w - right, base_y)], fill="#333333", width=_SCALE)
    for tick in range(0, peak + 1, max(1, peak // 4 or 1)):
        y = base_y - plot_h * tick / peak
        draw.line([(left - 4 * _SCALE, y), (left, y)], fill="#333333", width=_SCALE)
        draw.text((left - 8 * _SCALE, y), str(tick), fill="#333333", font=font, anchor="rm")
    slot = plot_w / len(pairs)
    bar = min(slot * 0.6, 60 * _SCALE)
    for i, (label, count) in enumerate(pairs):
        cx = left + slot * (i + 0.5)
        y = base_y - plot_h * count / peak
        if count:
            draw.rectangle([cx - bar / 2, y, cx + bar / 2, base_y], fill="#c00000")
        draw.text((cx, y - 3 * _SCALE), f"{count}篇", fill="#000000", font=font, anchor="md")
        draw.text((cx, base_y + 6 * _SCALE), label, fill="#000000", font=font, anchor="ma")
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
