"""What every content model is built from: the strict base model and field types,
ids, the dates a statement is in force, and citations. Extra keys are errors everywhere."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, model_validator
from pydantic_core import PydanticCustomError

from screener.isodate import parse_iso

JurisdictionId = Literal["england-wales", "scotland", "northern-ireland"]
JURISDICTIONS: tuple[JurisdictionId, ...] = ("england-wales", "scotland", "northern-ireland")
# England and Wales share the jurisdiction but not their social-services law: a case may say which.
NationId = Literal["england", "wales"]
NATIONS: tuple[NationId, ...] = ("england", "wales")
_ID = re.compile(r"^[a-z][a-z0-9]*([-_][a-z0-9]+)*$")


def _date(value: Any) -> Any:
    # Pydantic would read a number as seconds since 1970 and accept 20240101 or
    # a date-time; content dates (the pack's and the training scenarios') are written one way only.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    day = parse_iso(value) if isinstance(value, str) else None
    if day is not None:
        return day
    raise PydanticCustomError("date_format", "expected a date (YYYY-MM-DD)")


# Only true/false are booleans and only whole numbers are integers: lax pydantic
# would take 'yes', 1 or "3" and hide a slip in the content.
Bool = Annotated[bool, Strict()]
Int = Annotated[int, Strict()]
Date = Annotated[dt.date, BeforeValidator(_date)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


def check_id(value: str) -> str:
    """An id as the pack writes it (use as ``_id = field_validator("id")(check_id)``)."""
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
