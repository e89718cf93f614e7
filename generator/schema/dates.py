"""Dates as clerks write them: ``2017-07-01``, ``2017/7/1`` or ``2017年7月1日``."""

from __future__ import annotations

import datetime as dt
import re

_DATE = re.compile(r"^\s*(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})\s*日?\s*$")


class DateError(ValueError):
    """A value that is not a date, or not a possible one (2017-13-01)."""


def parse_date(value: object) -> dt.date:
    """Return the date ``value`` names, or raise DateError saying why not in Chinese."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    m = _DATE.match(text)
    if not m:
        raise DateError(f"「{text}」不是日期，请写作 2017-07-01 或 2017年7月1日")
    year, month, day = (int(g) for g in m.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"「{text}」不是一个存在的日期（请核对年、月、日）") from None
