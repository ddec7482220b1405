"""The summary laid out once as blocks; Markdown, text and HTML only serialise them.

Building the content in one place is what keeps the formats saying the same
thing: a renderer decides how a heading or a table looks, never what is in it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from screener.summary import (
    ContactRef,
    CriterionResult,
    KeyDate,
    Provenance,
    RouteResult,
    ServiceResult,
    Summary,
    Words,
)

# The pack words what the summary gives by id (statuses, urgencies, kinds: ``summary.words``);
# the sentences that hold them are the layout's, and stay here.
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


def key_date_when(d: KeyDate) -> str:
    """A key date as shown: the day, or only the month and year when the exact day is left out."""
    if d.precision == "month":
        return f"{d.date.strftime('%B %Y')} (month only)"
    return d.date.isoformat()


AGE_FACTS = frozenset({"under_18", "aged_18_to_20"})
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _contact(contact: ContactRef) -> str:
    """One contact in words: name, phone, e-mail, hours."""
    text = ", ".join([contact.name, *(p for p in (contact.phone, contact.email) if p)])
    return f"{text} ({contact.hours})" if contact.hours else text


def _lower_first(text: str) -> str:
    """``Lives in …`` → ``lives in …``; an acronym (``NRM …``) keeps its capitals."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _number(n: int) -> str:
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)


def _criteria(service: ServiceResult, route: RouteResult) -> list[CriterionResult]:
    return [c for c in service.criteria if c.route == route.id]


def ruled_out_by_age(service: ServiceResult, route: RouteResult) -> str | None:
    """``at 15`` when the child's age alone rules the route out, else ``None``."""
    if route.status != "not-met":
        return None
    for criterion in _criteria(service, route):
        if criterion.status == "not-met" and criterion.facts and set(criterion.facts) <= AGE_FACTS:
            answer = "; ".join(criterion.answers)
            match = re.fullmatch(r"aged ([0-9]+)", answer)
            return f"at {match[1]}" if match else f"({answer})"
    return None


def deciding_route(service: ServiceResult) -> RouteResult | None:
    """The route that gives the service its outcome: the first met, else the first open, else the closest."""
    live = [r for r in service.routes if ruled_out_by_age(service, r) is None] or service.routes
    for status in ("met", "unknown"):
        for route in live:
            if route.status == status:
                return route
    if not live:
        return None
    return min(live, key=lambda r: sum(c.status == "not-met" for c in _criteria(service, r)))


DISCRETIONARY_MET = "each criterion is answered yes, and allocation is at the service's discretion"


def criteria_words(words: Words, service: ServiceResult, route: RouteResult) -> str:
    """The outcome in criteria, never a count: ``one criterion is not known: lives in an ICTG area``."""
    rows = _criteria(service, route)
    if route.status == "met" and route.discretionary:
        # A discretionary route never reads as met, here or anywhere (the service decides).
        return DISCRETIONARY_MET
    if route.status == "met":
        return "every criterion appears to be met"
    status = "unknown" if route.status == "unknown" else "not-met"
    named = [_lower_first(c.text) for c in rows if c.status == status]
    word = words.criteria[status]
    if not named:
        return "it is at the service's discretion" if route.discretionary else f"a criterion is {word}"
    noun = "criterion is" if len(named) == 1 else "criteria are"
    return f"{_number(len(named))} {noun} {word}: {'; '.join(named)}"


def glance_line(words: Words, service: ServiceResult) -> str:
    route = deciding_route(service)
    if route is None:
        return f"{service.name}: {service.status_text}."
    said = criteria_words(words, service, route)
    plainly_met = route.status == "met" and not route.discretionary
    text = f"{service.name}: {said}" if plainly_met else f"{service.name}: {service.status_text}; {said}"
    live = [r for r in service.routes if ruled_out_by_age(service, r) is None]
    if len(live) > 1:
        text += f" — route: {route.title}"
    return f"{text}."


def count(n: int, one: str, many: str) -> str:
    """``1 round``, ``2 rounds``: the number with the word it takes."""
    return f"{n} {one if n == 1 else many}"


def lead_in(text: str) -> bool:
    """A line that introduces the table or list after it, so never left at the foot of a page without it."""
    return text.startswith("Route: ") or text.endswith(":")


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
        glance.append(glance_line(summary.words, service))
    today = sum(s.urgency == "today" for s in summary.signposts)
    glance.append(f"{count(len(summary.signposts), 'signpost', 'signposts')}, {today} of them for today.")
    if summary.key_dates:
        glance.append(f"{count(len(summary.key_dates), 'key date', 'key dates')}.")
    else:
        glance.append("No key dates yet: they come from a date of birth or a decision date.")
    if summary.follow_up:
        glance.append(
            f"{count(len(summary.follow_up), 'follow-up question', 'follow-up questions')} could change an outcome."
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
        ruled_out = [(r, ruled_out_by_age(service, r)) for r in service.routes]
        open_routes = [r for r, age in ruled_out if age is None]
        deciding = deciding_route(service)
        # The route that gives the heading its outcome comes first; the others follow as "another route".
        if deciding in open_routes:
            open_routes.remove(deciding)
            open_routes.insert(0, deciding)
        for route in open_routes:
            lead = "Route" if route is open_routes[0] else "Another route"
            if route.discretionary and route.status == "met":
                label = f"{lead}: {route.title} — {summary.words.routes['unknown']}: {DISCRETIONARY_MET}"
            else:
                label = f"{lead}: {route.title} — {summary.words.routes[route.status]}"
                if route.discretionary:
                    label += " (at the service's discretion)"
            blocks.append(Para(label))
            rows = tuple(
                (c.text, summary.words.criteria[c.status], "; ".join(c.answers) or "—")
                for c in service.criteria
                if c.route == route.id
            )
            blocks.append(Table(("criterion", "status", "from your answers"), rows))
            if route.note:
                blocks.append(Para(route.note))
        for route, age in ruled_out:
            if age is not None:
                criteria = "; ".join(c.text for c in _criteria(service, route))
                blocks.append(Para(f"{route.title}: not applicable {age} (its criteria: {criteria})."))
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
        parts = [f"{signpost.title} — {summary.words.urgency[signpost.urgency]}.", signpost.action]
        parts += signpost.local
        parts.append(_sentence(f"Why: {'; '.join(signpost.why)}"))
        parts.append(_sentence(f"Who: {signpost.who}"))
        if signpost.contacts:
            contacts = "; ".join(_contact(c) for c in signpost.contacts)
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
                    f"{key_date_when(d)} — {d.text}" + (f" ({'; '.join(d.sources)})" if d.sources else "")
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
            f"{indicator.text} ({summary.words.indicator_kinds[indicator.kind].lower()}). "
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
