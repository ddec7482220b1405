"""Dates as practitioners type them, read one way everywhere a date is typed.

UK practice writes the day first: ``14/03/2011``, ``14-03-2011``, ``14.03.2011``,
``14 March 2011``, ``14 Mar 2011``; ``2011-03-14`` (the case file's form) is read
too. The day always comes first, so ``03/04/2011`` is 3 April, and what cannot be
read that way is refused at once rather than guessed: a two-digit year (which
century?), a month past 12 (``03/14/2011`` is month first), a day the month does
not have (``31/02/2011``), a month name before the day. Whatever is read is shown
back in words (``14 March 2011``), so a slip shows before it is recorded.

Case files keep ``YYYY-MM-DD`` (``screener.isodate``): that is the contract.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from screener.isodate import MAX_YEAR, MIN_YEAR

EXAMPLE = "14/03/2011 or 14 March 2011"

# In English whatever the locale (calendar's names follow LC_TIME).
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTHS = {name.lower(): n for n, name in enumerate(MONTH_NAMES, 1)}
_MONTHS |= {name[:3].lower(): n for n, name in enumerate(MONTH_NAMES, 1)}
_MONTHS["sept"] = 9

_ISO = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})")
_NUMBERS = re.compile(r"(?P<day>[0-9]{1,2})(?P<sep>[/.-])(?P<month>[0-9]{1,2})(?P=sep)(?P<year>[0-9]+)")
_WORDS = re.compile(r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)? +(?P<month>[a-z]+)\.?,? +(?P<year>[0-9]+)")
_MONTH_FIRST = re.compile(r"[a-z]+\.? +[0-9]{1,2}(?:st|nd|rd|th)?,? +[0-9]+")


class DateError(ValueError):
    """A typed date that cannot be read; the message says how to write it."""


def read_date(text: str, what: str = "date") -> dt.date:
    """The day ``text`` names, day first; ``DateError`` saying why when it names none, or more than one.

    ``what``: the date asked for, as the refusal names it ("is not a date of birth").
    """
    typed = " ".join(text.split()).lower()
    if match := _ISO.fullmatch(typed):
        return _day(int(match["year"]), int(match["month"]), int(match["day"]), text)
    if match := _NUMBERS.fullmatch(typed) or _WORDS.fullmatch(typed):
        year = match["year"]
        if len(year) != 4:
            raise DateError(f"'{text}': write the year in full (four figures), for example {EXAMPLE}")
        month_text = match["month"]
        if month_text.isdigit():
            month = int(month_text)
            if month > 12:
                raise DateError(
                    f"'{text}': there is no month {month}. Write the day first, then the month: for example {EXAMPLE}"
                )
        else:
            found = _MONTHS.get(month_text)
            if found is None:
                raise DateError(f"'{text}': '{month_text}' is not a month; for example {EXAMPLE}")
            month = found
        return _day(int(year), month, int(match["day"]), text)
    if _MONTH_FIRST.fullmatch(typed):
        raise DateError(f"'{text}': write the day before the month, for example {EXAMPLE}")
    raise DateError(f"'{text}' is not a {what}: write it as {EXAMPLE} (the day first), or 2011-03-14")


def in_words(day: dt.date) -> str:
    """``14 March 2011``: a date as it reads back, with no doubt which is the day."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _day(year: int, month: int, day: int, text: str) -> dt.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"'{text}' is out of range: use a year from {MIN_YEAR} to {MAX_YEAR}")
    if not 1 <= month <= 12:
        raise DateError(f"'{text}': there is no month {month}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(f"'{text}' is not a real date: {MONTH_NAMES[month - 1]} {year} has {last} days")
    return dt.date(year, month, day)
