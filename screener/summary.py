"""The signposting summary: pure data, rendered by ``screener.render``.

Field names marked in the contract (``../shared/spec``) are fixed; the rest
are ours. The JSON renderer dumps these as they are, in field order, all but
``words``: the pack's words for the ids a summary gives, which only the other
renderers read.

Plain frozen dataclasses, not pydantic models: the engine builds a summary and
nothing ever parses one, and building a dozen pydantic models costs the headless
commands a noticeable share of their start-up. ``screener schema summary`` still
gets a JSON Schema from them through pydantic's TypeAdapter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from screener.vocabulary import CriterionStatus, ServiceStatus

SUMMARY_SCHEMA: Final = "screener-summary/1"


@dataclass(frozen=True)
class PackRef:
    id: str
    version: str
    reviewed_on: dt.date
    review_due: dt.date
    title: str


@dataclass(frozen=True)
class Answer:
    """One answer as given, for the summary's record of the case."""

    id: str
    label: str
    value: str


@dataclass(frozen=True)
class CriterionResult:
    id: str
    route: str
    text: str
    status: CriterionStatus
    facts: list[str]
    answers: list[str]  # the answers behind the status, in words


@dataclass(frozen=True)
class RouteResult:
    id: str
    title: str
    status: CriterionStatus
    discretionary: bool
    note: str | None = None


@dataclass(frozen=True)
class ServiceResult:
    service: str
    name: str
    provider: str
    status: ServiceStatus
    status_text: str
    routes: list[RouteResult]
    criteria: list[CriterionResult]
    settle_by: list[str]
    settle_by_text: list[str]
    next_steps: str
    notes: list[str]
    sources: list[str]


@dataclass(frozen=True)
class ContactRef:
    """An area file's contact for a signpost (contract: ``contacts: [{id, name, phone, email, hours}]``)."""

    id: str
    name: str
    phone: str | None
    email: str | None
    hours: str | None


@dataclass(frozen=True)
class SignpostResult:
    id: str
    title: str
    action: str
    who: str
    urgency: str
    why: list[str]
    local: list[str]
    sources: list[str]
    contacts: list[ContactRef] = field(default_factory=list)


@dataclass(frozen=True)
class KeyDate:
    id: str
    date: dt.date
    text: str
    sources: list[str]
    # "month" when only the month may be shown (an age-only export: the exact day would give the
    # date of birth away); then ``date`` is the first day of that month. Left out of JSON when "day".
    precision: Literal["day", "month"] = field(default="day", metadata={"omit_default": True})


@dataclass(frozen=True)
class IndicatorResult:
    id: str
    theme: str
    theme_title: str
    text: str
    kind: str  # "sign" (something seen) or "risk-factor" (a circumstance)
    why: str
    sources: list[str]


@dataclass(frozen=True)
class AreaRef:
    """The area file a summary used (contract: ``area: {id, name, verified_on, review_due}``)."""

    id: str
    name: str
    verified_on: dt.date
    review_due: dt.date


@dataclass(frozen=True)
class PackProvenance:
    id: str
    version: str
    digest: str


@dataclass(frozen=True)
class AreaProvenance:
    id: str
    verified_on: dt.date
    digest: str


@dataclass(frozen=True)
class Provenance:
    """Exactly what produced a summary, so that one on a case record can be traced."""

    pack: PackProvenance
    area: AreaProvenance | None
    screener_version: str
    screening_date: dt.date


@dataclass(frozen=True)
class Words:
    """The pack's words (``wording.yaml``) for what a summary gives by id, so that it renders alone.

    Not part of the summary's contract: its JSON gives the ids and leaves these out.
    """

    criteria: dict[str, str]  # a criterion's status: met, not met, not known
    routes: dict[str, str]  # a route's own outcome
    urgency: dict[str, str]  # a signpost's urgency
    indicator_kinds: dict[str, str]  # an indicator's kind, as listed beside it


# A field marked so is left out of the JSON while it holds its default (the case gave nothing).
AS_GIVEN: Final = {"omit_default": True}


@dataclass(frozen=True)
class ProfessionalRecord:
    """The case's ``record`` block, echoed as given (contract: names fixed; a field not given is left out)."""

    completed_by: str | None = field(default=None, metadata=AS_GIVEN)
    agency: str | None = field(default=None, metadata=AS_GIVEN)
    judgement: str | None = field(default=None, metadata=AS_GIVEN)
    discussed_with: str | None = field(default=None, metadata=AS_GIVEN)
    discussed_on: dt.date | None = field(default=None, metadata=AS_GIVEN)
    review_on: dt.date | None = field(default=None, metadata=AS_GIVEN)


# A field marked so is the renderers' alone: left out of the JSON and of its schema.
NOT_IN_JSON: Final = {"json": False}


@dataclass(frozen=True)
class Summary:
    reference: str | None
    jurisdiction: str
    jurisdiction_name: str
    as_at: dt.date
    generator: str
    pack: PackRef
    framing: list[str]
    answers: list[Answer]
    guardianship: list[ServiceResult]
    signposts: list[SignpostResult]
    key_dates: list[KeyDate]
    indicators: list[IndicatorResult]
    follow_up: list[str]
    notices: list[str]
    sources: list[str]
    words: Words = field(metadata=NOT_IN_JSON)
    training: bool = False
    area: AreaRef | None = None
    provenance: Provenance | None = None
    record: ProfessionalRecord | None = field(default=None, metadata=AS_GIVEN)
    schema: Literal["screener-summary/1"] = SUMMARY_SCHEMA


def plain_data(value: Any) -> Any:
    """Dataclasses as JSON-ready data: fields in order, dates as YYYY-MM-DD, marked fields left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: plain_data(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if _in_json(f) and not (f.metadata.get("omit_default") and getattr(value, f.name) == f.default)
        }
    if isinstance(value, list):
        return [plain_data(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def to_data(summary: Summary) -> dict[str, Any]:
    """The summary as JSON-ready data, ``schema`` first as the contract shows it."""
    data = plain_data(summary)
    return {"schema": data.pop("schema"), **data}


def _in_json(f: dataclasses.Field[Any]) -> bool:
    return f.metadata.get("json", True) is not False


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a summary as ``to_data`` gives it (the renderers' words left out)."""
    from pydantic import TypeAdapter

    schema: dict[str, Any] = TypeAdapter(Summary).json_schema()
    for f in dataclasses.fields(Summary):
        if not _in_json(f):
            del schema["properties"][f.name]
            schema["required"].remove(f.name)
    del schema["$defs"][Words.__name__]
    return schema
