"""The pack's wording for what the code knows by id (``wording.yaml``): built-in questions, NRM statuses,
outcomes, answers, criterion and route statuses, urgencies, indicator kinds, derived facts and inputs,
and training's feature tags and forms of exploitation.

Every id in ``screener.vocabulary`` must have its words, and no other id may:
the loader reports a missing or unknown one at its line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import Field, field_validator

from screener.content.conditions import Condition
from screener.content.models.base import NATIONS, JurisdictionId, Model, NationId
from screener.content.models.questions import answers_only
from screener.content.models.themes import EXPLOITATION_TYPES, ExploitationType
from screener.vocabulary import (
    ANSWERS,
    BUILTIN_QUESTIONS,
    CRITERION_STATUSES,
    DERIVED_FACTS,
    FEATURES,
    INDICATOR_KINDS,
    INPUTS,
    NRM_STATUSES,
    SERVICE_STATUSES,
    URGENCIES,
    AnswerValue,
    BuiltinQuestionId,
    CriterionStatus,
    DerivedFact,
    Feature,
    IndicatorKind,
    InputId,
    NrmStatus,
    ServiceStatus,
    Urgency,
)


class WhyIn(Model):
    """Why one of the walkthrough's own questions is asked, in the parts of the UK whose rules differ."""

    jurisdictions: list[JurisdictionId] = Field(min_length=1)
    why: str


class QuestionWording(Model):
    """One of the walkthrough's own questions: as listed, as asked, and why it is asked."""

    title: str  # short, for the review list
    # As the summary's table of answers names it, where that differs from the title.
    summary_label: str | None = None
    prompt: str
    hint: str = ""
    why: str
    # Said instead of ``why`` where the rules that read the answer are a jurisdiction's own: the
    # reader hears their own system, never another's services.
    why_in: list[WhyIn] = Field(default_factory=list)
    # A yes / no question's two answers, in full (not known is always offered too).
    yes: str | None = None
    no: str | None = None
    # Asked only when an answer could matter, judged from the facts (the age facts among them) and
    # the NRM status answered before it. Left out: always asked. An answer given is always shown.
    asked_when: Condition | None = None

    @field_validator("asked_when")
    @classmethod
    def _answers_only(cls, value: Condition | None) -> Condition | None:
        return answers_only(value, nrm=True)

    def why_for(self, jurisdiction: str | None) -> str:
        """Why it is asked, as said in ``jurisdiction`` (the general words before one is chosen)."""
        return next((w.why for w in self.why_in if jurisdiction in w.jurisdictions), self.why)


class NrmStatusWording(Model):
    label: str  # as offered in the walkthrough
    words: str  # in a sentence of the summary: "NRM status: referral withdrawn"


class OutcomeWording(Model):
    text: str  # as the summary says it
    short: str  # as a trainee predicts it


class AnswerWording(Model):
    label: str  # as offered in the walkthrough: "Not known"
    words: str  # in a sentence of the summary: "Separated: not known"


class IndicatorKindWording(Model):
    label: str  # beside an indicator: "Risk factor"
    about: str  # why it is asked: what this kind of indicator is


class InputWording(Model):
    label: str  # as the summary names it: "the NRM status"
    question: str  # as its follow-up list asks for it


def _complete(value: dict[Any, Any], wanted: Sequence[str], what: str) -> dict[Any, Any]:
    missing = [w for w in wanted if w not in value]
    if missing:
        raise ValueError(f"missing the words for {what} {', '.join(missing)}")
    return value


