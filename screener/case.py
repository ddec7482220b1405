"""The case file: what a practitioner answered, in the contract's fixed names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from screener.content.conditions import NrmStatus
from screener.content.models import JurisdictionId
from screener.errors import InputError, Problem
from screener.yamlio import Document, load_document

SCHEMA = "screener-case/1"
Answer = Literal["yes", "no", "unknown"]


def _answer(value: Any) -> Any:
    # The contract accepts YAML booleans as yes/no.
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Child(_Model):
    date_of_birth: dt.date | None = None
    age: int | None = Field(default=None, ge=0, le=120)
    age_disputed: Answer = "unknown"

    _yes_no = field_validator("age_disputed", mode="before")(_answer)

    @field_validator("age", mode="before")
    @classmethod
    def _whole_years(cls, value: Any) -> Any:
        if isinstance(value, bool) or isinstance(value, float):
            raise ValueError("age must be a whole number of years")
        if isinstance(value, int) and value < 0:
            raise ValueError("age cannot be negative")
        return value


class Nrm(_Model):
    status: NrmStatus = "unknown"
    decision_on: dt.date | None = None


class CaseDates(_Model):
    leave_granted_on: dt.date | None = None


class Case(_Model):
    schema_: Literal["screener-case/1"] = Field(alias="schema")
    reference: str | None = Field(default=None, max_length=80)
    jurisdiction: JurisdictionId
    screening_date: dt.date | None = None
    child: Child = Field(default_factory=Child)
    facts: dict[str, Answer] = Field(default_factory=dict)
    nrm: Nrm = Field(default_factory=Nrm)
    dates: CaseDates = Field(default_factory=CaseDates)
    indicators: list[str] = Field(default_factory=list)
    notes: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("facts", mode="before")
    @classmethod
    def _facts(cls, value: Any) -> Any:
        if value is None:
            return {}
        if isinstance(value, dict):
            return {k: _answer(v) for k, v in value.items()}
        return value

    @field_validator("indicators", mode="before")
    @classmethod
    def _indicators(cls, value: Any) -> Any:
        return [] if value is None else value

    @field_validator("reference")
    @classmethod
    def _reference(cls, value: str | None) -> str | None:
        if value is not None and any(ord(c) < 32 for c in value):
            raise ValueError("reference must be a single line")
        return value

    @model_validator(mode="after")
    def _dates(self) -> Case:
        if self.screening_date and self.child.date_of_birth and self.child.date_of_birth > self.screening_date:
            raise ValueError(
                f"date of birth {self.child.date_of_birth} is after the screening date {self.screening_date}"
            )
        return self

    def fact(self, fact_id: str) -> Answer:
        return self.facts.get(fact_id, "unknown")

    def to_data(self) -> dict[str, Any]:
        """The case as plain data in contract order, for saving."""
        data: dict[str, Any] = {"schema": SCHEMA}
        if self.reference:
            data["reference"] = self.reference
        data["jurisdiction"] = self.jurisdiction
        if self.screening_date:
            data["screening_date"] = self.screening_date.isoformat()
        child: dict[str, Any] = {}
        if self.child.date_of_birth:
            child["date_of_birth"] = self.child.date_of_birth.isoformat()
        if self.child.age is not None:
            child["age"] = self.child.age
        child["age_disputed"] = self.child.age_disputed
        data["child"] = child
        data["facts"] = dict(self.facts)
        nrm: dict[str, Any] = {"status": self.nrm.status}
        if self.nrm.decision_on:
            nrm["decision_on"] = self.nrm.decision_on.isoformat()
        data["nrm"] = nrm
        if self.dates.leave_granted_on:
            data["dates"] = {"leave_granted_on": self.dates.leave_granted_on.isoformat()}
        data["indicators"] = list(self.indicators)
        if self.notes:
            data["notes"] = self.notes
        return data


def parse_case(doc: Document, known_facts: set[str], known_indicators: set[str]) -> Case:
    """Validate a read document as a case; every problem carries its line."""
    data = doc.data
    if not isinstance(data, dict):
        raise InputError([Problem(doc.path, 1, "a case file must be a mapping of keys to values")])
    problems: list[Problem] = []
    if data.get("schema") not in (None, SCHEMA) and "schema" in data:
        problems.append(doc.problem(("schema",), f"schema must be '{SCHEMA}', not '{data['schema']}'"))
        data = {**data, "schema": SCHEMA}
    case: Case | None = None
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        problems.extend(doc.pydantic_problems(exc))
    facts = data.get("facts")
    if isinstance(facts, dict):
        for name in facts:
            if name not in known_facts:
                problems.append(doc.problem(("facts", name), f"unknown fact '{name}'"))
    indicators = data.get("indicators")
    if isinstance(indicators, list):
        for index, name in enumerate(indicators):
            if isinstance(name, str) and name not in known_indicators:
                problems.append(doc.problem(("indicators", index), f"unknown indicator '{name}'"))
    if problems or case is None:
        raise InputError(sorted(set(problems), key=lambda p: (p.line or 0, p.message)))
    return case


def load_case(path: Path, known_facts: set[str], known_indicators: set[str]) -> Case:
    return parse_case(load_document(path), known_facts, known_indicators)
