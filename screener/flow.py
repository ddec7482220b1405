"""The walkthrough as data: which questions, in what order, and why each is asked.

No user interface lives here. The Textual app and the plain line mode are two
faces of this one flow: both ask ``Flow.questions(answers)`` in order, record
answers with ``Answers.with_answer``, explain with ``Flow.why`` and hand
``Answers.to_case()`` to the engine. Which questions apply is decided here, from
the pack (a question's ``jurisdictions``) and from earlier answers (a decision
date only once a decision is recorded), so neither face decides anything.

Answer values, by question kind:

- ``choice``: the chosen option's value (``yes``/``no``/``unknown``, a
  jurisdiction id or ``None`` when none is chosen yet, an NRM status);
- ``text``: a string, or ``None`` for none;
- ``date``: a ``datetime.date``, or ``None`` for not known;
- ``age``: a date of birth (``datetime.date``), whole years (``int``) or ``None``;
- ``indicators``: a ``frozenset`` of the theme's indicator ids that are noted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from screener.casefile.model import MAX_YEAR, MIN_YEAR, Case, CaseDates, Child, Nrm
from screener.content.conditions import (
    NRM_STATUSES,
    Condition,
    IndicatorTest,
    ThemeTest,
    facts_in,
    walk,
)
from screener.content.derived import DERIVED_FROM
from screener.content.models import INDICATOR_KIND_ABOUT, INDICATOR_KIND_LABELS, JURISDICTIONS, Citation
from screener.content.pack import Pack
from screener.engine.age import age_facts_of
from screener.engine.dates import age_on
from screener.engine.inforce import asked_on
from screener.engine.logic import Tri, World, evaluate
from screener.textsafe import refused, shown

Kind = Literal["choice", "text", "date", "age", "indicators"]
UNKNOWN = "unknown"
NOT_KNOWN = "Not known"
MAX_AGE = 120
REFERENCE_MAX = 80

# The pages around the questions, and the question steps, in the order they are shown.
STEP_TITLES: dict[str, str] = {
    "welcome": "Welcome",
    "jurisdiction": "Jurisdiction",
    "about-child": "About the child",
    "local-services": "Local services",
    "indicators": "Indicators",
    "nrm-legal": "NRM and legal",
    "review": "Review",
    "summary": "Summary",
    "export": "Export",
}
PAGE_STEPS = ("welcome", "review", "summary", "export")

NRM_LABELS: dict[str, str] = {
    "none": "No NRM referral has been made",
    "referred": "Referred; waiting for the reasonable grounds decision",
    "rg-positive": "Positive reasonable grounds decision",
    "rg-negative": "Negative reasonable grounds decision",
    "cg-positive": "Positive conclusive grounds decision",
    "cg-negative": "Negative conclusive grounds decision",
    "disqualified": "Disqualified on public order grounds",
    "withdrawn": "The referral was withdrawn",
    "unknown": NOT_KNOWN,
}
# Statuses that follow a decision, and so have a decision date.
DECISION_STATUSES = ("rg-positive", "rg-negative", "cg-positive", "cg-negative", "disqualified")

# What a case file always holds: every one of these is shown as given when a case is opened.
LOADED_ANSWERS = ("jurisdiction", "reference", "age", "age_disputed", "nrm_status", "decision_on", "leave_granted_on")

_YEARS = re.compile(r"^[0-9]{1,3}$")
_ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class AnswerError(ValueError):
    """An answer that cannot be recorded; the message says how to put it right."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str  # the full wording, as offered
    short: str  # one or two words, for the review and the plain-mode echo
    detail: str = ""  # indicators: the question the practitioner asks themselves
    kind: str = ""  # indicators: "Sign" or "Risk factor", as shown