class Wording(Model):
    questions: dict[BuiltinQuestionId, QuestionWording]
    nrm_statuses: dict[NrmStatus, NrmStatusWording]
    outcomes: dict[ServiceStatus, OutcomeWording]
    answers: dict[AnswerValue, AnswerWording]
    criteria: dict[CriterionStatus, str]
    routes: dict[CriterionStatus, str]
    urgency: dict[Urgency, str]
    indicator_kinds: dict[IndicatorKind, IndicatorKindWording]
    derived_facts: dict[DerivedFact, str]
    inputs: dict[InputId, InputWording]
    # Training: what a scenario teaches, and its forms of exploitation, as the vignette and the
    # facilitator pack name them.
    features: dict[Feature, str]
    exploitation: dict[ExploitationType, str]
    # England and Wales's two nations, as the walkthrough offers them and the summary names them.
    nations: dict[NationId, str]

    @field_validator("questions")
    @classmethod
    def _all_questions(cls, value: dict[Any, Any]) -> dict[Any, Any]:
        _complete(value, BUILTIN_QUESTIONS, "the question")
        if value["age_disputed"].yes is None or value["age_disputed"].no is None:
            raise ValueError("age_disputed is a yes / no question: give its yes and no")
        return value

    # Each list of ids the code knows is worded whole, so no lookup below can fail at run time.
    _all_statuses = field_validator("nrm_statuses")(lambda v: _complete(v, NRM_STATUSES, "the NRM status"))
    _all_outcomes = field_validator("outcomes")(lambda v: _complete(v, SERVICE_STATUSES, "the outcome"))
    _all_answers = field_validator("answers")(lambda v: _complete(v, ANSWERS, "the answer"))
    _all_criteria = field_validator("criteria")(lambda v: _complete(v, CRITERION_STATUSES, "the criterion status"))
    _all_routes = field_validator("routes")(lambda v: _complete(v, CRITERION_STATUSES, "the route status"))
    _all_urgencies = field_validator("urgency")(lambda v: _complete(v, URGENCIES, "the urgency"))
    _all_kinds = field_validator("indicator_kinds")(lambda v: _complete(v, INDICATOR_KINDS, "the indicator kind"))
    _all_derived = field_validator("derived_facts")(lambda v: _complete(v, DERIVED_FACTS, "the derived fact"))
    _all_inputs = field_validator("inputs")(lambda v: _complete(v, INPUTS, "the input"))
    _all_features = field_validator("features")(lambda v: _complete(v, FEATURES, "the training feature"))
    _all_nations = field_validator("nations")(lambda v: _complete(v, NATIONS, "the nation"))
    _all_forms = field_validator("exploitation")(lambda v: _complete(v, EXPLOITATION_TYPES, "the form of exploitation"))

    def question(self, question_id: str) -> QuestionWording:
        return self.questions[question_id]  # type: ignore[index]

    def summary_label(self, question_id: str) -> str:
        words = self.question(question_id)
        return words.summary_label or words.title

    def nrm_label(self, status: str) -> str:
        return self.nrm_statuses[status].label  # type: ignore[index]

    def nrm_words(self, status: str) -> str:
        return self.nrm_statuses[status].words  # type: ignore[index]

    def outcome(self, status: str) -> str:
        return self.outcomes[status].text  # type: ignore[index]

    def outcome_short(self, status: str) -> str:
        return self.outcomes[status].short  # type: ignore[index]

    def answer_label(self, value: str) -> str:
        return self.answers[value].label  # type: ignore[index]

    def answer_words(self, value: str) -> str:
        return self.answers[value].words  # type: ignore[index]

    def kind_label(self, kind: str) -> str:
        return self.indicator_kinds[kind].label  # type: ignore[index]

    def kind_about(self, kind: str) -> str:
        return self.indicator_kinds[kind].about  # type: ignore[index]

    def fact_label(self, fact_id: str) -> str | None:
        """A derived fact's or an input's label; None for any other id."""
        if fact_id in self.derived_facts:
            return self.derived_facts[fact_id]  # type: ignore[index]
        words = self.inputs.get(fact_id)  # type: ignore[call-overload]
        return words.label if words is not None else None

    def feature(self, tag: str) -> str:
        return self.features[tag]  # type: ignore[index]

    def exploitation_type(self, form: str) -> str:
        return self.exploitation[form]  # type: ignore[index]

    def input_question(self, name: str) -> str | None:
        words = self.inputs.get(name)  # type: ignore[call-overload]
        return words.question if words is not None else None
