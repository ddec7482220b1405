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
    ProfessionalRecord,
    Provenance,
    RouteResult,
    ServiceResult,
    SignpostResult,
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


def _key_date_passed(d: KeyDate, as_at: dt.date) -> bool:
    """Whether a key date is behind the screening date; a month-only date passes with its month."""
    if d.precision == "month":
        return (d.date.year, d.date.month) < (as_at.year, as_at.month)
    return d.date < as_at


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


class Notes:
    """The summary's sources as numbered notes: a citation in the text becomes ``[n]``, said once at the end.

    Numbers follow the summary's own list of sources, so the same case always gives the same
    numbers. A source that needs local confirmation says so once, in its note; a sentence that
    repeats it beside a citation of that very source is dropped from the text.
    """

    _CONFIRM = re.compile(r" Confirm locally(?:, last checked (\d{4}-\d{2}-\d{2}))?\.")
    _GROUP = re.compile(r"\(([^()]*\[\d+\][^()]*)\)")
    _REF = re.compile(r"\[\d+\]")

    def __init__(self, sources: list[str]) -> None:
        self.number = {source: n for n, source in enumerate(sources, 1)}
        alternatives = "|".join(re.escape(c) for c in sorted(self.number, key=len, reverse=True))
        # A citation stands after "(" or "; " and before ";" or ")": never a prefix of a longer one.
        self._cited = re.compile(rf"(?:(?<=\()|(?<=; ))(?:{alternatives})(?=;|\))") if self.number else None

    def refs(self, sources: list[str]) -> str:
        """``[2, 5]`` for a list of sources (one not among the notes stays as written)."""
        numbers = [str(n) for n in sorted({self.number[s] for s in sources if s in self.number})]
        others = [s for s in sources if s not in self.number]
        text = f"[{', '.join(numbers)}]" if numbers else ""
        return "; ".join([*others, text] if text else others)

    def text(self, text: str) -> str:
        """Text with its parenthesised citations as note numbers."""
        if self._cited is None:
            return text
        used: list[str] = []

        def number(match: re.Match[str]) -> str:
            used.append(match.group(0))
            return f"[{self.number[match.group(0)]}]"

        text = self._GROUP.sub(self._group, self._cited.sub(number, text))

        def confirm(match: re.Match[str]) -> str:
            said = "confirm locally" + (f", last checked {match[1]}" if match[1] else "")
            return "" if any(said in source for source in used) else match.group(0)

        return self._CONFIRM.sub(confirm, text)

    def _group(self, match: re.Match[str]) -> str:
        items = match[1].split("; ")
        refs = [str(n) for n in sorted({int(i[1:-1]) for i in items if self._REF.fullmatch(i)})]
        rest = [i for i in items if not self._REF.fullmatch(i)]
        numbers = f"[{', '.join(refs)}]"
        return f"({'; '.join(rest)}) {numbers}" if rest else numbers


def _who(summary: Summary, signpost: SignpostResult) -> str:
    """``Who: …`` and the area file's local contacts for a signpost, said once in a summary."""
    who = _sentence(f"Who: {signpost.who}")
    if not signpost.contacts:
        return who
    contacts = "; ".join(_contact(c) for c in signpost.contacts)
    whose = summary.area.name if summary.area else "area file"
    return f"{who} {_sentence(f'Local contacts ({whose}): {contacts}')}"


