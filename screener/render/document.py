"""The summary laid out once as blocks; Markdown, text and HTML only serialise them.

Building the content in one place is what keeps the formats saying the same
thing: a renderer decides how a heading or a table looks, never what is in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from screener.area import contact_text
from screener.content.models import INDICATOR_KIND_LABELS
from screener.summary import Provenance, ServiceResult, Summary

URGENCY_TEXT = {
    "today": "today",
    "this-week": "this week",
    "soon": "soon",
    "ongoing": "ongoing",
}
CRITERION_TEXT = {"met": "met", "not-met": "not met", "unknown": "not known"}
TRAINING_BANNER = "TRAINING — FICTIONAL CASE. Not a real child; for teaching only."


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Quote:
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Para | Quote | Bullets | Table


def title(summary: Summary) -> str:
    prefix = "TRAINING — FICTIONAL CASE. " if summary.training else ""
    case = f" — case {summary.reference}" if summary.reference else ""
    return f"{prefix}Signposting summary{case}"


def _sentence(text: str) -> str:
    """End with a full stop unless the content already ends a sentence (no "police..")."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def long_date(day: dt.date) -> str:
    """``29 November 2026``: no leading zero, the month in words, for every reader."""
    return f"{day.day} {day.strftime('%B %Y')}"


def _criteria_count(service: ServiceResult) -> str:
    best: tuple[int, int] | None = None
    for route in service.routes:
        rows = [c for c in service.criteria if c.route == route.id]
        if not rows:
            continue
        met = sum(c.status == "met" for c in rows)
        if best is None or met / len(rows) > best[0] / best[1]:
            best = (met, len(rows))
    if best is None:
        return ""
    return f"{best[0]} of {best[1]} criteria met on the closest route"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def build(summary: Summary) -> list[Block]:
    blocks: list[Block] = [Heading(1, title(summary))]
    if summary.training:
        blocks.append(Para(TRAINING_BANNER))
    blocks.append(Quote(tuple(summary.framing)))
    meta = (
        f"Jurisdiction: {summary.jurisdiction_name} · As at {long_date(summary.as_at)} · "
        f"Content pack {summary.pack.id} {summary.pack.version}, reviewed {summary.pack.reviewed_on.isoformat()} · "
        f"Prepared with {summary.generator}"
    )
    blocks.append(Para(meta))
    if summary.area is not None:
        blocks.append(Para(area_line(summary)))
    for notice in summary.notices:
        blocks.append(Para(f"Notice: {notice}"))

    glance = []
    for service in summary.guardianship:
        count = _criteria_count(service)
        glance.append(f"{service.name}: {service.status_text}" + (f" ({count})." if count else "."))
    today = sum(s.urgency == "today" for s in summary.signposts)
    glance.append(f"{_count(len(summary.signposts), 'signpost', 'signposts')}, {today} of them for today.")
    if summary.key_dates:
        glance.append(f"{_count(len(summary.key_dates), 'key date', 'key dates')}.")
    else:
        glance.append("No key dates yet: they come from a date of birth or a decision date.")
    if summary.follow_up:
        glance.append(
            f"{_count(len(summary.follow_up), 'follow-up question', 'follow-up questions')} could change an outcome."
        )
    else:
        glance.append("No follow-up questions: no answer left unknown would change an outcome.")
    blocks += [Heading(2, "At a glance"), Bullets(tuple(glance))]

    blocks.append(Heading(2, "Guardianship"))
    if not summary.guardianship:
        blocks.append(Para("No guardianship service is listed for this jurisdiction at this date."))
    for service in summary.guardianship:
        blocks.append(Heading(3, f"{service.name} — {service.status_text}"))
        blocks.append(Para(f"Provided by {service.provider}."))
        for route in service.routes:
            label = f"Route: {route.title} — {CRITERION_TEXT[route.status]}"
            if route.discretionary:
                label += " (at the service's discretion)"
            blocks.append(Para(label))
            rows = tuple(
                (c.text, CRITERION_TEXT[c.status], "; ".join(c.answers) or "—")
                for c in service.criteria
                if c.route == route.id
            )
            blocks.append(Table(("criterion", "status", "from your answers"), rows))
            if route.note:
                blocks.append(Para(route.note))
        if service.settle_by_text:
            blocks.append(Para("What would settle it:"))
            blocks.append(Bullets(tuple(service.settle_by_text)))
        blocks.append(Para(f"What happens next: {service.next_steps}"))
        for note in service.notes:
            blocks.append(Para(f"Note: {note}"))
        blocks.append(Para(_sentence(f"Sources: {'; '.join(service.sources)}")))

    blocks.append(Heading(2, "Signposts (most urgent first)"))
    items = []
    for signpost in summary.signposts:
        parts = [f"{signpost.title} — {URGENCY_TEXT.get(signpost.urgency, signpost.urgency)}.", signpost.action]
        parts += signpost.local
        parts.append(_sentence(f"Why: {'; '.join(signpost.why)}"))
        parts.append(_sentence(f"Who: {signpost.who}"))
        if signpost.contacts:
            contacts = "; ".join(contact_text(c) for c in signpost.contacts)
            whose = summary.area.name if summary.area else "area file"
            parts.append(_sentence(f"Local contacts ({whose}): {contacts}"))
        parts.append(_sentence(f"Sources: {'; '.join(signpost.sources)}"))
        items.append(" ".join(parts))
    blocks.append(Bullets(tuple(items), numbered=True) if items else Para("None for these answers."))

    blocks.append(Heading(2, "Key dates"))
    if summary.key_dates:
        blocks.append(
            Bullets(
                tuple(
                    f"{d.date.isoformat()} — {d.text}" + (f" ({'; '.join(d.sources)})" if d.sources else "")
                    for d in summary.key_dates
                )
            )
        )
    else:
        blocks.append(Para("None worked out from the answers given."))

    blocks.append(Heading(2, "Follow-up"))
    if summary.follow_up:
        blocks.append(Bullets(tuple(summary.follow_up)))
    else:
        blocks.append(Para("No unknown answer changes an outcome."))

    blocks.append(Heading(2, "Indicators noted"))
    if not summary.indicators:
        blocks.append(Para("None noted."))
    # One list per theme; the engine already orders indicators theme by theme.
    themes: dict[str, list[str]] = {}
    for indicator in summary.indicators:
        themes.setdefault(indicator.theme_title, []).append(
            f"{indicator.text} ({INDICATOR_KIND_LABELS[indicator.kind].lower()}). "
            f"Why it matters: {indicator.why} ({'; '.join(indicator.sources)})"
        )
    for theme_title, items in themes.items():
        blocks += [Heading(3, theme_title), Bullets(tuple(items))]

    blocks.append(Heading(2, "Answers given"))
    blocks.append(Table(("question", "answer"), tuple((a.label, a.value) for a in summary.answers)))

    blocks.append(Heading(2, "Sources"))
    blocks.append(Bullets(tuple(summary.sources)))
    blocks.append(
        Para(
            f"Content pack {summary.pack.id} {summary.pack.version} ({summary.pack.title}), "
            f"reviewed {summary.pack.reviewed_on.isoformat()}, review due {summary.pack.review_due.isoformat()}."
        )
    )
    if summary.provenance is not None:
        blocks += [Heading(2, "Provenance"), Table(("what", "exactly"), provenance_rows(summary.provenance))]
    return blocks


def area_line(summary: Summary) -> str:
    area = summary.area
    assert area is not None
    return (
        f"Area file: {area.name} ({area.id}), checked {area.verified_on.isoformat()}, "
        f"review due {area.review_due.isoformat()}. Local contacts and facts come from it."
    )


def provenance_rows(prov: Provenance) -> tuple[tuple[str, str], ...]:
    """What produced the summary, one row each, for a summary kept on a case record."""
    rows = [
        ("Content pack", f"{prov.pack.id} {prov.pack.version}"),
        ("Pack digest", prov.pack.digest),
    ]
    if prov.area is not None:
        rows += [
            ("Area file", f"{prov.area.id}, checked {prov.area.verified_on.isoformat()}"),
            ("Area file digest", prov.area.digest),
        ]
    else:
        rows.append(("Area file", "none"))
    rows += [("Screener", prov.screener_version), ("Screening date", prov.screening_date.isoformat())]
    return tuple(rows)
