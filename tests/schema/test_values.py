"""Dates as clerks write them, and index-number rules."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.schema.dates import DateError, parse_date
from generator.schema.indexno import IndexRule, RuleError, slug


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-07-01", dt.date(2017, 7, 1)),
        ("2017-7-1", dt.date(2017, 7, 1)),
        ("2017年7月1日", dt.date(2017, 7, 1)),
        ("2017 年 7 月 1 日", dt.date(2017, 7, 1)),
        ("2017/07/01", dt.date(2017, 7, 1)),
        ("2017.7.1", dt.date(2017, 7, 1)),
    ],
)
def test_dates_as_clerks_write_them(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2017-13-01", "不是一个存在的日期"),
        ("2019年2月29日", "不是一个存在的日期"),
        ("七月一日", "不是日期"),
        ("2017-07", "不是日期"),
        ("", "不是日期"),
    ],
)
def test_impossible_dates_are_named(text: str, why: str) -> None:
    with pytest.raises(DateError, match=why):
        parse_date(text)


def test_default_rule_is_the_gov_cn_form() -> None:
    rule = IndexRule("{org_code}/{year}-{serial:05}")
    assert rule.format("000014349", 2017, 110) == "000014349/2017-00110"
    parsed = rule.parse("000014349/2017-00110")
    assert parsed is not None
    assert (parsed.org_code, parsed.year, parsed.serial) == ("000014349", 2017, 110)
    assert rule.parse("000014349/2017-110") is None  # the serial has five digits
    assert rule.parse("000014349-2017-00110") is None


def test_regional_rule_of_the_seeds() -> None:
    rule = IndexRule("{org_code}--{year}--{serial:04}")
    parsed = rule.parse("330103--2017--0510")
    assert parsed is not None and (parsed.org_code, parsed.year, parsed.serial) == (
        "330103",
        2017,
        510,
    )
    assert rule.format("330103", 2017, 511) == "330103--2017--0511"


@pytest.mark.parametrize(
    "pattern",
    ["{org_code}-{serial}", "{org}/{year}-{serial}", "{org_code}/{year}-{serial:x5}", "{year"],
)
def test_malformed_rules_are_refused(pattern: str) -> None:
    with pytest.raises(RuleError):
        IndexRule(pattern)


def test_slug_keeps_urls_readable_and_stable() -> None:
    assert slug("000014349/2017-00110") == "000014349-2017-00110"
    assert slug("330103--2017--0510") == "330103--2017--0510"
