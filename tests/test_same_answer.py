"""An answer asked twice is asked once: the pack's ``same_as`` (issue 25, walked in Scotland and Northern Ireland).

Where the part of the UK asks whether the child is separated, the unaccompanied question that follows
asks the same test. Once separated is answered yes or no, unaccompanied takes that answer, is not
asked in the walk, and the review shows it as coming from the separated answer and lets the user change
it; with separated not known it is asked as before. Tested through the session, as every face drives it,
then in plain mode and (in tests/test_tui.py) with keys.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest

from screener.casefile.read import load_case
from screener.content import Pack, default_pack_path
from screener.content.derived import wholes
from screener.engine.context import Context
from screener.plain import run_plain
from screener.walkthrough import UNKNOWN, Answers
from screener.walkthrough.session import Session, Show
from tests.test_filled import DAY, give, new

HERE = Path(__file__).resolve().parent
WHOLE = "unaccompanied_asylum_seeking"
ANSWERS_TOO = (
    "Your answer here is the “Unaccompanied” answer too: it asks the same test, so it is not asked again "
    "(the review shows it, and you can change it there)."
)
FROM_SEPARATED = "from your “Separated from both parents, with no adult responsible in law or custom” answer"


def walked(session: Session) -> list[str]:
    """The question pages the walk goes through, first to last, as n goes on."""
    return [p.key for p in session.pages() if p.question is not None]


def review_line(session: Session, key: str) -> str:
    question = next(q for q in session.questions() if q.id == key)
    return f"{question.title}: {session.flow.display(question, session.answers)}"


# (jurisdiction, separated) -> (unaccompanied, asked in the walk, shown as from the separated answer)
TABLE = {
    ("scotland", "yes"): ("yes", False, True),
    ("scotland", "no"): ("no", False, True),
    ("scotland", UNKNOWN): (UNKNOWN, True, False),
    ("northern-ireland", "yes"): ("yes", False, True),
    ("northern-ireland", "no"): ("no", False, True),
    ("northern-ireland", UNKNOWN): (UNKNOWN, True, False),
}


@pytest.mark.parametrize(("jurisdiction", "separated"), sorted(TABLE))
def test_the_separated_answer_is_the_unaccompanied_answer_where_both_are_asked(
    pack: Pack, jurisdiction: str, separated: str
) -> None:
    value, asked, from_separated = TABLE[(jurisdiction, separated)]
    session = new(pack, jurisdiction)
    assert "unaccompanied" in walked(session)  # asked until separated is answered
    give(session, "separated", separated)
    assert session.answers.facts.get("unaccompanied", UNKNOWN) == value
    assert ("unaccompanied" in walked(session)) is asked
    assert (session.filled_from("fact:unaccompanied") == FROM_SEPARATED) is from_separated
    # Still a question of the case: the review lists it and the case file holds the answer.
    assert "unaccompanied" in [q.id for q in session.questions()]
    assert session.case().facts.get("unaccompanied", UNKNOWN) == value
    # The contract's fact, worked out from the parts as for any case file.
    if value == "no":
        assert "seeking_asylum" not in walked(session)
        assert wholes(session.case().facts)[WHOLE] == "no"


def test_where_separated_is_not_asked_unaccompanied_is_asked_and_a_separated_answer_left_behind_is_not_read(
    pack: Pack,
) -> None:
    session = new(pack, "scotland")
    give(session, "separated", "no")
    assert session.answers.facts["unaccompanied"] == "no"
    # England and Wales does not ask separated: the answer it gave is taken back, and unaccompanied asked.
    give(session, "jurisdiction", "england-wales")
    assert session.answers.facts.get("unaccompanied", UNKNOWN) == UNKNOWN
    assert session.filled_from("fact:unaccompanied") is None
    assert "unaccompanied" in walked(session)


def test_changing_the_separated_answer_carries_to_unaccompanied_and_its_indicator(pack: Pack) -> None:
    session = new(pack, "northern-ireland")
    give(session, "separated", "yes")
    assert "unaccompanied-or-separated" in session.answers.indicators
    give(session, "separated", "no")
    assert session.answers.facts["unaccompanied"] == "no"
    # Neither answer says it now: the mark goes, though unaccompanied was yes when separated changed.
    assert "unaccompanied-or-separated" not in session.answers.indicators
    give(session, "separated", UNKNOWN)
    assert session.answers.facts.get("unaccompanied", UNKNOWN) == UNKNOWN
    assert "unaccompanied" in walked(session)


@pytest.mark.parametrize("jurisdiction", ["scotland", "northern-ireland"])
def test_going_on_from_separated_passes_unaccompanied_over_and_back_passes_it_too(
    pack: Pack, jurisdiction: str
) -> None:
    session = new(pack, jurisdiction)
    session.go_to("separated")
    give(session, "separated", "yes")
    move = session.answered()
    assert isinstance(move, Show) and move.page.key == "seeking_asylum"
    back = session.back()
    assert isinstance(back, Show) and back.page.key == "separated"
    give(session, "separated", "no")  # seeking asylum is not asked of a child who is not unaccompanied
    move = session.answered()
    assert isinstance(move, Show) and move.page.key not in ("unaccompanied", "seeking_asylum")
    # Unaccompanied, asked only while separated is not known, is an extra question: the step's count is
    # of the others, and never changes as separated is answered.
    counts = {p.count_in_step for p in session.pages() if p.step == "about-child"}
    give(session, "separated", UNKNOWN)
    unaccompanied = session.page_for("unaccompanied")
    assert unaccompanied is not None and unaccompanied.progress().endswith(" · extra")
    assert {p.count_in_step for p in session.pages() if p.step == "about-child"} == counts


def test_the_review_shows_unaccompanied_from_the_separated_answer_and_changing_it_there_makes_it_the_users(
    pack: Pack,
) -> None:
    session = new(pack, "scotland")
    give(session, "separated", "yes")
    assert review_line(session, "unaccompanied") == f"Unaccompanied: Yes ({FROM_SEPARATED})"
    move = session.change_from_review("unaccompanied")
    assert isinstance(move, Show) and move.page.key == "unaccompanied"
    # Keeping it (Enter) keeps where it came from, and goes back to the review.
    give(session, "unaccompanied", "yes")
    assert session.filled_from("fact:unaccompanied") == FROM_SEPARATED
    move = session.answered()
    assert isinstance(move, Show) and move.page.key == "review"
    # Changed: the user's own answer, asked in the walk from now on, whatever separated says.
    session.change_from_review("unaccompanied")
    give(session, "unaccompanied", "no")
    move = session.answered()
    assert isinstance(move, Show) and move.page.key == "review"
    assert review_line(session, "unaccompanied") == "Unaccompanied: No"
    assert "unaccompanied" in walked(session)
    give(session, "separated", UNKNOWN)
    give(session, "separated", "yes")
    assert session.answers.facts["unaccompanied"] == "no"
    assert session.filled_from("fact:unaccompanied") is None


def test_plain_mode_passes_unaccompanied_over_and_its_review_says_where_it_came_from(pack: Pack) -> None:
    session = Session.open(pack, None, as_at=DAY)
    probe = new(pack, "scotland")
    ids = [q.id for q in probe.questions()]
    # Scotland; Enter keeps each answer as it starts, separated yes, then Enter to the review, where the
    # session stops reading (end of input).
    before = ids.index("separated") - 1  # the questions after the jurisdiction and before separated
    lines = ["2", *[""] * before, "1"]
    out = io.StringIO()
    run_plain(session, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
    text = out.getvalue().replace("\n", " ")
    separated, unaccompanied, asylum = (
        pack.questions[q].prompt for q in ("separated", "unaccompanied", "seeking_asylum")
    )
    assert separated in text and unaccompanied not in text
    # The question after separated is seeking asylum; unaccompanied took the separated answer.
    after = text.split(separated, 1)[1]
    assert after.index(asylum) < after.index("End of input.")
    assert "Question" not in after[: after.index(asylum)].replace("An extra question after question", "")
    assert session.answers.facts["unaccompanied"] == "yes"
    assert session.filled_from("fact:unaccompanied") == FROM_SEPARATED


def test_plain_mode_numbers_unaccompanied_as_an_extra_question_so_the_count_never_changes(pack: Pack) -> None:
    session = new(pack, "northern-ireland")
    numbers = session.flow.numbers(session.answers)
    assert numbers["unaccompanied"].startswith("An extra question after question")
    give(session, "separated", "yes")
    assert session.flow.numbers(session.answers)["seeking_asylum"] == numbers["seeking_asylum"]


def test_every_case_file_opens_as_it_was_saved_and_gives_the_contract_fact_it_gave(pack: Pack) -> None:
    """Case files are not walks: each is read as before (its summary is pinned by tests/test_golden.py), and
    opened in the walkthrough nothing is filled in (an unaccompanied answer that agrees with the separated one
    is only marked as coming from it), so the contract's fact the rules read is the file's."""
    from screener.training.load import load_scenarios

    cases = [load_case(p, set(pack.questions), set(pack.indicators)) for p in sorted((HERE / "cases").glob("*.yaml"))]
    cases += [s.case for s in load_scenarios(pack, default_pack_path())]
    assert len(cases) >= 15
    for case in cases:
        session = Session.open(pack, case)
        assert set(session.answers.filled) <= {"fact:unaccompanied"}, case.reference
        assert dataclasses.replace(session.answers, filled={}) == Answers.from_case(pack, case), case.reference
        opened = session.case()
        day = case.screening_date or DAY
        assert Context(pack, opened, day).world.fact(WHOLE) is Context(pack, case, day).world.fact(WHOLE)


def test_the_separated_question_says_it_answers_unaccompanied_too_until_that_answer_is_the_users(pack: Pack) -> None:
    session = new(pack, "northern-ireland")
    separated = next(q for q in session.questions() if q.id == "separated")
    assert session.answers_too(separated) == ANSWERS_TOO
    unaccompanied = next(q for q in session.questions() if q.id == "unaccompanied")
    assert session.answers_too(unaccompanied) is None
    give(session, "separated", "yes")
    give(session, "unaccompanied", "no")  # changed from the review: the user's own
    assert session.answers_too(separated) is None
    # England and Wales asks no separated question: nothing to say there.
    assert all(new(pack, "england-wales").answers_too(q) is None for q in new(pack, "england-wales").questions())


def test_plain_mode_says_under_the_separated_question_that_it_answers_unaccompanied_too(pack: Pack) -> None:
    session = Session.open(pack, None, as_at=DAY)
    out = io.StringIO()
    ids = [q.id for q in new(pack, "scotland").questions()]
    lines = ["2", *[""] * (ids.index("separated") - 1), "2"]
    run_plain(session, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
    text = out.getvalue()
    assert ANSWERS_TOO in text.split(pack.questions["separated"].prompt, 1)[1].split("Answer:", 1)[0]
    # No: the rules read asylum only for an unaccompanied child, so the walk goes past both.
    after = text.split("Recorded: No", 1)[1]
    assert pack.questions["seeking_asylum"].prompt not in after
    assert session.answers.facts["unaccompanied"] == "no"


def test_plain_mode_says_what_the_separated_answer_answered_too(pack: Pack) -> None:
    # A screen reader user hears the note under the question before answering, and after it what was recorded
    # for the question the walk now goes past.
    session = Session.open(pack, None, as_at=DAY)
    ids = [q.id for q in new(pack, "northern-ireland").questions()]
    lines = ["3", *[""] * (ids.index("separated") - 1), "2"]
    out = io.StringIO()
    run_plain(session, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
    after = out.getvalue().split("Recorded: No.", 1)[1]
    assert after.lstrip().startswith(f"Also recorded: Unaccompanied: No ({FROM_SEPARATED}); not asked.")
    assert session.also_recorded(session.answers) == []  # nothing new against the answers as they are


@pytest.mark.parametrize("jurisdiction", ["scotland", "northern-ireland"])
def test_a_case_file_the_walk_wrote_opens_with_unaccompanied_passed_over_again(pack: Pack, jurisdiction: str) -> None:
    # The helper's walks: a saved Scottish case, opened again, asked unaccompanied once more, since a file
    # does not say which answers were filled. Where the two answers agree, it is taken from separated again;
    # where they differ (a file written by hand), unaccompanied is the user's own and is asked.
    session = new(pack, jurisdiction)
    give(session, "separated", "yes")
    saved = session.case()
    assert saved.facts["unaccompanied"] == "yes"
    reopened = Session.open(pack, saved)
    assert "unaccompanied" not in walked(reopened)
    assert review_line(reopened, "unaccompanied") == f"Unaccompanied: Yes ({FROM_SEPARATED})"
    give(reopened, "separated", "no")  # changing separated carries to it, as in the walk that wrote the file
    assert reopened.answers.facts["unaccompanied"] == "no"

    by_hand = saved.model_copy(update={"facts": {**saved.facts, "unaccompanied": "no"}})
    differs = Session.open(pack, by_hand)
    assert "unaccompanied" in walked(differs) and not differs.answers.filled
    give(differs, "separated", "no")
    give(differs, "separated", "yes")
    assert differs.answers.facts["unaccompanied"] == "no"  # the user's own answer is never overwritten
