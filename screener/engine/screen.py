"""``screen()``: a case and a pack in, a signposting summary out. No I/O, no Textual."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from screener import __version__
from screener.area import Area, attach
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
from screener.content.derived import DERIVED_FACTS, DERIVED_FROM, INPUT_LABELS, INPUT_QUESTIONS, NRM_WORDS
from screener.content.models import URGENCY_ORDER, Citation, DatedNote, Presumption, Route, Service
from screener.content.pack import Pack
from screener.engine.age import AgeFacts, age_facts
from screener.engine.keydates import key_dates, scotland_support_continues
from screener.engine.logic import Tri, World, all_of, evaluate, reasons, shortfalls
from screener.summary import (
    Answer,
    CriterionResult,
    IndicatorResult,
    PackRef,
    RouteResult,
    ServiceResult,
    SignpostResult,
    Summary,
)

STATUS_TEXT = {
    "criteria-met": "criteria appear to be met",
    "criteria-may-be-met": "criteria may be met",
    "criteria-not-met": "criteria do not appear to be met",
}
CRITERION_STATUS = {Tri.YES: "met", Tri.NO: "not-met", Tri.UNKNOWN: "unknown"}


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
    belong between the two.
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
    return facts, presumed


class _Context:
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
        facts, self.presumed = settled_facts(pack, case, as_at)
        facts.update(self.age.facts())
        facts.update(
            leave_granted=Tri.of(case.dates.leave_granted),
            scotland_support_continues=support,
            indicators_noted=Tri.YES if noted else Tri.NO,
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
        return DERIVED_FACTS.get(fact_id, INPUT_LABELS.get(fact_id, fact_id))

    def answer_text(self, fact_id: str, value: Tri | None = None) -> str:
        value = self.world.fact(fact_id) if value is None else value
        if fact_id in ("under_18", "aged_18_to_20"):
            return self.age.text()
        words = {Tri.YES: "yes", Tri.NO: "no", Tri.UNKNOWN: "not known"}[value]
        text = f"{self.label(fact_id)}: {words}"
        if fact_id in self.marks:
            text += f", {self.marks[fact_id]}"
        presumption = self.presumed.get(fact_id)
        if presumption is not None:
            text += f" ({self.presumption_text(presumption)})"
        if fact_id in ("approaching_18", "within_pilot_exclusion"):
            text += f" ({self.age.text()})"
        return text

    def describe(self, node: Condition, value: Tri) -> str | None:
        if isinstance(node, FactTest):
            if node.fact == "indicators_noted" and value is Tri.YES:
                titles = [self.pack.indicators[i].title for i in self.case.indicators if i in self.pack.indicators]
                return f"indicators noted: {', '.join(titles)}"
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
            return f"NRM status: {NRM_WORDS[self.case.nrm.status]}"
        return None

    def presumption_text(self, presumption: Presumption) -> str:
        """Why a fact the case does not answer is read as it is, with its check."""
        check = confirm_locally(presumption)[2:-1]
        cited = "; ".join(self.cite(presumption.sources))
        return f"{presumption.text}; {check}; {cited}" if check else f"{presumption.text}; {cited}"

    def inputs_behind(self, fact_id: str) -> list[str]:
        """The answers a practitioner could give to settle an unknown fact."""
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
            return question.prompt
        if name in INPUT_QUESTIONS:
            return INPUT_QUESTIONS[name]
        return f"What is {INPUT_LABELS.get(name, name)}?"


def _outcome_of(condition: Condition) -> Callable[[World], object]:
    """The condition's value in a world: the outcome a signpost's follow-up questions could change."""
    return lambda world: evaluate(condition, world)


def _routes(service: Service, as_at: dt.date) -> list[Route]:
    """The routes in force on the day, each with only its criteria in force then."""
    routes = []
    for route in service.routes:
        if not route.in_force_on(as_at):
            continue
        criteria = [c for c in route.criteria if c.in_force_on(as_at)]
        routes.append(
            route if len(criteria) == len(route.criteria) else route.model_copy(update={"criteria": criteria})
        )
    return routes


def _service_status(routes: list[Route], world: World) -> str:
    values = [(r, all_of([evaluate(c.when, world) for c in r.criteria])) for r in routes]
    if any(v is Tri.YES and not r.discretionary for r, v in values):
        return "criteria-met"
    if any(v is not Tri.NO for _, v in values):
        return "criteria-may-be-met"
    return "criteria-not-met"


def _service(ctx: _Context, service: Service) -> ServiceResult:
    routes = _routes(service, ctx.as_at)
    status = _service_status(routes, ctx.world)
    route_results: list[RouteResult] = []
    criteria: list[CriterionResult] = []
    for route in routes:
        values = []
        for criterion in route.criteria:
            value = evaluate(criterion.when, ctx.world)
            values.append(value)
            facts = facts_in(criterion.when)
            criteria.append(
                CriterionResult(
                    id=criterion.id,
                    route=route.id,
                    text=criterion.text + confirm_locally(criterion),
                    status=CRITERION_STATUS[value],  # type: ignore[arg-type]
                    facts=facts,
                    answers=[ctx.answer_text(f) for f in facts if f != "nrm_status"],
                )
            )
            ctx.cite(criterion.sources)
        route_results.append(
            RouteResult(
                id=route.id,
                title=route.title,
                status=CRITERION_STATUS[all_of(values)],  # type: ignore[arg-type]
                discretionary=route.discretionary,
                note=route.note,
            )
        )
    settle_by: list[str] = []
    settled_note = None
    if status == "criteria-may-be-met":
        conditions = [c.when for r in routes for c in r.criteria]

        def outcome(world: World) -> str:
            return _service_status(routes, world)

        tried = ctx.completions(conditions, outcome)
        open_facts = tried[0] if tried is not None else None
        agreed = set(tried[1].values()) if tried is not None else set()
        reads_nrm = any("nrm_status" in facts_in(c) for c in conditions)
        nrm_open = reads_nrm and ctx.world.nrm_status == "unknown"
        if tried is not None and not open_facts and not nrm_open:
            # Nothing is unknown: only a discretionary route keeps it open, and its
            # route note says who decides. There is no answer left to settle it.
            pass
        elif len(agreed) == 1 and not nrm_open:
            # Kleene logic leaves it open, yet every possible answer gives the same
            # outcome (e.g. under 18 on one route, over 18 on another): say so.
            status = str(agreed.pop())
            settled_note = "Whichever way the answers not yet known turn out, the outcome is the same."
        else:
            settle_by = ctx.deciders(conditions, outcome)
    notes = ([settled_note] if settled_note else []) + ctx.notes(service.notes)
    wording = service.wording_on(ctx.as_at)
    check = confirm_locally(wording, sentence=True) if wording is not None else ""
    provider = (wording.provider if wording else None) or service.provider
    next_steps = ((wording.next_steps if wording else None) or service.next_steps) + check
    sources = [*service.sources, *(wording.sources if wording else [])]
    return ServiceResult(
        service=service.id,
        name=service.name,
        provider=provider,
        status=status,  # type: ignore[arg-type]
        status_text=STATUS_TEXT[status],
        routes=route_results,
        criteria=criteria,
        settle_by=settle_by,
        settle_by_text=[ctx.input_question(s) for s in settle_by],
        next_steps=next_steps,
        notes=notes,
        sources=ctx.cite(sources),
    )


def screen(pack: Pack, case: Case, as_at: dt.date | None = None, area: Area | None = None) -> Summary:
    """Work out the signposting summary for ``case`` as at a date, with an area file's local knowledge."""
    day = as_at or case.screening_date or dt.date.today()
    marks: dict[str, str] = {}
    if area is not None and area.jurisdiction == case.jurisdiction:
        case, marks = area.settle(case, day)
    ctx = _Context(pack, case, day, marks)
    jurisdiction = pack.jurisdictions[case.jurisdiction]
    notices: list[str] = []
    follow_up: dict[str, list[str]] = {}

    if day > pack.info.review_due:
        notices.append(
            f"The content pack was due for review on {pack.info.review_due.isoformat()}: "
            "check the rules and services against current guidance before relying on them."
        )
    if ctx.age.disputed is Tri.YES:
        notices.append(
            "The child's age is disputed: they are treated as a child while their age is assessed, "
            "and the criteria below are read on that footing."
        )
    framing = [
        f"{point.text}{confirm_locally(point, sentence=True)} ({'; '.join(ctx.cite(point.sources))})"
        for point in pack.framing
        if point.in_force_on(day)
    ]

    services = []
    for service in jurisdiction.services:
        if not service.in_force_on(day):
            notices.append(f"{service.name} was not in force on {day.isoformat()}, so it is not listed.")
            continue
        result = _service(ctx, service)
        services.append(result)
        for name in result.settle_by:
            follow_up.setdefault(name, []).append(result.name)
    notices.extend(ctx.notes(jurisdiction.notes))

    signposts = []
    for signpost in pack.signposts.values():
        if not signpost.shown_in(case.jurisdiction, day):
            continue
        value = evaluate(signpost.when, ctx.world)
        if value is Tri.UNKNOWN:
            for name in ctx.deciders([signpost.when], _outcome_of(signpost.when)):
                follow_up.setdefault(name, []).append(f"whether the signpost '{signpost.title}' applies")
            continue
        if value is Tri.NO:
            continue
        # A paragraph shows unless it is out of force or its case plainly does not fit.
        local = [
            x
            for x in signpost.local
            if x.jurisdiction == case.jurisdiction
            and x.in_force_on(day)
            and (x.when is None or evaluate(x.when, ctx.world) is not Tri.NO)
        ]
        title, action, who = signpost.texts(case.jurisdiction, day)
        wording = signpost.wording_for(case.jurisdiction, day)
        signposts.append(
            SignpostResult(
                id=signpost.id,
                title=title,
                action=action + (confirm_locally(wording, sentence=True) if wording else ""),
                who=who,
                urgency=signpost.urgency,
                why=reasons(signpost.when, ctx.world, ctx.describe) or ["every case"],
                local=[
                    f"{x.text}{confirm_locally(x, sentence=True)} ({'; '.join(ctx.cite(x.sources))})" for x in local
                ],
                sources=ctx.cite([*signpost.sources, *(wording.sources if wording else [])]),
            )
        )
    order = list(pack.signposts)
    signposts.sort(key=lambda s: (URGENCY_ORDER[s.urgency], order.index(s.id)))

    dates, date_follow_up = key_dates(ctx.pack, case, ctx.age, day, ctx.cite, ctx.world.facts)
    for name, purpose in date_follow_up:
        follow_up.setdefault(name, []).append(purpose)

    indicators = []
    for theme in pack.themes:
        for indicator_id in case.indicators:
            if pack.indicator_theme.get(indicator_id) != theme.id:
                continue
            indicator = pack.indicators[indicator_id]
            indicators.append(
                IndicatorResult(
                    id=indicator.id,
                    theme=theme.id,
                    theme_title=theme.title,
                    text=indicator.title,
                    kind=indicator.kind,
                    why=indicator.why,
                    sources=ctx.cite(indicator.sources),
                )
            )
            if case.jurisdiction not in indicator.jurisdictions:
                notices.append(f"The indicator '{indicator.title}' is written for another jurisdiction.")

    summary = Summary(
        reference=case.reference,
        jurisdiction=case.jurisdiction,
        jurisdiction_name=jurisdiction.name,
        as_at=day,
        generator=f"Screener {__version__}",
        pack=PackRef(
            id=pack.info.id,
            version=pack.info.version,
            reviewed_on=pack.info.reviewed_on,
            review_due=pack.info.review_due,
            title=pack.info.title,
        ),
        framing=framing,
        answers=_answers(ctx),
        guardianship=services,
        signposts=signposts,
        key_dates=dates,
        indicators=indicators,
        follow_up=[
            f"{ctx.input_question(name)} (not known; would settle: {'; '.join(dict.fromkeys(uses))})"
            for name, uses in follow_up.items()
        ],
        notices=notices,
        sources=list(ctx.cited),
    )
    return attach(summary, area, pack)


