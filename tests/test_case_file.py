"""Bad case files: one clear ``file:line: message`` each on stderr, exit 2, no traceback."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from screener.casefile.model import Case
from screener.casefile.read import load_case
from screener.cli import main
from screener.content import Pack
from screener.errors import InputError

ROOT = Path(__file__).resolve().parent.parent

# Line numbers below refer to this file, one key or item a line.
BASE = """\
schema: screener-case/1
reference: T-1
jurisdiction: scotland
screening_date: 2024-11-20
child:
  date_of_birth: 2008-03-14
  age_disputed: no
facts:
  trafficking_concern: yes
  separated: yes
nrm:
  status: none
indicators:
  - county-lines
notes: fictional
"""


def edit(line: int, text: str | None) -> str:
    """BASE with one line replaced (or removed, for None)."""
    lines = BASE.splitlines()
    if text is None:
        del lines[line - 1]
    else:
        lines[line - 1] = text
    return "\n".join(lines) + "\n"


def run_summarise(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    code = main(["summarise", str(path), "--format", "json", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def problems(err: str, path: Path) -> list[tuple[int | None, str]]:
    """Each stderr line as (line, message), checking it is in ``file:line: message`` form."""
    found = []
    for text in err.splitlines():
        match = re.fullmatch(rf"{re.escape(str(path))}(?::(\d+))?: (.+)", text)
        assert match, f"not in file:line: message form: {text!r}"
        found.append((int(match[1]) if match[1] else None, match[2]))
    return found


LINE_ERRORS = [
    ("unknown top-level key", BASE + "colour: blue\n", 16, "unknown key 'colour'"),
    ("unknown fact", edit(10, "  bogus_fact: yes"), 10, "unknown fact 'bogus_fact'"),
    ("unknown indicator", edit(14, "  - no-such-indicator"), 14, "unknown indicator 'no-such-indicator'"),
    (
        "fact value maybe",
        edit(10, "  separated: maybe"),
        10,
        "separated: 'maybe' is not an answer; use yes, no or unknown",
    ),
    ("fact value a number", edit(10, "  separated: 1"), 10, "separated: '1' is not an answer"),
    ("fact value YAML 1.1 on", edit(10, "  separated: on"), 10, "separated: 'on' is not an answer"),
    ("fact value empty", edit(10, "  separated:"), 10, "separated: no answer given"),
    ("age_disputed maybe", edit(7, "  age_disputed: maybe"), 7, "age_disputed: 'maybe' is not an answer"),
    ("month 13", edit(4, "screening_date: 2024-13-45"), 4, "screening_date: 2024-13-45 is not a real date"),
    ("30 February", edit(4, "screening_date: 2024-02-30"), 4, "screening_date: 2024-02-30 is not a real date"),
    ("a word for a date", edit(4, "screening_date: yesterday"), 4, "'yesterday' is not a date; write it as YYYY-MM-DD"),
    ("a number for a date", edit(4, "screening_date: 20241120"), 4, "'20241120' is not a date"),
    ("a date and time", edit(4, "screening_date: 2024-11-20T10:00:00"), 4, "is not a date"),
    # Seconds since 1970 would be a date to pydantic's lax reading; a case file must write the day.
    ("seconds for a date", edit(4, "screening_date: 1732060800"), 4, "'1732060800' is not a date"),
    ("seconds for a birth date", edit(6, "  date_of_birth: 0"), 6, "date_of_birth: '0' is not a date"),
    (
        "seconds for a decision date",
        BASE.replace("  status: none", "  status: rg-negative\n  decision_on: 1730419200"),
        13,
        "decision_on: '1730419200' is not a date; write it as YYYY-MM-DD",
    ),
    (
        "seconds for the leave date",
        BASE.replace("indicators:\n", "dates:\n  leave_granted_on: 1736467200\nindicators:\n"),
        14,
        "leave_granted_on: '1736467200' is not a date or unknown; write it as YYYY-MM-DD",
    ),
    ("a float for a date", edit(4, "screening_date: 2024.5"), 4, "'2024.5' is not a date"),
    ("a boolean for a date", edit(4, "screening_date: true"), 4, "screening_date: 'True' is not a date"),
    (
        "a date with a trailing newline",
        edit(4, 'screening_date: "2024-11-20\\n"'),
        4,
        # Refused as untrusted text before it is read as a date: one-line fields hold no line break.
        "screening_date: a line break is not allowed here",
    ),
    ("bad date of birth", edit(6, "  date_of_birth: 2007-02-29"), 6, "date_of_birth: 2007-02-29 is not a real date"),
    (
        "born after screening",
        edit(6, "  date_of_birth: 2025-01-01"),
        6,
        "date of birth 2025-01-01 is after the screening date 2024-11-20",
    ),
    (
        "an age the date of birth does not give",
        BASE.replace("  date_of_birth: 2008-03-14\n", "  date_of_birth: 2008-03-14\n  age: 5\n"),
        7,
        "age 5 does not match the date of birth 2008-03-14 (16 on the screening date 2024-11-20); "
        "give one or the other",
    ),
    ("negative age", edit(6, "  age: -1"), 6, "age: cannot be negative (-1)"),
    ("age 16.5", edit(6, "  age: 16.5"), 6, "age: must be a whole number of years, not 16.5"),
    ("age a word", edit(6, "  age: sixteen"), 6, "age: must be a whole number of years, not sixteen"),
    ("wrong schema", edit(1, "schema: screener-case/2"), 1, "schema must be 'screener-case/1', not 'screener-case/2'"),
    ("unknown jurisdiction", edit(3, "jurisdiction: wales"), 3, "jurisdiction: 'wales' is not a jurisdiction"),
    ("unknown NRM status", edit(12, "  status: pending"), 12, "status: 'pending' is not an NRM status"),
    (
        "bad NRM decision date",
        BASE.replace("  status: none", "  status: rg-negative\n  decision_on: 2024-04-31"),
        13,
        "decision_on: 2024-04-31 is not a real date",
    ),
    ("reference too long", edit(2, "reference: " + "R" * 81), 2, "reference: String should have at most 80 characters"),
    ("reference over two lines", edit(2, 'reference: "T-1\\nT-2"'), 2, "reference: a line break is not allowed here"),
    (
        "reference with an escape",
        edit(2, 'reference: "T-1\\e[31m"'),
        2,
        "reference: control character U+001B is not allowed",
    ),
    (
        "reference with a bidirectional override",
        edit(2, 'reference: "T-1\\u202egnp.exe"'),
        2,
        "reference: bidirectional control U+202E is not allowed",
    ),
    ("reference with a zero-width space", edit(2, 'reference: "T-\\u200b1"'), 2, "zero-width character U+200B"),
    ("notes with an escape", edit(15, 'notes: "\\e]0;pwned\\a \\e[2J"'), 15, "notes: control character U+001B"),
    ("missing jurisdiction", edit(3, None), 1, "missing required key 'jurisdiction'"),
    ("missing schema", edit(1, None), 1, "missing required key 'schema'"),
    ("duplicate key", BASE + "jurisdiction: scotland\n", 16, "duplicate key 'jurisdiction'"),
    ("facts a list", edit(9, "  - trafficking_concern").replace("  separated: yes\n", "  - separated\n"), 8, "facts:"),
    ("bad YAML", edit(10, "  separated: [yes"), 11, "not valid YAML"),
    ("top level a list", "- schema: screener-case/1\n- jurisdiction: scotland\n", 1, "a case file must be a mapping"),
    ("top level a scalar", "screener-case/1\n", 1, "a case file must be a mapping of keys to values"),
    ("empty file", "", 1, "file is empty"),
    ("only comments", "# nothing yet\n\n", 1, "file is empty"),
    (
        "alias bomb",
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n",
        1,
        "anchors and aliases (& and *) are not allowed",
    ),
    ("alias later in the file", BASE + "extra: &x 1\n", 16, "anchors and aliases"),
]


@pytest.mark.parametrize(("text", "line", "message"), [c[1:] for c in LINE_ERRORS], ids=[c[0] for c in LINE_ERRORS])
def test_bad_case_file_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, message: str
) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run_summarise(path, capsys)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    found = problems(err, path)
    assert any(n == line and message in m for n, m in found), found


def test_the_base_case_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(BASE, encoding="utf-8")
    code, out, err = run_summarise(path, capsys)
    assert (code, err) == (0, "")
    assert '"jurisdiction": "scotland"' in out


def test_every_problem_is_listed_in_line_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = edit(4, "screening_date: 2024-02-30").replace("  separated: yes", "  separated: maybe\n  bogus: yes")
    path = tmp_path / "case.yaml"
    path.write_text(text + "colour: blue\n", encoding="utf-8")
    code, _, err = run_summarise(path, capsys)
    assert code == 2
    assert [line for line, _ in problems(err, path)] == [4, 10, 11, 17]


FILE_ERRORS = [
    ("binary", b"\x00\x01\x02\xff binary", "is not a text file"),
    ("latin-1", "jurisdiction: \u00e9cosse\n".encode("latin-1"), "is not UTF-8 text"),
    ("too large", b"#" * (1024 * 1024 + 1), "file is too large"),
]


@pytest.mark.parametrize(("data", "message"), [c[1:] for c in FILE_ERRORS], ids=[c[0] for c in FILE_ERRORS])
def test_unreadable_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    path = tmp_path / "case.yaml"
    path.write_bytes(data)
    code, out, err = run_summarise(path, capsys)
    assert (code, out) == (2, "")
    found = problems(err, path)
    assert len(found) == 1 and message in found[0][1], found


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nowhere.yaml"
    code, _, err = run_summarise(path, capsys)
    assert code == 2
    assert problems(err, path) == [(None, "no such file")]


def test_a_folder_is_not_a_case_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_summarise(tmp_path, capsys)
    assert code == 2
    assert problems(err, tmp_path) == [(None, "is a folder, not a file")]


# --- accepted spellings -----------------------------------------------------------------------


def test_yaml_booleans_are_read_as_yes_and_no(tmp_path: Path, pack: Pack) -> None:
    path = tmp_path / "case.yaml"
    text = BASE.replace("  separated: yes", "  separated: true\n  in_la_care: false\n  from_ukraine: no")
    path.write_text(text.replace("age_disputed: no", "age_disputed: false"), encoding="utf-8")
    case = load_case(path, set(pack.questions), set(pack.indicators))
    assert case.fact("separated") == "yes"
    assert case.fact("in_la_care") == "no"
    assert case.fact("from_ukraine") == "no"
    assert case.fact("trafficking_concern") == "yes"
    assert case.child.age_disputed == "no"
    assert case.screening_date == dt.date(2024, 11, 20)


def test_valid_json_case_file(tmp_path: Path, pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "case.json"
    path.write_text(
        '{\n  "schema": "screener-case/1",\n  "jurisdiction": "northern-ireland",\n'
        '  "screening_date": "2024-11-20",\n  "child": {"age": 15, "age_disputed": false},\n'
        '  "facts": {"trafficking_concern": true, "separated": "yes"}\n}\n',
        encoding="utf-8",
    )
    case = load_case(path, set(pack.questions), set(pack.indicators))
    assert case.jurisdiction == "northern-ireland"
    assert case.fact("trafficking_concern") == "yes"
    assert case.child.age_disputed == "no"
    code, out, _ = run_summarise(path, capsys)
    assert code == 0 and '"jurisdiction": "northern-ireland"' in out


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            '{\n  "schema": "screener-case/1",\n  "jurisdiction": "scotland",\n  "facts": {"separated": "yes",}\n}\n',
            4,
            "not valid JSON",
        ),
        ('{\n  "schema": "screener-case/1",\n  "jurisdiction": "scotland"\n  "facts": {}\n}\n', 4, "not valid JSON"),
        (
            '{\n  "schema": "screener-case/1",\n  "jurisdiction": "scotland",\n  "facts": {"separated": "maybe"}\n}\n',
            4,
            "separated: 'maybe' is not an answer",
        ),
        (
            '{\n  "schema": "screener-case/1",\n  "jurisdiction": "scotland",\n  "colour": "blue"\n}\n',
            4,
            "unknown key 'colour'",
        ),
        ("", 1, "file is empty"),
    ],
    ids=["trailing comma", "missing comma", "bad value", "unknown key", "empty"],
)
def test_bad_json_case_file_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, message: str
) -> None:
    path = tmp_path / "case.json"
    path.write_text(text, encoding="utf-8")
    code, _, err = run_summarise(path, capsys)
    assert code == 2
    found = problems(err, path)
    assert any(n == line and message in m for n, m in found), found


# --- the screening date -----------------------------------------------------------------------


def test_born_after_the_as_at_date_points_at_the_date_of_birth(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(BASE, encoding="utf-8")
    code, _, err = run_summarise(path, capsys, "--as-at", "2008-01-01")
    assert code == 2
    assert problems(err, path) == [
        (6, "date of birth 2008-03-14 is after the date the case is screened at (2008-01-01)")
    ]


def test_born_in_the_future_without_a_screening_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    future = dt.date.today() + dt.timedelta(days=400)
    path = tmp_path / "case.yaml"
    path.write_text(edit(4, None).replace("2008-03-14", future.isoformat()), encoding="utf-8")
    code, _, err = run_summarise(path, capsys)
    assert code == 2
    assert [line for line, _ in problems(err, path)] == [5]


def test_a_case_built_in_code_is_checked_too() -> None:
    data = {"schema": "screener-case/1", "jurisdiction": "scotland", "screening_date": dt.date(2024, 1, 1)}
    with pytest.raises(ValueError, match="after the screening date"):
        Case.model_validate({**data, "child": {"date_of_birth": dt.date(2024, 1, 2)}})
    with pytest.raises(ValueError, match="not a date"):
        Case.model_validate({**data, "screening_date": 0})
    assert Case.model_validate({**data, "child": {"date_of_birth": "2010-05-05"}}).child.date_of_birth == dt.date(
        2010, 5, 5
    )


def test_load_case_raises_input_error_with_every_problem(tmp_path: Path, pack: Pack) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(edit(10, "  bogus: maybe") + "colour: blue\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_case(path, set(pack.questions), set(pack.indicators))
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (10, "bogus: 'maybe' is not an answer; use yes, no or unknown"),
        (10, "unknown fact 'bogus'"),
        (16, "unknown key 'colour'"),
    ]


def test_the_real_command_exits_2_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(edit(4, "screening_date: 2024-02-30"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "screener", "summarise", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"{path}:4: screening_date: 2024-02-30 is not a real date\n"


def test_control_characters_from_the_file_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(edit(10, '  "bad\\e[2Jfact": "\\e]0;owned\\a"'), encoding="utf-8")
    code, _, err = run_summarise(path, capsys)
    assert code == 2
    assert "\x1b" not in err and "\x07" not in err
    assert problems(err, path) == [
        (10, r"bad\x1b[2Jfact: control character U+001B is not allowed"),
        (10, r"the key 'bad\x1b[2Jfact': control character U+001B is not allowed"),
    ]


def test_an_indicator_named_twice_is_noted_once(tmp_path: Path, pack: Pack) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(BASE.replace("  - county-lines\n", "  - county-lines\n  - county-lines\n"), encoding="utf-8")
    assert load_case(path, set(pack.questions), set(pack.indicators)).indicators == ["county-lines"]


def test_an_age_that_agrees_with_the_date_of_birth_is_accepted() -> None:
    # Both are more than the contract asks ("either ... or"), but they say the same: nothing is lost.
    data = yaml.safe_load(BASE)
    data["child"]["age"] = 16
    case = Case.model_validate(data)
    assert (case.child.date_of_birth, case.child.age) == (dt.date(2008, 3, 14), 16)
    # Without a screening date the age is checked against today's, as the summary would be.
    del data["screening_date"]
    data["child"]["age"] = 5
    with pytest.raises(ValidationError, match="age 5 does not match the date of birth 2008-03-14"):
        Case.model_validate(data)
