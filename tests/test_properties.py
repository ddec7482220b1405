"""Properties of the engine over random answers (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.casefile.model import Case
from screener.content import Pack
from screener.engine import screen
from tests.packtools import shipped_pack

PACK: Pack = shipped_pack()
ANSWERS = st.sampled_from(["yes", "no", "unknown"])
AS_AT = dt.date(2024, 11, 20)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    jurisdiction = draw(st.sampled_from(["england-wales", "scotland", "northern-ireland"]))
    questions = [q.id for q in PACK.questions.values() if jurisdiction in q.jurisdictions]
    facts = {q: draw(ANSWERS) for q in questions}
    child: dict[str, object] = {"age_disputed": draw(ANSWERS)}
    how = draw(st.sampled_from(["age", "dob", "none"]))
    if how == "age":
        child["age"] = draw(st.integers(min_value=10, max_value=22))
    elif how == "dob":
        child["date_of_birth"] = AS_AT - dt.timedelta(days=draw(st.integers(min_value=3000, max_value=8500)))
    nrm = draw(st.sampled_from(["none", "referred", "rg-negative", "cg-positive", "cg-negative", "unknown"]))
    decision = draw(st.none() | st.dates(dt.date(2023, 1, 1), AS_AT))
    return Case.model_validate(
        {
            "schema": "screener-case/1",
            "jurisdiction": jurisdiction,
            "screening_date": AS_AT,
            "child": child,
            "facts": facts,
            "nrm": {"status": nrm, "decision_on": decision},
        }
    )


def statuses(case: Case) -> dict[str, str]:
    return {s.service: s.status for s in screen(PACK, case).guardianship}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), data=st.data())
def test_answering_an_unknown_never_flips_met_and_not_met(case: Case, data: st.DataObject) -> None:
    unknown = sorted(f for f, v in case.facts.items() if v == "unknown")
    if not unknown:
        return
    fact = data.draw(st.sampled_from(unknown))
    value = data.draw(st.sampled_from(["yes", "no"]))
    before = screen(PACK, case)
    after = statuses(case.model_copy(update={"facts": {**case.facts, fact: value}}))
    for service in before.guardianship:
        if service.status != "criteria-may-be-met":
            assert after[service.service] == service.status, (fact, value)
        elif after[service.service] != service.status:
            # Only an answer named in settle_by can settle an open outcome.
            assert fact in service.settle_by, (service.service, fact, service.settle_by)


@settings(max_examples=150, deadline=None)
@given(case=cases())
def test_open_outcomes_say_what_would_settle_them(case: Case) -> None:
    for service in screen(PACK, case).guardianship:
        discretionary_only = any(r.discretionary and r.status == "met" for r in service.routes)
        if service.status == "criteria-may-be-met" and not discretionary_only:
            assert service.settle_by, service
        if service.status != "criteria-may-be-met":
            assert service.settle_by == []
