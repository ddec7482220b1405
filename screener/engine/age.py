"""What the engine knows of the child's age at the screening date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from screener.casefile.model import Case
from screener.engine.dates import add_years, age_on
from screener.engine.logic import Tri, any_of


@dataclass(frozen=True)
class AgeFacts:
    age: int | None
    turns_18: dt.date | None
    disputed: Tri
    under_18: Tri
    aged_18_to_20: Tri
    approaching_18: Tri
    within_pilot_exclusion: Tri
    missing: tuple[str, ...]

    def facts(self) -> dict[str, Tri]:
        """The age facts by the names conditions test them under."""
        return {
            "under_18": self.under_18,
            "aged_18_to_20": self.aged_18_to_20,
            "age_disputed": self.disputed,
            "approaching_18": self.approaching_18,
            "within_pilot_exclusion": self.within_pilot_exclusion,
        }

    def text(self) -> str:
        base = "age not known" if self.age is None else f"aged {self.age}"
        if self.disputed is Tri.YES:
            base += ", age disputed"
        return base


def age_facts(case: Case, as_at: dt.date, approaching_days: int, pilot_days: int) -> AgeFacts:
    child = case.child
    return age_facts_of(child.date_of_birth, child.age, child.age_disputed, as_at, approaching_days, pilot_days)


def age_facts_of(
    born: dt.date | None,
    whole_years: int | None,
    age_disputed: str,
    as_at: dt.date,
    approaching_days: int,
    pilot_days: int,
) -> AgeFacts:
    """The age facts from a date of birth or whole years; the walkthrough asks this before a case exists."""
    age = age_on(born, as_at) if born else whole_years
    turns_18 = add_years(born, 18) if born else None
    disputed = Tri.of(age_disputed)
    missing = []
    if age is None:
        missing.append("age")
    if disputed is Tri.UNKNOWN:
        missing.append("age_disputed")

    stated_under_18 = Tri.UNKNOWN if age is None else (Tri.YES if age < 18 else Tri.NO)
    # Presumption of childhood: a child whose age is disputed is treated as a
    # child until it is assessed (MSA 2015 s.51; HTE(S)A 2015 s.12).
    under_18 = any_of([stated_under_18, disputed])
    aged_18_to_20 = Tri.UNKNOWN if age is None else (Tri.YES if 18 <= age <= 20 else Tri.NO)

    def within(days: int) -> Tri:
        if turns_18 is not None:
            return Tri.YES if as_at < turns_18 and (turns_18 - as_at).days <= days else Tri.NO
        if age is None:
            return Tri.UNKNOWN
        if age != 17:
            return Tri.NO
        # Seventeen in whole years: within a year of 18 for certain, within a shorter span perhaps.
        return Tri.YES if days >= 365 else Tri.UNKNOWN

    return AgeFacts(
        age=age,
        turns_18=turns_18,
        disputed=disputed,
        under_18=under_18,
        aged_18_to_20=aged_18_to_20,
        approaching_18=within(approaching_days),
        within_pilot_exclusion=within(pilot_days),
        missing=tuple(missing),
    )
