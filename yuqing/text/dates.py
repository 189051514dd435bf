"""The one registry of date parsers for Chinese pages.

Forms understood (full-width digits are folded first)::

    2017年10月23日 08:30      2017-10-23 08:30:05      2017/10/23      2017.10.23
    17-10-23                  20171023 (only when asked: URLs)           2017-10-23T08:30:00+08:00
    发布时间：2017-10-23      3小时前 / 10分钟前 / 2天前 / 刚刚 / 今天 / 昨天 08:30 / 前天 (given a reference time)

Every datetime returned is timezone-aware: the page's own offset when it gives one, else +08:00.
Nothing here raises on bad text; a parser that does not match returns ``None``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

__all__ = [
    "CHINA",
    "FoundDate",
    "PARSERS",
    "find_dates",
    "iter_url_dates",
    "parse_date",
    "parse_relative",
]

CHINA = timezone(timedelta(hours=8), "CST")
"""China Standard Time, the zone assumed when a page gives none."""

MIN_YEAR = 1990
MAX_YEAR = 2100


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in text: the value, where it was, and how much of it the text gave."""

    value: datetime
    start: int
    end: int
    precision: str
    """``"year"``, ``"month"``, ``"day"``, ``"minute"`` or ``"second"``."""
    parser: str


_TIME = r"(?:[\sT　]*(?:(?:上午|下午|晚上|凌晨)\s*)?(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?(?:\.\d+)?\s*秒?)?"
_ZONE = r"(?:\s*(Z|[+-]\d{2}:?\d{2})(?![\d]))?"

_CN = re.compile(r"(?<!\d)(\d{4}|\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]" + _TIME)
# A two-digit day may run straight into a two-digit clock time: pages print date and time in adjacent
# spans (<span>18-03-08</span><span>23:16</span>), and the text of the line joins them.
_GLUED = r"(?<=\d\d)(?=[0-2]\d[:：][0-5]\d(?!\d))"
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:(?!\d)|" + _GLUED + ")" + _TIME + _ZONE)
_SLASH = re.compile(r"(?<!\d)(\d{4})\s*([/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?:(?![\d.])|" + _GLUED + ")" + _TIME + _ZONE)
# "时间：18-03-08" (the full-width colon folds to ":"): only a clock time such as "12:18-03-08" is refused
_SHORT = re.compile(r"(?<![\d./-])(?<!\d:)(\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?:(?![\d.:/-])|" + _GLUED + ")" + _TIME)
_CN_MONTH = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d)")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_URL = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(?:/)?(0[1-9]|[12]\d|3[01])(?!\d)")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _year(raw: str) -> int:
    y = int(raw)
    if len(raw) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _zone(raw: str | None) -> timezone:
    if not raw:
        return CHINA
    if raw == "Z":
        return UTC
    sign = -1 if raw[0] == "-" else 1
    digits = raw[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))


def _build(
    y: int, mo: int, d: int, hh: str | None, mm: str | None, ss: str | None,
    zone: str | None = None, pm: bool = False,
) -> tuple[datetime, str] | None:
    if not (MIN_YEAR <= y <= MAX_YEAR):
        return None
    h = int(hh) if hh else 0
    if pm and h < 12:
        h += 12
    try:
        value = datetime(y, mo, d, h, int(mm) if mm else 0, int(ss) if ss else 0, tzinfo=_zone(zone))
    except ValueError:
        return None
    precision = "second" if ss else "minute" if hh else "day"
    return value, precision


def _is_pm(m: re.Match[str]) -> bool:
    segment = m.string[m.start():m.end()]
    return "下午" in segment or "晚上" in segment


def _cn(m: re.Match[str]) -> tuple[datetime, str] | None:
    return _build(_year(m[1]), int(m[2]), int(m[3]), m[4], m[5], m[6], pm=_is_pm(m))


def _iso(m: re.Match[str]) -> tuple[datetime, str] | None:
    return _build(int(m[1]), int(m[2]), int(m[3]), m[4], m[5], m[6], m[7], pm=_is_pm(m))


