"""yuqing (舆情): topic monitoring of Chinese media and government sites, compiled into a weekly bulletin."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Article", "__version__", "extract"]

if TYPE_CHECKING:
    from yuqing.models import Article


def extract(html: bytes | str, url: str | None = None) -> Article | None:
    """Read one page into an :class:`Article`; ``None`` when the page holds no article. Never raises."""
    from yuqing.extract import extract as _extract

    return _extract(html, url=url)
