"""Themes and their indicators (``themes/*.yaml``)."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, field_validator

from screener.content.conditions import Condition
from screener.content.models.base import JURISDICTIONS, Citation, Int, JurisdictionId, Model, check_id
from screener.content.models.questions import answers_only
from screener.vocabulary import IndicatorKind

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
EXPLOITATION_TYPES: tuple[ExploitationType, ...] = get_args(ExploitationType)


class Theme(Model):
    id: str
    title: str
    summary: str
    order: Int
    # Its page is shown only when one of its indicators could apply, judged from the age answers and
    # the facts asked before the indicators (turning 18 is not asked about a 15-year-old). Left out:
    # always shown. A page with an indicator noted is always shown.
    asked_when: Condition | None = None

    _id = field_validator("id")(check_id)

    @field_validator("asked_when")
    @classmethod
    def _facts_only(cls, value: Condition | None) -> Condition | None:
        return answers_only(value)


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
    # Marked for the user when this holds of the answers given before the indicators (a date of birth
    # says whether the child turns 18 within the year): shown as coming from that answer, and the
    # user may unmark it. Left out: never marked for the user.
    filled_when: Condition | None = None

    _id = field_validator("id")(check_id)

    @field_validator("filled_when")
    @classmethod
    def _facts_only(cls, value: Condition | None) -> Condition | None:
        return answers_only(value)


class ThemeFile(Model):
    """One file under ``themes/``: a theme and its indicators."""

    theme: Theme
    indicators: list[Indicator] = Field(min_length=1)
