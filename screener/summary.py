"""The signposting summary: pure data, rendered by ``screener.render``.

Field names marked in the contract (``../shared/spec``) are fixed; the rest
are ours. The JSON renderer dumps this model as it is.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SUMMARY_SCHEMA = "screener-summary/1"
ServiceStatus = Literal["criteria-met", "criteria-may-be-met", "criteria-not-met"]
CriterionStatus = Literal["met", "not-met", "unknown"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class PackRef(_Model):
    id: str
    version: str
    reviewed_on: dt.date
    review_due: dt.date
    title: str


class Answer(_Model):
    """One answer as given, for the summary's record of the case."""

    id: str
    label: str
    value: str


class CriterionResult(_Model):
    id: str
    route: str
    text: str
    status: CriterionStatus
    facts: list[str]
    answers: list[str] = Field(description="the answers behind the status, in words")


class RouteResult(_Model):
    id: str
    title: str
    status: CriterionStatus
    discretionary: bool
    note: str | None = None


class ServiceResult(_Model):
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


class SignpostResult(_Model):
    id: str
    title: str
    action: str
    who: str
    urgency: str
    why: list[str]
    local: list[str]
    sources: list[str]


class KeyDate(_Model):
    id: str
    date: dt.date
    text: str
    sources: list[str]


class IndicatorResult(_Model):
    id: str
    theme: str
    theme_title: str
    text: str
    why: str
    sources: list[str]


class Summary(_Model):
    schema_: Literal["screener-summary/1"] = Field(default=SUMMARY_SCHEMA, alias="schema")
    reference: str | None
    jurisdiction: str
    jurisdiction_name: str
    as_at: dt.date
    training: bool = False
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
