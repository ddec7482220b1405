"""The one model of "a case, a date and the expected outcomes". Extra keys are errors.

A rule file (``tests/rules/*.yaml``; ``screener test DIR``)::

    defaults:                       # optional: merged under every case's own `case`
      jurisdiction: scotland
      screening_date: 2024-11-20
      child: {age: 15, age_disputed: no}
      facts: {separated: yes, in_la_care: yes}
    cases:
    - name: "not in LA care"        # unique in its file
      case: {facts: {in_la_care: no}}   # a case file's parts (``schema`` may be left out)
      expect:
        guardianship: {guardianship-scotland: criteria-not-met}

A case's ``child``, ``facts``, ``nrm`` and ``dates`` are merged key by key over
the defaults; giving ``age`` or ``date_of_birth`` replaces both of the default's.
A merged case needs a ``screening_date``: an expected outcome holds on a day.

``expect`` (a scenario's answer key is the same model):

- ``guardianship``: per service, its status; when given, every service the engine
  lists must be in it, so the key is complete (``{}``: the engine lists none);
- ``settle_by``: per service, the answers that would settle an open status (as a
  set); a service expected with a status but not listed here must have none;
- ``signposts``: ``include`` and ``exclude`` lists of signpost ids;
- ``key_dates``: ``{id, date}`` items; ``date: null`` expects no such key date;
- ``notices``: words that some notice of the summary contains;
- ``says`` / ``never_says``: words the whole summary (as Markdown, spaces collapsed) says, or
  must never say: the wording a jurisdiction, or a nation, reads.

At least one of them must be given, so a case that proves nothing is refused.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from screener.content.models.base import Date
from screener.summary import ServiceStatus

KeyDateId = Literal[
    "turns-18", "pilot-exclusion-starts", "reconsideration-deadline", "guardianship-scotland-support-ends"
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class SignpostExpectation(Model):
    include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)


class KeyDateExpectation(Model):
    id: KeyDateId
    date: Date | None  # None: the summary has no such key date


class Expected(Model):
    """The outcomes the engine should give for one case on its screening date."""

    # None: not checked; {}: the engine lists no guardianship service at all.
    guardianship: dict[str, ServiceStatus] | None = None
    settle_by: dict[str, list[str]] = Field(default_factory=dict)
    signposts: SignpostExpectation = Field(default_factory=SignpostExpectation)
    key_dates: list[KeyDateExpectation] = Field(default_factory=list)
    notices: list[str] = Field(default_factory=list)
    says: list[str] = Field(default_factory=list)
    never_says: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _something(self) -> Expected:
        if not (
            self.guardianship is not None
            or self.settle_by
            or self.signposts.include
            or self.signposts.exclude
            or self.key_dates
            or self.notices
            or self.says
            or self.never_says
        ):
            raise ValueError(
                "expects nothing: give guardianship, settle_by, signposts, key_dates, notices, says or never_says"
            )
        return self


class RuleCaseEntry(Model):
    """One case of a rule file as written: its ``case`` is merged over the file's defaults before it is read."""

    name: str = Field(min_length=1, max_length=200)
    case: dict[str, Any] = Field(default_factory=dict)
    expect: Expected


class RuleFile(Model):
    defaults: dict[str, Any] = Field(default_factory=dict)
    cases: list[RuleCaseEntry] = Field(min_length=1)

    @field_validator("defaults", mode="before")
    @classmethod
    def _none(cls, value: Any) -> Any:
        return {} if value is None else value
