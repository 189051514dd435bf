"""The one registry of date parsers: every form Chinese pages use, zones, relative dates, junk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from yuqing.text.dates import CHINA, find_dates, iter_url_dates, parse_date, parse_relative

CST = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017年10月23日", datetime(2017, 10, 23, tzinfo=CST)),
        ("２０１７年１０月２３日 ０８:３０", datetime(2017, 10, 23, 8, 30, tzinfo=CST)),
        ("发布时间：2017年10月23日 08:30", datetime(2017, 10, 23, 8, 30, tzinfo=CST)),
        ("2017年10月23日下午3时20分", datetime(2017, 10, 23, 15, 20, tzinfo=CST)),
        ("2017-10-23", datetime(2017, 10, 23, tzinfo=CST)),
        ("2003-5-29 09:07", datetime(2003, 5, 29, 9, 7, tzinfo=CST)),
        ("2017-10-23 08:30:05", datetime(2017, 10, 23, 8, 30, 5, tzinfo=CST)),
        ("2017/10/23", datetime(2017, 10, 23, tzinfo=CST)),
        ("2017.10.23", datetime(2017, 10, 23, tzinfo=CST)),
        ("17-10-23 12:01", datetime(2017, 10, 23, 12, 1, tzinfo=CST)),
        ("来源：新华社 2020-02-19 20:29:58", datetime(2020, 2, 19, 20, 29, 58, tzinfo=CST)),
        ("2017-10-23T08:30:00+00:00", datetime(2017, 10, 23, 8, 30, tzinfo=UTC)),
        ("2017-10-23T08:30:00Z", datetime(2017, 10, 23, 8, 30, tzinfo=UTC)),
        ("2017-10-23T08:30:00-0500", datetime(2017, 10, 23, 8, 30, tzinfo=timezone(timedelta(hours=-5)))),
        ("发布时间：18-03-08 23:16", datetime(2018, 3, 8, 23, 16, tzinfo=CST)),
        # date and time printed in adjacent spans: the line's text joins them
        ("发布时间：18-03-0823:16", datetime(2018, 3, 8, 23, 16, tzinfo=CST)),
        ("2019-09-0823:16", datetime(2019, 9, 8, 23, 16, tzinfo=CST)),
    ],
)
def test_absolute_forms(text: str, expected: datetime) -> None:
    got = parse_date(text)
    assert got == expected
    assert got is not None and got.utcoffset() == expected.utcoffset()


def test_no_zone_means_china_time() -> None:
    got = parse_date("2024年5月20日")
    assert got is not None and got.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize(
    "text", ["", "没有日期", "2017年13月40日", "1800-01-01", "第12345678号", "版本 1.2.3", "12:18-03-08", "10-0812:00"],
)
def test_junk_gives_none(text: str) -> None:
    assert parse_date(text) is None


def test_precision_is_reported() -> None:
    found = find_dates("创刊于2017年10月，2018年3月5日 10:20 改版")
    assert [f.precision for f in found] == ["month", "minute"]
    assert found[1].value == datetime(2018, 3, 5, 10, 20, tzinfo=CST)


def test_spans_point_into_the_text() -> None:
    text = "时间：2020-01-02 来源：半月谈网"
    (found,) = find_dates(text)
    assert text[found.start:found.end].startswith("2020-01-02")


REF = datetime(2024, 5, 20, 12, 0, tzinfo=CHINA)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("刚刚", REF),
        ("30秒前", REF - timedelta(seconds=30)),
        ("10分钟前", REF - timedelta(minutes=10)),
        ("3小时前", REF - timedelta(hours=3)),
        ("3个小时前", REF - timedelta(hours=3)),
        ("2天前", REF - timedelta(days=2)),
        ("昨天 08:30", datetime(2024, 5, 19, 8, 30, tzinfo=CHINA)),
        ("今天 07:05", datetime(2024, 5, 20, 7, 5, tzinfo=CHINA)),
        ("前天", datetime(2024, 5, 18, tzinfo=CHINA)),
    ],
)
def test_relative_forms(text: str, expected: datetime) -> None:
    assert parse_relative(text, REF) == expected
    assert parse_date(text, reference=REF) == expected


def test_relative_needs_a_reference() -> None:
    assert parse_date("3小时前") is None


def test_naive_reference_is_read_as_china_time() -> None:
    got = parse_relative("1小时前", datetime(2024, 5, 20, 12, 0))
    assert got == datetime(2024, 5, 20, 11, 0, tzinfo=CHINA)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm", datetime(2020, 2, 19, tzinfo=CST)),
        ("http://www.banyuetan.org/jmcs/detail/20200102/100_1.html", datetime(2020, 1, 2, tzinfo=CST)),
        ("http://health.people.com.cn/n1/2023/1102/c14739.html", datetime(2023, 11, 2, tzinfo=CST)),
    ],
)
def test_url_dates(url: str, expected: datetime) -> None:
    assert next(iter_url_dates(url)) == expected


def test_url_without_date() -> None:
    assert list(iter_url_dates("http://www.gov.cn/zhengce/content/c_123456.htm")) == []
