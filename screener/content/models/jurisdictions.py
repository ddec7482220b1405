"""A part of the UK and its guardianship services (``jurisdictions/*.yaml``): routes in, their
criteria, dated notes and dated wording."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator

from screener.content.conditions import Condition
from screener.content.models.base import Bool, Citation, Date, JurisdictionId, Model, Statement, check_id


class Criterion(Statement):
    id: str
    text: str
    when: Condition
    sources: list[Citation] = Field(min_length=1)
    confirm_locally: Bool = False

    _id = field_validator("id")(check_id)


class Route(Statement):
    """One way into a service; a service's criteria are met when any route's are."""

    id: str
    title: str
    discretionary: Bool = False
    note: str | None = None
    criteria: list[Criterion] = Field(min_length=1)

    _id = field_validator("id")(check_id)


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

    _id = field_validator("id")(check_id)

    def wording_on(self, day: dt.date) -> ServiceWording | None:
        return next((w for w in self.wording if w.in_force_on(day)), None)


class Jurisdiction(Model):
    id: JurisdictionId
    name: str
    services: list[Service] = Field(min_length=1)
    notes: list[DatedNote] = Field(default_factory=list)
