"""Key dates: the 18th birthday, the pilot's 100-day mark, deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from screener.casefile.model import Case
from screener.content.models.base import Citation
from screener.content.models.parameters import Parameters, Window
from screener.content.pack import Pack
from screener.engine.age import AgeFacts
from screener.engine.dates import add_months
from screener.engine.logic import Tri
from screener.summary import KeyDate

NEGATIVE_NRM = ("rg-negative", "cg-negative", "disqualified")
CONCLUSIVE_NRM = ("cg-positive", "cg-negative")
Cite = Callable[[Iterable[Citation]], list[str]]


def _window_end(window: Window, decided: dt.date) -> dt.date:
    if window.days is not None:
        return decided + dt.timedelta(days=window.days)
    assert window.months is not None
    return add_months(decided, window.months)


def reconsideration_window(params: Parameters, decided: dt.date) -> Window | None:
    return next((w for w in params.reconsideration_windows if w.applies_to_decisions.covers(decided)), None)


def _support_end(case: Case, age: AgeFacts, months: int) -> tuple[dt.date | None, list[str]]:
    """When Guardianship Scotland support after 18 ends, or what is missing to say."""
    events: list[dt.date] = []
    missing: list[str] = []
    if case.dates.leave_date:
        events.append(case.dates.leave_date)
    elif case.dates.leave_granted == "unknown":
        missing.append("leave_granted_on")
    if case.nrm.status in CONCLUSIVE_NRM:
        if case.nrm.decision_on:
            events.append(case.nrm.decision_on)
        else:
            missing.append("decision_on")
    if not events:
        return None, missing
    if age.turns_18 is None:
        return None, [*missing, "age"]
    # Support runs to three months after the young person both is over 18 and
    # has leave or a conclusive grounds decision, whichever came first.
    return add_months(max(min(events), age.turns_18), months), missing


def scotland_support_continues(
    case: Case, age: AgeFacts, as_at: dt.date, params: Parameters
) -> tuple[Tri, tuple[str, ...]]:
    end, missing = _support_end(case, age, params.scotland_support_after_months)
    if end is not None and as_at > end:
        # Ended already: an answer still missing (an earlier leave date) could only end it sooner.
        return Tri.NO, ()
    if end is not None and not missing:
        return Tri.YES, ()
    if missing:
        return Tri.UNKNOWN, tuple(missing)
    if case.nrm.status == "unknown":
        return Tri.UNKNOWN, ("nrm_status",)
    # No leave and no conclusive decision yet: the window has not begun to close.
    return Tri.YES, ()


def key_dates(
    pack: Pack, case: Case, age: AgeFacts, as_at: dt.date, cite: Cite, facts: dict[str, Tri] | None = None
) -> tuple[list[KeyDate], list[tuple[str, str]]]:
    """The key dates of a case; ``facts``: the settled facts (answers and presumptions), if worked out."""
    params = pack.parameters
    dates: list[KeyDate] = []
    follow_up: list[tuple[str, str]] = []
    if age.turns_18 is not None:
        said = params.turns_18_text
        dates.append(
            KeyDate(
                id="turns-18",
                date=age.turns_18,
                text=said.before if as_at < age.turns_18 else said.after,
                sources=cite(params.turns_18_sources),
            )
        )
        exclusion = age.turns_18 - dt.timedelta(days=params.pilot_exclusion_days)
        pilot = facts.get("devolved_pilot_area") if facts else Tri.of(case.fact("devolved_pilot_area"))
        # Only where the pilot can run: where the question is asked, or a presumption settles it.
        question = pack.questions.get("devolved_pilot_area")
        runs_here = question is not None and (
            case.jurisdiction in question.jurisdictions or question.presumption(case.jurisdiction, as_at) is not None
        )
        if as_at < age.turns_18 and runs_here and pilot is not Tri.NO:
            dates.append(
                KeyDate(
                    id="pilot-exclusion-starts",
                    date=exclusion,
                    text=params.pilot_exclusion_text.replace("{days}", str(params.pilot_exclusion_days))
                    + _passed(exclusion, as_at),
                    sources=cite(params.pilot_exclusion_sources),
                )
            )
    elif age.under_18 is not Tri.NO:
        # Whole years give neither date; only the date of birth does.
        name = "date_of_birth" if age.age is not None else "age"
        marks = (
            "the 18th birthday"
            if case.jurisdiction == "northern-ireland"
            else f"the 18th birthday and the pilot's {params.pilot_exclusion_days}-day mark"
        )
        follow_up.append((name, marks))

    if case.nrm.status in NEGATIVE_NRM:
        if case.nrm.decision_on is None:
            follow_up.append(("decision_on", "the deadline to ask for reconsideration"))
        else:
            window = reconsideration_window(params, case.nrm.decision_on)
            if window is not None:
                deadline = _window_end(window, case.nrm.decision_on)
                passed = _passed(deadline, as_at)
                dates.append(
                    KeyDate(
                        id="reconsideration-deadline",
                        date=deadline,
                        text=f"{window.text}{passed}",
                        sources=cite(window.sources),
                    )
                )

    if case.jurisdiction == "scotland":
        end, missing = _support_end(case, age, params.scotland_support_after_months)
        if end is not None:
            dates.append(
                KeyDate(
                    id="guardianship-scotland-support-ends",
                    date=end,
                    text=params.scotland_support_text.replace("{months}", str(params.scotland_support_after_months))
                    + (" It may end sooner: an answer below is not known yet." if missing else "")
                    + _passed(end, as_at),
                    sources=cite(params.scotland_support_sources),
                )
            )
        for name in missing:
            follow_up.append((name, "when Guardianship Scotland support after 18 ends"))
    dates.sort(key=lambda d: (d.date, d.id))
    return dates, follow_up


def _passed(day: dt.date, as_at: dt.date) -> str:
    """Said of a key date already behind the screening date, so that it never reads as still to come."""
    return " This date has passed." if day < as_at else ""
