"""Dates as Screener reads them: ``YYYY-MM-DD`` only, in a year from 1900 to 2100; and whole years between two.

Python's ``date.fromisoformat`` would also take ``20241120`` or ``2024-W47-3``, and
pydantic a number of seconds; every date typed or read is held to this one form.
Outside these years a date is a typing slip, and far enough out (9999) adding a
window or an age to it overflows.
"""

from __future__ import annotations

import datetime as dt
import re

ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
MIN_YEAR = 1900
MAX_YEAR = 2100


def parse_iso(text: str) -> dt.date | None:
    """The date ``text`` names, written YYYY-MM-DD; None when it is not one (or not a real day)."""
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def add_years(day: dt.date, years: int) -> dt.date:
    # Someone born on 29 February reaches a birthday on 1 March in common years,
    # as the law of England and Wales and of Scotland treats it.
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def age_on(born: dt.date, day: dt.date) -> int:
    years = day.year - born.year
    return years if add_years(born, years) <= day else years - 1
