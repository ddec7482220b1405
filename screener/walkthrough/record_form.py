"""The professional record's form, asked alike in the full-screen walkthrough and plain mode.

Its fields are the case file's ``record`` block and ``nrm.referred_on`` (the contract's fixed
names), each read one way wherever it is typed: text as one field of the record is checked,
dates as people write them (``screener.typed_dates``, the day first) and shown back in words.
The NRM referral date is a date of the case like the decision date, so it is no later than the
day of screening (the case file refuses one that is).
"""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError

from screener.casefile.model import Record
from screener.typed_dates import DateError, in_words, read_date
from screener.walkthrough.model import AnswerError

REFERRED_ON = "referred_on"
# In the order asked: the record's fields in contract order, then the NRM referral date.
FIELDS: tuple[tuple[str, str], ...] = (
    ("completed_by", "Completed by (a role, not a name)"),
    ("agency", "Agency"),
    ("judgement", "Professional judgement and reasons"),
    ("discussed_with", "Discussed with (a role)"),
    ("discussed_on", "Discussed on"),
    ("review_on", "Review on"),
    (REFERRED_ON, "NRM referral made on"),
)
DATES = frozenset(name for name, _ in FIELDS if name.endswith("_on"))


def short_label(name: str) -> str:
    """The field's label without its hint: ``Completed by``."""
    return dict(FIELDS)[name].split(" (", 1)[0]


def read_field(name: str, typed: str, screening_date: dt.date) -> str | dt.date | None:
    """One field as typed: None when blank, else its value; ``AnswerError`` naming the field says why not."""
    text = " ".join(typed.split())
    if not text:
        return None
    if name in DATES:
        try:
            day = read_date(text)
        except DateError as exc:
            raise AnswerError(f"{short_label(name)}: {exc}") from None
        if name == REFERRED_ON and day > screening_date:
            raise AnswerError(
                f"{short_label(name)}: {in_words(day)} is after the screening date, {in_words(screening_date)}. "
                "The referral date cannot be later than the screening date; leave it blank until the referral is made."
            )
        return day
    try:
        Record(**{name: text})  # type: ignore[arg-type]
    except ValidationError as exc:
        raise AnswerError(f"{short_label(name)}: {exc.errors()[0]['msg']}") from None
    return text


def read_day(name: str, typed: str, screening_date: dt.date) -> dt.date | None:
    """A date field as typed (``read_field``): the day, or None when blank."""
    assert name in DATES, name
    day = read_field(name, typed, screening_date)
    assert day is None or isinstance(day, dt.date)
    return day


def read_back(name: str, typed: str, screening_date: dt.date) -> str:
    """A typed date as it reads, in words (``5 December 2024``); '' for what is not a date yet, or not one."""
    if name not in DATES or not typed.strip():
        return ""
    try:
        day = read_field(name, typed, screening_date)
    except AnswerError:
        try:
            day = read_date(typed)
        except DateError:
            return ""
        return f"{in_words(day)} (after the screening date)"
    return in_words(day) if isinstance(day, dt.date) else ""


def shown(value: object) -> str:
    """A field's value as the form shows it back: a date in words, text as given."""
    return in_words(value) if isinstance(value, dt.date) else str(value or "")
