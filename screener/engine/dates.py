"""Calendar arithmetic for ages and deadlines; no time zones, whole days."""

from __future__ import annotations

import calendar
import datetime as dt

# Whole years live with the dates themselves: the case file checks an age against a date of birth too.
from screener.isodate import add_years, age_on

__all__ = ["add_months", "add_years", "age_on"]


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day of the month, or the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))
