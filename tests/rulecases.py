"""Build cases in a line for the rule tables."""

from __future__ import annotations

import datetime as dt
from typing import Any

from screener.casefile.model import Case
from screener.content import Pack
from screener.engine import screen
from screener.summary import ServiceResult, Summary

AS_AT = dt.date(2024, 11, 20)
# Born so that the 18th birthday falls on AS_AT: the day before, the child is 17.
BORN_18_TODAY = dt.date(2006, 11, 20)
BORN_18_TOMORROW = dt.date(2006, 11, 21)


def make_case(
    jurisdiction: str,
    *,
    age: int | None = 15,
    dob: dt.date | None = None,
    disputed: str = "no",
    nrm: str = "none",
    decision_on: dt.date | None = None,
    leave: dt.date | str | None = None,
    indicators: list[str] | None = None,
    **facts: str,
) -> Case:
    child: dict[str, Any] = {"age_disputed": disputed}
    if dob is not None:
        child["date_of_birth"] = dob
    elif age is not None:
        child["age"] = age
    data: dict[str, Any] = {
        "schema": "screener-case/1",
        "jurisdiction": jurisdiction,
        "screening_date": AS_AT,
        "child": child,
        "facts": facts,
        "nrm": {"status": nrm, "decision_on": decision_on},
        "dates": {"leave_granted_on": leave},
        "indicators": indicators or [],
    }
    return Case.model_validate(data)


def run(pack: Pack, case: Case, as_at: dt.date | None = None) -> Summary:
    return screen(pack, case, as_at or AS_AT)


def service(summary: Summary, service_id: str) -> ServiceResult:
    return next(s for s in summary.guardianship if s.service == service_id)