SignpostState = Literal["applies", "may-apply", "does-not-apply"]


@dataclass(frozen=True)
class SignpostFinding:
    """Whether a signpost fits a case, and the answers that say so, for training feedback.

    ``reasons``: for a signpost that applies, the answers that trigger it; for one
    that does not, the answers that fall short; for one that may apply, the
    questions whose answers would settle it.
    """

    id: str
    title: str
    state: SignpostState
    reasons: list[str]
    sources: list[str]


def signpost_findings(pack: Pack, case: Case, as_at: dt.date | None = None) -> list[SignpostFinding]:
    """Every signpost of the case's jurisdiction in force at the date, each with its state."""
    day = as_at or case.screening_date or dt.date.today()
    ctx = _Context(pack, case, day)
    found = []
    for signpost in pack.signposts.values():
        if not signpost.shown_in(case.jurisdiction, day):
            continue
        value = evaluate(signpost.when, ctx.world)
        if value is Tri.YES:
            state: SignpostState = "applies"
            why = reasons(signpost.when, ctx.world, ctx.describe) or ["it applies to every case"]
        elif value is Tri.NO:
            state = "does-not-apply"
            why = shortfalls(signpost.when, ctx.world, ctx.describe)
        else:
            state = "may-apply"
            deciders = ctx.deciders([signpost.when], _outcome_of(signpost.when))
            why = [f"not known: {ctx.input_question(name)}" for name in deciders]
        title = signpost.texts(case.jurisdiction, day)[0]
        found.append(SignpostFinding(signpost.id, title, state, why, ctx.cite(signpost.sources)))
    return found