def _today(summary: Summary) -> list[Block]:
    """Page one: the outcomes, what to do today and who with, what follows and when."""
    words = summary.words
    blocks: list[Block] = [Heading(2, "Today: the outcomes and what to do")]
    if summary.guardianship:
        blocks.append(Para("Guardianship, as the stated criteria indicate (the services decide):"))
        blocks.append(Bullets(tuple(glance_line(words, s) for s in summary.guardianship)))
    else:
        blocks.append(Para("No guardianship service is listed for this jurisdiction at this date."))
    today = [s for s in summary.signposts if s.urgency == "today"]
    later = [s for s in summary.signposts if s.urgency != "today"]
    if today:
        blocks.append(Para("Do today, and who with:"))
        blocks.append(Bullets(tuple(f"{s.title}. {_who(summary, s)}" for s in today)))
    else:
        blocks.append(Para("Nothing is marked for today by these answers."))
    if later:
        blocks.append(Para("Then:"))
        blocks.append(Bullets(tuple(f"{s.title} — {words.urgency[s.urgency]}." for s in later)))
    if summary.key_dates:
        # Page one names the first date still to come: a passed one heading the list (say the
        # pilot's 100-day mark) would read as the next thing to plan for.
        coming = [d for d in summary.key_dates if not _key_date_passed(d, summary.as_at)]
        first = coming[0] if coming else summary.key_dates[-1]
        label = "Next key date" if coming else "Every key date has passed; the last"
        more = len(summary.key_dates) - 1
        tail = f" ({count(more, 'more key date', 'more key dates')} below)" if more else ""
        blocks.append(Para(f"{label}: {key_date_when(first)} — {first.text}{tail}"))
    else:
        blocks.append(Para("No key dates yet: they come from a date of birth or a decision date."))
    if summary.follow_up:
        n = len(summary.follow_up)
        blocks.append(Para(f"{count(n, 'answer', 'answers')} not known could change an outcome: see Follow-up."))
    else:
        blocks.append(Para("No answer left unknown would change an outcome."))
    return blocks


def lead_in(text: str) -> bool:
    """A line that introduces the table or list after it, so never left at the foot of a page without it."""
    return text.startswith("Route: ") or text.endswith(":")


