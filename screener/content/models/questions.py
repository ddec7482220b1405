"""The asked facts of the case-file contract (``questions.yaml``) and what each is presumed to be."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from screener.content.conditions import AllOf, AnyOf, Condition, FactTest, NotOf, NrmTest, walk
from screener.content.models.base import JURISDICTIONS, Bool, Citation, JurisdictionId, Model, Statement, check_id

QuestionStep = Literal["about-child", "local-services", "nrm-legal"]
# The order the walkthrough asks the steps in.
STEP_ORDER: tuple[QuestionStep, ...] = ("about-child", "local-services", "nrm-legal")
AGE_FACTS = ("under_18", "aged_18_to_20", "approaching_18", "within_pilot_exclusion", "age_disputed")


def answers_only(value: Condition | None, *, nrm: bool = False) -> Condition | None:
    """A condition the walkthrough judges from the answers given so far: it may test facts (the age facts
    among them) and, with ``nrm``, the NRM status; never indicators or themes, which are not all noted yet."""
    allowed: tuple[type, ...] = (AllOf, AnyOf, NotOf, FactTest, NrmTest) if nrm else (AllOf, AnyOf, NotOf, FactTest)
    if value is not None and any(not isinstance(node, allowed) for node in walk(value)):
        what = "facts or the NRM status" if nrm else "facts"
        raise ValueError(f"may test only {what}: the age facts ({', '.join(AGE_FACTS)}) or facts asked before it")
    return value


class Presumption(Statement):
    """What a fact is taken to be, while in force, when the case does not answer it.

    An answer given in the case always wins, so a local exception can be recorded;
    the summary shows the presumption's text wherever the fact is read.
    """

    answer: Literal["yes", "no"]
    # Where it holds; left out, wherever the question is asked. A presumption may
    # settle a fact in a jurisdiction that does not ask it.
    jurisdictions: list[JurisdictionId] | None = None
    text: str
    sources: list[Citation] = Field(min_length=1)
    confirm_locally: Bool = False


class QuestionWording(Model):
    """A question's words in some jurisdictions, where the rules it feeds are their own."""

    jurisdictions: list[JurisdictionId] = Field(min_length=1)
    prompt: str | None = None
    help: str | None = None
    yes: str | None = None
    no: str | None = None


class SameAnswer(Model):
    """Another question, asked before this one, that asks the same test: where the part of the UK asks
    both, its answer is this one's too (``screener.walkthrough.filled``)."""

    fact: str


class PackQuestion(Statement):
    """A yes / no / not-known fact of the case-file contract.

    ``in_force``: the walkthrough asks it only on screening dates in force (an
    answer a case already gives is still shown).
    """

    id: str
    step: QuestionStep
    label: str
    prompt: str
    yes: str
    no: str
    help: str
    jurisdictions: list[JurisdictionId] = Field(default_factory=lambda: list(JURISDICTIONS))
    # Asked only when the answer could matter, judged from the age answers and the facts
    # asked before it (an after-18 question is not asked about a 15-year-old; exceptional
    # ICTG direct support not once nobody with parental responsibility is in the UK).
    # Left out: always asked.
    asked_when: Condition | None = None
    # Filled in as yes when this holds of the answers given before it (a referral to the NRM means a
    # first responder had reason to believe the child may be a victim); the walkthrough shows it as
    # coming from that answer and the user may change it. Left out: never filled in.
    filled_when: Condition | None = None
    # The same test as an earlier question (``fact``): where the part of the UK asks that one and it is
    # answered yes or no, this one takes the same answer and is not asked in the walk; the review shows
    # it as coming from that answer and the user may change it. Left out: asked on its own.
    same_as: SameAnswer | None = None
    presumed: list[Presumption] = Field(default_factory=list)
    # Words for some jurisdictions; each field it gives replaces the question's own there.
    wording: list[QuestionWording] = Field(default_factory=list)
    sources: list[Citation] = Field(min_length=1)

    _id = field_validator("id")(check_id)

    def words_in(self, jurisdiction: str | None) -> tuple[str, str, str, str]:
        """(prompt, help, yes, no) as asked in a jurisdiction."""
        own = next((w for w in self.wording if jurisdiction in w.jurisdictions), None)
        if own is None:
            return self.prompt, self.help, self.yes, self.no
        return own.prompt or self.prompt, own.help or self.help, own.yes or self.yes, own.no or self.no

    def presumption(self, jurisdiction: str, day: dt.date) -> Presumption | None:
        return next(
            (
                p
                for p in self.presumed
                if p.in_force_on(day) and jurisdiction in (p.jurisdictions or self.jurisdictions)
            ),
            None,
        )

    @field_validator("asked_when")
    @classmethod
    def _facts_only(cls, value: Condition | None) -> Condition | None:
        # The walkthrough judges this before the case is whole: the age answers and the facts
        # asked so far are known, the indicators and the NRM answer not yet.
        return answers_only(value)

    @field_validator("filled_when")
    @classmethod
    def _answers_only(cls, value: Condition | None) -> Condition | None:
        return answers_only(value, nrm=True)

    @model_validator(mode="after")
    def _one_way_to_fill(self) -> PackQuestion:
        # Both would fill the one answer from two places: which one the walk shows would depend on order.
        if self.filled_when is not None and self.same_as is not None:
            raise ValueError("give filled_when or same_as, not both")
        return self
