"""``screen()``: a case and a pack in, a signposting summary out. No I/O, no Textual.

The parts of the summary are worked out in modules of their own: the shared
``context``, guardianship ``services``, ``signposts``, ``keydates`` and ages.
"""

from __future__ import annotations

import datetime as dt

from screener import __version__
from screener.area.model import Area
from screener.casefile.model import Case
from screener.content.derived import IN_PARTS, PART_OF
from screener.content.pack import Pack
from screener.engine.attach import attach
from screener.engine.context import Context, confirm_locally
from screener.engine.keydates import key_dates
from screener.engine.logic import Tri
from screener.engine.services import service_result
from screener.engine.signposts import not_listed_notes, signpost_results
from screener.summary import Answer, IndicatorResult, PackRef, ProfessionalRecord, Summary, Words


def screen(pack: Pack, case: Case, as_at: dt.date | None = None, area: Area | None = None) -> Summary:
    """Work out the signposting summary for ``case`` as at a date, with an area file's local knowledge."""
    day = as_at or case.screening_date or dt.date.today()
    marks: dict[str, str] = {}
    if area is not None and area.jurisdiction == case.jurisdiction:
        case, marks = area.settle(case, day)
    ctx = Context(pack, case, day, marks)
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
        result = service_result(ctx, service)
        services.append(result)
        for name in result.settle_by:
            follow_up.setdefault(name, []).append(result.name)
    notices.extend(ctx.notes(jurisdiction.notes))

    signposts = signpost_results(ctx, follow_up)
    notices.extend(not_listed_notes(ctx))

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
        jurisdiction_name=(
            f"{jurisdiction.name} ({pack.wording.nations[case.nation]})" if case.nation else jurisdiction.name
        ),
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
        words=_words_of(pack),
        record=_record(case),
        nation=case.nation,
    )
    return attach(summary, area, pack)


def _answers(ctx: Context) -> list[Answer]:
    case = ctx.case
    child = case.child
    wording = ctx.pack.wording
    answers = [
        Answer(
            id="age",
            label=wording.summary_label("age"),
            value=(
                f"born {child.date_of_birth.isoformat()} (aged {ctx.age.age})"
                if child.date_of_birth
                else (f"{child.age} (whole years)" if child.age is not None else _words(ctx, "unknown"))
            ),
        ),
        Answer(id="age_disputed", label=wording.summary_label("age_disputed"), value=_words(ctx, child.age_disputed)),
    ]
    if case.nation:
        nation = wording.nations[case.nation]
        answers.insert(0, Answer(id="nation", label=wording.summary_label("nation"), value=nation))
    for question in ctx.pack.questions.values():
        presumption = ctx.presumed.get(question.id)
        if case.jurisdiction not in question.jurisdictions and presumption is None:
            continue
        if not _answered_as(ctx, question.id):
            continue
        given = case.fact(question.id)
        if presumption is not None:
            value = f"{_words(ctx, presumption.answer)}, not asked: {ctx.presumption_text(presumption)}"
        elif given == "unknown" and not question.in_force_on(ctx.as_at):
            continue
        else:
            value = _words(ctx, given)
            if question.id in ctx.marks:
                value += f", {ctx.marks[question.id]}"
        answers.append(Answer(id=question.id, label=question.label, value=value))
    answers.append(Answer("nrm_status", wording.summary_label("nrm_status"), wording.nrm_words(case.nrm.status)))
    if case.nrm.referred_on:
        answers.append(Answer("referred_on", wording.summary_label("referred_on"), case.nrm.referred_on.isoformat()))
    if case.nrm.decision_on:
        answers.append(Answer("decision_on", wording.summary_label("decision_on"), case.nrm.decision_on.isoformat()))
    leave = wording.summary_label("leave_granted_on")
    if case.dates.leave_date:
        answers.append(Answer("leave_granted_on", leave, case.dates.leave_date.isoformat()))
    elif case.dates.leave_granted == "unknown":
        answers.append(Answer("leave_granted_on", leave, _words(ctx, "unknown")))
    return answers


def _answered_as(ctx: Context, fact_id: str) -> bool:
    """Whether the answers list a fact asked as its parts, or a part, as the case answers them: the
    parts where it gives any (as the walkthrough writes them), else the whole (as older files do).
    A part the case leaves out once the other settles the whole (seeking asylum, for a child who is
    not unaccompanied) was not asked, and is not listed."""
    case = ctx.case
    whole = PART_OF.get(fact_id, fact_id)
    if whole not in IN_PARTS:
        return True
    parted = any(part in case.facts for part in IN_PARTS[whole])
    if fact_id == whole:
        return not parted or case.fact(whole) != "unknown"
    return parted and (fact_id in case.facts or ctx.world.fact(whole) is Tri.UNKNOWN)


def _record(case: Case) -> ProfessionalRecord | None:
    if case.record is None or case.record.is_empty():
        return None
    return ProfessionalRecord(**case.record.given())


def _words(ctx: Context, value: str) -> str:
    """A yes / no / not-known answer in a sentence, in the pack's words."""
    return ctx.pack.wording.answer_words(value)


def _words_of(pack: Pack) -> Words:
    wording = pack.wording
    return Words(
        criteria={status: text for status, text in wording.criteria.items()},
        routes={status: text for status, text in wording.routes.items()},
        urgency={urgency: text for urgency, text in wording.urgency.items()},
        indicator_kinds={kind: words.label for kind, words in wording.indicator_kinds.items()},
    )
