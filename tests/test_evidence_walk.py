"""What the walkthrough asks and says for the December 2026 corrections (issue 20), through the UI-free core.

Each jurisdiction's questions speak its own system: help text names its own service, England and
Wales asks whether the child is already looked after, and Northern Ireland is asked about the
devolved pilot only while the sources leave its start unclear.
"""

from __future__ import annotations

import datetime as dt

import pytest

from screener.content import Pack
from screener.walkthrough import Answers, Flow


def asked(flow: Flow, jurisdiction: str, day: dt.date) -> dict[str, str]:
    """The questions asked for a 15-year-old in a jurisdiction on a day, by id, with their prompts."""
    answers = flow.new_answers(day).with_answer(flow.jurisdiction_question(), jurisdiction)
    age = next(q for q in flow.questions(answers) if q.id == "age")
    answers = answers.with_answer(age, 15)
    return {q.id: q.prompt for q in flow.questions(answers)}


def with_jurisdiction(flow: Flow, jurisdiction: str, day: dt.date) -> Answers:
    return flow.new_answers(day).with_answer(flow.jurisdiction_question(), jurisdiction)


@pytest.mark.parametrize(
    ("day", "is_asked"),
    [
        (dt.date(2025, 9, 2), False),  # not in the pilot: presumed no
        (dt.date(2025, 9, 3), True),  # announced; the first decisions' day not found
        (dt.date(2025, 11, 30), True),
        (dt.date(2025, 12, 1), False),  # the autumn is over: presumed in, confirm locally
        (dt.date(2026, 12, 1), False),
    ],
)
def test_northern_ireland_is_asked_about_the_pilot_only_while_unclear(pack: Pack, day: dt.date, is_asked: bool) -> None:
    questions = asked(Flow(pack), "northern-ireland", day)
    assert ("devolved_pilot_area" in questions) is is_asked
    if is_asked:
        assert "Northern Ireland pilot panel" in questions["devolved_pilot_area"]


@pytest.mark.parametrize("day", [dt.date(2024, 11, 20), dt.date(2026, 12, 1)])
def test_england_and_wales_asks_whether_the_child_is_looked_after(pack: Pack, day: dt.date) -> None:
    questions = asked(Flow(pack), "england-wales", day)
    assert questions["in_la_care"] == "Is the child already looked after by a local authority (in its care)?"
    assert asked(Flow(pack), "scotland", day)["in_la_care"] == "Is the child in the care of a Scottish local authority?"
    assert "in_la_care" not in asked(Flow(pack), "northern-ireland", day)


def test_northern_ireland_help_names_its_own_service(pack: Pack) -> None:
    flow = Flow(pack)
    day = dt.date(2026, 12, 1)
    answers = with_jurisdiction(flow, "northern-ireland", day)
    separated = next(q for q in flow.questions(answers) if q.id == "separated")
    said = flow.why(separated, answers).text
    assert "Independent Guardian Service" in said
    assert "Guardianship Scotland" not in said
    answers = with_jurisdiction(flow, "scotland", day)
    separated = next(q for q in flow.questions(answers) if q.id == "separated")
    assert "Guardianship Scotland" in flow.why(separated, answers).text


def test_no_question_offers_a_home_office_hotel_as_current(pack: Pack) -> None:
    # Home Office hotels for unaccompanied children all closed by January 2024 (report p.14).
    prompt = pack.indicators["hotel-placement"].prompt
    assert "closed by January 2024" in " ".join(prompt.split())


def test_accommodation_without_care_is_offered_in_england_and_wales_only(pack: Pack) -> None:
    # It describes England's regime for 16- and 17-year-olds (report p.16).
    assert pack.indicators["accommodation-without-care"].jurisdictions == ["england-wales"]
    for jurisdiction, offered in (("england-wales", True), ("scotland", False), ("northern-ireland", False)):
        flow = Flow(pack)
        answers = with_jurisdiction(flow, jurisdiction, dt.date(2026, 12, 1))
        options = {o.value for q in flow.questions(answers) if q.kind == "indicators" for o in q.options}
        assert ("accommodation-without-care" in options) is offered
