"""The professional record (``record``) and ``nrm.referred_on``: read, checked, saved, echoed and shown."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from screener.casefile.read import load_case
from screener.casefile.write import dump_case, save_case
from screener.cli import main
from screener.content import Pack
from screener.engine import screen
from screener.errors import InputError
from screener.privacy import check_case
from screener.render import FORMATS, render
from screener.walkthrough import Answers, Flow
from screener.walkthrough.welcome import review_due_line, welcome_lines

CASE = """\
schema: screener-case/1
reference: REC-1
jurisdiction: england-wales
screening_date: 2024-11-20
child:
  age: 15
nrm:
  status: referred
  referred_on: 2024-11-18
indicators: [county-lines]
record:
  completed_by: Designated safeguarding lead
  agency: Example High School
  judgement: |-
    Concern from what the child said about travel and money.
    Discussed at the daily safeguarding huddle.
  discussed_with: Team manager
  discussed_on: 2024-11-21
  review_on: 2024-12-20
"""


def write(tmp_path: Path, text: str, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(pack: Pack, path: Path):  # type: ignore[no-untyped-def]
    return load_case(path, set(pack.questions), set(pack.indicators))


def test_the_record_and_referral_date_round_trip_through_the_case_file(pack: Pack, tmp_path: Path) -> None:
    case = load(pack, write(tmp_path, CASE))
    assert case.record is not None
    assert case.record.completed_by == "Designated safeguarding lead"
    assert case.record.review_on == dt.date(2024, 12, 20)
    assert case.nrm.referred_on == dt.date(2024, 11, 18)
    saved = save_case(tmp_path / "again.yaml", case)
    again = load(pack, saved)
    assert again == case
    text = dump_case(case)
    # Contract order: record after notes, the referral date under nrm.
    assert text.index("referred_on: 2024-11-18") < text.index("indicators:") < text.index("record:")


def test_a_case_without_the_record_reads_and_saves_exactly_as_before(pack: Pack, tmp_path: Path) -> None:
    case = load(pack, write(tmp_path, CASE.split("record:")[0].replace("  referred_on: 2024-11-18\n", "")))
    assert case.record is None and case.nrm.referred_on is None
    assert "record" not in case.to_data() and "referred_on" not in case.to_data()["nrm"]


@pytest.mark.parametrize(
    ("line", "value", "message"),
    [
        ("  agency: Example High School", '  agency: "Example\\u0007School"', "control character"),
        ("  completed_by: Designated safeguarding lead", '  completed_by: "Lead\\nSecond line"', "line break"),
        ("  review_on: 2024-12-20", "  review_on: next week", "is not a date"),
        ("  discussed_with: Team manager", "  discussed_by: Team manager", "discussed_by"),
    ],
)
def test_bad_record_fields_are_refused_at_their_line(
    pack: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, value: str, message: str
) -> None:
    text = CASE.replace(line, value)
    assert text != CASE
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load(pack, path)
    where = CASE.splitlines().index(line) + 1
    assert any(p.line == where and message in p.message for p in caught.value.problems), caught.value.problems
    assert main(["summarise", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:{where}: ") and "Traceback" not in err


def test_a_referral_date_after_the_screening_date_is_refused(pack: Pack, tmp_path: Path) -> None:
    path = write(tmp_path, CASE.replace("referred_on: 2024-11-18", "referred_on: 2024-11-25"))
    with pytest.raises(InputError) as caught:
        load(pack, path)
    assert any("NRM referral date 2024-11-25 is after the screening date" in p.message for p in caught.value.problems)


def test_identifiers_in_the_record_are_warned_about_like_notes(
    pack: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, CASE.replace("Discussed at the daily", "Call 07700 900123 after the daily"))
    case = load(pack, path)
    findings = check_case(case, pack)
    assert [(f.field, f.kind) for f in findings] == [("record.judgement", "a phone number")]
    assert main(["summarise", str(path)]) == 0
    assert "record.judgement: a phone number" in capsys.readouterr().err
    assert main(["summarise", str(path), "--strict-privacy"]) == 2


def test_the_json_summary_echoes_the_record_as_given(pack: Pack, tmp_path: Path) -> None:
    case = load(pack, write(tmp_path, CASE.replace("  discussed_on: 2024-11-21\n", "")))
    data = json.loads(render(screen(pack, case), "json"))
    assert data["record"] == {
        "completed_by": "Designated safeguarding lead",
        "agency": "Example High School",
        "judgement": "Concern from what the child said about travel and money.\n"
        "Discussed at the daily safeguarding huddle.",
        "discussed_with": "Team manager",
        "review_on": "2024-12-20",
    }
    assert {"id": "referred_on", "label": "NRM referral made on", "value": "2024-11-18"} in data["answers"]
    without = load(pack, write(tmp_path, CASE.split("record:")[0], "bare.yaml"))
    assert "record" not in json.loads(render(screen(pack, without), "json"))


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in ("json", "pdf")])
def test_every_format_shows_the_record_at_its_head(pack: Pack, tmp_path: Path, fmt: str) -> None:
    """Every format but JSON (which echoes it, above) and PDF (the print HTML, tested here as html)."""
    summary = screen(pack, load(pack, write(tmp_path, CASE)))
    if fmt == "docx":
        from screener.render.docx import render as docx
        from tests.docxread import open_docx, texts

        text = "\n".join(texts(open_docx(docx(summary))))
    else:
        text = render(summary, fmt)
    head = text[: text.index("Today: the outcomes")]
    for shown in ("Professional record", "Designated safeguarding lead", "Example High School", "Team manager"):
        assert shown in head, shown
    assert "20 December 2024" in head and "21 November 2024" in head
    assert "daily safeguarding huddle" in head


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "pdf"])
def test_the_referral_date_typed_on_the_form_goes_into_the_case_file_and_every_format(
    pack: Pack, tmp_path: Path, fmt: str
) -> None:
    """Typed on the record form (day first), saved, opened again, and shown by every format and the NRM
    preparation (PDF is the print HTML, tested as html)."""
    from screener.nrm.load import form_of
    from screener.nrm.prepare import prepare
    from screener.nrm.render import render as render_nrm
    from screener.walkthrough.session import Session

    session = Session.open(pack, load(pack, write(tmp_path, CASE.replace("  referred_on: 2024-11-18\n", ""))))
    assert session.answers.referred_on is None
    session.record_typed({"completed_by": "Designated safeguarding lead", "referred_on": "17/11/2024"})
    saved = save_case(tmp_path / "saved.yaml", session.case_to_save())
    assert "referred_on: 2024-11-17" in saved.read_text(encoding="utf-8")
    case = load(pack, saved)
    assert case.nrm.referred_on == dt.date(2024, 11, 17)
    assert Session.open(pack, case).answers.referred_on == dt.date(2024, 11, 17)
    summary = screen(pack, case)
    if fmt == "docx":
        from screener.render.docx import render as docx
        from tests.docxread import open_docx, texts

        text = "\n".join(texts(open_docx(docx(summary))))
    elif fmt == "json":
        answers = json.loads(render(summary, fmt))["answers"]
        text = " ".join(f"{a['label']}: {a['value']}" for a in answers)
    else:
        text = render(summary, fmt)
    assert "NRM referral made on" in text and "2024-11-17" in text
    prepared = render_nrm(prepare(form_of(pack), pack, case, summary), "md" if fmt in ("json", "docx") else fmt)
    assert "NRM referral made on 17 November 2024." in " ".join(str(prepared).split())


def test_the_record_round_trips_through_the_walkthrough(pack: Pack, tmp_path: Path) -> None:
    case = load(pack, write(tmp_path, CASE))
    flow = Flow(pack)
    answers = Answers.from_case(pack, case)
    again = flow.to_case(answers)
    assert again.record == case.record
    assert again.nrm.referred_on == case.nrm.referred_on


def test_a_reopened_case_past_its_review_date_says_so(pack: Pack, tmp_path: Path) -> None:
    case = load(pack, write(tmp_path, CASE))
    answers = Answers.from_case(pack, case)
    before = welcome_lines(pack, answers, "case.yaml", today=dt.date(2024, 12, 20))
    after = welcome_lines(pack, answers, "case.yaml", today=dt.date(2024, 12, 23))
    assert not any("due to be looked at again" in line for line in before)
    assert "This case was due to be looked at again on 2024-12-20 (3 days ago)" in " ".join(after)
    assert review_due_line(None, dt.date(2030, 1, 1)) is None


def test_plain_mode_asks_the_record_saves_it_and_prepares_the_nrm_referral(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from screener.plain import run_plain
    from screener.walkthrough.session import Session

    monkeypatch.chdir(tmp_path)
    day = dt.date(2024, 11, 20)
    flow = Flow(pack)
    answers = flow.new_answers(day).with_answer(flow.jurisdiction_question(), "scotland")
    count = len(flow.questions(answers))
    record = [
        "Designated safeguarding lead",
        "Example \x07School",  # refused: a control character
        "Example High School",
        "Worried by what the child said.",
        "Team manager",
        "2024-13-01",  # refused: not a date
        "21/11/2024",  # day first, as people write it
        "20 Dec 2024",
        "21/11/2024",  # refused: a referral after the screening date
        "19 November 2024",
    ]
    # What next? 5: the record; 2: save the case (Enter: its default name); 6: the NRM preparation, Markdown.
    script = ["3"] + [""] * (count - 1) + ["", "5", *record, "2", "", "6", "", "", "4"]
    out = io.StringIO()
    lines = io.StringIO("".join(f"{x}\n" for x in script))
    assert run_plain(Session.open(pack, None, as_at=day), stdin=lines, stdout=out) == 0
    said = out.getvalue()
    assert "Not kept: Agency: " in said and "Not kept: Discussed on: '2024-13-01': there is no month 13" in said
    assert "Read as 21 November 2024." in said and "Read as 20 December 2024." in said
    assert "Not kept: NRM referral made on: 21 November 2024 is after the screening date, 20 November 2024." in said
    assert "Read as 19 November 2024." in said
    case = load(pack, tmp_path / "screening-2024-11-20.yaml")
    assert case.record is not None
    assert case.record.agency == "Example High School" and case.record.review_on == dt.date(2024, 12, 20)
    assert case.nrm.referred_on == dt.date(2024, 11, 19)
    prepared = (tmp_path / "screening-2024-11-20-nrm.md").read_text(encoding="utf-8")
    assert "- Example High School" in prepared and "- Worried by what the child said." in prepared
    assert "Professional record" in prepared.split("## Separate steps")[0]
    # Opened again, the record is filled in and the summary shows it at its head.
    again = Answers.from_case(pack, case)
    assert again.record == case.record
