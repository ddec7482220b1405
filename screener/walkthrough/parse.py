"""Typed answers: reading what is typed for a text, date or age question, and an answer back in words."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from screener.engine.dates import age_on
from screener.textsafe import refused, shown
from screener.typed_dates import DateError, in_words, read_date
from screener.walkthrough.answers import Answers
from screener.walkthrough.model import AnswerError, Question

MAX_AGE = 120
REFERENCE_MAX = 80

_YEARS = re.compile(r"^[0-9]{1,3}$")


def parse(question: Question, text: str, answers: Answers) -> Any:
    """Read a typed answer to a text, date or age question; raise ``AnswerError``.

    Empty text is none / not known.
    """
    text = text.strip()
    if question.kind == "text":
        return _reference(text)
    if question.kind == "date":
        if question.not_known is not None:
            # Here empty is an answer (none granted), so not known is written out.
            if text.lower() in ("not known", "unknown"):
                return question.not_known
            if text.lower() == "none":
                return None
        return _date(text, answers.screening_date) if text else None
    if question.kind == "age":
        if not text:
            return None
        if _YEARS.match(text):
            years = int(text)
            if years > MAX_AGE:
                raise AnswerError(f"{years} is not a likely age; type whole years or a date of birth")
            return years
        born = _date(text, answers.screening_date, what="date of birth")
        if age_on(born, answers.screening_date) > MAX_AGE:
            raise AnswerError(f"{in_words(born)} would make the child over {MAX_AGE}; check the year")
        return born
    raise AssertionError(f"{question.kind} questions are answered by choosing")


def display(question: Question, answers: Answers) -> str:
    """An answer in words, for the review and the plain mode."""
    value = answers.get(question)
    if question.kind == "indicators":
        titles = [o.short for o in question.options if o.value in value]
        return f"{len(titles)} noted: {'; '.join(titles)}" if titles else "none noted"
    if question.kind == "choice":
        option = question.option(value) if value is not None else None
        return option.short if option else "not chosen yet"
    if question.kind == "text":
        return value or "none"
    if question.kind == "date":
        if isinstance(value, dt.date):
            return in_words(value)
        if question.not_known is not None and value is None:
            return "none granted"
        return "not known"
    if question.kind == "age":
        return age_text(value, answers.screening_date)
    raise AssertionError(question.kind)


def age_text(value: dt.date | int | None, screening_date: dt.date) -> str:
    if isinstance(value, dt.date):
        return f"born {in_words(value)} (aged {age_on(value, screening_date)} on {in_words(screening_date)})"
    if isinstance(value, int):
        return f"aged {value}"
    return "not known"


def _date(text: str, screening_date: dt.date, what: str = "date") -> dt.date:
    try:
        day = read_date(shown(text), what)
    except DateError as exc:
        raise AnswerError(str(exc)) from None
    if day > screening_date:
        raise AnswerError(f"{in_words(day)} is after the screening date ({in_words(screening_date)})")
    return day


def _reference(text: str) -> str | None:
    if not text:
        return None
    if len(text) > REFERENCE_MAX:
        raise AnswerError(f"a reference is at most {REFERENCE_MAX} characters")
    # The case model refuses these too: they could break a line of output, drive a
    # terminal or make the reference read otherwise than it is.
    why = refused(text)
    if why is not None:
        raise AnswerError(f"a reference must be one line of plain text: {why}")
    return text
