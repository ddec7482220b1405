"""What screening a case works out once: the settled facts, the world they make, and the words for them.

``Context`` is built once per screening and read by every part of the summary:
services, signposts, key dates and answers. It also finds the unknown answers
that would settle an open outcome (``deciders``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable

from screener.casefile.model import Case
from screener.content.conditions import (
    NRM_STATUSES,
    Condition,
    FactTest,
    IndicatorTest,
    NrmTest,
    ThemeTest,
    facts_in,
)
from screener.content.derived import DERIVED_FROM, IN_PARTS, wholes
from screener.content.models.base import Citation
from screener.content.models.jurisdictions import DatedNote
from screener.content.models.questions import Presumption
from screener.content.pack import Pack
from screener.engine.age import AgeFacts, age_facts
from screener.engine.keydates import scotland_support_continues
from screener.engine.logic import Tri, World, evaluate


def confirm_locally(statement: object, sentence: bool = False) -> str:
    """' (confirm locally, checked 2026-11-28)', or '' for a statement not from a secondary source."""
    if not getattr(statement, "confirm_locally", False):
        return ""
    checked = getattr(statement, "checked_on", None)
    when = f", last checked {checked.isoformat()}" if checked is not None else ""
    return f" Confirm locally{when}." if sentence else f" (confirm locally{when})"


def settled_facts(pack: Pack, case: Case, day: dt.date) -> tuple[dict[str, Tri], dict[str, Presumption]]:
    """Every asked fact as yes / no / not known, and the presumptions that answered any.

    An answer in the case always wins; a fact the case leaves unknown takes the
    pack's presumption in force on the day, if it has one (for instance the ICTG
    area from the national contract). Layers that settle facts from elsewhere
    belong between the two. A fact asked as its parts that the case does not give
    whole is worked out from them.
    """
    facts: dict[str, Tri] = {}
    presumed: dict[str, Presumption] = {}
    for fact_id, question in pack.questions.items():
        value = Tri.of(case.fact(fact_id))
        presumption = question.presumption(case.jurisdiction, day) if value is Tri.UNKNOWN else None
        if presumption is not None:
            value = Tri.of(presumption.answer)
            presumed[fact_id] = presumption
        facts[fact_id] = value
    facts.update((whole, Tri.of(value)) for whole, value in wholes(case.facts).items())
    return facts, presumed


class Context:
    """Everything ``screen`` works out once and every part of the summary reads."""

    def __init__(self, pack: Pack, case: Case, as_at: dt.date, marks: dict[str, str] | None = None) -> None:
        self.pack = pack
        self.case = case
        self.as_at = as_at
        # Facts an area file settled, each with the words that say so (never the practitioner's answer).
        self.marks = marks or {}
        params = pack.parameters
        self.age: AgeFacts = age_facts(case, as_at, params.approaching_18_days, params.pilot_exclusion_days)
        support, support_missing = scotland_support_continues(case, self.age, as_at, params)
        self.support_missing = support_missing
        noted = [i for i in case.indicators if i in pack.indicators]
        signs = [i for i in noted if pack.indicators[i].kind == "sign"]
        facts, self.presumed = settled_facts(pack, case, as_at)
        facts.update(self.age.facts())
        facts.update(
            leave_granted=Tri.of(case.dates.leave_granted),
            scotland_support_continues=support,
            indicators_noted=Tri.YES if noted else Tri.NO,
            signs_noted=Tri.YES if signs else Tri.NO,
        )
        self.world = World(facts, set(noted), {pack.indicator_theme[i] for i in noted}, case.nrm.status)
        self.cited: dict[str, None] = {}

    def cite(self, citations: Iterable[Citation]) -> list[str]:
        texts = [self.pack.cite(c) for c in citations]
        for text in texts:
            self.cited.setdefault(text, None)
        return texts

    def label(self, fact_id: str) -> str:
        question = self.pack.questions.get(fact_id)
        if question is not None:
            return question.label
        return self.pack.wording.fact_label(fact_id) or fact_id

    def answer_text(self, fact_id: str, value: Tri | None = None) -> str:
        value = self.world.fact(fact_id) if value is None else value
        if fact_id in ("under_18", "aged_18_to_20"):
            return self.age.text()
        words = self.pack.wording.answer_words(value.value)
        text = f"{self.label(fact_id)}: {words}"
        if fact_id in self.marks:
            text += f", {self.marks[fact_id]}"
        if self.from_parts(fact_id) and any(part in self.case.facts for part in IN_PARTS[fact_id]):
            text += f" ({'; '.join(self.answer_text(part) for part in IN_PARTS[fact_id])})"
        presumption = self.presumed.get(fact_id)
        if presumption is not None:
            text += f" ({self.presumption_text(presumption)})"
        if fact_id in ("approaching_18", "within_pilot_exclusion"):
            text += f" ({self.age.text()})"
        return text

    def describe(self, node: Condition, value: Tri) -> str | None:
        if isinstance(node, FactTest):
            if node.fact in ("indicators_noted", "signs_noted") and value is Tri.YES:
                only_signs = node.fact == "signs_noted"
                titles = [
                    self.pack.indicators[i].title
                    for i in self.case.indicators
                    if i in self.pack.indicators and (not only_signs or self.pack.indicators[i].kind == "sign")
                ]
                return f"{'signs' if only_signs else 'indicators'} noted: {', '.join(titles)}"
            return self.answer_text(node.fact, value if node.is_ == "yes" else ~value)
        if isinstance(node, IndicatorTest):
            # The test's value is the indicator's: noted, or not.
            noted = "noted" if value is Tri.YES else "not noted"
            return f"indicator {noted}: {self.pack.indicators[node.indicator].title}"
        if isinstance(node, ThemeTest):
            theme = self.pack.theme(node.theme).title
            titles = [
                self.pack.indicators[i].title
                for i in self.case.indicators
                if self.pack.indicator_theme.get(i) == node.theme
            ]
            return f"{theme}: {', '.join(titles)}" if titles else f"{theme}: no indicator noted"
        if isinstance(node, NrmTest):
            return f"NRM status: {self.pack.wording.nrm_words(self.case.nrm.status)}"
        return None

    def presumption_text(self, presumption: Presumption) -> str:
        """Why a fact the case does not answer is read as it is, with its check."""
        check = confirm_locally(presumption)[2:-1]
        cited = "; ".join(self.cite(presumption.sources))
        return f"{presumption.text}; {check}; {cited}" if check else f"{presumption.text}; {cited}"

    def from_parts(self, fact_id: str) -> bool:
        """Whether a fact asked as its parts is worked out from them: the case does not give it whole."""
        return fact_id in IN_PARTS and self.case.fact(fact_id) == "unknown"

    def inputs_behind(self, fact_id: str) -> list[str]:
        """The answers a practitioner could give to settle an unknown fact."""
        if self.from_parts(fact_id):
            return [part for part in IN_PARTS[fact_id] if self.world.fact(part) is Tri.UNKNOWN]
        if fact_id in self.pack.questions:
            return [fact_id]
        if fact_id == "scotland_support_continues":
            return list(self.support_missing)
        if fact_id in ("under_18", "aged_18_to_20", "approaching_18", "within_pilot_exclusion", "age_disputed"):
            wanted = ("age", "age_disputed") if fact_id == "under_18" else ("age",)
            if fact_id == "age_disputed":
                wanted = ("age_disputed",)
            return [m for m in self.age.missing if m in wanted] or ["age"]
        return list(DERIVED_FROM.get(fact_id, ()))

    def completions(
        self, conditions: list[Condition], outcome: Callable[[World], object]
    ) -> tuple[list[str], dict[tuple[Tri, ...], object]] | None:
        """The outcome for every way the unknown facts the conditions read could be answered.

        None when there are too many unknowns to try them all (2**12 worlds).
        """
        read = dict.fromkeys(f for c in conditions for f in facts_in(c))
        unknown = [f for f in read if f != "nrm_status" and self.world.fact(f) is Tri.UNKNOWN]
        if len(unknown) > 12:
            return None
        outcomes: dict[tuple[Tri, ...], object] = {}
        for bits in itertools.product((Tri.YES, Tri.NO), repeat=len(unknown)):
            world = self.world
            for fact_id, value in zip(unknown, bits, strict=True):
                world = world.with_fact(fact_id, value)
            outcomes[bits] = outcome(world)
        return unknown, outcomes

    def deciders(self, conditions: list[Condition], outcome: Callable[[World], object]) -> list[str]:
        """Unknown inputs whose answer, one way or the other, would change ``outcome``."""
        current = outcome(self.world)
        found: dict[str, None] = {}
        read = list(dict.fromkeys(f for c in conditions for f in facts_in(c)))
        # A fact matters if, for some answers to the other unknowns, its own answer
        # changes the outcome. Trying one fact at a time misses facts that only
        # matter together (the PR question with both ICTG routes open), so every
        # completion is tried; a service reads a handful of facts, so this is small.
        tried = self.completions(conditions, outcome)
        if tried is not None:
            unknown, outcomes = tried
            mattering = {
                fact_id
                for index, fact_id in enumerate(unknown)
                for bits, result in outcomes.items()
                if bits[index] is Tri.YES and outcomes[(*bits[:index], Tri.NO, *bits[index + 1 :])] != result
            }
        else:
            mattering = {
                f
                for f in read
                if self.world.fact(f) is Tri.UNKNOWN
                and any(outcome(self.world.with_fact(f, v)) != current for v in (Tri.YES, Tri.NO))
            }
        for fact_id in read:
            if fact_id == "nrm_status":
                if self.world.nrm_status == "unknown" and any(
                    outcome(World(self.world.facts, self.world.indicators, self.world.themes, s)) != current
                    for s in NRM_STATUSES
                    if s != "unknown"
                ):
                    found.setdefault("nrm_status", None)
            elif fact_id in mattering:
                for name in self.inputs_behind(fact_id):
                    found.setdefault(name, None)
        return list(found)

    def notes(self, notes: list[DatedNote]) -> list[str]:
        """The notes that fit this case, each with its date and sources."""
        shown = []
        for note in notes:
            if note.when is not None and evaluate(note.when, self.world) is Tri.NO:
                continue
            if note.as_of > self.as_at or not note.in_force_on(self.as_at):
                # Not yet known at the screening date, or no longer true: each day reads as it stood then.
                continue
            check = confirm_locally(note, sentence=True)
            shown.append(f"{note.text}{check} (as of {note.as_of.isoformat()}; {'; '.join(self.cite(note.sources))})")
        return shown

    def input_question(self, name: str) -> str:
        question = self.pack.questions.get(name)
        if question is not None:
            return question.words_in(self.case.jurisdiction)[0]
        return self.pack.wording.input_question(name) or f"What is {name}?"


def outcome_of(condition: Condition) -> Callable[[World], object]:
    """The condition's value in a world: the outcome a signpost's follow-up questions could change."""
    return lambda world: evaluate(condition, world)
