"""What each training feature tag needs its case to show, read from the pack's ``features.yaml``.

A scenario's ``features`` say what else it teaches (an age dispute, a negative
NRM decision). Each tag the case can show has a check here, written as data: so
the facilitator pack's index of what each scenario covers cannot drift from the
cases, and a new tag's check is a YAML edit.

A check holds when the case is in its ``jurisdiction`` (if it names one), every
answer under ``all`` is one of the values listed, at least one under ``any`` is
(if any are listed), the NRM status is one of ``nrm`` (if listed) and, with
``decision_date: true``, the NRM decision date is given. The answers are the
case's facts, ``age_disputed``, and the age facts worked out from the date of
birth (``under_18``, ``approaching_18``, ``within_pilot_exclusion``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from screener.casefile.model import Case
from screener.content.derived import wholes
from screener.content.models.base import JurisdictionId, Model
from screener.content.pack import Pack
from screener.engine.age import AgeFacts
from screener.errors import InputError, Problem
from screener.vocabulary import Feature, NrmStatus
from screener.yamlio import load_document

FEATURES_FILE = "features.yaml"
AGE_ANSWERS = ("under_18", "approaching_18", "within_pilot_exclusion")
YesNoUnknown = Literal["yes", "no", "unknown"]


class FeatureCheck(Model):
    id: Feature
    needs: str  # what the case must have, in words: "criminal_proceedings: yes"
    jurisdiction: JurisdictionId | None = None
    all: dict[str, list[YesNoUnknown]] = Field(default_factory=dict)
    any: dict[str, list[YesNoUnknown]] = Field(default_factory=dict)
    nrm: list[NrmStatus] = Field(default_factory=list)
    decision_date: bool = False

    def holds(self, case: Case, age: AgeFacts) -> bool:
        def answered(name: str, values: list[YesNoUnknown]) -> bool:
            return _answer(case, age, name) in values

        return (
            (self.jurisdiction is None or case.jurisdiction == self.jurisdiction)
            and all(answered(n, v) for n, v in self.all.items())
            and (not self.any or any(answered(n, v) for n, v in self.any.items()))
            and (not self.nrm or case.nrm.status in self.nrm)
            and (not self.decision_date or case.nrm.decision_on is not None)
        )


class FeatureFile(Model):
    features: list[FeatureCheck]


def _answer(case: Case, age: AgeFacts, name: str) -> str:
    if name == "age_disputed":
        return case.child.age_disputed
    if name in AGE_ANSWERS:
        return str(getattr(age, name).value)
    return wholes(case.facts).get(name) or case.fact(name)


def load_features(pack: Pack, pack_root: Path) -> dict[str, FeatureCheck]:
    """The checks by tag; a pack without ``features.yaml`` checks none. Raises InputError at ``file:line``."""
    path = pack_root / FEATURES_FILE
    if not path.exists():
        return {}
    doc = load_document(path, str(path))
    try:
        parsed = FeatureFile.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(doc.pydantic_problems(exc)) from None
    problems: list[Problem] = []
    known = {*pack.questions, "age_disputed", *AGE_ANSWERS}
    checks: dict[str, FeatureCheck] = {}
    for index, check in enumerate(parsed.features):
        if check.id in checks:
            problems.append(doc.problem(("features", index, "id"), f"duplicate feature '{check.id}'"))
        checks[check.id] = check
        for key in ("all", "any"):
            for name in getattr(check, key):
                if name not in known:
                    problems.append(doc.problem(("features", index, key, name), f"unknown answer '{name}'"))
    if problems:
        raise InputError(problems)
    return checks
