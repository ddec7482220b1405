"""What the answers already say is not asked again, and what cannot matter is not asked (issue 25).

Tested through the session, as every face drives it: an answer filled in from another
(``screener.walkthrough.filled``) is shown as coming from it, can be changed, and is taken
back when the answer it came from changes; immigration leave and the turning-18 page are
asked only when an answer could matter; the step count never changes during a walk.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest

from screener.casefile.model import Case, Child, Nrm
from screener.casefile.read import load_case
from screener.content import Pack
from screener.content.models.base import JURISDICTIONS
from screener.plain import run_plain
from screener.walkthrough import UNKNOWN
from screener.walkthrough.session import Session, Show

DAY = dt.date(2024, 11, 20)
HERE = Path(__file__).resolve().parent
EW_CASE = HERE / "cases" / "england-wales-county-lines.yaml"


def new(pack: Pack, jurisdiction: str = "england-wales") -> Session:
    session = Session.open(pack, None, as_at=DAY)
    session.begin(jurisdiction)
    return session


def give(session: Session, key: str, value: object) -> None:
    question = next(q for q in session.questions() if q.id == key)
    session.record(question, value)


def asked(session: Session) -> list[str]:
    return [q.id for q in session.questions()]


def theme_page(session: Session, theme: str) -> object:
    return next(q for q in session.questions() if q.id == f"theme:{theme}")


# --- filled in from another answer ---------------------------------------------------


def test_a_referral_fills_in_the_concern_from_the_nrm_answer_and_the_user_may_change_it(pack: Pack) -> None:
    session = new(pack)
    give(session, "nrm_status", "referred")
    assert session.answers.facts["trafficking_concern"] == "yes"
    assert session.filled_from("fact:trafficking_concern") == "from your “NRM status” answer"
    concern = next(q for q in session.questions() if q.id == "trafficking_concern")
    assert session.flow.display(concern, session.answers) == "Yes (from your “NRM status” answer)"
    # The case file holds the answer itself; where it came from is the walk's.
    assert session.case().facts["trafficking_concern"] == "yes"
    # Another status that means a concern keeps it; one that does not takes it back.
    give(session, "nrm_status", "rg-positive")
    assert session.answers.facts["trafficking_concern"] == "yes"
    give(session, "nrm_status", "rg-negative")
    assert session.answers.facts["trafficking_concern"] == UNKNOWN
    assert session.filled_from("fact:trafficking_concern") is None
    # Filled again, then changed by the user: theirs from then on, whatever the NRM answer says.
    give(session, "nrm_status", "referred")
    give(session, "trafficking_concern", "no")
    assert session.filled_from("fact:trafficking_concern") is None
    give(session, "nrm_status", "cg-positive")
    give(session, "nrm_status", "referred")
    assert session.answers.facts["trafficking_concern"] == "no"


def test_keeping_a_filled_answer_keeps_where_it_came_from(pack: Pack) -> None:
    session = new(pack)
    give(session, "nrm_status", "referred")
    give(session, "trafficking_concern", "yes")  # Enter on the page: the same answer
    assert session.filled_from("fact:trafficking_concern") == "from your “NRM status” answer"


def test_an_answer_the_user_gave_is_never_overwritten_by_a_fill(pack: Pack) -> None:
    session = new(pack)
    give(session, "trafficking_concern", "no")
    give(session, "nrm_status", "referred")
    assert session.answers.facts["trafficking_concern"] == "no"
    assert session.filled_from("fact:trafficking_concern") is None


def test_a_date_of_birth_marks_approaching_18_and_a_later_one_takes_it_back(pack: Pack) -> None:
    session = new(pack)
    give(session, "age", dt.date(2007, 6, 2))  # 18 on 2 June 2025: within the year
    assert "approaching-18" in session.answers.indicators
    page = theme_page(session, "transitions")
    assert session.filled_marks(page) == {"approaching-18": "from your “Age” answer"}  # type: ignore[arg-type]
    give(session, "age", dt.date(2010, 6, 2))  # 14: not within the year
    assert "approaching-18" not in session.answers.indicators
    assert "theme:transitions" not in asked(session)
    give(session, "age", 17)  # whole years: 17 turns 18 within the year
    assert "approaching-18" in session.answers.indicators


def test_unmarking_a_filled_indicator_makes_it_the_users(pack: Pack) -> None:
    session = new(pack)
    give(session, "age", 17)
    page = theme_page(session, "transitions")
    give(session, "theme:transitions", frozenset({"nrm-consent-at-18", "approaching-18"}))
    # Marking another line on the page leaves the filled one filled.
    assert session.filled_marks(page) == {"approaching-18": "from your “Age” answer"}  # type: ignore[arg-type]
    give(session, "theme:transitions", frozenset({"nrm-consent-at-18"}))
    assert "approaching-18" not in session.answers.indicators
    give(session, "age", 16)
    give(session, "age", 17)
    assert "approaching-18" not in session.answers.indicators  # the user's unmarking stands


def test_the_unaccompanied_and_asylum_answers_each_mark_their_own_indicator(pack: Pack) -> None:
    # Unaccompanied says the unaccompanied-or-separated indicator; seeking asylum says "Seeking asylum
    # or uncertain immigration status". Each marks its own, and each is taken back with its answer.
    session = new(pack)
    give(session, "unaccompanied", "yes")
    assert "unaccompanied-or-separated" in session.answers.indicators
    assert "insecure-immigration-status" not in session.answers.indicators
    give(session, "seeking_asylum", "yes")
    page = theme_page(session, "migration-age-status")
    assert session.filled_marks(page) == {  # type: ignore[arg-type]
        "unaccompanied-or-separated": "from your “Unaccompanied” answer",
        "insecure-immigration-status": "from your “Seeking asylum” answer",
    }
    give(session, "seeking_asylum", "no")
    assert "insecure-immigration-status" not in session.answers.indicators
    assert "unaccompanied-or-separated" in session.answers.indicators
    give(session, "unaccompanied", "no")
    assert not {"unaccompanied-or-separated", "insecure-immigration-status"} & set(session.answers.indicators)


@pytest.mark.parametrize("jurisdiction", ["scotland", "northern-ireland"])
def test_a_mark_filled_from_one_of_two_answers_names_the_one_that_said_it(pack: Pack, jurisdiction: str) -> None:
    session = new(pack, jurisdiction)
    give(session, "separated", "yes")  # fills unaccompanied in (the same test), but not seeking asylum
    assert session.answers.facts.get("seeking_asylum", UNKNOWN) == UNKNOWN
    separated = pack.questions["separated"].label
    assert session.filled_from("indicator:unaccompanied-or-separated") == (
        f"from your “{separated[:1].upper() + separated[1:]}” answer"
    )


def test_an_opened_case_is_shown_as_it_was_saved(pack: Pack) -> None:
    # Nothing is filled in on opening: a case opened and exported unchanged gives summarise's bytes.
    case = load_case(EW_CASE, set(pack.questions), set(pack.indicators))
    referred = case.model_copy(
        update={"nrm": Nrm(status="referred"), "facts": {**case.facts, "trafficking_concern": "unknown"}}
    )
    session = Session.open(pack, referred)
    assert session.answers.facts["trafficking_concern"] == UNKNOWN and not session.answers.filled


def test_plain_mode_says_where_a_filled_answer_came_from(pack: Pack) -> None:
    # England and Wales; nation, reference, age and the rest as they start, then referred.
    session = Session.open(pack, None, as_at=DAY)
    ids = [q.id for q in new(pack).questions()]
    lines = ["1", *[""] * (ids.index("nrm_status") - 1), "2", ""]  # referred; the concern as filled in, kept
    out = io.StringIO()
    run_plain(session, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
    text = out.getvalue()
    assert "Now: Yes (from your “NRM status” answer)." in text
    assert "Kept: Yes (from your “NRM status” answer)." in text


# --- not asked when it cannot matter ---------------------------------------------------


def test_immigration_leave_is_asked_only_when_an_answer_could_matter(pack: Pack) -> None:
    session = new(pack)
    assert "leave_granted_on" in asked(session)  # the NRM status not known yet: it may be a decision
    give(session, "nrm_status", "none")
    assert "leave_granted_on" not in asked(session)
    give(session, "nrm_status", "cg-positive")  # the immigration-leave signpost reads it
    assert "leave_granted_on" in asked(session)
    # Scotland: a young person over 18 who had a guardian (support ends three months after leave).
    scot = new(pack, "scotland")
    give(scot, "nrm_status", "none")
    give(scot, "age", 19)
    assert "leave_granted_on" in asked(scot)
    give(scot, "guardian_before_18", "no")
    assert "leave_granted_on" not in asked(scot)
    # Outside Scotland the after-18 guardian question is not asked, so it cannot bring leave in.
    adult = new(pack, "northern-ireland")
    give(adult, "nrm_status", "none")
    give(adult, "age", 19)
    assert "leave_granted_on" not in asked(adult)


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_the_decision_date_is_asked_only_where_a_rule_reads_it(pack: Pack, jurisdiction: str) -> None:
    """Walked in Northern Ireland: after a positive reasonable grounds decision the walk asked its date, and
    its "why" spoke of a negative decision's deadline. A negative decision's date starts the time limit for
    reconsideration (every part of the UK); a conclusive one's can end Guardianship Scotland support after
    18; nothing else reads it."""
    session = new(pack, jurisdiction)
    give(session, "age", 15)  # a child: no support after 18 to end yet
    for status in ("rg-negative", "cg-negative", "disqualified"):
        give(session, "nrm_status", status)
        assert "decision_on" in asked(session), status
    for status in ("rg-positive", "cg-positive", "referred", "none"):
        give(session, "nrm_status", status)
        assert "decision_on" not in asked(session), status
    # A young person over 18 who had a Guardianship Scotland guardian (asked only in Scotland).
    give(session, "age", 19)
    if jurisdiction == "scotland":
        give(session, "guardian_before_18", "yes")
    give(session, "nrm_status", "cg-positive")
    assert ("decision_on" in asked(session)) is (jurisdiction == "scotland")


def test_a_decision_date_given_is_always_shown(pack: Pack) -> None:
    case = Case(
        schema="screener-case/1",  # type: ignore[call-arg]
        jurisdiction="northern-ireland",
        screening_date=DAY,
        child=Child(age=15),
        nrm=Nrm(status="rg-positive", decision_on=dt.date(2024, 11, 1)),
    )
    assert "decision_on" in [q.id for q in Session.open(pack, case).questions()]


# Each walked, and found asked straight after "separated" No, though every route that reads it needs the child
# separated: in Scotland at 80x24 the Ukraine question, in Northern Ireland at 100x30 the risk of harm (whose
# "why" is the route for a separated child at risk of harm).
@pytest.mark.parametrize(
    ("jurisdiction", "fact"), [("scotland", "from_ukraine"), ("northern-ireland", "at_risk_of_harm")]
)
def test_a_question_only_separated_routes_read_is_not_asked_once_the_child_is_not_separated(
    pack: Pack, jurisdiction: str, fact: str
) -> None:
    session = new(pack, jurisdiction)
    assert fact in asked(session)
    give(session, "separated", "no")
    assert fact not in asked(session)
    give(session, "separated", "yes")
    assert fact in asked(session)
    give(session, "separated", UNKNOWN)
    assert fact in asked(session)
    # The routes that read it all need separated, so its answer cannot change an outcome once that is no.
    routes = [r for s in pack.jurisdictions[jurisdiction].services for r in s.routes]
    reading = [r for r in routes if any(fact in str(c.when) for c in r.criteria)]
    assert reading and all(any(c.id == "separated" for c in r.criteria) for r in reading)


def test_a_leave_date_given_is_always_shown(pack: Pack) -> None:
    case = Case(
        schema="screener-case/1",  # type: ignore[call-arg]
        jurisdiction="england-wales",
        screening_date=DAY,
        child=Child(age=15),
        nrm=Nrm(status="none"),
        dates={"leave_granted_on": dt.date(2024, 1, 10)},  # type: ignore[arg-type]
    )
    assert "leave_granted_on" in [q.id for q in Session.open(pack, case).questions()]


@pytest.mark.parametrize("age", [None, 15, 17, 19])
def test_the_turning_18_page_is_asked_unless_the_age_says_the_child_is_not_near_18(pack: Pack, age: int | None) -> None:
    session = new(pack)
    give(session, "age", age)
    assert ("theme:transitions" in asked(session)) == (age != 15)


# --- the part of the UK on the welcome page, and a step count that holds -------------------


def test_the_part_of_the_uk_chosen_on_the_welcome_page_begins_the_walk_after_it(pack: Pack) -> None:
    session = Session.open(pack, None, as_at=DAY)
    move = session.begin("scotland")
    assert isinstance(move, Show) and move.page.key == "reference"
    assert session.answers.jurisdiction == "scotland"
    # Back goes to the question it answered.
    back = session.back()
    assert isinstance(back, Show) and back.page.key == "jurisdiction"
    # Never over an opened case's own answer.
    case = load_case(EW_CASE, set(pack.questions), set(pack.indicators))
    opened = Session.open(pack, case)
    first = opened.begin("scotland")
    assert isinstance(first, Show) and first.page.key == "jurisdiction"
    assert opened.answers.jurisdiction == "england-wales"


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
@pytest.mark.parametrize("day", [DAY, dt.date(2026, 12, 1)])
def test_every_step_keeps_its_number_and_the_count_never_changes(pack: Pack, jurisdiction: str, day: dt.date) -> None:
    """Walk page by page, answering so that questions come and go (a 19-year-old, then 15; a decision),
    and record each step's number: one number per step, and one count, for the whole walk."""
    session = Session.open(pack, None, as_at=day)
    numbers: dict[str, set[int]] = {}
    counts: set[int] = set()

    def note() -> None:
        for page in session.pages():
            numbers.setdefault(page.step, set()).add(page.step_number)
            counts.add(page.step_count)

    note()
    session.begin(jurisdiction)
    for answer_age in (19, 15):
        note()
        give(session, "age", answer_age)
        note()
        for status in ("cg-positive", "none", UNKNOWN):
            give(session, "nrm_status", status)
            note()
    assert counts == {len(session.flow.layout.steps)}
    assert all(len(n) == 1 for n in numbers.values()), numbers


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_a_question_keeps_its_place_in_its_step_and_the_steps_count_never_changes(
    pack: Pack, jurisdiction: str
) -> None:
    """Walked in every nation: "About the child · 3 of 7" became "4 of 6" once separated answered unaccompanied,
    and "NRM and legal · 1 of 4" became "2 of 3" once immigration leave could not matter. A question asked only
    because of an earlier answer (or only until one) is "extra", as plain mode numbers it, and the rest keep
    their numbers and count whatever is answered."""
    session = Session.open(pack, None, as_at=dt.date(2026, 12, 7))
    session.begin(jurisdiction)
    shown: dict[str, set[str]] = {}

    def note() -> None:
        for page in session.pages():
            if page.question is not None and page.step != "jurisdiction":
                shown.setdefault(page.key, set()).add(page.progress())

    note()
    for key, value in [
        ("separated", "yes"),
        ("separated", "no"),
        ("unaccompanied", "no"),
        ("unaccompanied", "yes"),
        ("age", 19),
        ("age", 15),
        ("nrm_status", "cg-negative"),
        ("nrm_status", "none"),
        ("pr_in_uk", "no"),
        ("pr_in_uk", "yes"),
    ]:
        if any(q.id == key for q in session.questions()):
            give(session, key, value)
            note()
    assert all(len(progress) == 1 for progress in shown.values()), shown
    extras = {key: next(iter(p)) for key, p in shown.items() if next(iter(p)).endswith(" · extra")}
    assert "decision_on" in extras and "seeking_asylum" in extras
    assert ("unaccompanied" in extras) is (jurisdiction != "england-wales")
    # Within a step, the numbered questions run 1, 2, 3 … to the count.
    by_step: dict[str, list[str]] = {}
    for page in session.pages():
        if page.question is not None and not page.progress().endswith(" · extra") and page.count_in_step > 1:
            by_step.setdefault(page.step, []).append(page.progress().rsplit(" · ", 1)[1])
    for places in by_step.values():
        assert places == [f"{n} of {len(places)}" for n in range(1, len(places) + 1)], places


