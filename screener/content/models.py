"""Typed models of the content pack. Extra keys are errors everywhere."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from screener.content.conditions import Condition

JurisdictionId = Literal["england-wales", "scotland", "northern-ireland"]
JURISDICTIONS: tuple[JurisdictionId, ...] = ("england-wales", "scotland", "northern-ireland")
Urgency = Literal["today", "this-week", "soon", "ongoing"]
URGENCY_ORDER: dict[str, int] = {"today": 0, "this-week": 1, "soon": 2, "ongoing": 3}
ExploitationType = Literal[
    "criminal",
    "sexual",
    "labour",
    "domestic-servitude",
    "forced-marriage",
    "organ-harvesting",
    "online",
    "any",
]
QuestionStep = Literal["about-child", "local-services", "nrm-legal"]

_ID = re.compile(r"^[a-z][a-z0-9]*([-_][a-z0-9]+)*$")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"'{value}' is not a valid id (lower-case letters, digits, '-' or '_')")
    return value


class InForce(Model):
    """The dates a rule applies between, both inclusive; either end may be open."""

    from_: dt.date | None = Field(default=None, alias="from")
    until: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> InForce:
        if self.from_ and self.until and self.until < self.from_:
            raise ValueError(f"in_force ends ({self.until}) before it starts ({self.from_})")
        return self

    def covers(self, day: dt.date) -> bool:
        return (self.from_ is None or self.from_ <= day) and (self.until is None or day <= self.until)


class Citation(Model):
    """Where a statement comes from: a source, and where in it."""

    source: str
    chapter: int | None = Field(default=None, ge=1)
    section: str | None = None
    page: int | None = Field(default=None, ge=1)
    page_end: int | None = Field(default=None, ge=1)
    detail: str | None = None

    @model_validator(mode="after")
    def _pages(self) -> Citation:
        if self.page_end is not None and (self.page is None or self.page_end < self.page):
            raise ValueError("page_end needs a page, and must not come before it")
        return self


class Source(Model):
    id: str
    short: str
    title: str
    publisher: str
    year: int = Field(ge=1900, le=2100)
    kind: Literal["report", "legislation", "guidance", "statistics", "service", "other"]
    confirm_locally: bool = False
    note: str | None = None

    _id = field_validator("id")(_check_id)


class PackInfo(Model):
    id: str
    version: str
    title: str
    description: str
    source_documents: list[str] = Field(min_length=1)
    reviewed_on: dt.date
    review_due: dt.date

    _id = field_validator("id")(_check_id)

    @model_validator(mode="after")
    def _due_after_review(self) -> PackInfo:
        if self.review_due < self.reviewed_on:
            raise ValueError("review_due comes before reviewed_on")
        return self


class FramingPoint(Model):
    """A statement every summary opens with."""

    text: str
    sources: list[Citation] = Field(min_length=1)


class Question(Model):
    """A yes / no / not-known fact of the case-file contract."""

    id: str
    step: QuestionStep
    label: str
    prompt: str
    yes: str
    no: str
    help: str
    jurisdictions: list[JurisdictionId] = Field(default_factory=lambda: list(JURISDICTIONS))
    sources: list[Citation] = Field(min_length=1)

    _id = field_validator("id")(_check_id)


class Theme(Model):
    id: str
    title: str
    summary: str
    order: int

    _id = field_validator("id")(_check_id)


class Indicator(Model):
    id: str
    title: str
    prompt: str
    why: str
    exploitation_types: list[ExploitationType] = Field(min_length=1)
    jurisdictions: list[JurisdictionId] = Field(default_factory=lambda: list(JURISDICTIONS))
    sources: list[Citation] = Field(min_length=1)
    signposts: list[str] = Field(default_factory=list)

    _id = field_validator("id")(_check_id)


class ThemeFile(Model):
    """One file under ``themes/``: a theme and its indicators."""

    theme: Theme
    indicators: list[Indicator] = Field(min_length=1)


class Criterion(Model):
    id: str
    text: str
    when: Condition
    sources: list[Citation] = Field(min_length=1)

    _id = field_validator("id")(_check_id)


class Route(Model):
    """One way into a service; a service's criteria are met when any route's are."""

    id: str
    title: str
    discretionary: bool = False
    note: str | None = None
    criteria: list[Criterion] = Field(min_length=1)
    in_force: InForce | None = None

    _id = field_validator("id")(_check_id)


class DatedNote(Model):
    """A note shown with a service or jurisdiction; ``when`` limits it to cases it fits."""

    text: str
    as_of: dt.date
    sources: list[Citation] = Field(min_length=1)
    confirm_locally: bool = False
    when: Condition | None = None


class Service(Model):
    id: str
    name: str
    provider: str
    legal_basis: str
    summary: str
    next_steps: str
    routes: list[Route] = Field(min_length=1)
    sources: list[Citation] = Field(min_length=1)
    notes: list[DatedNote] = Field(default_factory=list)
    in_force: InForce | None = None

    _id = field_validator("id")(_check_id)


class Jurisdiction(Model):
    id: JurisdictionId
    name: str
    services: list[Service] = Field(min_length=1)
    notes: list[DatedNote] = Field(default_factory=list)


class JurisdictionText(Model):
    """A paragraph of a signpost that applies in one jurisdiction only."""

    jurisdiction: JurisdictionId
    text: str
    sources: list[Citation] = Field(min_length=1)


class Signpost(Model):
    id: str
    title: str
    action: str
    who: str
    urgency: Urgency
    when: Condition
    jurisdictions: list[JurisdictionId] = Field(default_factory=lambda: list(JURISDICTIONS))
    local: list[JurisdictionText] = Field(default_factory=list)
    sources: list[Citation] = Field(min_length=1)
    in_force: InForce | None = None

    _id = field_validator("id")(_check_id)


class Window(Model):
    """A time limit that depends on when the triggering decision was made."""

    applies_to_decisions: InForce
    days: int | None = Field(default=None, ge=1)
    months: int | None = Field(default=None, ge=1)
    text: str
    sources: list[Citation] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_length(self) -> Window:
        if (self.days is None) == (self.months is None):
            raise ValueError("a window needs exactly one of days or months")
        return self


class Parameters(Model):
    """Dated numbers the engine uses for key dates."""

    reconsideration_windows: list[Window] = Field(min_length=1)
    pilot_exclusion_days: int = Field(ge=1)
    pilot_exclusion_sources: list[Citation] = Field(min_length=1)
    scotland_support_after_months: int = Field(ge=1)
    scotland_support_sources: list[Citation] = Field(min_length=1)
    approaching_18_days: int = Field(ge=1)
    turns_18_sources: list[Citation] = Field(min_length=1)
