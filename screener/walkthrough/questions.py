"""Which questions the walkthrough asks, in what order, and how they are numbered.

Which questions apply is decided here, from the pack (a question's
``jurisdictions``, its dates and ``asked_when``) and from earlier answers (a
decision date only once a decision is recorded), so no front end decides it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from screener.content.conditions import Condition
from screener.content.derived import IN_PARTS, PART_OF, wholes
from screener.content.models.base import JURISDICTIONS
from screener.content.pack import Pack
from screener.engine.age import age_facts_of
from screener.engine.inforce import asked_on
from screener.engine.logic import Tri, World, evaluate
from screener.vocabulary import DECISION_STATUSES, NRM_STATUSES
from screener.walkthrough.answers import Answers
from screener.walkthrough.model import UNKNOWN, Kind, Option, Question
from screener.walkthrough.pages import numbered


def builtin(pack: Pack, qid: str, step: str, kind: Kind, **more: Any) -> Question:
    """One of the walkthrough's own questions, in the pack's words (``wording.yaml``)."""
    words = pack.wording.question(qid)
    return Question(id=qid, step=step, kind=kind, title=words.title, prompt=words.prompt, hint=words.hint, **more)


def fact_options(pack: Pack, yes: str, no: str) -> tuple[Option, ...]:
    """Yes, no and not known: the question's own wording for yes and no, the pack's answer words for the rest."""
    words = pack.wording
    return (
        Option("yes", yes, words.answer_label("yes")),
        Option("no", no, words.answer_label("no")),
        Option(UNKNOWN, words.answer_label(UNKNOWN), words.answer_label(UNKNOWN)),
    )


def jurisdiction_question(pack: Pack) -> Question:
    options = tuple(
        Option(j, pack.jurisdictions[j].name, pack.jurisdictions[j].name)
        for j in JURISDICTIONS
        if j in pack.jurisdictions
    )
    return builtin(pack, "jurisdiction", "jurisdiction", "choice", options=options, required=True)


def nation_question(pack: Pack) -> Question:
    words = pack.wording
    options = tuple(Option(n, name, name) for n, name in words.nations.items())
    unknown = words.answer_label(UNKNOWN)
    return builtin(pack, "nation", "jurisdiction", "choice", options=(*options, Option(UNKNOWN, unknown, unknown)))


def questions(pack: Pack, answers: Answers) -> list[Question]:
    """Every question for these answers, in order. Until a jurisdiction is
    chosen only the first step is known."""
    out = [jurisdiction_question(pack)]
    if answers.jurisdiction == "england-wales":
        # Right after the jurisdiction: which nation's social-services system the summary speaks.
        out.append(nation_question(pack))
    out.append(builtin(pack, "reference", "jurisdiction", "text"))
    if answers.jurisdiction is None:
        return out
    disputed = pack.wording.question("age_disputed")
    out.append(builtin(pack, "age", "about-child", "age"))
    out.append(
        builtin(
            pack,
            "age_disputed",
            "about-child",
            "choice",
            options=fact_options(pack, disputed.yes or "", disputed.no or ""),
        )
    )
    for step in ("about-child", "local-services"):
        out.extend(_fact_questions(pack, step, answers))
    for theme in sorted(pack.themes, key=lambda t: t.order):
        options = tuple(
            Option(i.id, i.title, i.title, i.prompt, pack.wording.kind_label(i.kind))
            for i in pack.indicators_of(theme.id)
            if answers.jurisdiction in i.jurisdictions or i.id in answers.indicators
        )
        noted = any(o.value in answers.indicators for o in options)
        if options and (noted or _may_matter(pack, theme.asked_when, answers)):
            out.append(
                Question(
                    id=f"theme:{theme.id}",
                    step="indicators",
                    kind="indicators",
                    title=theme.title,
                    prompt=f"{theme.title}: have you noticed any of these?",
                    options=options,
                    hint="Mark each one you have noticed. Nothing marked means none noticed or not known.",
                    theme=theme.id,
                )
            )
    labels = [pack.wording.nrm_label(s) for s in NRM_STATUSES]
    statuses = tuple(Option(s, label, label) for s, label in zip(NRM_STATUSES, labels, strict=True))
    out.append(builtin(pack, "nrm_status", "nrm-legal", "choice", options=statuses))
    # Only where a rule reads it (``asked_when`` in the pack's wording); a date given is always shown.
    decision = pack.wording.question("decision_on").asked_when
    if answers.nrm_status in DECISION_STATUSES and (
        answers.decision_on is not None or _may_matter(pack, decision, answers)
    ):
        out.append(builtin(pack, "decision_on", "nrm-legal", "date"))
    # A date given is always shown; "none granted" feeds nothing where the question cannot matter.
    leave = pack.wording.question("leave_granted_on").asked_when
    if isinstance(answers.leave_granted_on, dt.date) or _may_matter(pack, leave, answers):
        out.append(builtin(pack, "leave_granted_on", "nrm-legal", "date", not_known=UNKNOWN))
    out.extend(_fact_questions(pack, "nrm-legal", answers))
    return out


def is_extra(pack: Pack, question: Question, answers: Answers) -> bool:
    """Asked only because of an earlier answer (a decision date, an after-18 question), or only until an
    earlier answer says it cannot matter (immigration leave, the turning-18 indicators) or answers it
    (unaccompanied, after the separated question)."""
    if question.id == "decision_on":
        return True
    if question.id == "leave_granted_on":
        return pack.wording.question(question.id).asked_when is not None
    if question.theme is not None:
        return pack.theme(question.theme).asked_when is not None
    fact = pack.questions.get(question.id)
    if fact is None or question.id in answers.carried_facts:
        return False
    # A question answered by an earlier one that asks the same test is asked only while that one is not known.
    same = fact.same_as is not None and answers.jurisdiction in pack.questions[fact.same_as.fact].jurisdictions
    return same or fact.asked_when is not None


def numbers(pack: Pack, asked: list[Question], answers: Answers) -> dict[str, str]:
    """``Question 3 of 20`` for each question asked, by id: a total that holds once the jurisdiction is
    known. A question asked only because of an earlier answer is ``An extra question after question 3``
    and is not in the total, so the total never changes as answers come in."""
    if answers.jurisdiction is None:
        return {q.id: f"Question {n}" for n, q in enumerate(asked, 1)}
    return {
        question.id: f"An extra question after question {n}" if extra else f"Question {n} of {total}"
        for question, n, total, extra in numbered(asked, lambda q: is_extra(pack, q, answers))
    }


def _fact_questions(pack: Pack, step: str, answers: Answers) -> list[Question]:
    out = []
    for q in pack.questions.values():
        if q.step == step and _fact_applies(pack, q.id, answers):
            prompt, _, yes, no = q.words_in(answers.jurisdiction)
            title = q.label[:1].upper() + q.label[1:]
            out.append(
                Question(
                    id=q.id, step=step, kind="choice", title=title, prompt=prompt, options=fact_options(pack, yes, no)
                )
            )
    return out


def _fact_applies(pack: Pack, fact_id: str, answers: Answers) -> bool:
    question = pack.questions[fact_id]
    if fact_id in answers.carried_facts:
        return True
    if answers.jurisdiction not in question.jurisdictions:
        return False
    # An answer already given is always shown, so that nothing feeds the summary unseen.
    if answers.facts.get(fact_id, UNKNOWN) != UNKNOWN:
        return True
    # A fact asked as its parts is asked as them, unless the case answers it whole.
    if fact_id in IN_PARTS:
        return False
    whole = PART_OF.get(fact_id)
    if whole is not None and answers.facts.get(whole, UNKNOWN) != UNKNOWN:
        return False
    # Not asked on a day it is out of force, or when nothing in force reads it.
    if not asked_on(pack, fact_id, answers.jurisdiction, answers.screening_date):
        return False
    return _may_matter(pack, question.asked_when, answers)


def _may_matter(pack: Pack, asked_when: Condition | None, answers: Answers) -> bool:
    """Whether a question (or theme page) with this ``asked_when`` is asked: unless the answers say no."""
    return asked_when is None or evaluate(asked_when, asked_world(pack, answers)) is not Tri.NO


def asked_world(pack: Pack, answers: Answers) -> World:
    """The answers so far as the engine's world, for judging what is asked and what is filled in.

    A fact this part of the UK does not ask has no answer and no rule of its own reads it, so it
    counts as no here (Guardianship Scotland's after-18 question outside Scotland)."""
    params = pack.parameters
    age = age_facts_of(
        answers.date_of_birth,
        answers.age,
        answers.age_disputed,
        answers.screening_date,
        params.approaching_18_days,
        params.pilot_exclusion_days,
    )
    elsewhere = {
        fact: Tri.NO
        for fact, question in pack.questions.items()
        if answers.jurisdiction not in question.jurisdictions and fact not in answers.carried_facts
    }
    asked = {**elsewhere, **{fact: Tri.of(value) for fact, value in answers.facts.items() if fact not in elsewhere}}
    asked.update((whole, Tri.of(value)) for whole, value in wholes(answers.facts).items())
    return World({**asked, **age.facts()}, set(), set(), answers.nrm_status)
