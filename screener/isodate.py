"""Dates as Screener reads them: ``YYYY-MM-DD`` only, in a year from 1900 to 2100.

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
