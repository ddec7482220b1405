"""Whole walkthroughs through the UI-free core, in every jurisdiction.

The Textual walkthrough and the plain mode are faces of ``screener.walkthrough``: the pages, the
typed-answer parsing and the case they hand to the engine are the core's. So the whole walks,
one per jurisdiction, run here without Textual (fast), answering as the Pilot walk in
tests/test_tui.py does with keys; that test keeps one jurisdiction's walk end to end through
the real app, to prove the app is this core's face.
"""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest

from screener.casefile.read import load_case
from screener.casefile.write import save_case, stamped
from screener.cli import main
from screener.content import Pack
from screener.content.models.base import JURISDICTIONS
from screener.engine import screen
from screener.render import render
from screener.walkthrough import UNKNOWN, Answers, Flow
from screener.walkthrough.filled import record

DAY = dt.date(2024, 11, 20)


def walk(flow: Flow, jurisdiction: str) -> tuple[Answers, list[str]]:
    """Every question answered as the Pilot walk answers it: the answers and the question ids in order."""
    answers = record(flow.pack, flow.new_answers(DAY), flow.jurisdiction_question(), jurisdiction)
    asked = ["jurisdiction"]
    turn = 0
    n = 1
    # Questions can appear as answers are given (a decision date, after-18 questions), and go (one another
    # answer answers, as separated answers unaccompanied): ask the walk's list each time.
    while n < len(questions := flow.walked(answers)):
        question = questions[n]
        asked.append(question.id)
        typed = {"reference": f"TUI-{jurisdiction}", "age": "2007-06-02", "decision_on": "2024-11-04"}
        if question.id in typed:
            value = flow.parse(question, typed[question.id], answers)
        elif question.kind == "indicators":
            # The first and the third on the page toggled, as space, down, down, space does (a line marked
            # from an earlier answer, such as Approaching 18 from the age, is unmarked by it).
            value = answers.get(question) ^ {question.options[0].value, *(o.value for o in question.options[2:3])}
        elif question.id == "nrm_status":
            value = question.options[3].value  # the fourth option, as the key 4
        elif question.id == "leave_granted_on":
            value = answers.get(question)  # Enter on the box as it starts
        elif question.id == "nation":
            value = "wales"  # the second option, as the key 2
        else:
            assert question.kind == "choice", question.id
            # Yes, then No, then Not known (left as it starts), in turn.
            value = ("yes", "no", UNKNOWN)[turn % 3]
            turn += 1
            if value == UNKNOWN:
                assert answers.get(question) == UNKNOWN, question.id
                n += 1
                continue
        # As the session records it: with what the answer fills in.
        answers = record(flow.pack, answers, question, value)
        n += 1
    return answers, asked


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_a_whole_walk_saves_a_case_that_summarises_to_what_the_answers_give(
    pack: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str], jurisdiction: str
) -> None:
    flow = Flow(pack)
    answers, asked = walk(flow, jurisdiction)
    # Every page of the walk, in the pages' order, between the welcome and the review.
    pages = [p.key for p in flow.pages(answers)]
    assert pages[0] == "welcome" and pages[-3:] == ["review", "summary", "export"]
    assert pages[1:-3] == asked
    shown = render(screen(pack, flow.to_case(answers)), "md")
    saved = save_case(tmp_path / "screening-2024-11-20.yaml", stamped(flow.to_case(answers), pack))
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    capsys.readouterr()
    assert main(["summarise", str(saved)]) == 0
    assert capsys.readouterr().out == shown
    case = load_case(saved, set(pack.questions), set(pack.indicators))
    assert (case.jurisdiction, case.reference, case.screening_date) == (jurisdiction, f"TUI-{jurisdiction}", DAY)
    assert case.child.date_of_birth == dt.date(2007, 6, 2)
    assert (case.nrm.status, case.nrm.decision_on) == ("rg-negative", dt.date(2024, 11, 4))
    assert case.dates.leave_granted_on == UNKNOWN
    # Every theme's page was asked (the child is 17: turning 18 is asked too) and reached the case.
    assert {pack.indicator_theme[i] for i in case.indicators} == {t.id for t in pack.themes}
    assert {"yes", "no", "unknown"} <= set(case.facts.values())
    # Only the jurisdiction's own facts reach the case: those asked, and those an asked one answers.
    answered_too = {f for f, s in answers.filled.items() if s in asked}
    reached = set(asked) | {target.split(":", 1)[1] for target in answered_too}
    assert set(case.facts) == {q.id for q in pack.questions.values() if jurisdiction in q.jurisdictions} & reached
