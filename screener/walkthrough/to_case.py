"""Answers as the engine's input: the case they make, and what a change of answers does to it."""

from __future__ import annotations

from screener.casefile.model import Case, CaseDates, Child, Nrm
from screener.content.pack import Pack
from screener.walkthrough.answers import Answers
from screener.walkthrough.model import UNKNOWN, AnswerError, Question


def to_case(pack: Pack, asked: list[Question], answers: Answers) -> Case:
    """The answers as a case file's case. Only the facts asked (``asked``) are
    included, so an answer given under another jurisdiction never feeds the
    summary unseen; likewise only the indicators offered."""
    if answers.jurisdiction is None:
        raise AnswerError("choose a jurisdiction first")
    fact_ids = [q.id for q in asked if q.id in pack.questions]
    offered = {o.value for q in asked if q.kind == "indicators" for o in q.options}
    indicators = [i for i in answers.indicators if i in offered]
    return Case(
        schema="screener-case/1",  # type: ignore[call-arg]
        reference=answers.reference,
        jurisdiction=answers.jurisdiction,  # type: ignore[arg-type]
        screening_date=answers.screening_date,
        child=Child(date_of_birth=answers.date_of_birth, age=answers.age, age_disputed=answers.age_disputed),  # type: ignore[arg-type]
        facts={f: answers.facts.get(f, UNKNOWN) for f in fact_ids},
        nrm=Nrm(status=answers.nrm_status, decision_on=answers.decision_on, referred_on=answers.referred_on),  # type: ignore[arg-type]
        dates=CaseDates(leave_granted_on=answers.leave_granted_on),
        indicators=indicators,
        notes=answers.notes,
        record=answers.record,
    )


def outcome_changes(pack: Pack, before: Case | None, after: Case | None) -> list[str]:
    """What a change of answers did to the summary's outcomes, in words; empty when nothing moved."""
    from screener.engine import screen

    if before is None or after is None:
        return []
    old, new = screen(pack, before), screen(pack, after)
    out = []
    old_status = {s.service: s.status_text for s in old.guardianship}
    for service in new.guardianship:
        was = old_status.get(service.service)
        if was != service.status_text:
            out.append(f"{service.name}: {was or 'not listed'} → {service.status_text}")
    old_signposts = {s.id: s.title for s in old.signposts}
    new_signposts = {s.id: s.title for s in new.signposts}
    out += [f"New signpost: {t}" for i, t in new_signposts.items() if i not in old_signposts]
    out += [f"Signpost no longer listed: {t}" for i, t in old_signposts.items() if i not in new_signposts]
    old_dates = {(d.id, d.date) for d in old.key_dates}
    out += [f"New key date: {d.date.isoformat()} — {d.text}" for d in new.key_dates if (d.id, d.date) not in old_dates]
    if len(new.follow_up) != len(old.follow_up):
        out.append(f"Follow-up questions: {len(old.follow_up)} → {len(new.follow_up)}")
    return out
