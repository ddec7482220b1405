"""Calendar arithmetic for ages and deadlines; no time zones, whole days."""

from __future__ import annotations

import calendar
import datetime as dt


def add_years(day: dt.date, years: int) -> dt.date:
    # Someone born on 29 February reaches a birthday on 1 March in common years,
    # as the law of England and Wales and of Scotland treats it.
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day of the month, or the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def age_on(born: dt.date, day: dt.date) -> int:
    years = day.year - born.year
    return years if add_years(born, years) <= day else years - 1
