"""Checks on dated statements: versions that overlap, replacements that do not exist,
signposts with no wording for a jurisdiction on some day, checks after the review.

Each check returns ``(location in the file, message)`` pairs; ``dated`` runs them
all over the files read and records each as a ``file:line: message`` problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from screener.content.crosscheck import nested
from screener.content.files import PackFiles
from screener.content.models.base import Statement
from screener.content.models.framing import FramingPoint
from screener.content.models.jurisdictions import Jurisdiction
from screener.content.models.questions import PackQuestion
from screener.content.models.signposts import Signpost
from screener.content.models.sources import PackInfo, Source
from screener.yamlio import Document, Loc

Found = list[tuple[Loc, str]]
_START = dt.date.min


def _span(statement: Statement) -> tuple[dt.date, dt.date]:
    force = statement.in_force
    start = force.from_ if force is not None and force.from_ is not None else _START
    end = force.until if force is not None and force.until is not None else dt.date.max
    return start, end


def _shared_from(a: Statement, b: Statement) -> dt.date | None:
    """The first day both are in force, or None when they never are together."""
    (a_start, a_end), (b_start, b_end) = _span(a), _span(b)
    start, end = max(a_start, b_start), min(a_end, b_end)
    return start if start <= end else None


def _day(day: dt.date) -> str:
    return "from the start" if day == _START else f"on {day.isoformat()}"


def _where(loc: Loc, statement: Statement) -> Loc:
    return (*loc, "in_force") if statement.in_force is not None else loc


def versions(
    items: Sequence[tuple[Loc, Statement, str | None, str | None]], what: str, superseded: bool = True
) -> Found:
    """Check one list of statements.

    Each item is (location, statement, key, id): items sharing a key are versions
    of one statement and must not be in force on the same day; ``superseded_by``
    names an id in the same list, whose version must begin after this one ends.
    """
    found: Found = []
    for index, (loc, statement, key, _) in enumerate(items):
        if key is None:
            continue
        for _, earlier, other_key, _ in items[:index]:
            if other_key != key:
                continue
            shared = _shared_from(statement, earlier)
            if shared is not None:
                found.append(
                    (
                        _where(loc, statement),
                        f"two versions of {what} '{key}' are in force at once ({_day(shared)}); "
                        "give them in_force dates that do not overlap",
                    )
                )
                break
    for loc, statement, _, _ in items:
        target_id = statement.superseded_by
        if target_id is None or not superseded:
            continue
        targets = [s for _, s, _, ident in items if ident == target_id and s is not statement]
        if not targets:
            found.append(((*loc, "superseded_by"), f"names no {what} of this list: '{target_id}'"))
            continue
        for target in targets:
            shared = _shared_from(statement, target)
            if shared is not None:
                found.append(
                    (
                        _where(loc, statement),
                        f"is in force {_day(shared)}, as is '{target_id}', which supersedes it",
                    )
                )
    return found


def checked_after_review(items: Iterable[tuple[Loc, dt.date | None]], reviewed_on: dt.date) -> Found:
    return [
        ((*loc, "checked_on"), f"checked_on ({checked.isoformat()}) is after the pack's reviewed_on ({reviewed_on})")
        for loc, checked in items
        if checked is not None and checked > reviewed_on
    ]


def signpost_wording(loc: Loc, signpost: Signpost, names: dict[str, str]) -> Found:
    """Every jurisdiction a signpost is shown in has an action and a "who" on every day it is in force."""
    wording_loc: Loc = (*loc, "wording")
    # superseded_by names any wording of the signpost; overlaps count within one jurisdiction.
    found = versions([((*wording_loc, i), w, None, w.id) for i, w in enumerate(signpost.wording)], "wording")
    for jurisdiction in signpost.jurisdictions:
        mine = [
            ((*wording_loc, index), w, signpost.id, w.id)
            for index, w in enumerate(signpost.wording)
            if jurisdiction in w.jurisdictions
        ]
        name = names.get(jurisdiction, jurisdiction)
        found += [f for f in versions(mine, f"the {name} wording of signpost", superseded=False) if f not in found]
        start, end = _span(signpost)
        local = signpost.in_force_in.get(jurisdiction)  # type: ignore[call-overload]
        if local is not None:
            start = max(start, local.from_ or _START)
            end = min(end, local.until or dt.date.max)
        days = {start}
        for w in signpost.wording:
            w_start, w_end = _span(w)
            days.add(w_start)
            if w_end != dt.date.max:
                days.add(w_end + dt.timedelta(days=1))
        for day in sorted(d for d in days if start <= d <= end):
            _, action, who = signpost.texts(jurisdiction, day)
            missing = [name for name, text in (("action", action), ("who", who)) if not text]
            if missing:
                found.append(
                    (
                        (*loc, "id"),
                        f"signpost '{signpost.id}' has no {' or '.join(missing)} for {name} {_day(day)}",
                    )
                )
                break
    return found


def dated(
    collector: PackFiles,
    info: tuple[Document, PackInfo] | None,
    sources: list[tuple[Document, Loc, Source]],
    questions: list[tuple[Document, Loc, PackQuestion]],
    signposts: list[tuple[Document, Loc, Signpost]],
    framing: list[tuple[Document, Loc, FramingPoint]],
    jurisdictions: list[tuple[Document, Jurisdiction]],
    everything: list[tuple[Document, Loc, Any]],
) -> None:
    """Dated statements: no two versions of one in force at once; checks no later than the review."""
    found: list[tuple[Document, list[tuple[Loc, str]]]] = []
    if framing:
        doc = framing[0][0]
        found.append((doc, versions([(loc, f, f.id, f.id) for _, loc, f in framing], "framing point")))
    for doc, loc, question in questions:
        presumed = [((*loc, "presumed", i), p, question.id, None) for i, p in enumerate(question.presumed)]
        found.append((doc, versions(presumed, "presumption for")))
    names: dict[str, str] = {j.id: j.name for _, j in jurisdictions}
    for doc, loc, signpost in signposts:
        found.append((doc, signpost_wording(loc, signpost, names)))
        local = [((*loc, "local", i), x, x.id, x.id) for i, x in enumerate(signpost.local)]
        found.append((doc, versions(local, "paragraph")))
    for doc, jurisdiction in jurisdictions:
        found.append((doc, versions([(("notes", i), n, n.id, n.id) for i, n in enumerate(jurisdiction.notes)], "note")))
        for s_index, service in enumerate(jurisdiction.services):
            base: Loc = ("services", s_index)
            routes = [((*base, "routes", i), r, r.id, r.id) for i, r in enumerate(service.routes)]
            found.append((doc, versions(routes, "route")))
            for r_index, route in enumerate(service.routes):
                criteria = [
                    ((*base, "routes", r_index, "criteria", i), c, c.id, c.id) for i, c in enumerate(route.criteria)
                ]
                found.append((doc, versions(criteria, "criterion")))
            notes = [((*base, "notes", i), n, n.id, n.id) for i, n in enumerate(service.notes)]
            found.append((doc, versions(notes, "note")))
            wording = [((*base, "wording", i), w, service.id, w.id) for i, w in enumerate(service.wording)]
            found.append((doc, versions(wording, "the wording of service")))
    if info is not None:
        reviewed = info[1].reviewed_on
        for doc, loc, source in sources:
            found.append((doc, checked_after_review([(loc, source.checked_on)], reviewed)))
        for doc, base, model in everything:
            checked = [(loc, node.checked_on) for loc, node in nested(model, base) if isinstance(node, Statement)]
            found.append((doc, checked_after_review(checked, reviewed)))
    for doc, problems in found:
        for loc, message in problems:
            collector.problems.append(doc.problem(loc, message))
