"""Typed models of the content pack. Extra keys are errors everywhere."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from screener.content.conditions import AllOf, AnyOf, Condition, FactTest, NotOf, facts_in, walk
from screener.isodate import ISO_DATE as _DATE

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
# A sign is something seen or heard; a risk factor is a circumstance that makes
# exploitation more likely. Practitioners are taught to tell them apart.
IndicatorKind = Literal["sign", "risk-factor"]
INDICATOR_KIND_LABELS: dict[str, str] = {"sign": "Sign", "risk-factor": "Risk factor"}
INDICATOR_KIND_ABOUT: dict[str, str] = {
    "sign": "A sign: something you may see or hear.",
    "risk-factor": "A risk factor: a circumstance that makes exploitation more likely, not a sign of it.",
}

_ID = re.compile(r"^[a-z][a-z0-9]*([-_][a-z0-9]+)*$")


def _date(value: Any) -> Any:
    # Pydantic would read a number as seconds since 1970 and accept 20240101 or
    # a date-time; content dates are written one way only.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("date_format", "expected a date (YYYY-MM-DD)")


# Only true/false are booleans and only whole numbers are integers: lax pydantic
# would take 'yes', 1 or "3" and hide a slip in the content.
Bool = Annotated[bool, Strict()]
Int = Annotated[int, Strict()]
# The longest window or period a pack may give, in days and in months (ten years).
MAX_WINDOW_DAYS = 3660
MAX_WINDOW_MONTHS = 120
Date = Annotated[dt.date, BeforeValidator(_date)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"'{value}' is not a valid id (lower-case letters, digits, '-' or '_')")
    return value


class InForce(Model):
    """The dates a rule applies between, both inclusive; either end may be open."""

    from_: Date | None = Field(default=None, alias="from")
    until: Date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> InForce:
        if self.from_ and self.until and self.until < self.from_:
            raise ValueError(f"until ({self.until}) comes before from ({self.from_})")
        return self

    def covers(self, day: dt.date) -> bool:
        return (self.from_ is None or self.from_ <= day) and (self.until is None or day <= self.until)


class Statement(Model):
    """Anything the pack states that may be true only for a time.

    ``in_force``: the days it holds (both ends inclusive, either open); outside
    them the engine does not show it. ``superseded_by``: the id of the statement,
    in the same list, that replaces it once it ends. ``checked_on``: the day a
    statement from a secondary source was last checked, shown beside "confirm
    locally". ``validate`` refuses two versions of one statement in force on the
    same day, and a ``checked_on`` after the pack's ``reviewed_on``.
    """

    in_force: InForce | None = None
    superseded_by: str | None = None
    checked_on: Date | None = None

    def in_force_on(self, day: dt.date) -> bool:
        return self.in_force is None or self.in_force.covers(day)

    @model_validator(mode="after")
    def _superseded_needs_end(self) -> Statement:
        if self.superseded_by is not None and (self.in_force is None or self.in_force.until is None):
            raise ValueError("a superseded statement needs in_force.until: the last day it holds")
        return self


class Citation(Model):
    """Where a statement comes from: a source, and where in it."""

    source: str
    chapter: Int | None = Field(default=None, ge=1)
    section: str | None = None
    page: Int | None = Field(default=None, ge=1)
    page_end: Int | None = Field(default=None, ge=1)
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
    year: Int = Field(ge=1900, le=2100)
    kind: Literal["report", "legislation", "guidance", "statistics", "service", "other"]
    confirm_locally: Bool = False
    # The day a secondary or partial source was last checked; cited beside "confirm locally".
    checked_on: Date | None = None
    note: str | None = None

    _id = field_validator("id")(_check_id)


class PackInfo(Model):
    id: str
    version: str
    title: str
    description: str
    source_documents: list[str] = Field(min_length=1)
    reviewed_on: Date
    review_due: Date

    _id = field_validator("id")(_check_id)

    @field_validator("review_due")
    @classmethod
    def _due_after_review(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        # As a field check, so the problem points at review_due's own line.
        reviewed = info.data.get("reviewed_on")
        if reviewed is not None and value < reviewed:
            raise ValueError(f"comes before reviewed_on ({reviewed})")
        return value


class FramingPoint(Statement):
    """A statement every summary opens with (while it is in force)."""

    id: str | None = None
    text: str
    sources: list[Citation] = Field(min_length=1)
    confirm_locally: Bool = False


AGE_FACTS = ("under_18", "aged_18_to_20", "approaching_18", "within_pilot_exclusion", "age_disputed")


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


class Question(Statement):
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
    # Asked only when this could hold, judged from the age answers alone (for instance
    # an after-18 question is not asked about a 15-year-old). Left out: always asked.
    asked_when: Condition | None = None
    presumed: list[Presumption] = Field(default_factory=list)
    sources: list[Citation] = Field(min_length=1)

    _id = field_validator("id")(_check_id)

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
    def _age_only(cls, value: Condition | None) -> Condition | None:
        # The walkthrough judges this before the case is whole: only the age answers are known.
        if value is not None:
            if any(not isinstance(node, AllOf | AnyOf | NotOf | FactTest) for node in walk(value)):
                raise ValueError(f"may test only the age facts: {', '.join(AGE_FACTS)}")
            other = [f for f in facts_in(value) if f not in AGE_FACTS]
            if other:
                raise ValueError(f"may test only the age facts ({', '.join(AGE_FACTS)}), not {other[0]}")
        return value


class Theme(Model):
    id: str
    title: str
    summary: str
    order: Int

    _id = field_validator("id")(_check_id)


class Indicator(Model):
    id: str
    title: str
    kind: IndicatorKind
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


class Criterion(Statement):
    id: str
    text: str
    when: Condition
    sources: list[Citation] = Field(min_length=1)
    confirm_locally: Bool = False

    _id = field_validator("id")(_check_id)


class Route(Statement):
    """One way into a service; a service's criteria are met when any route's are."""

    id: str
    title: str
    discretionary: Bool = False
    note: str | None = None
    criteria: list[Criterion] = Field(min_length=1)

    _id = field_validator("id")(_check_id)


class DatedNote(Statement):
    """A note shown with a service or jurisdiction; ``when`` limits it to cases it fits.

    ``as_of``: the day it became known (a screening dated earlier does not show it);
    ``in_force``: the days it holds, so a note can expire.
    """

    id: str | None = None
    text: str
    as_of: Date
    sources: list[Citation] = Field(min_length=1)
    confirm_locally: Bool = False
    when: Condition | None = None


class ServiceWording(Statement):
    """A dated version of a service's wording; the fields it gives replace the service's own."""

    id: str | None = None
    provider: str | None = None
    summary: str | None = None
    next_steps: str | None = None
    sources: list[Citation] = Field(default_factory=list)
    confirm_locally: Bool = False


class Service(Statement):
    id: str
    name: str
    provider: str
    legal_basis: str
    summary: str
    next_steps: str
    routes: list[Route] = Field(min_length=1)
    sources: list[Citation] = Field(min_length=1)
    notes: list[DatedNote] = Field(default_factory=list)
    wording: list[ServiceWording] = Field(default_factory=list)

    _id = field_validator("id")(_check_id)

    def wording_on(self, day: dt.date) -> ServiceWording | None:
        return next((w for w in self.wording if w.in_force_on(day)), None)


class Jurisdiction(Model):
    id: JurisdictionId
    name: str
    services: list[Service] = Field(min_length=1)
    notes: list[DatedNote] = Field(default_factory=list)


class JurisdictionText(Statement):
    """A paragraph of a signpost for one jurisdiction; ``when`` limits it to cases it may fit."""

    id: str | None = None
    jurisdiction: JurisdictionId
    text: str
    when: Condition | None = None
    sources: list[Citation] = Field(min_length=1)
    confirm_locally: Bool = False


class SignpostWording(Statement):
    """A signpost's wording in some jurisdictions (and, with ``in_force``, for a time).

    The fields it gives replace the signpost's own; ``validate`` checks that on
    every day a signpost is in force, each of its jurisdictions has an action and
    a "who" line, and that no two wordings of one jurisdiction overlap.
    """

    id: str | None = None
    jurisdictions: list[JurisdictionId] = Field(min_length=1)
    title: str | None = None
    action: str | None = None
    who: str | None = None
    sources: list[Citation] = Field(default_factory=list)
    confirm_locally: Bool = False


class Signpost(Statement):
    id: str
    title: str
    # The wording for every jurisdiction without its own (see ``wording``).
    action: str | None = None
    who: str | None = None
    urgency: Urgency
    # No 'when': the signpost applies to every case (an empty 'all' written out is refused as a slip).
    when: Condition = Field(default_factory=lambda: AllOf([]))
    jurisdictions: list[JurisdictionId] = Field(default_factory=lambda: list(JURISDICTIONS))
    # Where a signpost starts or stops applying in one jurisdiction only.
    in_force_in: dict[JurisdictionId, InForce] = Field(default_factory=dict)
    wording: list[SignpostWording] = Field(default_factory=list)
    local: list[JurisdictionText] = Field(default_factory=list)
    sources: list[Citation] = Field(min_length=1)

    _id = field_validator("id")(_check_id)

    def shown_in(self, jurisdiction: str, day: dt.date) -> bool:
        """Does the signpost apply in this jurisdiction on this day?"""
        if jurisdiction not in self.jurisdictions or not self.in_force_on(day):
            return False
        local = self.in_force_in.get(jurisdiction)  # type: ignore[call-overload]
        return local is None or local.covers(day)

    def wording_for(self, jurisdiction: str, day: dt.date) -> SignpostWording | None:
        return next((w for w in self.wording if jurisdiction in w.jurisdictions and w.in_force_on(day)), None)

    def texts(self, jurisdiction: str, day: dt.date) -> tuple[str, str, str]:
        """(title, action, who) as shown in a jurisdiction on a day; '' where the pack gives none."""
        own = self.wording_for(jurisdiction, day)
        title = (own.title if own else None) or self.title
        action = (own.action if own else None) or self.action or ""
        who = (own.who if own else None) or self.who or ""
        return title, action, who


class Window(Model):
    """A time limit that depends on when the triggering decision was made."""

    applies_to_decisions: InForce
    days: Int | None = Field(default=None, ge=1, le=MAX_WINDOW_DAYS)
    months: Int | None = Field(default=None, ge=1, le=MAX_WINDOW_MONTHS)
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
    # Upper bounds keep the key dates inside the calendar (a ten-year window is already absurd).
    pilot_exclusion_days: Int = Field(ge=1, le=MAX_WINDOW_DAYS)
    pilot_exclusion_sources: list[Citation] = Field(min_length=1)
    scotland_support_after_months: Int = Field(ge=1, le=MAX_WINDOW_MONTHS)
    scotland_support_sources: list[Citation] = Field(min_length=1)
    approaching_18_days: Int = Field(ge=1, le=MAX_WINDOW_DAYS)
    turns_18_sources: list[Citation] = Field(min_length=1)
