"""Everything answered so far, as one immutable value, and how a loaded case file becomes one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from screener.casefile.model import Case, Record
from screener.content.derived import IN_PARTS, split
from screener.content.pack import Pack
from screener.vocabulary import DECISION_STATUSES, REFERRED_STATUSES
from screener.walkthrough.model import UNKNOWN, AnswerError, Question

# The built-in questions whose answer is a field of its own (the rest are facts).
_FIELDS = (
    "jurisdiction",
    "nation",
    "reference",
    "age_disputed",
    "nrm_status",
    "referred_on",
    "decision_on",
    "leave_granted_on",
)


@dataclass(frozen=True)
class Answers:
    """Everything answered so far. Immutable: each change makes a new one, so a
    front end can compare against what was last saved to know what is unsaved."""

    screening_date: dt.date
    jurisdiction: str | None = None
    # England and Wales only: "england", "wales", or not known (both nations' procedures).
    nation: str = UNKNOWN
    reference: str | None = None
    date_of_birth: dt.date | None = None
    age: int | None = None
    age_disputed: str = UNKNOWN
    facts: Mapping[str, str] = field(default_factory=dict)
    nrm_status: str = UNKNOWN
    referred_on: dt.date | None = None
    decision_on: dt.date | None = None
    # A date, None for none granted, or "unknown"; a new walkthrough starts at not known.
    leave_granted_on: dt.date | str | None = UNKNOWN
    # In the order noted (a loaded case keeps its own order), so that a case opened
    # and exported unchanged gives the same bytes as summarising the file.
    indicators: tuple[str, ...] = ()
    notes: str | None = None
    # The professional record (who, with whom, when to look again): asked on its own optional page.
    record: Record | None = None
    # Facts a loaded case file answered that its jurisdiction does not ask, or that the walkthrough
    # asks only as their parts: they are shown as questions so that nothing feeds the summary unseen.
    carried_facts: frozenset[str] = frozenset()
    # Answers filled in from another answer (``screener.walkthrough.filled``): what each filled answer
    # ("fact:ID" or "indicator:ID") came from, a question id. The walk's only: the case file holds the
    # answer itself. ``own``: filled answers the user has since changed, never filled in again.
    filled: Mapping[str, str] = field(default_factory=dict)
    own: frozenset[str] = frozenset()

    def get(self, question: Question) -> Any:
        qid = question.id
        if question.kind == "indicators":
            return frozenset(i for i in self.indicators if i in {o.value for o in question.options})
        if qid == "age":
            return self.date_of_birth if self.date_of_birth is not None else self.age
        if qid in _FIELDS:
            return getattr(self, qid)
        return self.facts.get(qid, UNKNOWN)

    def with_answer(self, question: Question, value: Any) -> Answers:
        qid = question.id
        if question.kind == "indicators":
            theme_ids = {o.value for o in question.options}
            chosen = frozenset(value)
            stray = chosen - theme_ids
            if stray:
                raise AnswerError(f"not on this page: {', '.join(sorted(stray))}")
            kept = tuple(i for i in self.indicators if i not in theme_ids or i in chosen)
            added = tuple(o.value for o in question.options if o.value in chosen and o.value not in kept)
            return dataclasses.replace(self, indicators=kept + added)
        if question.kind == "choice" and question.option(value) is None and not (value is None and question.required):
            raise AnswerError(f"'{value}' is not one of the options")
        if qid == "age":
            if isinstance(value, dt.date):
                return dataclasses.replace(self, date_of_birth=value, age=None)
            return dataclasses.replace(self, date_of_birth=None, age=value)
        if qid == "nrm_status":
            decision = self.decision_on if value in DECISION_STATUSES else None
            referred = self.referred_on if value in REFERRED_STATUSES else None
            return dataclasses.replace(self, nrm_status=value, decision_on=decision, referred_on=referred)
        if qid in _FIELDS:
            return dataclasses.replace(self, **{qid: value})
        return dataclasses.replace(self, facts={**self.facts, qid: value})

    @classmethod
    def new(cls, screening_date: dt.date | None = None) -> Answers:
        """A walkthrough not yet begun, screened on ``screening_date`` (default today)."""
        return cls(screening_date=screening_date or dt.date.today())

    @classmethod
    def from_case(cls, pack: Pack, case: Case, as_at: dt.date | None = None) -> Answers:
        """A loaded case as answers; ``as_at`` (``--as-at``) overrides its screening date."""
        # A fact the walkthrough asks as its parts: given with any part, the parts say it all and are
        # asked; given alone, it is shown as the one question it was, until it is set to not known.
        facts = split(case.facts) or dict(case.facts)
        carried = frozenset(
            fact
            for fact, value in facts.items()
            if value != UNKNOWN
            and fact in pack.questions
            and (case.jurisdiction not in pack.questions[fact].jurisdictions or fact in IN_PARTS)
        )
        return cls(
            screening_date=as_at or case.screening_date or dt.date.today(),
            jurisdiction=case.jurisdiction,
            nation=case.nation or UNKNOWN,
            reference=case.reference,
            date_of_birth=case.child.date_of_birth,
            age=None if case.child.date_of_birth else case.child.age,
            age_disputed=case.child.age_disputed,
            facts=facts,
            nrm_status=case.nrm.status,
            decision_on=case.nrm.decision_on,
            referred_on=case.nrm.referred_on,
            leave_granted_on=case.dates.leave_granted_on,
            indicators=tuple(case.indicators),
            notes=case.notes,
            record=case.record,
            carried_facts=carried,
        )
