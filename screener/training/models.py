"""Training scenarios and the key-facts quiz, as typed data. Extra keys are errors everywhere.

A scenario is a case file (the contract's format) wrapped in teaching material,
plus what the engine is expected to make of it: the engine is the answer key, and
``screener validate`` proves the key still holds. One file per scenario,
``indicators/scenarios/<id>.yaml``::

    id: ew-county-lines                 # the file's name
    title: ...
    jurisdiction: england-wales
    exploitation: [criminal]            # forms of exploitation, as indicators name them
    features: [british-child]           # what else it teaches; checked against the case
    summary: one line
    narrative: |                        # must say it is fictional
      Fictional case for training. ...
    case: {schema: screener-case/1, reference: TRAIN-EW-01, screening_date: ..., ...}
    expect:                             # the rule cases' format (screener.rulecases.model)
      guardianship: {ictg-direct: criteria-not-met, ictg-indirect: criteria-met}  # every service
      settle_by: {ictg-direct: [exceptional_circumstances]}                      # optional
      signposts: {include: [...], exclude: [...]}
      key_dates: [{id: turns-18, date: 2027-06-02}]                              # optional
    facilitator_notes: |
      ...
    discussion_questions: [...]
    teaching_points: [{text: ..., sources: [{source: snapshot-2024, chapter: 4, page: 27}]}]
    evidence: {county-lines: "two phones", pr_in_uk: "lives with his mother"}  # every key answer
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from screener.casefile.model import Case
from screener.content.models.base import Citation, JurisdictionId
from screener.content.models.themes import ExploitationType
from screener.rulecases.model import Expected
from screener.vocabulary import Feature


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


class TeachingPoint(Model):
    """One thing the scenario teaches, with where it comes from."""

    text: str
    sources: list[Citation] = Field(min_length=1)

    _text = field_validator("text")(_text)


class Scenario(Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
    title: str
    jurisdiction: JurisdictionId
    exploitation: list[ExploitationType] = Field(min_length=1)
    features: list[Feature] = Field(default_factory=list)
    summary: str
    narrative: str
    case: Case
    expect: Expected  # the answer key, in the rule cases' format (screener.rulecases)
    facilitator_notes: str
    discussion_questions: list[str] = Field(min_length=1)
    teaching_points: list[TeachingPoint] = Field(min_length=1)
    # Practice mode's answer key points into the narrative: for each key answer
    # (a fact, age, age_disputed, nrm_status, decision_on or an indicator id), a short
    # exact phrase of the narrative that shows it. check.py proves each phrase is there.
    evidence: dict[str, str] = Field(default_factory=dict)

    _texts = field_validator("title", "summary", "narrative", "facilitator_notes")(_text)

    @field_validator("expect")
    @classmethod
    def _complete(cls, value: Expected) -> Expected:
        if not value.guardianship:  # None or empty: a scenario's key names every service
            raise ValueError("give guardianship: every service's expected status, so the key is complete")
        return value

    @field_validator("exploitation")
    @classmethod
    def _named(cls, value: list[str]) -> list[str]:
        # 'any' suits an indicator that fits every form; a scenario names its own.
        if "any" in value:
            raise ValueError("name the forms of exploitation; 'any' is for indicators")
        return value

    @field_validator("narrative")
    @classmethod
    def _fictional(cls, value: str) -> str:
        # A handout page copied out of the pack must still say it is invented.
        if "fictional" not in value.lower():
            raise ValueError("say in the narrative itself that the case is fictional")
        return value


class QuizQuestion(Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
    question: str
    answer: str
    # Context for the facilitator: how to read the figure, or where it is easily misread.
    note: str | None = None
    sources: list[Citation] = Field(min_length=1)

    _texts = field_validator("question", "answer")(_text)


class Quiz(Model):
    questions: list[QuizQuestion] = Field(min_length=1)
