"""Kleene three-valued logic over yes / no / not known, and condition evaluation."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum

from screener.content.conditions import (
    AllOf,
    AnyOf,
    Condition,
    FactTest,
    IndicatorTest,
    NotOf,
    NrmTest,
    ThemeTest,
)


class Tri(Enum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    @classmethod
    def of(cls, value: str) -> Tri:
        return cls(value)

    def __invert__(self) -> Tri:
        return {Tri.YES: Tri.NO, Tri.NO: Tri.YES}.get(self, Tri.UNKNOWN)


def all_of(values: list[Tri]) -> Tri:
    if Tri.NO in values:
        return Tri.NO
    return Tri.UNKNOWN if Tri.UNKNOWN in values else Tri.YES


def any_of(values: list[Tri]) -> Tri:
    if Tri.YES in values:
        return Tri.YES
    return Tri.UNKNOWN if Tri.UNKNOWN in values else Tri.NO


class World:
    """What the engine knows of a case: every fact as yes / no / not known."""

    def __init__(
        self,
        facts: Mapping[str, Tri],
        indicators: set[str],
        themes: set[str],
        nrm_status: str,
    ) -> None:
        self.facts = dict(facts)
        self.indicators = indicators
        self.themes = themes
        self.nrm_status = nrm_status

    def fact(self, fact_id: str) -> Tri:
        return self.facts.get(fact_id, Tri.UNKNOWN)

    def with_fact(self, fact_id: str, value: Tri) -> World:
        return World({**self.facts, fact_id: value}, self.indicators, self.themes, self.nrm_status)


def evaluate(condition: Condition, world: World) -> Tri:
    if isinstance(condition, AllOf):
        return all_of([evaluate(c, world) for c in condition.all])
    if isinstance(condition, AnyOf):
        return any_of([evaluate(c, world) for c in condition.any])
    if isinstance(condition, NotOf):
        return ~evaluate(condition.not_, world)
    if isinstance(condition, FactTest):
        value = world.fact(condition.fact)
        return value if condition.is_ == "yes" else ~value
    if isinstance(condition, IndicatorTest):
        return Tri.YES if condition.indicator in world.indicators else Tri.NO
    if isinstance(condition, ThemeTest):
        return Tri.YES if condition.theme in world.themes else Tri.NO
    if isinstance(condition, NrmTest):
        if world.nrm_status in condition.nrm:
            return Tri.YES
        return Tri.UNKNOWN if world.nrm_status == "unknown" else Tri.NO
    raise TypeError(f"not a condition: {condition!r}")


def reasons(condition: Condition, world: World, describe: Callable[[Condition, Tri], str | None]) -> list[str]:
    """The leaf tests that made a condition true, described in words.

    Only branches that hold are followed, so the reasons are exactly the
    answers the result rests on.
    """
    if evaluate(condition, world) is not Tri.YES:
        return []
    if isinstance(condition, AllOf | AnyOf):
        children = condition.all if isinstance(condition, AllOf) else condition.any
        found: list[str] = []
        for child in children:
            for reason in reasons(child, world, describe):
                if reason not in found:
                    found.append(reason)
        return found
    if isinstance(condition, NotOf):
        text = describe(condition.not_, ~Tri.YES)
        return [text] if text else []
    text = describe(condition, Tri.YES)
    return [text] if text else []


def shortfalls(condition: Condition, world: World, describe: Callable[[Condition, Tri], str | None]) -> list[str]:
    """The leaf tests that keep a condition from holding (false or not known), in words.

    The dual of ``reasons``: only branches that fail are followed, so a trainee
    who expected a signpost sees exactly which answers it was waiting for.
    """
    value = evaluate(condition, world)
    if value is Tri.YES:
        return []
    if isinstance(condition, AllOf | AnyOf):
        children = condition.all if isinstance(condition, AllOf) else condition.any
        found: list[str] = []
        for child in children:
            for shortfall in shortfalls(child, world, describe):
                if shortfall not in found:
                    found.append(shortfall)
        return found
    if isinstance(condition, NotOf):
        inner = evaluate(condition.not_, world)
        if isinstance(condition.not_, AllOf | AnyOf | NotOf):
            return reasons(condition.not_, world, describe) if inner is Tri.YES else []
        text = describe(condition.not_, inner)
        return [text] if text else []
    text = describe(condition, value)
    return [text] if text else []
