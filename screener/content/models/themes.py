"""Themes and their indicators (``themes/*.yaml``)."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, field_validator

from screener.content.models.base import JURISDICTIONS, Citation, Int, JurisdictionId, Model, check_id
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

    _id = field_validator("id")(check_id)


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

    _id = field_validator("id")(check_id)


class ThemeFile(Model):
    """One file under ``themes/``: a theme and its indicators."""

    theme: Theme
    indicators: list[Indicator] = Field(min_length=1)
