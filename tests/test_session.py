"""The walk's session (``screener.walkthrough.session``): every face's behaviour, tested without a face.

Each test drives a ``Session`` as a face does (an action, then the page it answers with)
and runs in milliseconds. The one behaviour both faces must share after a change from
the review (a question it brings in is asked before the review) is also tested through
plain mode and through the Textual app, at the end.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from screener.area.read import load_area
from screener.casefile.model import Case
from screener.casefile.read import load_case
from screener.content import Pack
from screener.plain import run_plain
from screener.walkthrough import UNKNOWN, Flow
from screener.walkthrough.session import NEEDS_JURISDICTION, Blocked, Session, Show
from screener.writing.plan import Ask, Go

HERE = Path(__file__).resolve().parent
EW_CASE = HERE / "cases" / "england-wales-county-lines.yaml"
BOROUGH = HERE.parent / "indicators" / "areas" / "example-borough.yaml"
DAY = dt.date(2024, 11, 20)


def _case(pack: Pack) -> Case:
    return load_case(EW_CASE, set(pack.questions), set(pack.indicators))


def opened(pack: Pack) -> Session:
    return Session.open(pack, _case(pack), case_path=EW_CASE)


def shown(move: object) -> str:
    assert isinstance(move, Show), move
    return move.page.key


def answer(session: Session, key: str, value: object) -> object:
    """Record an answer on the page ``key`` with a key that also goes on (a number, Enter)."""
    question = session.page_for(key)
    assert question is not None and question.question is not None
    session.record(question.question, value)
    return session.answered(key)


# --- moving about ------------------------------------------------------------------


def test_a_new_walk_starts_at_the_welcome_and_needs_the_part_of_the_uk(pack: Pack) -> None:
    session = Session.open(pack, None, as_at=DAY)
    assert session.key == "welcome" and not session.unsaved
    assert shown(session.next()) == "jurisdiction"
    blocked = session.next()
    assert isinstance(blocked, Blocked) and "part of the UK" in blocked.reason
    assert session.review() == Blocked(NEEDS_JURISDICTION)
    assert shown(answer(session, "jurisdiction", "scotland")) == "reference"
    assert session.unsaved
    assert shown(session.back()) == "jurisdiction"
    assert shown(session.back()) == "welcome"
    assert session.back() is None and session.key == "welcome"


def test_back_and_next_keep_every_answer_and_the_last_question(pack: Pack) -> None:
    session = opened(pack)
    before = session.answers
    keys = [p.key for p in session.pages()]
    session.go_to("age")
    for expected in reversed(keys[: keys.index("age")]):
        assert shown(session.back()) == expected
    assert session.answers == before
    assert session.last_question == "jurisdiction"
    assert shown(session.review()) == "review" and session.last_question == "jurisdiction"


def test_every_page_of_a_walk_is_reached_by_next_alone(pack: Pack) -> None:
    session = opened(pack)
    visited = [session.key]
    while (move := session.next()) is not None:
        visited.append(shown(move))
    assert visited == [p.key for p in session.pages()]
    assert visited[-3:] == ["review", "summary", "export"]


def test_the_page_after_one_is_named_without_moving(pack: Pack) -> None:
    session = opened(pack)
    keys = [p.key for p in session.pages()]
    assert [page.key for key in keys[:-1] if (page := session.following(key)) is not None] == keys[1:]
    assert session.following(keys[-1]) is None and session.following("no-such-page") is None
    assert session.key == keys[0]


# --- a change from the review ---------------------------------------------------------


def _on_a_question_about_to_leave_the_walk(pack: Pack) -> Session:
    """On "seeking asylum" answered yes with unaccompanied since changed to no: asked only while the
    child may be unaccompanied, it stays because an answer given is always shown."""
    session = Session.open(pack, None, as_at=DAY)
    session.record(session.flow.jurisdiction_question(), "england-wales")
    answer(session, "unaccompanied", "yes")
    answer(session, "seeking_asylum", "yes")
    session.go_to("unaccompanied")
    answer(session, "unaccompanied", "no")
    assert shown(session.go_to("seeking_asylum")) == "seeking_asylum"
    return session


@pytest.mark.parametrize("way", ["on", "back"])
def test_a_question_that_leaves_the_walk_while_shown_still_goes_on_and_back(pack: Pack, way: str) -> None:
    # Set to not known there, it leaves the walk while its page is on screen: on and back went nowhere.
    session = _on_a_question_about_to_leave_the_walk(pack)
    keys = [p.key for p in session.pages()]
    here = keys.index("seeking_asylum")
    page = session.page
    assert page is not None and page.question is not None
    session.record(page.question, UNKNOWN)
    assert session.page_for("seeking_asylum") is None
    move = session.answered() if way == "on" else session.back()
    assert shown(move) == keys[here + 1 if way == "on" else here - 1]


def test_a_change_from_the_review_comes_back_to_it_saying_what_changed(pack: Pack) -> None:
    session = opened(pack)
    session.review()
    assert shown(session.change_from_review("age_disputed")) == "age_disputed"
    assert session.changing_from_review
    assert shown(answer(session, "age_disputed", "yes")) == "review"
    changed = session.review_changes()
    assert changed is not None
    changes, outcomes = changed
    # The indicator the answer says is marked with it, and listed as a change too.
    assert changes == [
        "Age disputed: No → Yes",
        "Migration, age and status: none noted → 1 noted: Age disputed or treated as an adult"
        " (marked from your “Age disputed” answer)",
    ]
    assert outcomes  # treating the child as a child while the dispute is resolved moves an outcome
    assert not session.changing_from_review
    # Leaving the review for any other page forgets the change.
    session.next()
    assert session.review_changes() is None


def test_a_question_a_change_from_the_review_brings_in_is_asked_before_the_review(pack: Pack) -> None:
    session = opened(pack)
    session.review()
    listed = [q.id for q in session.questions()]
    assert "decision_on" not in listed
    session.change_from_review("nrm_status")
    # A negative reasonable-grounds decision has a date (its deadline): that question is new, so it comes first.
    assert shown(answer(session, "nrm_status", "rg-negative")) == "decision_on"
    assert session.changing_from_review
    assert shown(answer(session, "decision_on", dt.date(2024, 11, 4))) == "review"
    changes, _ = session.review_changes() or ([], [])
    assert any(c.startswith("NRM") or "decision" in c.lower() for c in changes), changes


def test_going_on_with_n_from_a_changed_question_walks_on_as_usual(pack: Pack) -> None:
    session = opened(pack)
    session.review()
    session.change_from_review("age")
    keys = [p.key for p in session.pages()]
    # n (next) is not an answer: it goes to the next page, and the change ends at the next non-question page.
    assert shown(session.next()) == keys[keys.index("age") + 1]


# --- the area file, the summary and the case as opened --------------------------------


def test_the_area_in_use_reaches_the_summary_and_the_saved_case(pack: Pack) -> None:
    area = load_area(BOROUGH, pack)
    session = Session.open(pack, _case(pack), case_path=EW_CASE, area=area)
    assert session.area_used is area
    with_area = session.summary()
    assert session.summary() is with_area  # cached while nothing changes
    assert session.case_to_save().screened_with is not None
    assert session.case_to_save().screened_with.area is not None  # type: ignore[union-attr]
    session.use_area(False)
    assert session.area_used is None and session.area is area
    without = session.summary()
    assert without is not with_area and without != with_area
    assert session.case_to_save().screened_with.area is None  # type: ignore[union-attr]
    assert session.rendered("md") != ""
    assert session.markdown() == session.rendered("md")


def test_the_summary_follows_the_answers(pack: Pack) -> None:
    session = opened(pack)
    first = session.summary()
    question = session.page_for("age_disputed")
    assert question is not None and question.question is not None
    session.record(question.question, "yes")
    assert session.summary() is not first


def test_the_comparison_is_offered_once_an_opened_case_changes(pack: Pack) -> None:
    session = opened(pack)
    assert not session.comparison_offered()
    answer(session, "age_disputed", "yes")
    assert session.comparison_offered()
    result = session.comparison()
    assert [c.id for c in result.answers] == ["age_disputed"]
    fresh = Session.open(pack, None, as_at=DAY)
    assert not fresh.comparison_offered()


def test_training_marks_its_summary_and_never_has_anything_unsaved(pack: Pack) -> None:
    case = _case(pack)
    session = Session(Flow(pack), Session.open(pack, case).answers, training=True)
    answer(session, "age_disputed", UNKNOWN if case.child.age_disputed != UNKNOWN else "yes")
    assert session.summary().training and not session.unsaved


# --- saving and exporting ---------------------------------------------------------------


def test_saving_plans_through_the_one_write_decision(pack: Pack, tmp_path: Path) -> None:
    session = Session.open(pack, None, as_at=DAY)
    assert session.can_save() is not None  # no part of the UK yet
    answer(session, "jurisdiction", "scotland")
    assert session.can_save() is None
    target = tmp_path / "case.yaml"
    target.write_text("someone else's")
    plan = session.plan_save(target)
    assert isinstance(plan, Ask) and plan.question == "replace"
    session.saved_to(target)
    assert not session.unsaved and session.case_path == target
    assert session.plan_save(target) == Go(target, replace=True)  # its own file: saved again unasked
    assert session.default_case_path() == target


def test_the_privacy_question_comes_before_any_save(pack: Pack) -> None:
    session = opened(pack)
    assert session.plan_privacy() == Go(None)
    answer(session, "reference", "Jo Bloggs")
    plan = session.plan_privacy()
    assert isinstance(plan, Ask) and plan.question == "privacy"


def test_an_export_just_written_is_replaced_unasked_and_no_other(pack: Pack, tmp_path: Path) -> None:
    session = opened(pack)
    target = tmp_path / "summary.md"
    target.write_text("old")
    assert isinstance(session.plan_export(target), Ask)
    session.exported = target
    assert session.plan_export(target) == Go(target, replace=True)
    assert session.default_export_path("html") == Path("screening-2024-11-20-summary.html")


def test_the_change_listeners_hear_answers_and_saves(pack: Pack, tmp_path: Path) -> None:
    session = opened(pack)
    heard: list[bool] = []
    session.watch(lambda: heard.append(session.unsaved))
    answer(session, "age_disputed", "yes")
    session.saved_to(tmp_path / "x.yaml")
    assert heard == [True, False]


# --- both faces after a change from the review ----------------------------------------


def plain_change(session: Session, key: str, typed: list[str]) -> str:
    """Plain mode: Enter through every question, change ``key`` from the review with ``typed``;
    what it printed between the change and the review shown again."""
    numbers = [q.id for q in session.questions()]
    lines = [*[""] * len(numbers), str(numbers.index(key) + 1), *typed, "q"]
    out = io.StringIO()
    assert run_plain(session, stdin=io.StringIO("".join(f"{x}\n" for x in lines)), stdout=out) == 0
    reviews = out.getvalue().split("Review: every answer, as at")
    assert len(reviews) == 3, "the review is shown again after the change"
    return reviews[1].split("or press Enter for the summary: ", 1)[1]


def test_plain_mode_asks_the_question_a_change_brings_in_before_the_review(pack: Pack) -> None:
    session = opened(pack)
    nrm = session.page_for("nrm_status")
    assert nrm is not None and nrm.question is not None
    status = [o.value for o in nrm.question.options].index("rg-negative") + 1
    between = plain_change(session, "nrm_status", [str(status), "2024-11-04"])
    decision = session.page_for("decision_on")
    assert decision is not None and decision.question is not None
    assert decision.question.prompt in between
    assert between.count("Recorded:") == 2
    assert session.answers.decision_on == dt.date(2024, 11, 4)


async def test_the_app_asks_the_question_a_change_brings_in_before_the_review(pack: Pack) -> None:
    from screener.tui.app import ScreenerApp
    from screener.tui.screens.review import ReviewScreen

    session = opened(pack)
    app = ScreenerApp(session)
    options = [o.value for o in session.page_for("nrm_status").question.options]  # type: ignore[union-attr]
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, ReviewScreen)
        app.change_from_review("nrm_status")
        await pilot.pause()
        await pilot.press(str(options.index("rg-negative") + 1))
        await pilot.pause()
        assert app.current_key == "decision_on"
        await pilot.press(*"2024-11-04", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    assert session.answers.decision_on == dt.date(2024, 11, 4)


@pytest.mark.parametrize("face", ["session", "plain"])
def test_a_change_that_brings_in_nothing_returns_straight_to_the_review(pack: Pack, face: str) -> None:
    session = opened(pack)
    if face == "session":
        session.review()
        session.change_from_review("age_disputed")
        assert shown(answer(session, "age_disputed", "yes")) == "review"
        return
    between = plain_change(session, "age_disputed", ["1"])
    assert between.count("Recorded:") == 1 and session.answers.age_disputed == "yes"


def test_the_record_form_takes_the_nrm_referral_date_no_later_than_the_screening(pack: Pack) -> None:
    from screener.walkthrough import AnswerError
    from screener.walkthrough.record_form import read_back

    session = opened(pack)
    day = session.answers.screening_date
    assert day == dt.date(2024, 11, 20)
    later = {"completed_by": "Designated safeguarding lead", "referred_on": "21/11/2024"}
    with pytest.raises(AnswerError) as refused:
        session.record_typed(later)
    assert str(refused.value) == (
        "NRM referral made on: 21 November 2024 is after the screening date, 20 November 2024. "
        "The referral date cannot be later than the screening date; leave it blank until the referral is made."
    )
    assert session.answers.record is None and session.answers.referred_on is None and not session.unsaved
    # Read day first, in any of the ways people write it, and shown back in words.
    for typed in ("19/11/2024", "19 Nov 2024", "2024-11-19", "19.11.2024"):
        assert read_back("referred_on", typed, day) == "19 November 2024"
    assert read_back("referred_on", "03/04/2024", day) == "3 April 2024"
    assert read_back("referred_on", "21/11/2024", day) == "21 November 2024 (after the screening date)"
    assert read_back("referred_on", "31/11/2024", day) == "" and read_back("agency", "x", day) == ""
    session.record_typed({**later, "referred_on": "19 Nov 2024"})
    assert session.answers.referred_on == dt.date(2024, 11, 19) and session.unsaved
    assert session.case().nrm.referred_on == dt.date(2024, 11, 19)
    session.record_typed({"agency": "Example School"})  # no referral field on the form: the date is kept
    assert session.answers.referred_on == dt.date(2024, 11, 19)
    session.record_typed({"agency": "Example School", "referred_on": " "})  # blank: cleared
    assert session.answers.referred_on is None and session.case().nrm.referred_on is None
    with pytest.raises(AnswerError, match="NRM referral made on: '2024-13-01': there is no month 13"):
        session.record_typed({"referred_on": "2024-13-01"})


def test_the_record_form_reads_dates_as_typed_and_changes_nothing_until_all_can_be_recorded(pack: Pack) -> None:
    from screener.walkthrough import AnswerError

    session = opened(pack)
    typed = {
        "completed_by": "  Designated   safeguarding lead ",
        "discussed_on": "5 Dec 2024",
        "review_on": "30/2/2025",
    }
    with pytest.raises(AnswerError, match="Review on: '30/2/2025'"):
        session.record_typed(typed)
    assert session.answers.record is None and not session.unsaved
    session.record_typed({**typed, "review_on": "1 March 2025"})
    record = session.answers.record
    assert record is not None and session.unsaved
    assert record.given() == {
        "completed_by": "Designated safeguarding lead",
        "discussed_on": dt.date(2024, 12, 5),
        "review_on": dt.date(2025, 3, 1),
    }
    assert session.case().record == record
    session.record_typed({})  # every field blank: no record at all
    assert session.answers.record is None
