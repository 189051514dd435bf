"""Which days an issue covers, and the day it is dated.

The default rule is the model bulletin's: Monday to Friday, the issue dated that Friday. A workspace may
set other start and end weekdays (e.g. Friday to Thursday); the window is always the span of days ending
on the most recent end weekday on or before the reference day, unless the reference day falls inside a
window, which is then that window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

__all__ = ["WEEKDAYS", "Window", "window_for", "window_between"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")


@dataclass(frozen=True, slots=True)
class Window:
    """Days ``first``..``last`` inclusive; the issue is dated ``last``."""

    first: date
    last: date

    @property
    def issue_date(self) -> date:
        return self.last

    def bounds_utc(self) -> tuple[datetime, datetime]:
        """Return the window as [start, end) instants in UTC, days counted in China time."""
        start = datetime.combine(self.first, time.min, CHINA).astimezone(UTC)
        end = datetime.combine(self.last + timedelta(days=1), time.min, CHINA).astimezone(UTC)
        return start, end


def _weekday_index(name: str) -> int:
    try:
        return WEEKDAYS.index(name.strip().lower())
    except ValueError:
        raise ValueError(f"unknown weekday {name!r}; expected one of {', '.join(WEEKDAYS)}") from None


def window_for(day: date, start: str = "monday", end: str = "friday") -> Window:
    """Return the window containing ``day``, or the last one ended before it (a weekend day → that week)."""
    s, e = _weekday_index(start), _weekday_index(end)
    length = (e - s) % 7  # days from first to last
    # Days since the window's first day, counted back from `day`.
    back = (day.weekday() - s) % 7
    # A day after the window closed (Saturday for Mon–Fri) still belongs to the week just ended.
    first = day - timedelta(days=back)
    return Window(first, first + timedelta(days=length))


def window_between(first: date, last: date) -> Window:
    """Return an explicit window; ``first`` must not be after ``last``."""
    if first > last:
        raise ValueError(f"window starts {first} after it ends {last}")
    return Window(first, last)
