"""Guardianship services: each route and criterion worked out, the service's status, and what would settle it."""

from __future__ import annotations

import datetime as dt

from screener.content.conditions import facts_in
from screener.content.models.jurisdictions import Route, Service
from screener.engine.context import Context, confirm_locally
from screener.engine.logic import Tri, World, all_of, evaluate
from screener.summary import CriterionResult, RouteResult, ServiceResult

CRITERION_STATUS = {Tri.YES: "met", Tri.NO: "not-met", Tri.UNKNOWN: "unknown"}


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


def service_result(ctx: Context, service: Service) -> ServiceResult:
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
        status_text=ctx.pack.wording.outcome(status),
        routes=route_results,
        criteria=criteria,
        settle_by=settle_by,
        settle_by_text=[ctx.input_question(s) for s in settle_by],
        next_steps=next_steps,
        notes=notes,
        sources=ctx.cite(sources),
    )
