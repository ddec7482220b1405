"""``nrm.yaml``: the NRM referral form's sections and prompts, and what Screener fills in, as content.

The form changes several times a year, so the file is dated (``form.in_force``, ``form.checked_on``)
and says "confirm locally". Extra keys are errors, as everywhere in the pack.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from screener.content.models.base import Bool, Date, InForce, Int, JurisdictionId, Model, check_id

# What Screener fills a prompt in with; each is worked out in screener.nrm.prepare.
Fill = Literal[
    "reference", "agency", "nation", "under-18", "nrm-history", "indicators", "judgement", "professionals",
    "types", "contact",
]  # fmt: skip
FILLS: tuple[str, ...] = Fill.__args__  # type: ignore[attr-defined]
Who = Literal["adult", "child"]


class Document(Model):
    """A Home Office document the preparation follows or cites."""

    id: str
    short: str
    title: str
    publisher: str
    licence: str

    _id = field_validator("id")(check_id)


class Cite(Model):
    """A citation of one of ``documents``, or of a source in the pack's ``sources.yaml``."""

    source: str
    section: str | None = None
    page: Int | None = Field(default=None, ge=1)


class Form(Model):
    title: str
    document: str
    in_force: InForce
    checked_on: Date
    confirm_locally: Bool = True
    service: str
    earlier: str


class Prompt(Model):
    text: str
    hint: str | None = None
    options: list[str] = Field(default_factory=list)
    fill: Fill | None = None
    for_: Who | None = Field(default=None, alias="for")


class Section(Model):
    id: str
    title: str
    page: Int = Field(ge=1)
    for_: Who | None = Field(default=None, alias="for")
    prompts: list[Prompt] = Field(min_length=1)

    _id = field_validator("id")(check_id)


class ExploitationType(Model):
    """One of the form's forms of exploitation, suggested by the themes or indicators a case notes."""

    title: str
    themes: list[str] = Field(default_factory=list)
    indicators: list[str] = Field(default_factory=list)


class Checklist(Model):
    cite: list[Cite] = Field(min_length=1)
    items: list[str] = Field(min_length=1)


class Separate(Model):
    """The steps the NRM referral is not, in one jurisdiction."""

    text: list[str] = Field(min_length=1)
    cite: list[Cite] = Field(min_length=1)


class NrmForm(Model):
    documents: list[Document] = Field(min_length=1)
    form: Form
    sections: list[Section] = Field(min_length=1)
    types: list[ExploitationType] = Field(min_length=1)
    checklist: Checklist
    separate: dict[JurisdictionId, Separate]