@dataclass(frozen=True)
class Question:
    id: str
    step: str
    kind: Kind
    title: str  # short, for the review list
    prompt: str
    options: tuple[Option, ...] = ()
    required: bool = False
    hint: str = ""
    theme: str | None = None
    # What "Not known" records, where it differs from an empty answer (None).
    not_known: Any = None

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Use:
    """Something in the pack that reads an answer: a criterion, signpost, note or key date."""

    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Why:
    """Why a question is asked: its help, what reads the answer, and where that comes from."""

    text: str
    uses: tuple[Use, ...] = ()
    sources: tuple[str, ...] = ()
    uses_heading: str = "Your answer is read by:"

    def brief(self) -> str:
        """The help with its first source: what a question screen shows by default."""
        if self.sources:
            return f"{self.text} ({self.sources[0]})"
        return self.text

    def lines(self) -> list[str]:
        """Everything, as plain lines: the help, each use with its sources, then the sources."""
        out = [self.text]
        if self.uses:
            out.append("")
            out.append(self.uses_heading)
            for use in self.uses:
                cited = f" ({'; '.join(use.sources)})" if use.sources else ""
                out.append(f"- {use.text}{cited}")
        if self.sources:
            out.append("")
            out.append("Sources:")
            out.extend(f"- {source}" for source in self.sources)
        return out


@dataclass(frozen=True)
class Page:
    """One place in the walkthrough: a question, or one of the pages around them."""

    step: str
    step_number: int
    step_count: int
    question: Question | None = None
    number_in_step: int = 0  # 1-based; 0 for pages without a question
    count_in_step: int = 0
    # A step this flow does not know (training adds its own) names itself.
    step_name: str = ""

    @property
    def key(self) -> str:
        return self.question.id if self.question else self.step

    @property
    def step_title(self) -> str:
        return self.step_name or STEP_TITLES[self.step]

    def progress(self) -> str:
        """``Step 3 of 9 · About the child · 2 of 7``."""
        text = f"Step {self.step_number} of {self.step_count} · {self.step_title}"
        if self.question is not None and self.count_in_step > 1:
            text += f" · {self.number_in_step} of {self.count_in_step}"
        return text


def _fact_options(yes: str, no: str) -> tuple[Option, ...]:
    return (Option("yes", yes, "Yes"), Option("no", no, "No"), Option(UNKNOWN, NOT_KNOWN, NOT_KNOWN))