def _slash(m: re.Match[str]) -> tuple[datetime, str] | None:
    return _build(int(m[1]), int(m[3]), int(m[4]), m[5], m[6], m[7], m[8], pm=_is_pm(m))


def _short(m: re.Match[str]) -> tuple[datetime, str] | None:
    return _build(_year(m[1]), int(m[3]), int(m[4]), m[5], m[6], m[7], pm=_is_pm(m))


def _cn_month(m: re.Match[str]) -> tuple[datetime, str] | None:
    built = _build(int(m[1]), int(m[2]), 1, None, None, None)
    return (built[0], "month") if built else None


def _compact(m: re.Match[str]) -> tuple[datetime, str] | None:
    return _build(int(m[1]), int(m[2]), int(m[3]), None, None, None)


Parser = Callable[[re.Match[str]], "tuple[datetime, str] | None"]

PARSERS: tuple[tuple[str, re.Pattern[str], Parser], ...] = (
    ("cn", _CN, _cn),
    ("iso", _ISO, _iso),
    ("slash", _SLASH, _slash),
    ("short", _SHORT, _short),
    ("cn-month", _CN_MONTH, _cn_month),
)
"""Absolute forms, tried in this order; an earlier parser's span wins over an overlapping later one."""


def find_dates(text: str, *, compact: bool = False) -> list[FoundDate]:
    """Return every absolute date in ``text``, in reading order (``compact`` adds 20171023 forms)."""
    text = _fold(text)
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    parsers: list[tuple[str, re.Pattern[str], Parser]] = list(PARSERS)
    if compact:
        parsers.append(("compact", _COMPACT, _compact))
    for name, pattern, build in parsers:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            built = build(m)
            if built is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(FoundDate(built[0], m.start(), m.end(), built[1], name))
    found.sort(key=lambda f: f.start)
    return found


def iter_url_dates(url: str) -> Iterator[datetime]:
    """Yield dates spelled in a URL path (/2020-02/19/, /20200102/, /2020/01/02/), +08:00."""
    for m in _URL.finditer(url):
        built = _build(int(m[1]), int(m[2]), int(m[3]), None, None, None)
        if built:
            yield built[0]


_RELATIVE = re.compile(
    r"(刚刚|\d+\s*秒(?:钟)?前|\d+\s*分钟前|\d+\s*(?:个)?小时前|\d+\s*天前|今天|昨天|前天)"
    r"(?:\s*(\d{1,2})[:：](\d{2}))?"
)


def parse_relative(text: str, reference: datetime) -> datetime | None:
    """Return the moment a relative phrase (3小时前, 昨天 08:30, 刚刚) names, counted back from ``reference``."""
    m = _RELATIVE.search(_fold(text))
    if not m:
        return None
    ref = reference if reference.tzinfo else reference.replace(tzinfo=CHINA)
    word = m[1]
    num = int(re.match(r"\d+", word)[0]) if word[0].isdigit() else 0  # type: ignore[index]
    if word == "刚刚":
        return ref
    if "秒" in word:
        return ref - timedelta(seconds=num)
    if "分钟" in word:
        return ref - timedelta(minutes=num)
    if "小时" in word:
        return ref - timedelta(hours=num)
    days = {"今天": 0, "昨天": 1, "前天": 2}.get(word, num)
    day = ref - timedelta(days=days)
    if m[2]:
        return day.replace(hour=int(m[2]), minute=int(m[3]), second=0, microsecond=0)
    if word in ("今天", "昨天", "前天"):
        return day.replace(hour=0, minute=0, second=0, microsecond=0)
    return day


def parse_date(text: str, reference: datetime | None = None) -> datetime | None:
    """Return the first date in ``text`` (absolute forms first, then relative ones when ``reference`` is given)."""
    if not text:
        return None
    found = find_dates(text)
    if found:
        return found[0].value
    folded = _fold(text).strip()
    try:
        value = datetime.fromisoformat(folded)
    except ValueError:
        value = None
    if value is not None and MIN_YEAR <= value.year <= MAX_YEAR:
        return value if value.tzinfo else value.replace(tzinfo=CHINA)
    if reference is not None:
        return parse_relative(folded, reference)
    return None
