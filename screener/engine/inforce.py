"""What in a pack is in force on a day, for the walkthrough's choice of questions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from screener.content.conditions import Condition, facts_in
from screener.content.derived import PART_OF
from screener.content.pack import Pack

# Facts the engine itself reads, outside any condition (keydates: the pilot's 100-day mark).
ENGINE_READS = frozenset({"devolved_pilot_area"})


def conditions_in_force(pack: Pack, jurisdiction: str, day: dt.date) -> Iterator[Condition]:
    """Every condition the summary can read for a case of this jurisdiction on this day."""
    place = pack.jurisdictions.get(jurisdiction)
    if place is not None:
        for service in place.services:
            if not service.in_force_on(day):
                continue
            for route in service.routes:
                if route.in_force_on(day):
                    yield from (c.when for c in route.criteria if c.in_force_on(day))
            yield from (n.when for n in service.notes if n.when is not None and n.in_force_on(day))
        yield from (n.when for n in place.notes if n.when is not None and n.in_force_on(day))
    for signpost in pack.signposts.values():
        if signpost.shown_in(jurisdiction, day):
            yield signpost.trigger(jurisdiction)
            yield from (
                x.when
                for x in signpost.local
                if x.when is not None and x.jurisdiction == jurisdiction and x.in_force_on(day)
            )


def fact_in_use(pack: Pack, fact_id: str, jurisdiction: str, day: dt.date) -> bool:
    """Does anything in force on the day read this fact? A question nothing reads is not asked."""
    if fact_id in ENGINE_READS:
        return True
    # A part is read wherever its whole is.
    read_as = {fact_id, PART_OF.get(fact_id, fact_id)}
    return any(read_as & set(facts_in(c)) for c in conditions_in_force(pack, jurisdiction, day))


def asked_on(pack: Pack, fact_id: str, jurisdiction: str, day: dt.date) -> bool:
    """The question is in force on the day, no presumption answers it there, and something in force reads it."""
    question = pack.questions[fact_id]
    return (
        question.in_force_on(day)
        and question.presumption(jurisdiction, day) is None
        and fact_in_use(pack, fact_id, jurisdiction, day)
    )