@dataclass(frozen=True)
class Answers:
    """Everything answered so far. Immutable: each change makes a new one, so a
    front end can compare against what was last saved to know what is unsaved."""

    screening_date: dt.date
    jurisdiction: str | None = None
    reference: str | None = None
    date_of_birth: dt.date | None = None
    age: int | None = None
    age_disputed: str = UNKNOWN
    facts: Mapping[str, str] = field(default_factory=dict)
    nrm_status: str = UNKNOWN
    decision_on: dt.date | None = None
    # A date, None for none granted, or "unknown"; a new walkthrough starts at not known.
    leave_granted_on: dt.date | str | None = UNKNOWN
    # In the order noted (a loaded case keeps its own order), so that a case opened
    # and exported unchanged gives the same bytes as summarising the file.
    indicators: tuple[str, ...] = ()
    notes: str | None = None
    # Facts a loaded case file answered that its jurisdiction does not ask:
    # they are shown as questions so that nothing feeds the summary unseen.
    carried_facts: frozenset[str] = frozenset()
    # The questions answered (or held by a loaded case file), as against those still at
    # their starting value: a choice's cursor starts on a given answer, else on the first option.
    given: frozenset[str] = frozenset()

    def is_given(self, question: Question) -> bool:
        return question.id in self.given

    def get(self, question: Question) -> Any:
        qid = question.id
        if question.kind == "indicators":
            return frozenset(i for i in self.indicators if i in {o.value for o in question.options})
        if qid == "age":
            return self.date_of_birth if self.date_of_birth is not None else self.age
        if qid in ("jurisdiction", "reference", "age_disputed", "decision_on", "leave_granted_on"):
            return getattr(self, qid)
        if qid == "nrm_status":
            return self.nrm_status
        return self.facts.get(qid, UNKNOWN)

    def with_answer(self, question: Question, value: Any) -> Answers:
        answered = self._with_answer(question, value)
        # A checklist has no cursor to place, so it is never marked as given.
        if question.id in answered.given or question.kind == "indicators":
            return answered
        return dataclasses.replace(answered, given=answered.given | {question.id})

    def _with_answer(self, question: Question, value: Any) -> Answers:
        qid = question.id
        if question.kind == "indicators":
            theme_ids = {o.value for o in question.options}
            chosen = frozenset(value)
            stray = chosen - theme_ids
            if stray:
                raise AnswerError(f"not on this page: {', '.join(sorted(stray))}")
            kept = tuple(i for i in self.indicators if i not in theme_ids or i in chosen)
            added = tuple(o.value for o in question.options if o.value in chosen and o.value not in kept)
            return dataclasses.replace(self, indicators=kept + added)
        if question.kind == "choice" and question.option(value) is None and not (value is None and question.required):
            raise AnswerError(f"'{value}' is not one of the options")
        if qid == "age":
            if isinstance(value, dt.date):
                return dataclasses.replace(self, date_of_birth=value, age=None)
            return dataclasses.replace(self, date_of_birth=None, age=value)
        if qid == "nrm_status":
            decision = self.decision_on if value in DECISION_STATUSES else None
            return dataclasses.replace(self, nrm_status=value, decision_on=decision)
        if qid in ("jurisdiction", "reference", "age_disputed", "decision_on", "leave_granted_on"):
            return dataclasses.replace(self, **{qid: value})
        return dataclasses.replace(self, facts={**self.facts, qid: value})

    @classmethod
    def from_case(cls, pack: Pack, case: Case, as_at: dt.date | None = None) -> Answers:
        """A loaded case as answers; ``as_at`` (``--as-at``) overrides its screening date."""
        carried = frozenset(
            fact
            for fact, value in case.facts.items()
            if value != UNKNOWN
            and fact in pack.questions
            and case.jurisdiction not in pack.questions[fact].jurisdictions
        )
        return cls(
            screening_date=as_at or case.screening_date or dt.date.today(),
            jurisdiction=case.jurisdiction,
            reference=case.reference,
            date_of_birth=case.child.date_of_birth,
            age=None if case.child.date_of_birth else case.child.age,
            age_disputed=case.child.age_disputed,
            facts=dict(case.facts),
            nrm_status=case.nrm.status,
            decision_on=case.nrm.decision_on,
            leave_granted_on=case.dates.leave_granted_on,
            indicators=tuple(case.indicators),
            notes=case.notes,
            carried_facts=carried,
            given=frozenset(LOADED_ANSWERS) | frozenset(case.facts),
        )


