"""Plain mode (``screener --plain``): the walkthrough as numbered questions on stdin/stdout.

Each test drives it with a script of typed lines, as a screen-reader user (or a
here-string) would, and checks what it printed and what it wrote.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from screener.casefile.read import load_case
from screener.cli import main
from screener.content import Pack
from screener.content.models.base import JURISDICTIONS
from screener.plain import run_plain
from screener.walkthrough import Answers, Flow
from screener.walkthrough.filled import record
from screener.walkthrough.session import Session

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DAY = dt.date(2024, 11, 20)
EW_CASE = HERE / "cases" / "england-wales-county-lines.yaml"


def drive(pack: Pack, lines: list[str], **kwargs: Any) -> tuple[int, str]:
    out = io.StringIO()
    code = run_plain(
        Session.open(pack, kwargs.pop("case", None), as_at=DAY, **kwargs),
        stdin=io.StringIO("".join(f"{x}\n" for x in lines)),
        stdout=out,
    )
    return code, out.getvalue()


def summarise(capsys: pytest.CaptureFixture[str], path: Path, fmt: str = "md") -> str:
    capsys.readouterr()
    assert main(["summarise", str(path), "--format", fmt]) == 0
    return capsys.readouterr().out


def listened(pack: Pack, path: Path) -> str:
    """The summary as plain mode prints it: plain text, every table as label: value lines."""
    from screener.engine import screen
    from screener.render.text import render_for_listening

    return render_for_listening(screen(pack, load_case(path, set(pack.questions), set(pack.indicators))))


def walk_script(pack: Pack, jurisdiction: str) -> list[str]:
    """Typed answers for a whole case: something other than "not known" wherever it matters."""
    flow = Flow(pack)
    answers = flow.new_answers(DAY)
    script: list[str] = []
    n = 0
    while n < len(questions := flow.walked(answers)):
        q = questions[n]
        value: object
        if q.id == "jurisdiction":
            text, value = str(JURISDICTIONS.index(jurisdiction) + 1), jurisdiction  # type: ignore[arg-type]
        elif q.id == "nation":
            text, value = "2", "wales"
        elif q.id == "reference":
            text, value = f"PLAIN-{jurisdiction}", f"PLAIN-{jurisdiction}"
        elif q.id == "age":
            text, value = "2007-06-02", dt.date(2007, 6, 2)
        elif q.id == "nrm_status":
            text, value = "4", "rg-negative"
        elif q.id == "decision_on":
            text, value = "2024-11-04", dt.date(2024, 11, 4)
        elif q.id == "leave_granted_on":
            text, value = "n", "unknown"
        elif q.kind == "indicators":
            text, value = "1 3", {q.options[0].value, q.options[2].value}
        else:  # yes / no / not known in turn
            pick = n % 3
            text, value = ("1", "2", "n")[pick], ("yes", "no", "unknown")[pick]
        script.append(text)
        # As the walk records it: with what the answer fills in (the separated answer, unaccompanied).
        answers = record(pack, answers, q, value)
        n += 1
    return script


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_a_whole_case_through_stdin_exports_the_same_bytes_as_summarise(
    pack: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str], jurisdiction: str
) -> None:
    case_file = tmp_path / "case.yaml"
    summary_file = tmp_path / "summary.md"
    script = [*walk_script(pack, jurisdiction), "", "2", str(case_file), "1", "", str(summary_file), "4"]
    code, out = drive(pack, script)
    assert code == 0
    assert f"Wrote the case file to {case_file}" in out
    assert stat.S_IMODE(case_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(summary_file.stat().st_mode) == 0o600
    exported = summary_file.read_text(encoding="utf-8")
    assert exported == summarise(capsys, case_file)
    # The printed summary is plain text for listening: no Markdown, no table rules.
    printed = out.split("--- Summary ---\n", 1)[1].split("--- End of summary ---", 1)[0]
    assert printed == listened(pack, case_file)
    lines = printed.splitlines()
    assert not [line for line in lines if line.startswith(("|", "#")) or set(line) in ({"-"}, {"="}, {"~"})]
    case = load_case(case_file, set(pack.questions), set(pack.indicators))
    assert (case.jurisdiction, case.reference, case.nrm.status) == (
        jurisdiction,
        f"PLAIN-{jurisdiction}",
        "rg-negative",
    )
    assert case.child.date_of_birth == dt.date(2007, 6, 2)
    assert case.nrm.decision_on == dt.date(2024, 11, 4)
    assert len(case.indicators) == 2 * len(pack.themes)
    assert "yes" in case.facts.values() and "no" in case.facts.values()


def test_questions_are_numbered_and_keys_work(pack: Pack) -> None:
    script = ["2", "b", "", "?", "R-1", "x", "15", "n", "q", "no"]
    code, out = drive(pack, script)
    assert code == 0
    flow = Flow(pack)
    scotland = flow.new_answers(DAY).with_answer(flow.jurisdiction_question(), "scotland")
    total = sum(not flow.is_extra(q, scotland) for q in flow.questions(scotland))
    assert "Question 1: Which part of the UK is the child in?\n1. England and Wales\n2. Scotland\n" in out
    assert f"Question 2 of {total}: What is the case reference?" in out
    # b went back to question 1, and Enter kept Scotland.
    assert f"Question 1 of {total}: Which part of the UK is the child in?" in out
    assert "Kept: Scotland." in out
    # ? explained why, with a source.
    assert "Why am I asked this?\nA reference lets you match" in out
    assert "Not recorded: 'x' is not a date of birth" in out
    assert "Recorded: aged 15." in out
    # n on a yes/no question is not known.
    assert "Recorded: Not known." in out
    assert "Quit? Your answers are not saved in a case file (yes/no, Enter for no): no" in out
    # End of input after that: the summary is printed and nothing is written.
    assert "--- Summary ---" in out and "Nothing was written." in out


def test_a_choice_outside_the_options_is_asked_again(pack: Pack) -> None:
    code, out = drive(pack, ["9", "n", "scotland"])
    assert code == 0
    assert "Not recorded: type a number from 1 to 3" in out
    assert "Not recorded: this one is needed" in out
    assert "Recorded: Scotland." in out


def test_end_of_input_prints_the_summary_and_writes_nothing(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = drive(pack, ["3", "", "14"])
    assert code == 0
    assert "End of input." in out
    assert "--- Summary ---\nSignposting summary" in out and "Northern Ireland" in out
    assert list(tmp_path.iterdir()) == []


def test_end_of_input_before_a_jurisdiction(pack: Pack) -> None:
    code, out = drive(pack, [])
    assert code == 0
    assert "No part of the UK was chosen, so there is no summary." in out


def test_quitting_with_unsaved_answers_asks_first(pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = drive(pack, ["1", "q", "yes"])
    assert code == 0
    assert "Quit? Your answers are not saved" in out
    assert out.rstrip().endswith("Stopped. Nothing was written.")
    assert "--- Summary ---" not in out
    # With nothing answered there is nothing to lose: q quits at once.
    code, out = drive(pack, ["q"])
    assert "Quit?" not in out and "Stopped." in out


def test_an_opened_case_is_filled_in_and_unchanged_gives_the_files_summary(
    pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    case = load_case(EW_CASE, set(pack.questions), set(pack.indicators))
    questions = Flow(pack).questions(Answers.from_case(pack, case))
    code, out = drive(pack, [""] * (len(questions) + 1) + ["4"], case=case, case_path=EW_CASE)
    assert code == 0
    assert f"Opened {EW_CASE}" in out
    assert "Now: SAMPLE-EW-01." in out
    assert "Now: born 14 March 2009 (aged 15 on 20 November 2024)." in out
    assert "Criminal exploitation: 3 noted: Moving or selling drugs for others;" in out
    printed = out.split("--- Summary ---\n", 1)[1].split("--- End of summary ---", 1)[0]
    assert printed == listened(pack, EW_CASE)
    # Nothing changed, so finishing does not ask about unsaved answers.
    assert "Finish?" not in out


def test_review_jumps_to_a_question_and_back(pack: Pack) -> None:
    case = load_case(EW_CASE, set(pack.questions), set(pack.indicators))
    questions = Flow(pack).questions(Answers.from_case(pack, case))
    script = [""] * len(questions) + ["3", "NEW-REF", "", "4", "yes"]
    code, out = drive(pack, script, case=case, case_path=EW_CASE)
    assert code == 0
    review = out.rsplit("Review: every answer, as at 20 November 2024\n", 1)[1]
    first = "1. Jurisdiction: England and Wales\n2. England or Wales: Not known\n3. Case reference: NEW-REF\n"
    assert review.startswith(first)
    assert "--- Summary ---\nSignposting summary — case NEW-REF" in out
    assert "Finish? Your answers are not saved in a case file" in out


def test_saving_never_replaces_a_file_without_yes(pack: Pack, tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("keep me", encoding="utf-8")
    flow = Flow(pack)
    answers = flow.new_answers(DAY).with_answer(flow.jurisdiction_question(), "england-wales")
    count = len(flow.questions(answers))
    script = ["1"] + [""] * (count - 1) + ["", "1", "", str(target), "no", "1", "3", str(target), "yes", "4", "yes"]
    code, out = drive(pack, script)
    assert code == 0
    assert f"{target} already exists. Replace it (yes/no, Enter for no): no\nNot written." in out
    assert f"Wrote the summary to {target}" in out
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_failed_write_says_why_and_keeps_going(pack: Pack, tmp_path: Path) -> None:
    flow = Flow(pack)
    answers = flow.new_answers(DAY).with_answer(flow.jurisdiction_question(), "scotland")
    count = len(flow.questions(answers))
    missing = tmp_path / "no-such-folder" / "s.md"
    script = ["2"] + [""] * (count - 1) + ["", "1", "", str(missing), "4", "yes"]
    code, out = drive(pack, script)
    assert code == 0
    assert "Could not write the summary:" in out and "does not exist" in out
    assert not missing.parent.exists()


def test_piped_stdin_runs_plain_mode_without_textual(tmp_path: Path) -> None:
    """``screener`` with stdin not a terminal is the plain mode, and never imports Textual."""
    code = (
        "import sys\n"
        "from screener.cli import main\n"
        "rc = main(['--as-at', '2024-11-20'])\n"
        "sys.stderr.write('TEXTUAL=' + str(any(m == 'textual' or m.startswith('textual.') for m in sys.modules)))\n"
        "sys.exit(rc)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        input="2\n\n16\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "TEXTUAL=False" in result.stderr
    assert "Question 1: Which part of the UK" in result.stdout
    assert "Recorded: aged 16." in result.stdout
    assert "--- Summary ---\nSignposting summary" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour, no cursor movement
    assert list(tmp_path.iterdir()) == []


def test_the_question_total_holds_once_the_jurisdiction_is_known(pack: Pack) -> None:
    flow = Flow(pack)
    answers = flow.new_answers(DAY).with_answer(flow.jurisdiction_question(), "scotland")
    first = flow.numbers(answers)
    totals = {label.rsplit(" of ", 1)[1] for label in first.values() if " of " in label}
    assert len(totals) == 1
    questions = {q.id: q for q in flow.questions(answers)}
    # An age that drops the after-18 question, and a decision that adds a date, keep the total.
    for qid, value in (("age", 15), ("nrm_status", "rg-negative"), ("age", 19)):
        answers = answers.with_answer(questions[qid], value)
        questions = {q.id: q for q in flow.questions(answers)}
        labels = flow.numbers(answers)
        assert {label.rsplit(" of ", 1)[1] for label in labels.values() if " of " in label} == totals
    assert labels["decision_on"].startswith("An extra question after question ")


def test_the_jurisdiction_error_offers_only_what_it_accepts(pack: Pack) -> None:
    code, out = drive(pack, ["x", "n", "1", "q"])
    assert code == 0
    assert "Not recorded: type a number from 1 to 3." in out
    assert "or n for not known" not in out.split("Question 2")[0]


# A number no int() takes (more than 4,300 digits), digits that are not ASCII, and a number
# with a sign or spaces, before every line of a whole walk: each must be refused where it is
# typed, never a traceback.
NOT_NUMBERS = ["9" * 5000, "²", "\u0663", "+1", " 1 2 ", "1" + "0" * 40]


def test_numbers_no_prompt_takes_are_refused_at_every_prompt(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    script = [*walk_script(pack, "scotland"), "3", "2", "1", "r", "1", "", "4", "yes"]
    lines = [x for line in script for x in (*NOT_NUMBERS, line)]
    code, out = drive(pack, lines)
    assert code == 0
    assert "Not recorded: type a number from 1 to 3." in out


def test_a_plain_training_round_refuses_numbers_it_cannot_take(pack: Pack) -> None:
    from screener.plain.training import run_plain_training
    from screener.training import load_scenarios

    scenarios = load_scenarios(pack, ROOT / "indicators")
    lines = [x for line in ["1", "v", *[""] * 40, "1", "1", "1", "3"] for x in (*NOT_NUMBERS, line)]
    out = io.StringIO()
    code = run_plain_training(
        pack, scenarios, mode="practice", stdin=io.StringIO("".join(f"{x}\n" for x in lines)), stdout=out
    )
    assert code == 0
    assert f"Type a number from 1 to {len(scenarios)}." in out.getvalue()


def test_end_of_input_after_a_write_names_what_was_written(pack: Pack, tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    flow = Flow(pack)
    answers = flow.new_answers(DAY).with_answer(flow.jurisdiction_question(), "england-wales")
    count = len(flow.questions(answers))
    code, out = drive(pack, ["1"] + [""] * (count - 1) + ["", "1", "", str(target)])
    assert code == 0 and target.exists()
    assert out.rstrip().endswith(f"Written: {target}; nothing else.")
    assert "Nothing was written." not in out


# --- the screening date, typed as people write dates ------------------------------------------


def test_d_changes_the_screening_date_at_a_question_and_loses_no_answer(pack: Pack) -> None:
    # England and Wales, nation not known, a reference, born 14 March 2011; then d at the next question.
    script = ["1", "n", "REF-D", "14/03/2011", "d", "14/03/25", "14 March 2010", "3/4/2025", "q", "yes"]
    code, out = drive(pack, script)
    assert code == 0
    # Each refusal is one line and the date is asked again; what is read is said back in words.
    assert "Not changed: '14/03/25': write the year in full" in out
    assert "Not changed: the date of birth (14 March 2011) is after 14 March 2010: change it first." in out
    assert "Screening date: 3 April 2025 (rules and dates are worked out as at this day)." in out
    # The same question is asked again, and the answers before it are kept, now as at the new day.
    after = out.rsplit("Screening date: 3 April 2025", 1)[1]
    assert "Is the child's age disputed" in after.split("Answer: ", 1)[0]


def test_d_at_the_review_changes_the_screening_date_the_review_says(pack: Pack) -> None:
    case = load_case(EW_CASE, set(pack.questions), set(pack.indicators))
    questions = Flow(pack).questions(Answers.from_case(pack, case))
    script = [""] * len(questions) + ["d", "31/02/2025", "", "d", "1 Sept 2025", "q", "yes"]
    code, out = drive(pack, script, case=case, case_path=EW_CASE)
    assert code == 0
    assert "Not changed: '31/02/2025' is not a real date: February 2025 has 28 days." in out
    assert "Kept: 20 November 2024." in out
    assert out.count("Review: every answer, as at 20 November 2024") == 2
    assert "Review: every answer, as at 1 September 2025" in out
    assert "Age: born 14 March 2009 (aged 16 on 1 September 2025)" in out.rsplit("as at 1 September 2025", 1)[1]