def test_what_the_pack_fills_in_agrees_with_every_training_scenarios_answer_key(pack: Pack) -> None:
    # The scenarios' authors marked these answers by hand from the vignettes: a fill their key lacks would
    # be counted against a trainee as an answer the case does not give.
    from screener.content import default_pack_path
    from screener.training.load import load_scenarios
    from screener.walkthrough.answers import Answers
    from screener.walkthrough.filled import refill

    for scenario in load_scenarios(pack, default_pack_path()):
        key = Answers.from_case(pack, scenario.case)
        facts = {f: v for f, v in key.facts.items() if f != "trafficking_concern"}
        filled = refill(pack, dataclasses.replace(key, indicators=(), facts=facts)).filled
        for target in filled:
            kind, ident = target.split(":", 1)
            given = ident in key.indicators if kind == "indicator" else key.facts.get(ident) == "yes"
            assert given, (scenario.id, target)


def test_a_page_marked_from_several_answers_names_them_once_in_one_phrase(pack: Pack) -> None:
    # Walked in Scotland: "(marked from your “Separated …” answer and from your “Seeking asylum” answer
    # and from your “Age disputed” answer)" ran to four lines at 100 columns.
    session = new(pack, "scotland")
    give(session, "age_disputed", "yes")
    give(session, "separated", "yes")
    give(session, "seeking_asylum", "yes")
    page = theme_page(session, "migration-age-status")
    shown = session.flow.display(page, session.answers)  # type: ignore[arg-type]
    separated = pack.questions["separated"].label
    assert shown.endswith(
        f"(marked from your “{separated[:1].upper() + separated[1:]}”, “Seeking asylum” and “Age disputed” answers)"
    )
    give(session, "separated", "no")
    give(session, "seeking_asylum", "no")
    assert session.flow.display(page, session.answers).endswith("(marked from your “Age disputed” answer)")  # type: ignore[arg-type]
