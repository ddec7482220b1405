"""``screener summarise``: formats, ``--as-at``, and its exit codes as an API."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from screener.cli import main

CASES = Path(__file__).resolve().parent / "cases"
SCOTLAND = CASES / "scotland-labour.yaml"

NEGATIVE = """\
schema: screener-case/1
reference: AS-AT-1
jurisdiction: england-wales
screening_date: 2024-11-20
child:
  age: 15
  age_disputed: no
facts:
  trafficking_concern: yes
nrm:
  status: rg-negative
  decision_on: {decided}
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main(["summarise", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def summary_json(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> dict:
    code, out, err = run(capsys, *argv, "--format", "json")
    assert (code, err) == (0, "")
    return json.loads(out)


def negative_case(tmp_path: Path, decided: str) -> Path:
    path = tmp_path / f"negative-{decided}.yaml"
    path.write_text(NEGATIVE.format(decided=decided), encoding="utf-8")
    return path


def deadline(data: dict) -> dict:
    return next(d for d in data["key_dates"] if d["id"] == "reconsideration-deadline")


# --- --as-at ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decided", "as_at", "expected", "wording"),
    [
        ("2024-01-15", "2024-01-20", "2024-04-15", "three months"),
        ("2024-01-31", "2024-02-05", "2024-04-30", "three months"),  # the last day under the old rule
        ("2024-02-01", "2024-02-05", "2024-03-02", "30 calendar days"),  # the first under the new one
        ("2024-02-15", "2024-02-20", "2024-03-16", "30 calendar days"),
    ],
)
def test_reconsideration_deadline_follows_the_rule_for_the_decision_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], decided: str, as_at: str, expected: str, wording: str
) -> None:
    data = summary_json(capsys, negative_case(tmp_path, decided), "--as-at", as_at)
    assert data["as_at"] == as_at
    found = deadline(data)
    assert found["date"] == expected
    assert wording in found["text"]
    assert "has passed" not in found["text"]
    assert any(s["id"] == "nrm-reconsideration" for s in data["signposts"])


def test_as_at_overrides_the_screening_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = negative_case(tmp_path, "2024-02-15")
    in_time = summary_json(capsys, case, "--as-at", "2024-03-16")
    too_late = summary_json(capsys, case, "--as-at", "2024-03-17")
    from_file = summary_json(capsys, case)
    assert (in_time["as_at"], too_late["as_at"], from_file["as_at"]) == ("2024-03-16", "2024-03-17", "2024-11-20")
    assert "has passed" not in deadline(in_time)["text"]
    assert "This date has passed." in deadline(too_late)["text"]
    assert "This date has passed." in deadline(from_file)["text"]


def test_as_at_moves_the_age_as_well(capsys: pytest.CaptureFixture[str]) -> None:
    # Born 2007-06-02: 17 at the file's screening date, 18 a year later.
    before = summary_json(capsys, SCOTLAND)
    after = summary_json(capsys, SCOTLAND, "--as-at", "2025-11-20")
    age = {d["id"]: d["value"] for d in before["answers"]}["age"]
    assert age == "born 2007-06-02 (aged 17)"
    assert {d["id"]: d["value"] for d in after["answers"]}["age"] == "born 2007-06-02 (aged 18)"
    turns = {d["id"]: d["text"] for d in before["key_dates"]}["turns-18"]
    assert turns.startswith("Turns 18") and {d["id"]: d["text"] for d in after["key_dates"]}["turns-18"].startswith(
        "Turned 18"
    )


def test_without_a_screening_date_the_summary_is_as_at_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_path / "undated.yaml"
    case.write_text(SCOTLAND.read_text(encoding="utf-8").replace("screening_date: 2024-11-20\n", ""))
    before = dt.date.today()
    data = summary_json(capsys, case)
    assert before.isoformat() <= data["as_at"] <= dt.date.today().isoformat()


# Python's own ISO reader would take the basic and week forms; --as-at is read as every typed
# date is (tests/test_typed_dates.py has the whole table), and these are none.
@pytest.mark.parametrize("bad", ["2024-02-30", "yesterday", "11/20/2024", "20241120", "2024-W47-3"])
def test_a_bad_as_at_date_is_a_usage_error(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    with pytest.raises(SystemExit) as caught:
        run(capsys, SCOTLAND, "--as-at", bad)
    _, err = capsys.readouterr()
    assert caught.value.code == 2
    assert f"argument --as-at: '{bad}'" in err
    assert "Traceback" not in err


# --- formats and exit codes ---------------------------------------------------------------------


def test_markdown_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, SCOTLAND)
    assert (code, err) == (0, "")
    assert out.startswith("# Signposting summary — case SAMPLE-SC-02\n")
    assert run(capsys, SCOTLAND, "--format", "md")[1] == out


def test_each_format_starts_as_it_should(capsys: pytest.CaptureFixture[str]) -> None:
    starts = {"txt": "Signposting summary — case SAMPLE-SC-02\n====", "html": "<!DOCTYPE html>\n", "json": "{\n"}
    for fmt, start in starts.items():
        code, out, _ = run(capsys, SCOTLAND, "--format", fmt)
        assert code == 0 and out.startswith(start), fmt
        assert out.endswith("\n") and not out.endswith("\n\n"), fmt


def test_json_output_keeps_the_contract_names(capsys: pytest.CaptureFixture[str]) -> None:
    data = summary_json(capsys, SCOTLAND)
    assert data["schema"] == "screener-summary/1"
    assert next(iter(data)) == "schema"
    for key in ("reference", "jurisdiction", "as_at", "pack", "guardianship", "signposts", "key_dates"):
        assert key in data
    assert {"indicators", "follow_up", "notices"} <= set(data)
    assert [s["service"] for s in data["guardianship"]] == ["guardianship-scotland"]
    assert data["guardianship"][0]["status"] in ("criteria-met", "criteria-may-be-met", "criteria-not-met")


def test_an_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        run(capsys, SCOTLAND, "--format", "odt")
    assert caught.value.code == 2
    assert "invalid choice: 'odt'" in capsys.readouterr().err


def test_case_is_a_path_and_stdin_is_never_read(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class NoReading(io.StringIO):
        def read(self, *args: object) -> str:
            raise AssertionError("summarise read standard input")

        readline = read  # type: ignore[assignment]

    monkeypatch.setattr("sys.stdin", NoReading())
    code, out, err = run(capsys, "-")
    assert (code, out) == (2, "")
    assert err == "-: no such file\n"


def test_the_case_argument_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["summarise"])
    assert caught.value.code == 2
    assert "the following arguments are required: CASE" in capsys.readouterr().err


def test_a_missing_pack_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, SCOTLAND, "--pack", tmp_path / "nowhere")
    assert (code, out) == (2, "")
    assert err == f"{tmp_path / 'nowhere'}: no such folder\n"
