from datetime import UTC, date, datetime

import pytest

from yuqing.report.window import Window, window_between, window_for
from yuqing.text.numerals import chinese_date, digits_one_by_one, issue_label


@pytest.mark.parametrize("n, text", [(275, "二七五"), (1, "一"), (10, "一〇"), (100, "一〇〇"), (2019, "二〇一九"),
                                     (0, "〇")])
def test_issue_numbers_are_written_digit_by_digit(n, text):
    assert digits_one_by_one(n) == text


def test_issue_label_matches_the_model():
    assert issue_label(275) == "（第二七五期）"


def test_negative_numbers_are_refused():
    with pytest.raises(ValueError):
        digits_one_by_one(-1)


def test_chinese_date_has_no_leading_zeros():
    assert chinese_date(date(2017, 10, 27)) == "2017年10月27日"
    assert chinese_date(date(2018, 1, 5)) == "2018年1月5日"


@pytest.mark.parametrize("day", [date(2017, 10, d) for d in range(23, 30)])
def test_every_day_of_the_model_week_maps_to_monday_friday(day):
    assert window_for(day) == Window(date(2017, 10, 23), date(2017, 10, 27))


def test_the_issue_is_dated_the_friday():
    assert window_for(date(2017, 10, 25)).issue_date == date(2017, 10, 27)


def test_window_across_a_year_boundary():
    w = window_for(date(2019, 1, 2))
    assert (w.first, w.last) == (date(2018, 12, 31), date(2019, 1, 4))
    w = window_for(date(2020, 12, 31))  # Thursday
    assert (w.first, w.last) == (date(2020, 12, 28), date(2021, 1, 1))


def test_a_friday_to_thursday_rule():
    w = window_for(date(2017, 10, 23), start="friday", end="thursday")
    assert (w.first, w.last) == (date(2017, 10, 20), date(2017, 10, 26))


def test_unknown_weekday_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown weekday 'fryday'"):
        window_for(date(2017, 10, 23), end="fryday")


def test_window_bounds_are_china_days_in_utc():
    start, end = window_for(date(2017, 10, 23)).bounds_utc()
    assert start == datetime(2017, 10, 22, 16, 0, tzinfo=UTC)
    assert end == datetime(2017, 10, 27, 16, 0, tzinfo=UTC)


def test_explicit_window_must_not_run_backwards():
    with pytest.raises(ValueError):
        window_between(date(2017, 10, 27), date(2017, 10, 23))
