"""The area file's contract as pydantic models (``shared/spec/area-file.md``), and ``Area``, a checked file."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from screener.casefile.model import Case, Date, YesNoUnknown
from screener.content.models.base import JURISDICTIONS, JurisdictionId
from screener.textsafe import refused, shown

SCHEMA = "screener-area/1"
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_TEXT = 500


def unsafe_text(text: str) -> str | None:
    """Why ``text`` is not safe to show, or None: the one sanitiser's rule for multi-line text."""
    return refused(text, one_line=False)


def _text(value: Any) -> Any:
    if isinstance(value, str):
        problem = unsafe_text(value)
        if problem is not None:
            raise PydanticCustomError("unsafe_text", problem)
        if not value.strip():
            raise PydanticCustomError("empty_text", "must not be empty")
        if len(value) > MAX_TEXT:
            raise PydanticCustomError("long_text", "is longer than {n} characters", {"n": MAX_TEXT})
    return value


def _slug(value: Any) -> Any:
    if isinstance(value, str) and not _SLUG.fullmatch(value):
        raise PydanticCustomError(
            "slug",
            "'{value}' is not an id (lower-case words and hyphens, like example-borough)",
            {"value": shown(value)},
        )
    return value


def _jurisdiction(value: Any) -> Any:
    if value not in JURISDICTIONS:
        raise PydanticCustomError(
            "choice",
            "'{value}' is not a jurisdiction; use one of: {allowed}",
            {"value": shown(value), "allowed": ", ".join(JURISDICTIONS)},
        )
    return value


Text = Annotated[str, BeforeValidator(_text)]
Slug = Annotated[str, BeforeValidator(_slug)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class FactRange(_Model):
    """One value of a fact over a range of days; ``until`` is the last day it holds."""

    value: YesNoUnknown
    from_: Date = Field(alias="from")
    until: Date | None = None

    def covers(self, day: dt.date) -> bool:
        return self.from_ <= day and (self.until is None or day <= self.until)


class Contact(_Model):
    id: Slug
    name: Text
    phone: Text | None = None
    email: Text | None = None
    hours: Text | None = None
    for_: list[str] = Field(alias="for", min_length=1)


class Note(_Model):
    for_: str = Field(alias="for")
    text: Text


class AreaFile(_Model):
    schema_: Literal["screener-area/1"] = Field(alias="schema")
    id: Slug
    name: Text
    jurisdiction: Annotated[JurisdictionId, BeforeValidator(_jurisdiction)]
    verified_on: Date
    review_due: Date
    maintainer: Text
    facts: dict[str, list[FactRange]] = Field(default_factory=dict)
    contacts: list[Contact] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)

    @field_validator("facts", "contacts", "notes", mode="before")
    @classmethod
    def _empty(cls, value: Any, info: Any) -> Any:
        if value is None:
            return {} if info.field_name == "facts" else []
        return value


@dataclass(frozen=True)
class Area:
    """A checked area file."""

    path: str
    model: AreaFile
    digest: str  # "sha256:<hex>" of the file's bytes

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def jurisdiction(self) -> str:
        return self.model.jurisdiction

    def checked(self) -> str:
        return f"from the area file ({self.name}, checked {self.model.verified_on.isoformat()})"

    def stale(self, day: dt.date) -> bool:
        return day > self.model.review_due

    def facts_on(self, day: dt.date) -> dict[str, str]:
        """The facts this area settles on ``day`` (yes or no; 'unknown' settles nothing)."""
        found: dict[str, str] = {}
        for fact, ranges in self.model.facts.items():
            for item in ranges:
                if item.covers(day) and item.value != "unknown":
                    found[fact] = item.value
        return found

    def settle(self, case: Case, day: dt.date) -> tuple[Case, dict[str, str]]:
        """The case with the area's facts filled in where its answer is not known, and a marker for each."""
        filled = {f: v for f, v in self.facts_on(day).items() if case.fact(f) == "unknown"}
        if not filled:
            return case, {}
        settled = case.model_copy(update={"facts": {**case.facts, **filled}})
        return settled, dict.fromkeys(filled, self.checked())

    def counts(self) -> str:
        m = self.model
        ranges = sum(len(r) for r in m.facts.values())
        return (
            f"{m.id}: ok: {m.jurisdiction}, {len(m.facts)} facts ({ranges} date ranges), "
            f"{len(m.contacts)} contacts, {len(m.notes)} notes, checked {m.verified_on.isoformat()}, "
            f"review due {m.review_due.isoformat()}"
        )
