""" "Unaccompanied and seeking asylum" is two facts, asked apart (issue 25, item 1).

The case-file contract keeps ``unaccompanied_asylum_seeking``: a case may give it whole (as every
file before the split did) or as its parts, ``unaccompanied`` and ``seeking_asylum``, from which
it is worked out when not given (yes only when both are yes, no when either is no, not known
otherwise). A file giving the whole and a part that contradicts it is refused at its line. The
walkthrough asks the parts, the second only while the first is not no.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any

import pytest

from screener.casefile.model import Case
from screener.casefile.read import load_case
from screener.cli import main
from screener.content import Pack
from screener.engine import screen
from screener.engine.context import Context, outcome_of
from screener.engine.logic import Tri
from screener.walkthrough.session import Session

DAY = dt.date(2024, 11, 20)
WHOLE = "unaccompanied_asylum_seeking"
ANSWERS = ("yes", "no", "unknown")


def case(jurisdiction: str = "england-wales", **facts: str) -> Case:
    return Case.model_validate(
        {
            "schema": "screener-case/1",
            "jurisdiction": jurisdiction,
            "screening_date": DAY,
            "child": {"age": 15, "age_disputed": "no"},
            "facts": {"criminal_proceedings": "no", **facts},
            "nrm": {"status": "none"},
        }
    )


def whole_of(pack: Pack, given: Case) -> Tri:
    return Context(pack, given, DAY).world.fact(WHOLE)


# --- the whole, worked out from its parts ---------------------------------------------

# (unaccompanied, seeking asylum) -> the whole: Kleene AND.
TABLE = {
    ("yes", "yes"): "yes",
    ("yes", "no"): "no",
    ("yes", "unknown"): "unknown",
    ("no", "yes"): "no",
    ("no", "no"): "no",
    ("no", "unknown"): "no",
    ("unknown", "yes"): "unknown",
    ("unknown", "no"): "no",
    ("unknown", "unknown"): "unknown",
}


@pytest.mark.parametrize(("parts", "whole"), TABLE.items(), ids=[f"{a}-{b}" for a, b in TABLE])
def test_the_whole_is_worked_out_from_its_parts(pack: Pack, parts: tuple[str, str], whole: str) -> None:
    unaccompanied, seeking = parts
    assert whole_of(pack, case(unaccompanied=unaccompanied, seeking_asylum=seeking)) is Tri.of(whole)


@pytest.mark.parametrize("given", ANSWERS)
def test_a_case_giving_the_whole_alone_reads_it_as_given(pack: Pack, given: str) -> None:
    assert whole_of(pack, case(**{WHOLE: given})) is Tri.of(given)


# Every pair of parts with every whole: consistent unless the whole is yes with a part no, or no with both yes.
def _consistent(whole: str, unaccompanied: str, seeking: str) -> bool:
    worked_out = TABLE[(unaccompanied, seeking)]
    return whole == "unknown" or worked_out in ("unknown", whole)


BOTH = [(w, u, s) for w, (u, s) in itertools.product(ANSWERS, TABLE) if _consistent(w, u, s)]
CLASHES = [(w, u, s) for w, (u, s) in itertools.product(ANSWERS, TABLE) if not _consistent(w, u, s)]


def test_the_table_of_clashes_is_the_one_expected() -> None:
    assert sorted(CLASHES) == sorted(
        [
            ("yes", "yes", "no"),
            ("yes", "no", "yes"),
            ("yes", "no", "no"),
            ("yes", "no", "unknown"),
            ("yes", "unknown", "no"),
            ("no", "yes", "yes"),
        ]
    )


@pytest.mark.parametrize(("whole", "unaccompanied", "seeking"), BOTH)
def test_a_case_giving_the_whole_and_parts_that_agree_reads_the_whole_where_given(
    pack: Pack, whole: str, unaccompanied: str, seeking: str
) -> None:
    given = case(**{WHOLE: whole, "unaccompanied": unaccompanied, "seeking_asylum": seeking})
    expected = TABLE[(unaccompanied, seeking)] if whole == "unknown" else whole
    assert whole_of(pack, given) is Tri.of(expected)


def write(path: Path, facts: dict[str, str]) -> Path:
    lines = [
        "schema: screener-case/1",
        "jurisdiction: england-wales",
        "screening_date: 2024-11-20",
        "child:",
        "  age: 15",
        "facts:",
        *(f"  {name}: {value}" for name, value in facts.items()),
        "nrm:",
        "  status: none",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("whole", "unaccompanied", "seeking"), CLASHES)
def test_a_case_file_whose_parts_contradict_the_whole_exits_2_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], whole: str, unaccompanied: str, seeking: str
) -> None:
    path = write(tmp_path / "case.yaml", {"unaccompanied": unaccompanied, "seeking_asylum": seeking, WHOLE: whole})
    code = main(["summarise", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "Traceback" not in err
    # The whole is the file's 9th line: the problem is put there, naming the part it clashes with.
    match = re.fullmatch(rf"{re.escape(str(path))}:9: {WHOLE}: {whole} contradicts (\w+): (\w+) .*\n", err)
    assert match, err
    assert (match[1], match[2]) in {("unaccompanied", unaccompanied), ("seeking_asylum", seeking)}


def outcomes(pack: Pack, given: Case) -> tuple[Any, ...]:
    summary = screen(pack, given)
    return (
        [(s.service, s.status) for s in summary.guardianship],
        [s.id for s in summary.signposts],
        summary.notices,
    )


@pytest.mark.parametrize("jurisdiction", ["england-wales", "scotland", "northern-ireland"])
@pytest.mark.parametrize(("parts", "whole"), TABLE.items(), ids=[f"{a}-{b}" for a, b in TABLE])
def test_the_parts_give_the_outcomes_the_whole_they_make_gives(
    pack: Pack, jurisdiction: str, parts: tuple[str, str], whole: str
) -> None:
    unaccompanied, seeking = parts
    as_parts = case(jurisdiction, unaccompanied=unaccompanied, seeking_asylum=seeking)
    assert outcomes(pack, as_parts) == outcomes(pack, case(jurisdiction, **{WHOLE: whole}))


# --- what would settle it ---------------------------------------------------------------


def legal_advice_settled_by(pack: Pack, given: Case) -> list[str]:
    """The answers that would settle whether the legal-advice signpost applies (it reads the whole)."""
    ctx = Context(pack, given, DAY)
    trigger = pack.signposts["legal-advice"].trigger(given.jurisdiction)
    return ctx.deciders([trigger], outcome_of(trigger))


@pytest.mark.parametrize(
    ("facts", "settled_by"),
    [
        ({}, ["unaccompanied", "seeking_asylum"]),  # nothing given: both parts
        ({WHOLE: "unknown"}, ["unaccompanied", "seeking_asylum"]),  # an older file's not known: the parts
        ({"unaccompanied": "yes"}, ["seeking_asylum"]),
        ({"seeking_asylum": "yes"}, ["unaccompanied"]),
        ({"unaccompanied": "no"}, []),  # settled: no
        ({WHOLE: "no"}, []),
    ],
)
def test_an_open_whole_is_settled_by_the_parts_not_yet_answered(
    pack: Pack, facts: dict[str, str], settled_by: list[str]
) -> None:
    given = case(**facts)
    assert legal_advice_settled_by(pack, given) == settled_by
    follow_up = "\n".join(screen(pack, given).follow_up)
    for part in ("unaccompanied", "seeking_asylum"):
        assert (pack.questions[part].prompt in follow_up) == (part in settled_by)
    assert pack.questions[WHOLE].prompt not in follow_up


def test_the_answers_list_the_parts_a_case_gives_or_the_whole_as_older_files_give_it(pack: Pack) -> None:
    def listed(given: Case) -> list[str]:
        return [a.id for a in screen(pack, given).answers if a.id in (WHOLE, "unaccompanied", "seeking_asylum")]

    assert listed(case(**{WHOLE: "yes"})) == [WHOLE]
    assert listed(case()) == [WHOLE]  # as before the split: a file that gives neither
    assert listed(case(unaccompanied="yes", seeking_asylum="unknown")) == ["unaccompanied", "seeking_asylum"]
    # Given both, both are listed; seeking asylum, never asked once unaccompanied is no, is not.
    assert listed(case(**{WHOLE: "no", "unaccompanied": "no"})) == [WHOLE, "unaccompanied"]


# --- the walkthrough ---------------------------------------------------------------------------


def new(pack: Pack, jurisdiction: str = "england-wales") -> Session:
    session = Session.open(pack, None, as_at=DAY)
    session.begin(jurisdiction)
    return session


def fact_ids(session: Session) -> list[str]:
    return [q.id for q in session.questions() if q.id in ("unaccompanied", "seeking_asylum", WHOLE)]


def give(session: Session, key: str, value: object) -> None:
    session.record(next(q for q in session.questions() if q.id == key), value)


@pytest.mark.parametrize("jurisdiction", ["england-wales", "scotland", "northern-ireland"])
def test_the_walk_asks_the_two_questions_and_not_the_one(pack: Pack, jurisdiction: str) -> None:
    session = new(pack, jurisdiction)
    assert fact_ids(session) == ["unaccompanied", "seeking_asylum"]
    # Seeking asylum is asked only while the child may be unaccompanied: the rules read it only so.
    assert session.flow.numbers(session.answers)["seeking_asylum"].startswith("An extra question")
    give(session, "unaccompanied", "no")
    assert fact_ids(session) == ["unaccompanied"]
    assert session.case().facts.get("seeking_asylum") is None
    assert Context(pack, session.case(), DAY).world.fact(WHOLE) is Tri.NO
    give(session, "unaccompanied", "yes")
    give(session, "seeking_asylum", "yes")
    saved = session.case()
    assert (saved.facts["unaccompanied"], saved.facts["seeking_asylum"], WHOLE in saved.facts) == ("yes", "yes", False)
    assert outcomes(pack, saved) == outcomes(pack, saved.model_copy(update={"facts": {**saved.facts, WHOLE: "yes"}}))


def test_going_on_from_unaccompanied_reaches_seeking_asylum_and_not_past_it(pack: Pack) -> None:
    session = new(pack)
    session.go_to("unaccompanied")
    give(session, "unaccompanied", "unknown")
    move = session.answered()
    assert session.key == "seeking_asylum", move
    session.go_to("unaccompanied")
    give(session, "unaccompanied", "no")
    session.answered()
    assert session.key not in ("seeking_asylum", "unaccompanied")


HERE = Path(__file__).resolve().parent


def test_an_older_file_giving_the_whole_is_shown_as_its_one_question_until_set_to_not_known(pack: Pack) -> None:
    path = HERE / "cases" / "england-wales-county-lines.yaml"
    old = load_case(path, set(pack.questions), set(pack.indicators))
    assert old.facts[WHOLE] == "no" and "unaccompanied" not in old.facts
    session = Session.open(pack, old)
    assert fact_ids(session) == [WHOLE]
    assert session.case().facts[WHOLE] == "no"  # saved again as it was: nothing lost
    session.go_to(WHOLE)
    give(session, WHOLE, "unknown")
    assert fact_ids(session) == [WHOLE, "unaccompanied", "seeking_asylum"]
    session.answered()
    assert session.key == "unaccompanied"


def test_an_older_file_giving_the_whole_and_a_part_is_opened_as_the_parts(pack: Pack) -> None:
    session = Session.open(pack, case(**{WHOLE: "no", "unaccompanied": "yes"}))
    # No with one part yes says the other is no: nothing is lost in asking the parts.
    assert fact_ids(session) == ["unaccompanied", "seeking_asylum"]
    assert (session.answers.facts["unaccompanied"], session.answers.facts["seeking_asylum"]) == ("yes", "no")
    assert WHOLE not in session.case().facts
    session = Session.open(pack, case(**{WHOLE: "yes", "seeking_asylum": "yes"}))
    assert (session.answers.facts["unaccompanied"], session.answers.facts["seeking_asylum"]) == ("yes", "yes")
    # A part given as not known says nothing: the whole is kept, as its one question.
    session = Session.open(pack, case(**{WHOLE: "yes", "seeking_asylum": "unknown"}))
    assert fact_ids(session) == [WHOLE]


def test_plain_mode_asks_the_two_questions_in_turn(pack: Pack) -> None:
    import io

    from screener.plain import run_plain

    out = io.StringIO()
    lines = ["1", "n", "", "15", "n", "n", "1", "2"]  # England and Wales ... unaccompanied: yes; seeking asylum: no
    run_plain(Session.open(pack, None, as_at=DAY), stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
    text = out.getvalue()
    unaccompanied = text.index(pack.questions["unaccompanied"].prompt)
    seeking = text.index(pack.questions["seeking_asylum"].prompt)
    assert unaccompanied < seeking
    assert f"An extra question after question 7: {pack.questions['seeking_asylum'].prompt}" in text
    assert pack.questions[WHOLE].prompt not in text


def test_the_case_schema_names_every_fact_and_says_how_the_whole_and_its_parts_agree(
    capsys: pytest.CaptureFixture[str], pack: Pack
) -> None:
    import json

    assert main(["schema", "case"]) == 0
    facts = json.loads(capsys.readouterr().out)["properties"]["facts"]
    assert set(facts["properties"]) == set(pack.questions) and facts["additionalProperties"] is False
    assert "unaccompanied and seeking_asylum" in facts["properties"][WHOLE]["description"]
    assert facts["properties"]["seeking_asylum"]["enum"] == ["yes", "no", "unknown"]
