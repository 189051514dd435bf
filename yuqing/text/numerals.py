"""Chinese numerals and dates as bulletins print them."""

from __future__ import annotations

from datetime import date

__all__ = ["chinese_date", "digits_one_by_one", "issue_label"]

_DIGITS = "〇一二三四五六七八九"


def digits_one_by_one(n: int) -> str:
    """Return ``n`` written digit by digit in Chinese: 275 → 二七五, 1024 → 一〇二四."""
    if n < 0:
        raise ValueError(f"issue numbers are not negative: {n}")
    return "".join(_DIGITS[int(d)] for d in str(n))


def issue_label(n: int) -> str:
    """Return the masthead line for issue ``n``: （第二七五期）."""
    return f"（第{digits_one_by_one(n)}期）"


def chinese_date(d: date) -> str:
    """Return ``d`` as 2017年10月27日 (Arabic digits, no leading zeros), the form the bulletin uses."""
    return f"{d.year}年{d.month}月{d.day}日"
