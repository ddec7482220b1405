"""Identifiers kept out: what looks like a personal detail in a reference or notes is named before it is saved."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml

from screener.cli import main
from screener.content import Pack
from screener.privacy import check_case, find_in_text, nhs_number_valid
from screener.walkthrough import Flow
from screener.walkthrough.session import Session

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCENARIOS = sorted((ROOT / "indicators" / "scenarios").glob("*.yaml"))
CASES = sorted((HERE / "cases").glob("*.yaml"))

NAME = "what looks like a person's name"
DOB = "a date of birth"
POSTCODE = "a postcode"
PHONE = "a phone number"
EMAIL = "an e-mail address"
NHS = "an NHS number"
NINO = "a National Insurance number"

# (text, what must be found as (kind, text)); an empty list means it must not trigger.
TABLE = [
    # names
    ("John Smith went missing on Friday", [(NAME, "John Smith")]),
    ("Seen with Mohammed Al-Amin near the station", [(NAME, "Mohammed Al-Amin")]),
    ("Child known as Aisha Begum Khan", [(NAME, "Aisha Begum Khan")]),
    ("Mum is Tracey O'Donnell", [(NAME, "Tracey O'Donnell")]),
    ("Lives at 4 Acacia Avenue", [(NAME, "Acacia Avenue")]),
    # dates of birth
    ("DOB 14/03/2008", [(DOB, "14/03/2008")]),
    ("born on 14 March 2008", [(DOB, "14 March 2008")]),
    ("Date of birth: 2008-03-14", [(DOB, "2008-03-14")]),
    ("d.o.b. 3.4.09", [(DOB, "3.4.09")]),
    ("birthday March 14, 2008", [(DOB, "March 14, 2008")]),
    # postcodes
    ("placed near SW1A 1AA", [(POSTCODE, "SW1A 1AA")]),
    ("found in M1 1AE", [(POSTCODE, "M1 1AE")]),
    ("address b33 8th", [(POSTCODE, "b33 8th")]),
    ("EH1 2NG", [(POSTCODE, "EH1 2NG")]),
    # phone numbers
    ("call 07700 900123", [(PHONE, "07700 900123")]),
    ("carer on 01632 960001 after 5", [(PHONE, "01632 960001")]),
    ("+44 1632 960001", [(PHONE, "+44 1632 960001")]),
    ("tel 07700900123", [(PHONE, "07700900123")]),
    ("(0161) 496 0000", [(PHONE, "(0161) 496 0000")]),
    # e-mail addresses
    ("email jo.bloggs@example.com", [(EMAIL, "jo.bloggs@example.com")]),
    ("contact carer+1@mail.example.co.uk", [(EMAIL, "carer+1@mail.example.co.uk")]),
    # NHS numbers: valid by the mod-11 check, and not
    ("NHS 943 476 5919", [(NHS, "943 476 5919")]),
    ("NHS no 9434765919", [(NHS, "9434765919")]),
    ("nhs 401-023-2137", [(NHS, "401-023-2137")]),
    ("NHS 943 476 5918", []),
    ("ref 1234567890", []),
    # National Insurance numbers
    ("NI QQ 12 34 56 C", [(NINO, "QQ 12 34 56 C")]),
    ("NINO AB123456C", [(NINO, "AB123456C")]),
    ("ni number jh 12 34 56 d", [(NINO, "jh 12 34 56 d")]),
    ("not a NINO: GB123456A", []),
    # ordinary safeguarding wording that must not trigger
    ("Went missing three times in six weeks; found in another county with drugs and two phones.", []),
    ("Strategy meeting held on 12/03/2024 with Children's Services and the police.", []),
    ("Referred to the NRM by the local authority on 2024-10-01. Home Office decision awaited.", []),
    ("Return home interview offered; Missing Persons Unit informed. Met Police aware.", []),
    ("Age assessment requested. Placed in a hotel under the National Transfer Scheme.", []),
    ("Seen by the GP and the school nurse on Monday. Section 45 defence considered.", []),
    ("ICTG referral made; Independent Child Trafficking Guardian allocated in November 2024.", []),
    ("Aged 15, in year 10, attends a pupil referral unit 3 hours a week.", []),
    ("Child Protection Conference on 5 June 2024; Scottish Guardianship Service contacted.", []),
    ("Case TRAIN-EW-01 reviewed. Barnardo's worker present. Reference SAMPLE-NI-01.", []),
]


@pytest.mark.parametrize(("text", "expected"), TABLE, ids=[t for t, _ in TABLE])
def test_the_identifier_table(pack: Pack, text: str, expected: list[tuple[str, str]]) -> None:
    found = [(f.kind, f.text) for f in find_in_text("notes", text, pack)]
    assert found == expected


def test_the_table_covers_every_kind_and_ordinary_wording() -> None:
    kinds = {kind for _, expected in TABLE for kind, _ in expected}
    assert kinds == {NAME, DOB, POSTCODE, PHONE, EMAIL, NHS, NINO}
    assert sum(1 for _, expected in TABLE if not expected) >= 10


@pytest.mark.parametrize(
    ("digits", "valid"),
    [("9434765919", True), ("4010232137", True), ("9434765918", False), ("1234567890", False), ("123456789", False)],
)
def test_the_nhs_check_digit(digits: str, valid: bool) -> None:
    assert nhs_number_valid(digits) is valid


def _texts(value: object, path: str = "") -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in _texts(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [t for n, v in enumerate(value) for t in _texts(v, f"{path}[{n}]")]
    return []


@pytest.mark.parametrize("path", SCENARIOS + CASES, ids=lambda p: p.stem)
def test_no_false_alarm_on_any_shipped_scenario_or_sample_case(pack: Pack, path: Path) -> None:
    texts = _texts(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert len(texts) > 3
    alarms = [(where, str(f)) for where, text in texts for f in find_in_text(where, text, pack)]
    assert alarms == []


def _case(tmp_path: Path, reference: str, notes: str | None = None) -> Path:
    lines = [
        "schema: screener-case/1",
        f"reference: {reference}",
        "jurisdiction: scotland",
        "screening_date: 2024-11-20",
    ]
    if notes:
        lines.append(f"notes: {notes}")
    path = tmp_path / "case.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_summarise_warns_on_one_line_and_still_exports(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _case(tmp_path, "Jo Bloggs", "call 07700 900123")
    assert main(["summarise", str(path), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["reference"] == "Jo Bloggs"
    assert err.count("\n") == 1
    assert err.startswith(f"screener: warning: {path}: the case may hold personal details: ")
    assert "reference: what looks like a person's name ('Jo Bloggs')" in err
    assert "notes: a phone number ('07700 900123')" in err


def test_strict_privacy_refuses_with_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _case(tmp_path, "Jo Bloggs")
    output = tmp_path / "out.md"
    assert main(["summarise", str(path), "--strict-privacy", "--output", str(output)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and not output.exists()
    assert err.startswith(f"{path}: the case may hold personal details") and "--strict-privacy" in err


def test_a_clean_case_gives_no_warning_even_when_strict(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _case(tmp_path, "SC-2024-117", "Strategy meeting held; police informed.")
    assert main(["summarise", str(path), "--strict-privacy"]) == 0
    assert capsys.readouterr().err == ""


def test_age_only_shows_years_instead_of_the_date_of_birth(capsys: pytest.CaptureFixture[str]) -> None:
    case = HERE / "cases" / "scotland-labour.yaml"
    for fmt in ("md", "txt", "html", "json"):
        assert main(["summarise", str(case), "--format", fmt]) == 0
        full = capsys.readouterr().out
        assert main(["summarise", str(case), "--format", fmt, "--age-only"]) == 0
        short = capsys.readouterr().out
        born = yaml.safe_load(case.read_text(encoding="utf-8"))["child"]["date_of_birth"].isoformat()
        assert f"born {born}" in full
        assert f"born {born}" not in short and "whole years; the date of birth is left out" in short


def test_plain_mode_warns_before_saving_and_lets_the_user_edit(pack: Pack, tmp_path: Path) -> None:
    from screener.casefile.read import load_case
    from screener.plain import Plain

    case = load_case(_case(tmp_path, "Jo Bloggs"), set(pack.questions), set(pack.indicators))
    target = tmp_path / "saved.yaml"
    # "no" to edit the reference; the new reference; then the file name.
    lines = iter(["no", "SC-0001", str(target)])
    out = io.StringIO()
    session = Plain(Session.open(pack, case), read=lambda _prompt: next(lines), write=out.write)
    session.save_case()
    text = out.getvalue()
    assert (
        "Warning: the answers may hold personal details: reference: what looks like a person's name ('Jo Bloggs')"
        in text
    )
    assert load_case(target, set(pack.questions), set(pack.indicators)).reference == "SC-0001"


def test_plain_mode_can_go_on_after_the_warning(pack: Pack, tmp_path: Path) -> None:
    from screener.casefile.read import load_case
    from screener.plain import Plain

    case = load_case(_case(tmp_path, "Jo Bloggs"), set(pack.questions), set(pack.indicators))
    target = tmp_path / "saved.yaml"
    lines = iter(["yes", str(target)])
    session = Plain(Session.open(pack, case), read=lambda _prompt: next(lines), write=io.StringIO().write)
    session.save_case()
    assert load_case(target, set(pack.questions), set(pack.indicators)).reference == "Jo Bloggs"


def test_the_check_reads_the_reference_and_the_notes(pack: Pack) -> None:
    flow = Flow(pack)
    answers = flow.new_answers().with_answer(flow.jurisdiction_question(), "scotland")
    case = flow.to_case(answers).model_copy(update={"reference": "Jo Bloggs", "notes": "DOB 01/02/2010"})
    assert [(f.field, f.kind) for f in check_case(case, pack)] == [("reference", NAME), ("notes", DOB)]


async def test_the_walkthrough_warns_before_saving_and_edit_goes_to_the_reference(pack: Pack, tmp_path: Path) -> None:
    from screener.casefile.read import load_case
    from screener.tui.app import ScreenerApp
    from screener.tui.dialogs import ConfirmDialog, PathDialog
    from screener.walkthrough import Answers

    case = load_case(_case(tmp_path, "Jo Bloggs"), set(pack.questions), set(pack.indicators))
    app = ScreenerApp(Session(Flow(pack), Answers.from_case(pack, case)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        for _ in range(20):
            await pilot.pause()
            if isinstance(app.screen, ConfirmDialog):
                break
        assert isinstance(app.screen, ConfirmDialog)
        assert "reference: what looks like a person's name ('Jo Bloggs')" in app.screen.message
        await pilot.press("n")  # Edit
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.current_key == "reference"
        assert not isinstance(app.screen, PathDialog)