def build(summary: Summary) -> list[Block]:
    notes = Notes(summary.sources)
    blocks: list[Block] = [Heading(1, title(summary))]
    if summary.training:
        blocks.append(Para(TRAINING_BANNER))
    meta = (
        f"Jurisdiction: {summary.jurisdiction_name} · As at {long_date(summary.as_at)} · "
        f"Content pack {summary.pack.id} {summary.pack.version}, reviewed {summary.pack.reviewed_on.isoformat()} · "
        f"Prepared with {summary.generator}"
    )
    blocks.append(Para(meta))
    if summary.record is not None:
        blocks += record_blocks(summary.record)
    blocks += _today(summary)
    # Dated notices follow the outcomes, so that page one opens with what to do today.
    for notice in summary.notices:
        blocks.append(Para(f"Notice: {notes.text(notice)}"))
    blocks.append(Quote(tuple(notes.text(point) for point in summary.framing)))
    if summary.area is not None:
        blocks.append(Para(area_line(summary)))

    blocks.append(Heading(2, "Guardianship"))
    if not summary.guardianship:
        blocks.append(Para("No guardianship service is listed for this jurisdiction at this date."))
    # A criterion a route shares with one shown above, with the same answers, is shown once.
    shown: set[tuple[str, ...]] = set()
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
            rows = tuple(
                (c.text, summary.words.criteria[c.status], "; ".join(c.answers) or "—")
                for c in service.criteria
                if c.route == route.id
            )
            fresh = tuple(row for row in rows if row not in shown)
            shown.update(rows)
            if not fresh:
                blocks.append(Para(f"{label}. Its criteria are all shown above, with the same answers."))
            elif len(fresh) < len(rows):
                own = "this one is its own" if len(fresh) == 1 else "these are its own"
                blocks.append(Para(f"{label}. Shared criteria are shown above, with the same answers; {own}:"))
                blocks.append(Table(("criterion", "status", "from your answers"), fresh))
            else:
                blocks.append(Para(label))
                blocks.append(Table(("criterion", "status", "from your answers"), rows))
            if route.note:
                blocks.append(Para(notes.text(route.note)))
        for route, age in ruled_out:
            if age is not None:
                criteria = "; ".join(c.text for c in _criteria(service, route))
                blocks.append(Para(f"{route.title}: not applicable {age} (its criteria: {criteria})."))
        if service.settle_by_text:
            blocks.append(Para("What would settle it:"))
            blocks.append(Bullets(tuple(service.settle_by_text)))
        blocks.append(Para(f"What happens next: {notes.text(service.next_steps)}"))
        for note in service.notes:
            blocks.append(Para(f"Note: {notes.text(note)}"))
        blocks.append(Para(f"Sources: {notes.refs(service.sources)}."))

    blocks.append(Heading(2, "Signposts (most urgent first)"))
    items = []
    for signpost in summary.signposts:
        parts = [f"{signpost.title} — {summary.words.urgency[signpost.urgency]}.", notes.text(signpost.action)]
        parts += [notes.text(line) for line in signpost.local]
        parts.append(_sentence(f"Why: {'; '.join(signpost.why)}"))
        if signpost.urgency == "today":
            # Who, and the local contacts, are said once: under Today, on page one.
            parts.append("Who: see Today.")
        else:
            parts.append(_who(summary, signpost))
        parts.append(f"Sources: {notes.refs(signpost.sources)}.")
        items.append(" ".join(parts))
    blocks.append(Bullets(tuple(items), numbered=True) if items else Para("None for these answers."))

    blocks.append(Heading(2, "Key dates"))
    if summary.key_dates:
        blocks.append(
            Bullets(
                tuple(
                    f"{key_date_when(d)} — {notes.text(d.text)}" + (f" {notes.refs(d.sources)}" if d.sources else "")
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
            f"Why it matters: {indicator.why} {notes.refs(indicator.sources)}"
        )
    for theme_title, items in themes.items():
        blocks += [Heading(3, theme_title), Bullets(tuple(items))]

    blocks.append(Heading(2, "Answers given"))
    blocks.append(Table(("question", "answer"), tuple((a.label, a.value) for a in summary.answers)))

    blocks.append(Heading(2, "Notes: the sources"))
    blocks.append(Bullets(tuple(summary.sources), numbered=True))
    if summary.provenance is not None:
        blocks += [Heading(2, "Provenance"), Table(("what", "exactly"), provenance_rows(summary, summary.provenance))]
    else:
        blocks.append(Para(f"Content pack {pack_words(summary)}."))
    return blocks


# The record's fields in contract order, with the words a document heads them with.
RECORD_LABELS: tuple[tuple[str, str], ...] = (
    ("completed_by", "Completed by"),
    ("agency", "Agency"),
    ("judgement", "Professional judgement and reasons"),
    ("discussed_with", "Discussed with"),
    ("discussed_on", "Discussed on"),
    ("review_on", "Review on"),
)


def record_rows(record: ProfessionalRecord) -> tuple[tuple[str, str], ...]:
    """The professional record as given, in contract order, one row a field."""
    rows = []
    for name, label in RECORD_LABELS:
        value = getattr(record, name)
        if value is not None:
            rows.append((label, long_date(value) if isinstance(value, dt.date) else value))
    return tuple(rows)


def record_blocks(record: ProfessionalRecord) -> list[Block]:
    """The record at the head of a document: who completed it, with whom, and when to look again."""
    return [Heading(2, "Professional record"), Table(("record", "as given"), record_rows(record))]


def area_line(summary: Summary) -> str:
    area = summary.area
    assert area is not None
    return (
        f"Area file: {area.name} ({area.id}), checked {area.verified_on.isoformat()}, "
        f"review due {area.review_due.isoformat()}. Local contacts and facts come from it."
    )


def pack_words(summary: Summary) -> str:
    """The content pack in words: which, what, when it was reviewed and when it is next due."""
    pack = summary.pack
    return (
        f"{pack.id} {pack.version} ({pack.title}), "
        f"reviewed {pack.reviewed_on.isoformat()}, review due {pack.review_due.isoformat()}"
    )


def provenance_rows(summary: Summary, prov: Provenance) -> tuple[tuple[str, str], ...]:
    """What produced the summary, one row each, for a summary kept on a case record."""
    rows = [("Content pack", pack_words(summary)), ("Pack digest", prov.pack.digest)]
    if prov.area is not None:
        rows += [
            ("Area file", f"{prov.area.id}, checked {prov.area.verified_on.isoformat()}"),
            ("Area file digest", prov.area.digest),
        ]
    else:
        rows.append(("Area file", "none"))
    rows.append(("Screened", f"{prov.screening_date.isoformat()}, with Screener {prov.screener_version}"))
    return tuple(rows)
