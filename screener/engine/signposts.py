"""Signposts: which of the pack's signposts fit a case, for the summary and for training feedback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from screener.casefile.model import Case
from screener.content.models.signposts import URGENCY_ORDER, Signpost
from screener.content.pack import Pack
from screener.engine.context import Context, confirm_locally, outcome_of
from screener.engine.logic import Tri, evaluate, reasons, shortfalls
from screener.summary import SignpostResult

SignpostState = Literal["applies", "may-apply", "does-not-apply"]


def _shown(ctx: Context) -> Iterator[tuple[Signpost, Tri]]:
    """Every signpost shown in the case's jurisdiction on the day, with whether it applies."""
    for signpost in ctx.pack.signposts.values():
        if signpost.shown_in(ctx.case.jurisdiction, ctx.as_at):
            yield signpost, evaluate(signpost.trigger(ctx.case.jurisdiction), ctx.world)


def _deciders(ctx: Context, signpost: Signpost) -> list[str]:
    """The unknown answers that would settle whether a signpost applies."""
    trigger = signpost.trigger(ctx.case.jurisdiction)
    return ctx.deciders([trigger], outcome_of(trigger))


def signpost_results(ctx: Context, follow_up: dict[str, list[str]]) -> list[SignpostResult]:
    """The signposts that apply, most urgent first; each answer that would settle another is added to ``follow_up``."""
    jurisdiction, day, nation = ctx.case.jurisdiction, ctx.as_at, ctx.case.nation
    results = []
    for signpost, value in _shown(ctx):
        if value is Tri.UNKNOWN:
            for name in _deciders(ctx, signpost):
                follow_up.setdefault(name, []).append(f"whether the signpost '{signpost.title}' applies")
            continue
        if value is Tri.NO:
            continue
        # A paragraph shows unless it is out of force or its case plainly does not fit.
        local = [
            x
            for x in signpost.local
            if x.jurisdiction == jurisdiction
            and x.speaks_for(nation)
            and x.in_force_on(day)
            and (x.when is None or evaluate(x.when, ctx.world) is not Tri.NO)
        ]
        title, action, who = signpost.texts(jurisdiction, day, nation)
        wording = signpost.wording_for(jurisdiction, day, nation)
        results.append(
            SignpostResult(
                id=signpost.id,
                title=title,
                action=action + (confirm_locally(wording, sentence=True) if wording else ""),
                who=who,
                urgency=signpost.urgency,
                why=reasons(signpost.trigger(jurisdiction), ctx.world, ctx.describe) or ["every case"],
                local=[
                    f"{x.text}{confirm_locally(x, sentence=True)} ({'; '.join(ctx.cite(x.sources))})" for x in local
                ],
                # A source the wording shares with the signpost is listed once.
                sources=list(dict.fromkeys(ctx.cite([*signpost.sources, *(wording.sources if wording else [])]))),
            )
        )
    order = list(ctx.pack.signposts)
    results.sort(key=lambda s: (URGENCY_ORDER[s.urgency], order.index(s.id)))
    return results


def not_listed_notes(ctx: Context) -> list[str]:
    """Why a signpost the case comes near is not listed, and what would bring it (``not_listed``)."""
    return [
        note.text
        for signpost, value in _shown(ctx)
        if value is Tri.NO
        and (note := signpost.not_listed) is not None
        and note.in_force_on(ctx.as_at)
        and evaluate(note.when, ctx.world) is Tri.YES
    ]


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
    ctx = Context(pack, case, day)
    found = []
    for signpost, value in _shown(ctx):
        if value is Tri.YES:
            state: SignpostState = "applies"
            why = reasons(signpost.trigger(case.jurisdiction), ctx.world, ctx.describe) or ["it applies to every case"]
        elif value is Tri.NO:
            state = "does-not-apply"
            why = shortfalls(signpost.trigger(case.jurisdiction), ctx.world, ctx.describe)
        else:
            state = "may-apply"
            why = [f"not known: {ctx.input_question(name)}" for name in _deciders(ctx, signpost)]
        title = signpost.texts(case.jurisdiction, day, case.nation)[0]
        found.append(SignpostFinding(signpost.id, title, state, why, ctx.cite(signpost.sources)))
    return found
