"""Signposts (``signposts.yaml``): what to do next, how urgently, worded for each jurisdiction."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator, model_validator

from screener.content.conditions import AllOf, AnyOf, Condition
from screener.content.models.base import (
    JURISDICTIONS,
    Bool,
    Citation,
    InForce,
    JurisdictionId,
    Model,
    NationId,
    Statement,
    check_id,
)
from screener.vocabulary import URGENCIES, Urgency

URGENCY_ORDER: dict[str, int] = {u: i for i, u in enumerate(URGENCIES)}


class JurisdictionText(Statement):
    """A paragraph of a signpost for one jurisdiction; ``when`` limits it to cases it may fit."""

    id: str | None = None
    jurisdiction: JurisdictionId
    # England and Wales only: the nations the paragraph speaks for; a case in another nation
    # does not show it (a case that names no nation shows it).
    nations: list[NationId] | None = None
    text: str
    when: Condition | None = None
    sources: list[Citation] = Field(min_length=1)
    confirm_locally: Bool = False

    @model_validator(mode="after")
    def _nations_in_england_and_wales(self) -> JurisdictionText:
        if self.nations is not None and self.jurisdiction != "england-wales":
            raise ValueError("nations is for england-wales paragraphs only")
        return self

    def speaks_for(self, nation: str | None) -> bool:
        return nation is None or self.nations is None or nation in self.nations


class SignpostWording(Statement):
    """A signpost's wording in some jurisdictions (and, with ``in_force``, for a time).

    The fields it gives replace the signpost's own; ``validate`` checks that on
    every day a signpost is in force, each of its jurisdictions has an action and
    a "who" line, and that no two wordings of one jurisdiction overlap.
    """

    id: str | None = None
    jurisdictions: list[JurisdictionId] = Field(min_length=1)
    # England and Wales only: used, in place of the wording for both, for a case in these nations.
    nations: list[NationId] | None = None
    title: str | None = None
    action: str | None = None
    who: str | None = None
    sources: list[Citation] = Field(default_factory=list)
    confirm_locally: Bool = False

    @model_validator(mode="after")
    def _nations_in_england_and_wales(self) -> SignpostWording:
        if self.nations is not None and self.jurisdictions != ["england-wales"]:
            raise ValueError("nations is for wording of england-wales alone")
        return self


class JurisdictionTrigger(Model):
    """A further trigger in one jurisdiction: the signpost also applies there when this holds."""

    jurisdiction: JurisdictionId
    when: Condition


class NotListed(Statement):
    """What the summary says when a signpost is not listed but ``when`` holds: why not, and what would bring it."""

    when: Condition
    text: str


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
    # Triggers of one jurisdiction's own (a rule only it has), each or'ed with ``when`` there.
    also_when: list[JurisdictionTrigger] = Field(default_factory=list)
    # Where a signpost starts or stops applying in one jurisdiction only.
    in_force_in: dict[JurisdictionId, InForce] = Field(default_factory=dict)
    wording: list[SignpostWording] = Field(default_factory=list)
    local: list[JurisdictionText] = Field(default_factory=list)
    # Said when the trigger is plainly not met but the case comes near it (a risk factor with no sign).
    not_listed: NotListed | None = None
    sources: list[Citation] = Field(min_length=1)

    _id = field_validator("id")(check_id)

    def shown_in(self, jurisdiction: str, day: dt.date) -> bool:
        """Does the signpost apply in this jurisdiction on this day?"""
        if jurisdiction not in self.jurisdictions or not self.in_force_on(day):
            return False
        local = self.in_force_in.get(jurisdiction)  # type: ignore[call-overload]
        return local is None or local.covers(day)

    def trigger(self, jurisdiction: str | None) -> Condition:
        """The condition that lists the signpost in a jurisdiction: ``when``, or any of its own triggers."""
        own = [t.when for t in self.also_when if t.jurisdiction == jurisdiction]
        return AnyOf([self.when, *own]) if own else self.when

    def wording_for(self, jurisdiction: str, day: dt.date, nation: str | None = None) -> SignpostWording | None:
        """The wording in force: the case's nation's own if it has one, else the wording for the whole jurisdiction."""
        live = [w for w in self.wording if jurisdiction in w.jurisdictions and w.in_force_on(day)]
        own = next((w for w in live if nation is not None and w.nations is not None and nation in w.nations), None)
        return own or next((w for w in live if w.nations is None), None)

    def texts(self, jurisdiction: str, day: dt.date, nation: str | None = None) -> tuple[str, str, str]:
        """(title, action, who) as shown in a jurisdiction (and nation) on a day; '' where the pack gives none."""
        own = self.wording_for(jurisdiction, day, nation)
        title = (own.title if own else None) or self.title
        action = (own.action if own else None) or self.action or ""
        who = (own.who if own else None) or self.who or ""
        return title, action, who
