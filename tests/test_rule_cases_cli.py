"""``screener test``: a content editor runs rule cases (the rule tables' and the scenarios' format)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from screener.rulecases.model import Expected
from screener.training.models import Scenario
from tests.clirun import in_this_process

RULES = Path(__file__).resolve().parent / "rules"


def test_the_rule_tables_all_hold() -> None:
    ran = in_this_process("test", str(RULES))
    assert ran.returncode == 0, ran.stdout + ran.stderr
    files = len(list(RULES.glob("*.yaml")))
    assert ran.stdout.endswith(f"rule cases in {files} files: every expected outcome holds\n")
    assert ran.stderr == ""


def test_an_outcome_the_engine_does_not_give_is_a_failure_at_its_line(tmp_path: Path) -> None:
    table = tmp_path / "scotland.yaml"
    text = (RULES / "scotland.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    # The first case's expectation, turned round.
    line = next(i for i, ln in enumerate(lines) if "guardianship-scotland: criteria-met}" in ln)
    lines[line] = lines[line].replace("criteria-met}", "criteria-not-met}")
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ran = in_this_process("test", str(tmp_path))
    assert ran.returncode == 1
    name = next(ln for ln in reversed(lines[:line]) if ln.startswith("- name: ")).removeprefix("- name: ").strip('"')
    first, last = ran.stdout.splitlines()
    assert first == (
        f"{table}:{line + 1}: {name}: expected guardianship-scotland criteria-not-met, the engine gives criteria-met"
    )
    assert last.endswith(" rule cases in 1 file: 1 failed")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cases:\n- &a\n  name: x\n", "2: anchors and aliases (& and *) are not allowed"),
        ("cases:\n- name: x\n  expect: {}\n", "3: expect: expects nothing: give guardianship, settle_by"),
        ("cases:\n- name: x\n  expect: {notices: [x]}\n  colour: red\n", "4: unknown key 'colour'"),
        (
            "defaults: {jurisdiction: scotland}\ncases:\n- name: x\n  expect: {notices: [x]}\n",
            "3: case: needs a screening_date (here or in the defaults)",
        ),
        (
            "defaults: {jurisdiction: scotland, screening_date: 2024-11-20, facts: {nope: yes}}\n"
            "cases:\n- name: x\n  expect: {notices: [x]}\n",
            "1: unknown fact 'nope'",
        ),
        (
            "defaults: {jurisdiction: scotland, screening_date: 2024-11-20}\n"
            "cases:\n- name: x\n  expect:\n    guardianship: {ictg-direct: criteria-met}\n",
            "5: unknown service 'ictg-direct' for scotland",
        ),
    ],
    ids=["anchor", "nothing-expected", "unknown-key", "no-date", "unknown-fact", "unknown-service"],
)
def test_a_file_that_is_not_rule_cases_is_bad_input(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text(text, encoding="utf-8")
    ran = in_this_process("test", str(path))
    assert ran.returncode == 2
    assert ran.stdout == ""  # nothing is run from a file that cannot be read whole
    assert ran.stderr.startswith(f"{path}:{message}"), ran.stderr


def test_one_broken_file_runs_no_case_of_any_file(tmp_path: Path) -> None:
    shutil.copy(RULES / "scotland.yaml", tmp_path / "a.yaml")
    (tmp_path / "b.yaml").write_text("cases: []\n", encoding="utf-8")
    ran = in_this_process("test", str(tmp_path))
    assert (ran.returncode, ran.stdout) == (2, "")
    assert ran.stderr.startswith(f"{tmp_path / 'b.yaml'}:1: cases:")


def test_a_missing_folder_is_bad_input(tmp_path: Path) -> None:
    ran = in_this_process("test", str(tmp_path / "nowhere"))
    assert (ran.returncode, ran.stderr) == (2, f"{tmp_path / 'nowhere'}: no such file or folder\n")


def test_a_scenario_answer_key_is_the_same_model() -> None:
    assert Scenario.model_fields["expect"].annotation is Expected