class Flow:
    """The questions for a pack, and what each answer feeds."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack

    # -- the questions -------------------------------------------------------

    def jurisdiction_question(self) -> Question:
        options = tuple(
            Option(j, self.pack.jurisdictions[j].name, self.pack.jurisdictions[j].name)
            for j in JURISDICTIONS
            if j in self.pack.jurisdictions
        )
        return Question(
            id="jurisdiction",
            step="jurisdiction",
            kind="choice",
            title="Jurisdiction",
            prompt="Which part of the UK is the child in?",
            options=options,
            required=True,
            hint="Required: the questions and the summary depend on it.",
        )

    def _fact_applies(self, fact_id: str, answers: Answers) -> bool:
        question = self.pack.questions[fact_id]
        if fact_id in answers.carried_facts:
            return True
        if answers.jurisdiction not in question.jurisdictions:
            return False
        # An answer already given is always shown, so that nothing feeds the summary unseen.
        if answers.facts.get(fact_id, UNKNOWN) != UNKNOWN:
            return True
        # Not asked on a day it is out of force, or when nothing in force reads it.
        if not asked_on(self.pack, fact_id, answers.jurisdiction, answers.screening_date):
            return False
        if question.asked_when is None:
            return True
        return evaluate(question.asked_when, self._age_world(answers)) is not Tri.NO

    def _age_world(self, answers: Answers) -> World:
        params = self.pack.parameters
        age = age_facts_of(
            answers.date_of_birth,
            answers.age,
            answers.age_disputed,
            answers.screening_date,
            params.approaching_18_days,
            params.pilot_exclusion_days,
        )
        return World(age.facts(), set(), set(), answers.nrm_status)

    def questions(self, answers: Answers) -> list[Question]:
        """Every question for these answers, in order. Until a jurisdiction is
        chosen only the first step is known."""
        jurisdiction_q = self.jurisdiction_question()
        reference = Question(
            id="reference",
            step="jurisdiction",
            kind="text",
            title="Case reference",
            prompt="What is the case reference? (optional; never a name)",
            hint="A case number or a made-up code.",
        )
        out = [jurisdiction_q, reference]
        if answers.jurisdiction is None:
            return out
        out.append(
            Question(
                id="age",
                step="about-child",
                kind="age",
                title="Age",
                prompt="How old is the child?",
                hint="A date of birth (YYYY-MM-DD) or an age in whole years.",
            )
        )
        out.append(
            Question(
                id="age_disputed",
                step="about-child",
                kind="choice",
                title="Age disputed",
                prompt="Is the child's age disputed?",
                options=_fact_options("Yes, the child's age is disputed", "No, the child's age is not disputed"),
            )
        )
        for step in ("about-child", "local-services"):
            out.extend(self._fact_questions(step, answers))
        for theme in sorted(self.pack.themes, key=lambda t: t.order):
            options = tuple(
                Option(i.id, i.title, i.title, i.prompt, INDICATOR_KIND_LABELS[i.kind])
                for i in self.pack.indicators_of(theme.id)
                if answers.jurisdiction in i.jurisdictions or i.id in answers.indicators
            )
            if options:
                out.append(
                    Question(
                        id=f"theme:{theme.id}",
                        step="indicators",
                        kind="indicators",
                        title=theme.title,
                        prompt=f"{theme.title}: have you noticed any of these?",
                        options=options,
                        hint="Mark each one you have noticed. Nothing marked means none noticed or not known.",
                        theme=theme.id,
                    )
                )
        out.append(
            Question(
                id="nrm_status",
                step="nrm-legal",
                kind="choice",
                title="NRM status",
                prompt="Where is the child in the National Referral Mechanism (NRM)?",
                options=tuple(Option(s, NRM_LABELS[s], NRM_LABELS[s]) for s in NRM_STATUSES),
            )
        )
        if answers.nrm_status in DECISION_STATUSES:
            out.append(
                Question(
                    id="decision_on",
                    step="nrm-legal",
                    kind="date",
                    title="Date of the NRM decision",
                    prompt="On what date was the latest NRM decision made?",
                    hint="A date, written YYYY-MM-DD.",
                )
            )
        out.append(
            Question(
                id="leave_granted_on",
                step="nrm-legal",
                kind="date",
                title="Immigration leave granted on",
                prompt="If the child has been granted immigration leave, on what date?",
                hint="A date, written YYYY-MM-DD.",
                not_known=UNKNOWN,
            )
        )
        out.extend(self._fact_questions("nrm-legal", answers))
        return out

    def is_extra(self, question: Question, answers: Answers) -> bool:
        """Asked only because of an earlier answer (a decision date, an after-18 question)."""
        if question.id == "decision_on":
            return True
        fact = self.pack.questions.get(question.id)
        return fact is not None and fact.asked_when is not None and question.id not in answers.carried_facts

    def numbers(self, answers: Answers) -> dict[str, str]:
        """``Question 3 of 20`` for each question, by id: a total that holds once the jurisdiction is
        known. A question asked only because of an earlier answer is ``An extra question after question 3``
        and is not in the total, so the total never changes as answers come in."""
        questions = self.questions(answers)
        if answers.jurisdiction is None:
            return {q.id: f"Question {n}" for n, q in enumerate(questions, 1)}
        total = sum(not self.is_extra(q, answers) for q in questions)
        out: dict[str, str] = {}
        n = 0
        for question in questions:
            if self.is_extra(question, answers):
                out[question.id] = f"An extra question after question {n}"
            else:
                n += 1
                out[question.id] = f"Question {n} of {total}"
        return out

    def _fact_questions(self, step: str, answers: Answers) -> list[Question]:
        return [
            Question(
                id=q.id,
                step=step,
                kind="choice",
                title=q.label[:1].upper() + q.label[1:],
                prompt=q.prompt,
                options=_fact_options(q.yes, q.no),
            )
            for q in self.pack.questions.values()
            if q.step == step and self._fact_applies(q.id, answers)
        ]

    def pages(self, answers: Answers) -> list[Page]:
        """Welcome, every question, review, summary and export, numbered by step."""
        questions = self.questions(answers)
        steps: list[str] = ["welcome"]
        for q in questions:
            if q.step not in steps:
                steps.append(q.step)
        if answers.jurisdiction is None:
            # Show the whole shape before the choice that fills it in.
            steps += [s for s in STEP_TITLES if s not in steps and s not in PAGE_STEPS]
        steps += ["review", "summary", "export"]
        count = len(steps)
        pages = [Page("welcome", 1, count)]
        for step in steps:
            in_step = [q for q in questions if q.step == step]
            for n, q in enumerate(in_step, 1):
                pages.append(Page(step, steps.index(step) + 1, count, q, n, len(in_step)))
        for step in ("review", "summary", "export"):
            pages.append(Page(step, steps.index(step) + 1, count))
        return pages

    def find(self, answers: Answers, key: str) -> int:
        """The index of the page with this key (a question id or a page step), or -1."""
        return next((n for n, p in enumerate(self.pages(answers)) if p.key == key), -1)

    def blocker(self, page: Page, answers: Answers) -> str | None:
        """Why the walkthrough cannot move past this page yet, or ``None``."""
        if page.key == "jurisdiction" and answers.jurisdiction is None:
            return "Choose the part of the UK the child is in: everything after depends on it."
        return None

    # -- answers as text -----------------------------------------------------

    def display(self, question: Question, answers: Answers) -> str:
        """An answer in words, for the review and the plain mode."""
        value = answers.get(question)
        if question.kind == "indicators":
            titles = [o.short for o in question.options if o.value in value]
            return f"{len(titles)} noted: {'; '.join(titles)}" if titles else "none noted"
        if question.kind == "choice":
            option = question.option(value) if value is not None else None
            return option.short if option else "not chosen yet"
        if question.kind == "text":
            return value or "none"
        if question.kind == "date":
            if isinstance(value, dt.date):
                return value.isoformat()
            if question.not_known is not None and value is None:
                return "none granted"
            return "not known"
        if question.kind == "age":
            return self.age_text(value, answers.screening_date)
        raise AssertionError(question.kind)

    @staticmethod
    def age_text(value: dt.date | int | None, screening_date: dt.date) -> str:
        if isinstance(value, dt.date):
            return f"born {value.isoformat()} (aged {age_on(value, screening_date)} on {screening_date.isoformat()})"
        if isinstance(value, int):
            return f"{value} in whole years"
        return "not known"

    def parse(self, question: Question, text: str, answers: Answers) -> Any:
        """Read a typed answer to a text, date or age question; raise ``AnswerError``.

        Empty text is none / not known.
        """
        text = text.strip()
        if question.kind == "text":
            return _reference(text)
        if question.kind == "date":
            if question.not_known is not None:
                # Here empty is an answer (none granted), so not known is written out.
                if text.lower() in ("not known", "unknown"):
                    return question.not_known
                if text.lower() == "none":
                    return None
            return _date(text, answers.screening_date) if text else None
        if question.kind == "age":
            if not text:
                return None
            if _YEARS.match(text):
                years = int(text)
                if years > MAX_AGE:
                    raise AnswerError(f"{years} is not a likely age; type whole years or a date of birth")
                return years
            born = _date(text, answers.screening_date, what="date of birth")
            if age_on(born, answers.screening_date) > MAX_AGE:
                raise AnswerError(f"{born.isoformat()} would make the child over {MAX_AGE}; check the year")
            return born
        raise AssertionError(f"{question.kind} questions are answered by choosing")

    # -- why am I asked this? ------------------------------------------------

    def why(self, question: Question, answers: Answers) -> Why:
        jurisdiction = answers.jurisdiction
        if question.kind == "indicators":
            theme = self.pack.theme(question.theme or "")
            uses = self._uses({f"theme:{theme.id}"} | {f"indicator:{o.value}" for o in question.options}, jurisdiction)
            return Why(
                theme.summary,
                uses,
                uses_heading="Indicators on this page are read by:",
            )
        if question.id == "jurisdiction":
            services = [s for j in self.pack.jurisdictions.values() for s in j.services]
            return Why(
                "Each part of the UK has its own law, guidance and guardianship service, so the questions "
                "that follow and the summary depend on where the child is.",
                tuple(Use(f"{s.name} ({s.provider})", self._cite(s.sources[:1])) for s in services),
                self._cite(c for s in services for c in s.sources[:1]),
            )
        if question.id == "reference":
            return Why(
                "A reference lets you match the summary and a saved case file to your own records. It is "
                "printed at the top of the summary, so use a case number or a made-up code, never a name. "
                "No rule reads it."
            )
        if question.id in self.pack.questions:
            q = self.pack.questions[question.id]
            text = q.help
            if jurisdiction not in q.jurisdictions:
                names = ", ".join(
                    self.pack.jurisdictions[j].name for j in q.jurisdictions if j in self.pack.jurisdictions
                )
                text += f" This question is asked for {names}; it is shown because the case file answers it."
            return Why(text, self._uses({question.id}, jurisdiction), self._cite(q.sources))
        params = self.pack.parameters
        texts = {
            "age": (
                "Age decides whether the child criteria are met, when the 18th birthday falls (transition "
                "planning and, in the devolved pilot, the 100-day mark) and which support can continue after 18.",
                [*params.turns_18_sources, *params.pilot_exclusion_sources],
            ),
            "age_disputed": (
                "A child whose age is disputed is treated as a child while their age is assessed, so the "
                "child criteria are read on that footing and an age assessment signpost may apply.",
                [],
            ),
            "nrm_status": (
                "The NRM status decides whether a referral is still to be made, whether a negative decision "
                "can be challenged, and how long some support lasts.",
                [],
            ),
            "decision_on": (
                "The date of a negative decision starts the time limit for asking for reconsideration; a "
                "conclusive grounds decision can start the end of Guardianship Scotland support after 18.",
                [w for window in params.reconsideration_windows for w in window.sources],
            ),
            "leave_granted_on": (
                "Immigration leave changes which legal advice is needed and, in Scotland, starts the end of "
                "Guardianship Scotland support after 18.",
                list(params.scotland_support_sources),
            ),
        }
        text, citations = texts[question.id]
        uses = self._uses({question.id}, jurisdiction)
        uses += self._key_date_uses(question.id, jurisdiction)
        # With no source of its own, the answer's sources are those of the rules that read it.
        sources = self._cite(citations) or tuple(dict.fromkeys(s for use in uses for s in use.sources))
        return Why(text, uses, sources)

    def indicator_why(self, indicator_id: str, answers: Answers) -> Why:
        indicator = self.pack.indicators[indicator_id]
        uses = list(self._uses({f"indicator:{indicator_id}"}, answers.jurisdiction))
        for signpost_id in indicator.signposts:
            signpost = self.pack.signposts.get(signpost_id)
            if signpost is None or answers.jurisdiction not in signpost.jurisdictions:
                continue
            use = Use(f"Signpost: {signpost.title}", self._cite(signpost.sources[:1]))
            if all(u.text != use.text for u in uses):
                uses.append(use)
        text = f"{INDICATOR_KIND_ABOUT[indicator.kind]} {indicator.why}"
        return Why(text, tuple(uses), self._cite(indicator.sources), "If you note it, it is read by:")

    def _cite(self, citations: Iterable[Citation]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.pack.cite(c) for c in citations))

    def _reads(self, condition: Condition, names: set[str]) -> bool:
        """Does the condition read any of these inputs, directly or through a derived fact?"""
        read: set[str] = set()
        for fact in facts_in(condition):
            read.add(fact)
            read.update(DERIVED_FROM.get(fact, ()))
            if fact == "indicators_noted":
                read.update(n for n in names if n.startswith(("indicator:", "theme:")))
        for node in walk(condition):
            if isinstance(node, IndicatorTest):
                read.add(f"indicator:{node.indicator}")
            elif isinstance(node, ThemeTest):
                read.add(f"theme:{node.theme}")
        return bool(read & names)

    def _uses(self, names: set[str], jurisdiction: str | None) -> tuple[Use, ...]:
        uses: list[Use] = []
        if jurisdiction in self.pack.jurisdictions:
            place = self.pack.jurisdictions[jurisdiction]
            for service in place.services:
                for route in service.routes:
                    for criterion in route.criteria:
                        if self._reads(criterion.when, names):
                            uses.append(
                                Use(
                                    f"{service.name}, {route.title}: {criterion.text}",
                                    self._cite(criterion.sources[:1]),
                                )
                            )
                for note in service.notes:
                    if note.when is not None and self._reads(note.when, names):
                        uses.append(Use(f"A note on {service.name}", self._cite(note.sources[:1])))
            for note in place.notes:
                if note.when is not None and self._reads(note.when, names):
                    uses.append(
                        Use(f"A note for {place.name}: {_first_sentence(note.text)}", self._cite(note.sources[:1]))
                    )
        for signpost in self.pack.signposts.values():
            if jurisdiction in signpost.jurisdictions and self._reads(signpost.when, names):
                uses.append(Use(f"Signpost: {signpost.title}", self._cite(signpost.sources[:1])))
        return tuple(dict.fromkeys(uses))

    def _key_date_uses(self, name: str, jurisdiction: str | None) -> tuple[Use, ...]:
        params = self.pack.parameters
        uses: list[Use] = []
        if name == "age":
            uses.append(Use("Key date: the 18th birthday", self._cite(params.turns_18_sources[:1])))
            if jurisdiction != "northern-ireland":
                uses.append(
                    Use(
                        f"Key date: {params.pilot_exclusion_days} days before the 18th birthday (devolved pilot)",
                        self._cite(params.pilot_exclusion_sources[:1]),
                    )
                )
        if name in ("nrm_status", "decision_on"):
            sources = [w.sources[0] for w in params.reconsideration_windows]
            uses.append(Use("Key date: the deadline to ask for reconsideration", self._cite(sources[:1])))
        if jurisdiction == "scotland" and name in ("age", "nrm_status", "decision_on", "leave_granted_on"):
            uses.append(
                Use(
                    "Key date: the end of Guardianship Scotland support after 18",
                    self._cite(params.scotland_support_sources[:1]),
                )
            )
        return tuple(uses)

    # -- the case ------------------------------------------------------------

    def to_case(self, answers: Answers) -> Case:
        """The answers as a case file's case. Only the facts this walkthrough asks
        are included, so an answer given under another jurisdiction never feeds
        the summary unseen."""
        if answers.jurisdiction is None:
            raise AnswerError("choose a jurisdiction first")
        fact_ids = [q.id for q in self.questions(answers) if q.id in self.pack.questions]
        shown = {o.value for q in self.questions(answers) if q.kind == "indicators" for o in q.options}
        indicators = [i for i in answers.indicators if i in shown]
        return Case(
            schema="screener-case/1",  # type: ignore[call-arg]
            reference=answers.reference,
            jurisdiction=answers.jurisdiction,  # type: ignore[arg-type]
            screening_date=answers.screening_date,
            child=Child(date_of_birth=answers.date_of_birth, age=answers.age, age_disputed=answers.age_disputed),  # type: ignore[arg-type]
            facts={f: answers.facts.get(f, UNKNOWN) for f in fact_ids},
            nrm=Nrm(status=answers.nrm_status, decision_on=answers.decision_on),  # type: ignore[arg-type]
            dates=CaseDates(leave_granted_on=answers.leave_granted_on),
            indicators=indicators,
            notes=answers.notes,
        )

    def changes(self, before: Answers, after: Answers) -> list[str]:
        """The answers that differ, in words: ``Age disputed: Not known → Yes``."""
        out = []
        titles = {q.id: q for q in self.questions(before)}
        for question in self.questions(after):
            old = titles.get(question.id)
            now = self.display(question, after)
            was = self.display(old, before) if old is not None else "not asked"
            if was != now:
                out.append(f"{question.title}: {was} → {now}")
        for qid, question in titles.items():
            if all(q.id != qid for q in self.questions(after)):
                out.append(f"{question.title}: no longer asked")
        return out

    def outcome_changes(self, before: Answers, after: Answers) -> list[str]:
        """What a change of answers did to the summary's outcomes, in words; empty when nothing moved."""
        from screener.engine import screen

        if before.jurisdiction is None or after.jurisdiction is None:
            return []
        old, new = screen(self.pack, self.to_case(before)), screen(self.pack, self.to_case(after))
        out = []
        old_status = {s.service: s.status_text for s in old.guardianship}
        for service in new.guardianship:
            was = old_status.get(service.service)
            if was != service.status_text:
                out.append(f"{service.name}: {was or 'not listed'} → {service.status_text}")
        old_signposts = {s.id: s.title for s in old.signposts}
        new_signposts = {s.id: s.title for s in new.signposts}
        out += [f"New signpost: {t}" for i, t in new_signposts.items() if i not in old_signposts]
        out += [f"Signpost no longer listed: {t}" for i, t in old_signposts.items() if i not in new_signposts]
        old_dates = {(d.id, d.date) for d in old.key_dates}
        out += [
            f"New key date: {d.date.isoformat()} — {d.text}" for d in new.key_dates if (d.id, d.date) not in old_dates
        ]
        if len(new.follow_up) != len(old.follow_up):
            out.append(f"Follow-up questions: {len(old.follow_up)} → {len(new.follow_up)}")
        return out

    def new_answers(self, screening_date: dt.date | None = None) -> Answers:
        return Answers(screening_date=screening_date or dt.date.today())


