"""The words for what the code knows by id come from the pack (``indicators/wording.yaml``), not from code."""

from __future__ import annotations

import dataclasses
import datetime as dt

from screener.casefile.model import Case
from screener.content import Pack
from screener.content.wording import OutcomeWording, QuestionWording
from screener.engine import screen
from screener.render import render
from screener.vocabulary import (
    ANSWERS,
    BUILTIN_QUESTIONS,
    CRITERION_STATUSES,
    DERIVED_FACTS,
    INDICATOR_KINDS,
    INPUTS,
    NRM_STATUSES,
    SERVICE_STATUSES,
    URGENCIES,
)
from screener.walkthrough import Answers, Flow

DAY = dt.date(2024, 11, 20)


def test_the_pack_words_every_id_the_code_knows(pack: Pack) -> None:
    assert list(pack.wording.questions) == list(BUILTIN_QUESTIONS)
    assert list(pack.wording.nrm_statuses) == list(NRM_STATUSES)
    assert list(pack.wording.outcomes) == list(SERVICE_STATUSES)
    assert list(pack.wording.answers) == list(ANSWERS)
    assert list(pack.wording.criteria) == list(pack.wording.routes) == list(CRITERION_STATUSES)
    assert list(pack.wording.urgency) == list(URGENCIES)
    assert list(pack.wording.indicator_kinds) == list(INDICATOR_KINDS)
    assert list(pack.wording.derived_facts) == list(DERIVED_FACTS)
    assert list(pack.wording.inputs) == list(INPUTS)


def reworded(pack: Pack) -> Pack:
    wording = pack.wording
    questions = {**wording.questions, "age": QuestionWording(title="Age now", prompt="Age?", why="Because.")}
    outcomes = {**wording.outcomes, "criteria-met": OutcomeWording(text="criteria look met", short="met")}
    changed = wording.model_copy(update={"questions": questions, "outcomes": outcomes})
    return dataclasses.replace(pack, wording=changed)


def test_the_walkthrough_asks_and_explains_in_the_packs_words(pack: Pack) -> None:
    flow = Flow(reworded(pack))
    answers = Answers.new(DAY).with_answer(flow.jurisdiction_question(), "scotland")
    age = next(q for q in flow.questions(answers) if q.id == "age")
    assert (age.title, age.prompt) == ("Age now", "Age?")
    assert flow.why(age, answers).text == "Because."


def test_the_summary_states_outcomes_in_the_packs_words(pack: Pack) -> None:
    case = Case.model_validate(
        {
            "schema": "screener-case/1",
            "jurisdiction": "scotland",
            "screening_date": DAY,
            "child": {"age": 16, "age_disputed": "no"},
            "facts": {"trafficking_concern": "yes", "separated": "yes", "in_la_care": "yes"},
        }
    )
    before = {s.status: s.status_text for s in screen(pack, case).guardianship}
    after = {s.status: s.status_text for s in screen(reworded(pack), case).guardianship}
    assert before.get("criteria-met") == "criteria appear to be met"
    assert after.get("criteria-met") == "criteria look met"


def test_answers_statuses_urgencies_and_kinds_are_shown_in_the_packs_words(pack: Pack) -> None:
    wording = pack.wording
    changed = wording.model_copy(
        update={
            "answers": {
                **wording.answers,
                "unknown": wording.answers["unknown"].model_copy(update={"words": "unsure"}),
            },
            "criteria": {**wording.criteria, "unknown": "open"},
            "routes": {**wording.routes, "unknown": "could be met"},
            "urgency": {**wording.urgency, "today": "at once"},
            "indicator_kinds": {
                **wording.indicator_kinds,
                "sign": wording.indicator_kinds["sign"].model_copy(update={"label": "Clue"}),
            },
        }
    )
    case = Case.model_validate(
        {
            "schema": "screener-case/1",
            "jurisdiction": "england-wales",
            "screening_date": DAY,
            "child": {"age": 15, "age_disputed": "no"},
            "facts": {"trafficking_concern": "yes"},
            "indicators": [next(i for i in pack.indicators.values() if i.kind == "sign").id],
        }
    )
    before = render(screen(pack, case), "md")
    after = render(screen(dataclasses.replace(pack, wording=changed), case), "md")
    for old, new in [
        (": not known", ": unsure"),
        ("| not known |", "| open |"),
        ("— may be met", "— could be met"),
        ("— today.", "— at once."),
        ("(sign).", "(clue)."),
    ]:
        assert old in before and new not in before, old
        assert new in after, new


def test_the_walkthrough_offers_the_packs_answer_words(pack: Pack) -> None:
    wording = pack.wording
    unknown = wording.answers["unknown"].model_copy(update={"label": "Unsure"})
    changed = dataclasses.replace(
        pack, wording=wording.model_copy(update={"answers": {**wording.answers, "unknown": unknown}})
    )
    flow = Flow(changed)
    answers = Answers.new(DAY).with_answer(flow.jurisdiction_question(), "scotland")
    disputed = next(q for q in flow.questions(answers) if q.id == "age_disputed")
    assert [(o.value, o.short) for o in disputed.options] == [("yes", "Yes"), ("no", "No"), ("unknown", "Unsure")]


def test_the_summary_names_the_walkthroughs_own_answers_in_the_packs_words(pack: Pack) -> None:
    wording = pack.wording
    nrm = wording.questions["nrm_status"].model_copy(update={"summary_label": "Referral"})
    changed = dataclasses.replace(
        pack, wording=wording.model_copy(update={"questions": {**wording.questions, "nrm_status": nrm}})
    )
    case = Case.model_validate(
        {"schema": "screener-case/1", "jurisdiction": "scotland", "screening_date": DAY, "child": {"age": 16}}
    )
    labels = {a.id: a.label for a in screen(pack, case).answers}
    assert (labels["age"], labels["nrm_status"]) == ("Age", "NRM status")
    assert {a.id: a.label for a in screen(changed, case).answers}["nrm_status"] == "Referral"
