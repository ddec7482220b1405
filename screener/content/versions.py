"""Checks on dated statements: versions that overlap, replacements that do not exist,
signposts with no wording for a jurisdiction on some day, checks after the review.

Each check returns ``(location in the file, message)`` pairs; the loader turns
them into ``file:line: message`` problems.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from screener.content.models import Signpost, Statement
from screener.yamlio import Loc

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