def _answers(ctx: _Context) -> list[Answer]:
    case = ctx.case
    child = case.child
    answers = [
        Answer(
            id="age",
            label="Age",
            value=(
                f"born {child.date_of_birth.isoformat()} (aged {ctx.age.age})"
                if child.date_of_birth
                else (f"{child.age} (whole years)" if child.age is not None else "not known")
            ),
        ),
        Answer(id="age_disputed", label="Age disputed", value=_words(child.age_disputed)),
    ]
    for question in ctx.pack.questions.values():
        presumption = ctx.presumed.get(question.id)
        if case.jurisdiction not in question.jurisdictions and presumption is None:
            continue
        given = case.fact(question.id)
        if presumption is not None:
            value = f"{_words(presumption.answer)}, not asked: {ctx.presumption_text(presumption)}"
        elif given == "unknown" and not question.in_force_on(ctx.as_at):
            continue
        else:
            value = _words(given)
            if question.id in ctx.marks:
                value += f", {ctx.marks[question.id]}"
        answers.append(Answer(id=question.id, label=question.label, value=value))
    answers.append(Answer(id="nrm_status", label="NRM status", value=NRM_WORDS[case.nrm.status]))
    if case.nrm.decision_on:
        answers.append(Answer(id="decision_on", label="Latest NRM decision", value=case.nrm.decision_on.isoformat()))
    if case.dates.leave_date:
        answers.append(Answer(id="leave_granted_on", label="Leave granted on", value=case.dates.leave_date.isoformat()))
    elif case.dates.leave_granted == "unknown":
        answers.append(Answer(id="leave_granted_on", label="Leave granted on", value="not known"))
    return answers


def _words(value: str) -> str:
    return "not known" if value == "unknown" else value
