"""The first page of every face of the walkthrough: what the tool is and is not, and what it works from."""

from __future__ import annotations

import datetime as dt

from screener.casefile.model import Record
from screener.content.pack import Pack
from screener.textsafe import printable
from screener.typed_dates import in_words
from screener.walkthrough.answers import Answers


def welcome_lines(pack: Pack, answers: Answers, opened: str | None = None, today: dt.date | None = None) -> list[str]:
    """What the tool is and is not, the pack edition and the screening date."""
    info = pack.info
    lines = [
        "Screener walks you through indicators of child trafficking and exploitation, and the "
        "guardianship services and next steps that may apply in England and Wales, Scotland or "
        "Northern Ireland. It ends with a signposting summary.",
        "",
        "It is a signposting aid, not an assessment: it scores nothing and decides nothing. The named services, "
        "first responders and your safeguarding partners decide.",
        "",
        'Any question can be answered "Not known"; only the part of the UK is required. Nothing is '
        "saved unless you save it, and nothing leaves this computer.",
        "",
        f"Content pack: {info.id} edition {info.version}, reviewed {info.reviewed_on.isoformat()}, "
        f"next review due {info.review_due.isoformat()}.",
    ]
    if answers.screening_date > info.review_due:
        lines.append("This pack is past its review date: check its rules against current guidance.")
    lines.append(f"Screening date: {in_words(answers.screening_date)} (rules and dates are worked out as at this day).")
    if opened:
        lines.append(f"Opened {printable(opened)}: its answers are filled in.")
        review = review_due_line(answers.record, today or dt.date.today())
        if review:
            lines.append(review)
    return lines


def review_due_line(record: Record | None, today: dt.date) -> str | None:
    """What a reopened case past its ``record.review_on`` says: the day it was due to be looked at again."""
    if record is None or record.review_on is None or today <= record.review_on:
        return None
    days = (today - record.review_on).days
    return (
        f"This case was due to be looked at again on {record.review_on.isoformat()} "
        f"({days} day{'' if days == 1 else 's'} ago): review the answers before you rely on the summary."
    )
