"""The case: what a practitioner answered, in the case file contract's fixed names."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from screener.content.conditions import NRM_STATUSES, NrmStatus
from screener.content.models.base import JURISDICTIONS, JurisdictionId
from screener.isodate import ISO_DATE, MAX_YEAR, MIN_YEAR, age_on
from screener.textsafe import refused, shown

SCHEMA = "screener-case/1"
ANSWERS = ("yes", "no", "unknown")
# A model validator has no field to point at; parse_case moves this one to the date it names.
AFTER_SCREENING = "after_screening"
AGE_DISAGREES = "age_disagrees"
# The case's own dates, each no later than the day it is screened at (as the walkthrough asks).
_DATES_BEFORE_SCREENING: tuple[tuple[tuple[str, ...], str], ...] = (
    (("child", "date_of_birth"), "date of birth"),
    (("nrm", "decision_on"), "NRM decision date"),
    (("nrm", "referred_on"), "NRM referral date"),
    (("dates", "leave_granted_on"), "date leave was granted"),
)


def _answer(value: Any) -> Any:
    # The contract accepts YAML booleans as yes/no.
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value is None:
        raise PydanticCustomError("answer", "no answer given; use yes, no or unknown")
    if value not in ANSWERS:
        message = "'{value}' is not an answer; use yes, no or unknown"
        raise PydanticCustomError("answer", message, {"value": shown(value)})
    return value


def _one_of(kind: str, allowed: tuple[str, ...]) -> BeforeValidator:
    def check(value: Any) -> Any:
        if value not in allowed:
            raise PydanticCustomError(
                "choice",
                "'{value}' is not {kind}; use one of: {allowed}",
                {"value": shown(value), "kind": kind, "allowed": ", ".join(allowed)},
            )
        return value

    return BeforeValidator(check)


def _date(value: Any) -> Any:
    """Only a real date: a YAML date or ``YYYY-MM-DD`` text.

    pydantic's lax ``date`` would read a bare number as seconds since 1970 and a
    datetime at midnight as its day; both are refused here, as is any other text.
    """
    if value is None:
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return in_range(value)
    # fullmatch: with match, a trailing newline would pass the pattern (``$`` allows one).
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise PydanticCustomError("date", "'{value}' is not a date; write it as YYYY-MM-DD", {"value": shown(value)})
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("date", "{value} is not a real date", {"value": shown(value)}) from None
    return in_range(day)


def in_range(day: dt.date) -> dt.date:
    """The date, if its year is one Screener works with (``MIN_YEAR`` to ``MAX_YEAR``)."""
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise PydanticCustomError(
            "date",
            "{value} is out of range: use a year from {low} to {high}",
            {"value": day.isoformat(), "low": MIN_YEAR, "high": MAX_YEAR},
        )
    return day


def _leave_date(value: Any) -> Any:
    # 'unknown': whether leave has been granted is not known; absent: none has been granted.
    if value == "unknown":
        return value
    try:
        return _date(value)
    except PydanticCustomError as exc:
        if "out of range" in exc.message():
            raise
        raise PydanticCustomError(
            "date", "'{value}' is not a date or unknown; write it as YYYY-MM-DD", {"value": shown(value)}
        ) from None


YesNoUnknown = Annotated[Literal["yes", "no", "unknown"], BeforeValidator(_answer)]
Date = Annotated[dt.date, BeforeValidator(_date)]
LeaveDate = Annotated[dt.date | Literal["unknown"], BeforeValidator(_leave_date)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Child(_Model):
    date_of_birth: Date | None = None
    age: int | None = Field(default=None, ge=0, le=120)
    age_disputed: YesNoUnknown = "unknown"

    @field_validator("age", mode="before")
    @classmethod
    def _whole_years(cls, value: Any) -> Any:
        if value is None:
            return value
        if isinstance(value, bool) or not isinstance(value, int):
            raise PydanticCustomError("age", "must be a whole number of years, not {value}", {"value": shown(value)})
        if value < 0:
            raise PydanticCustomError("age", "cannot be negative ({value})", {"value": value})
        return value


class Nrm(_Model):
    status: Annotated[NrmStatus, _one_of("an NRM status", NRM_STATUSES)] = "unknown"
    decision_on: Date | None = None
    referred_on: Date | None = None  # December 2026: the day the NRM referral was made


def _one_line(value: str | None) -> str | None:
    # A role, an agency: one line of plain text, as the reference is.
    why = refused(value) if value is not None else None
    if why is not None:
        raise ValueError(f"must be one line of plain text: {why}")
    return value or None


def _free_text(value: str | None) -> str | None:
    # Checked as ``notes`` is: lines and right-to-left text allowed, control characters refused.
    why = refused(value, one_line=False, bidi_ok=True) if value is not None else None
    if why is not None:
        raise ValueError(why)
    return value or None


# The record's fields in contract order.
RECORD_FIELDS: tuple[str, ...] = (
    "completed_by",
    "agency",
    "judgement",
    "discussed_with",
    "discussed_on",
    "review_on",
)
# The free-text fields of the record, read for identifiers as ``notes`` is (``privacy.check_case``).
RECORD_TEXT = ("completed_by", "agency", "judgement", "discussed_with")


class Record(_Model):
    """The professional record around a screening (December 2026): who, with whom, and when to look again."""

    completed_by: str | None = Field(default=None, max_length=200)
    agency: str | None = Field(default=None, max_length=200)
    judgement: str | None = Field(default=None, max_length=15000)
    discussed_with: str | None = Field(default=None, max_length=200)
    discussed_on: Date | None = None
    review_on: Date | None = None

    _lines = field_validator("completed_by", "agency", "discussed_with")(_one_line)
    _text = field_validator("judgement")(_free_text)

    def given(self) -> dict[str, Any]:
        """The fields given, in contract order (dates as dates)."""
        return {name: getattr(self, name) for name in RECORD_FIELDS if getattr(self, name) is not None}

    def is_empty(self) -> bool:
        return not self.given()


class CaseDates(_Model):
    # A date; 'unknown' when nobody knows whether leave has been granted; absent when none has.
    leave_granted_on: LeaveDate | None = None

    @property
    def leave_date(self) -> dt.date | None:
        return self.leave_granted_on if isinstance(self.leave_granted_on, dt.date) else None

    @property
    def leave_granted(self) -> Literal["yes", "no", "unknown"]:
        if self.leave_granted_on == "unknown":
            return "unknown"
        return "yes" if self.leave_granted_on else "no"


class RecordedPack(_Model):
    id: str
    version: str
    digest: str | None = None


class RecordedArea(_Model):
    id: str
    verified_on: Date | None = None
    digest: str | None = None


class ScreenedWith(_Model):
    """What the walkthrough screened with when it saved the case (read by ``screener compare``)."""

    pack: RecordedPack | None = None
    area: RecordedArea | None = None
    screener_version: str | None = None


class Case(_Model):
    schema_: Literal["screener-case/1"] = Field(alias="schema")
    reference: str | None = Field(default=None, max_length=80)
    jurisdiction: Annotated[JurisdictionId, _one_of("a jurisdiction", JURISDICTIONS)]
    screening_date: Date | None = None
    child: Child = Field(default_factory=Child)
    facts: dict[str, YesNoUnknown] = Field(default_factory=dict)
    nrm: Nrm = Field(default_factory=Nrm)
    dates: CaseDates = Field(default_factory=CaseDates)
    indicators: list[str] = Field(default_factory=list)
    notes: str | None = None
    record: Record | None = None
    screened_with: ScreenedWith | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    @field_validator("facts", mode="before")
    @classmethod
    def _facts(cls, value: Any) -> Any:
        if value is None:
            return {}
        return value

    @field_validator("indicators", mode="before")
    @classmethod
    def _indicators(cls, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(dict.fromkeys(value))  # naming an indicator twice notes it once
        return value

    @field_validator("reference")
    @classmethod
    def _reference(cls, value: str | None) -> str | None:
        # Control, separator and invisible characters could break a line of output,
        # drive a terminal or make the reference read otherwise than it is.
        why = refused(value) if value is not None else None
        if why is not None:
            raise ValueError(f"reference must be one line of plain text: {why}")
        return value

    @field_validator("notes")
    @classmethod
    def _notes(cls, value: str | None) -> str | None:
        why = refused(value, one_line=False, bidi_ok=True) if value is not None else None
        if why is not None:
            raise ValueError(why)
        return value

    @model_validator(mode="after")
    def _dates(self) -> Case:
        if self.screening_date is not None:
            for loc, what, day in self.dates_before(self.screening_date):
                raise PydanticCustomError(
                    AFTER_SCREENING,
                    "{what} {day} is after the screening date {screening}",
                    {"what": what, "day": day.isoformat(), "screening": self.screening_date.isoformat(), "loc": loc},
                )
        return self

    @model_validator(mode="after")
    def _age_agrees(self) -> Case:
        # The contract takes the date of birth or, when it is not known, the age; given both,
        # the date of birth is used, so an age it does not give would be dropped without a word.
        born, age = self.child.date_of_birth, self.child.age
        if born is None or age is None:
            return self
        day = self.screening_date or dt.date.today()
        given = age_on(born, day)
        if given != age:
            on = f"on the screening date {day.isoformat()}" if self.screening_date else f"today, {day.isoformat()}"
            raise PydanticCustomError(
                AGE_DISAGREES,
                "age {age} does not match the date of birth {born} ({given} {on}); give one or the other",
                {"age": age, "born": born.isoformat(), "given": given, "on": on, "loc": ("child", "age")},
            )
        return self

    def dates_before(self, screening: dt.date) -> list[tuple[tuple[str, ...], str, dt.date]]:
        """The case's dates that are after ``screening``, as (where, what, date)."""
        dates = (self.child.date_of_birth, self.nrm.decision_on, self.nrm.referred_on, self.dates.leave_date)
        return [
            (loc, what, day)
            for (loc, what), day in zip(_DATES_BEFORE_SCREENING, dates, strict=True)
            if day is not None and day > screening
        ]

    def fact(self, fact_id: str) -> YesNoUnknown:
        return self.facts.get(fact_id, "unknown")

    def to_data(self) -> dict[str, Any]:
        """The case as plain data in contract order, for saving."""
        data: dict[str, Any] = {"schema": SCHEMA}
        if self.reference:
            data["reference"] = self.reference
        data["jurisdiction"] = self.jurisdiction
        if self.screening_date:
            data["screening_date"] = self.screening_date.isoformat()
        child: dict[str, Any] = {}
        if self.child.date_of_birth:
            child["date_of_birth"] = self.child.date_of_birth.isoformat()
        if self.child.age is not None:
            child["age"] = self.child.age
        child["age_disputed"] = self.child.age_disputed
        data["child"] = child
        data["facts"] = dict(self.facts)
        nrm: dict[str, Any] = {"status": self.nrm.status}
        if self.nrm.decision_on:
            nrm["decision_on"] = self.nrm.decision_on.isoformat()
        if self.nrm.referred_on:
            nrm["referred_on"] = self.nrm.referred_on.isoformat()
        data["nrm"] = nrm
        if self.dates.leave_date:
            data["dates"] = {"leave_granted_on": self.dates.leave_date.isoformat()}
        elif self.dates.leave_granted_on == "unknown":
            data["dates"] = {"leave_granted_on": "unknown"}
        data["indicators"] = list(self.indicators)
        if self.notes:
            data["notes"] = self.notes
        if self.record is not None and not self.record.is_empty():
            data["record"] = {
                name: value.isoformat() if isinstance(value, dt.date) else value
                for name, value in self.record.given().items()
            }
        if self.screened_with is not None:
            data["screened_with"] = self.screened_with.model_dump(mode="json", exclude_none=True)
        return data