def _first_sentence(text: str) -> str:
    head = text.split(". ")[0].split(": ")[0]
    return head if len(head) <= 70 else head[:67].rstrip() + "…"


def _date(text: str, screening_date: dt.date, what: str = "date") -> dt.date:
    if not _ISO.match(text):
        raise AnswerError(f"'{shown(text)}' is not a {what}: write it as YYYY-MM-DD, for example 2009-03-14")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise AnswerError(f"{shown(text)} is not a real date") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise AnswerError(f"{text} is out of range: use a year from {MIN_YEAR} to {MAX_YEAR}")
    if day > screening_date:
        raise AnswerError(f"{text} is after the screening date ({screening_date.isoformat()})")
    return day


def _reference(text: str) -> str | None:
    if not text:
        return None
    if len(text) > REFERENCE_MAX:
        raise AnswerError(f"a reference is at most {REFERENCE_MAX} characters")
    # The case model refuses these too: they could break a line of output, drive a
    # terminal or make the reference read otherwise than it is.
    why = refused(text)
    if why is not None:
        raise AnswerError(f"a reference must be one line of plain text: {why}")
    return text


def welcome_lines(pack: Pack, answers: Answers, opened: str | None = None) -> list[str]:
    """What the tool is and is not, the pack edition and the screening date: the first page of both faces."""
    info = pack.info
    lines = [
        "Screener walks you through indicators of child trafficking and exploitation, and the "
        "guardianship services and next steps that may apply in England and Wales, Scotland or "
        "Northern Ireland. It ends with a signposting summary.",
        "",
        "It is a signposting aid, not an assessment: it scores nothing and decides nothing. The named services, "
        "first responders and your safeguarding partners decide.",
        "",
        'Any question can be answered "Not known"; only the part of the UK is required. Nothing is '
        "saved unless you save it, and nothing leaves this computer.",
        "",
        f"Content pack: {info.id} edition {info.version}, reviewed {info.reviewed_on.isoformat()}, "
        f"next review due {info.review_due.isoformat()}.",
    ]
    if answers.screening_date > info.review_due:
        lines.append("This pack is past its review date: check its rules against current guidance.")
    lines.append(
        f"Screening date: {answers.screening_date.isoformat()} (rules and dates are worked out as at this day)."
    )
    if opened:
        lines.append(f"Opened {opened}: its answers are filled in.")
    return lines
