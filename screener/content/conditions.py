"""Structured conditions: the only logic a content pack may hold.

A condition is one of ``all``, ``any``, ``not``, or a test of a fact, an
indicator, a theme or the NRM status. There is no expression language and
nothing is evaluated as code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

NRM_STATUSES = (
    "none",
    "referred",
    "rg-positive",
    "rg-negative",
    "cg-positive",
    "cg-negative",
    "disqualified",
    "withdrawn",
    "unknown",
)
NrmStatus = Literal[
    "none",
    "referred",
    "rg-positive",
    "rg-negative",
    "cg-positive",
    "cg-negative",
    "disqualified",
    "withdrawn",
    "unknown",
]


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class AllOf(_Node):
    all: list[Condition]


class AnyOf(_Node):
    any: list[Condition]


class NotOf(_Node):
    not_: Condition = Field(alias="not")


class FactTest(_Node):
    """``fact: pr_in_uk`` (true when yes), or with ``is: no`` (true when no)."""

    fact: str
    is_: Literal["yes", "no"] = Field(default="yes", alias="is")


class IndicatorTest(_Node):
    indicator: str


class ThemeTest(_Node):
    theme: str


class NrmTest(_Node):
    """True when the case's NRM status is one of these."""

    nrm: list[NrmStatus] = Field(min_length=1)


_KEYS = {
    "all": "All",
    "any": "Any",
    "not": "Not",
    "fact": "Fact",
    "indicator": "Indicator",
    "theme": "Theme",
    "nrm": "Nrm",
}


def _kind(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        return type(value).__name__.replace("Of", "").replace("Test", "")
    if isinstance(value, dict):
        for key, tag in _KEYS.items():
            if key in value:
                return tag
    return None


Condition = Annotated[
    Annotated[AllOf, Tag("All")]
    | Annotated[AnyOf, Tag("Any")]
    | Annotated[NotOf, Tag("Not")]
    | Annotated[FactTest, Tag("Fact")]
    | Annotated[IndicatorTest, Tag("Indicator")]
    | Annotated[ThemeTest, Tag("Theme")]
    | Annotated[NrmTest, Tag("Nrm")],
    Discriminator(
        _kind,
        custom_error_type="condition",
        custom_error_message="a condition needs one of: all, any, not, fact, indicator, theme, nrm",
    ),
]

AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()


def walk(condition: Condition) -> Iterator[Condition]:
    """Every node of a condition, depth first."""
    yield condition
    if isinstance(condition, AllOf):
        for child in condition.all:
            yield from walk(child)
    elif isinstance(condition, AnyOf):
        for child in condition.any:
            yield from walk(child)
    elif isinstance(condition, NotOf):
        yield from walk(condition.not_)


def facts_in(condition: Condition) -> list[str]:
    """The fact ids a condition reads, in order of first appearance."""
    seen: dict[str, None] = {}
    for node in walk(condition):
        if isinstance(node, FactTest):
            seen.setdefault(node.fact, None)
        elif isinstance(node, NrmTest):
            seen.setdefault("nrm_status", None)
    return list(seen)
