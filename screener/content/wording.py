"""The pack's wording for what the code knows by id (``wording.yaml``): built-in questions, NRM statuses, outcomes.

Every id in ``screener.vocabulary`` must have its words, and no other id may:
the loader reports a missing or unknown one at its line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import field_validator

from screener.content.models.base import Model
from screener.vocabulary import (
    BUILTIN_QUESTIONS,
    NRM_STATUSES,
    SERVICE_STATUSES,
    BuiltinQuestionId,
    NrmStatus,
    ServiceStatus,
)


class QuestionWording(Model):
    """One of the walkthrough's own questions: as listed, as asked, and why it is asked."""

    title: str  # short, for the review list
    prompt: str
    hint: str = ""
    why: str
    # A yes / no question's two answers, in full (not known is always offered too).
    yes: str | None = None
    no: str | None = None


class NrmStatusWording(Model):
    label: str  # as offered in the walkthrough
    words: str  # in a sentence of the summary: "NRM status: referral withdrawn"


class OutcomeWording(Model):
    text: str  # as the summary says it
    short: str  # as a trainee predicts it


def _complete(value: dict[Any, Any], wanted: Sequence[str], what: str) -> dict[Any, Any]:
    missing = [w for w in wanted if w not in value]
    if missing:
        raise ValueError(f"missing the words for {what} {', '.join(missing)}")
    return value


class Wording(Model):
    questions: dict[BuiltinQuestionId, QuestionWording]
    nrm_statuses: dict[NrmStatus, NrmStatusWording]
    outcomes: dict[ServiceStatus, OutcomeWording]

    @field_validator("questions")
    @classmethod
    def _all_questions(cls, value: dict[Any, Any]) -> dict[Any, Any]:
        _complete(value, BUILTIN_QUESTIONS, "the question")
        if value["age_disputed"].yes is None or value["age_disputed"].no is None:
            raise ValueError("age_disputed is a yes / no question: give its yes and no")
        return value

    @field_validator("nrm_statuses")
    @classmethod
    def _all_statuses(cls, value: dict[Any, Any]) -> dict[Any, Any]:
        return _complete(value, NRM_STATUSES, "the NRM status")

    @field_validator("outcomes")
    @classmethod
    def _all_outcomes(cls, value: dict[Any, Any]) -> dict[Any, Any]:
        return _complete(value, SERVICE_STATUSES, "the outcome")

    def question(self, question_id: str) -> QuestionWording:
        return self.questions[question_id]  # type: ignore[index]

    def nrm_label(self, status: str) -> str:
        return self.nrm_statuses[status].label  # type: ignore[index]

    def nrm_words(self, status: str) -> str:
        return self.nrm_statuses[status].words  # type: ignore[index]

    def outcome(self, status: str) -> str:
        return self.outcomes[status].text  # type: ignore[index]

    def outcome_short(self, status: str) -> str:
        return self.outcomes[status].short  # type: ignore[index]
