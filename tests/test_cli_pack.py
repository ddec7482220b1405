"""`screener validate`, `screener indicators` and usage errors, run as a user runs them."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from screener import __version__
from screener.content.pack import Pack
from tests.clirun import Ran, in_a_process, in_this_process
from tests.packtools import BrokenPack, build, corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = corpus()


# In this process: the same codes and output as a real ``python -m screener`` (checked below), faster.
screener = in_this_process


def assert_clean_failure(result: Ran) -> list[str]:
    """Exit 2, nothing on stdout, no traceback; returns the stderr lines."""
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines
    return lines


def test_validate_the_shipped_pack() -> None:
    result = screener("validate")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    match = re.fullmatch(
        r"(\S+) (\S+): ok: (\d+) indicators, (\d+) themes, (\d+) signposts, (\d+) services, (\d+) scenarios"
        r", NRM form of 11 sections; digest sha256:[0-9a-f]{64}",
        lines[0],
    )
    assert match, lines[0]
    assert int(match.group(3)) >= 40
    assert int(match.group(4)) >= 8


@pytest.mark.parametrize(
    "args",
    [["validate"], ["--version"], ["validate", "indicators"], ["--bogus"], ["valdate"]],
    ids=lambda a: " ".join(a),
)
def test_a_real_process_gives_what_the_call_in_this_process_gives(tmp_path: Path, args: list[str]) -> None:
    # The exit code as the shell sees it and a real standard error with no traceback, for a success,
    # a broken pack, a usage error and a misspelt command; the other tests call main. (A missing
    # case file in a real process: tests/test_case_file.py.)
    build(tmp_path, next(b for b in CORPUS if b.name == "duplicate-key"))
    real = in_a_process(*args, cwd=tmp_path)
    assert "Traceback" not in real.stderr
    assert real.returncode == (0 if args in (["validate"], ["--version"]) else 2), real.stderr
    assert real == in_this_process(*args, cwd=tmp_path)


def test_scenarios_are_counted_from_the_training_loader_not_the_pack() -> None:
    # `validate` counts the scenarios screener.training loads and checks; the loader
    # never filled a list on the Pack, so one there could only ever read as empty.
    assert "scenarios" not in {f.name for f in dataclasses.fields(Pack)}


@pytest.mark.parametrize("case", CORPUS, ids=[b.name for b in CORPUS])
def test_validate_a_broken_pack(tmp_path: Path, case: BrokenPack) -> None:
    _root, expected = build(tmp_path, case)
    result = screener("validate", "indicators", cwd=tmp_path)
    assert assert_clean_failure(result) == expected


def test_problems_name_files_as_the_pack_path_was_given(tmp_path: Path) -> None:
    root, expected = build(tmp_path, next(b for b in CORPUS if b.name == "unknown-key-theme"))
    inside = [line.removeprefix("indicators/") for line in expected]
    absolute = screener("validate", str(root))
    assert assert_clean_failure(absolute) == [f"{root}/{line}" for line in inside]
    # From inside the pack, the paths open from where the command ran.
    assert assert_clean_failure(screener("validate", ".", cwd=root)) == inside


def test_validate_a_missing_path(tmp_path: Path) -> None:
    result = screener("validate", "no-such-pack", cwd=tmp_path)
    assert assert_clean_failure(result) == ["no-such-pack: no such folder"]


def test_validate_a_file_instead_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("id: x\n")
    result = screener("validate", "pack.yaml", cwd=tmp_path)
    assert assert_clean_failure(result) == ["pack.yaml: is a file; give the content pack's folder"]


def test_indicators_json() -> None:
    result = screener("indicators", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    assert len(rows) >= 85
    assert len({row["id"] for row in rows}) == len(rows)
    lists = (
        "Home Office county lines guidance",
        "Modern slavery statutory guidance",
        "NSPCC Learning, child trafficking",
        "National Guidance for Child Protection in Scotland",
        "Safeguarding children who may have been trafficked (2011)",
    )
    for row in rows:
        assert set(row) == {"id", "theme", "title", "kind", "sources"}
        assert all(isinstance(row[k], str) and row[k] for k in ("id", "theme", "title"))
        assert row["kind"] in {"sign", "risk-factor"}, row["id"]
        assert row["sources"], row["id"]
        # Every indicator cites a page ("p.27") or a named public list of signs.
        assert any(re.search(r"\bp\.\d+", s) or s.startswith(lists) for s in row["sources"]), row["id"]
    assert {"unexplained-money-gifts", "multiple-phones", "cuckooing", "coached-account"} <= {r["id"] for r in rows}


def test_indicators_text_lists_every_indicator() -> None:
    listed = screener("indicators")
    rows = json.loads(screener("indicators", "--json").stdout)
    assert listed.returncode == 0
    for row in rows:
        kind = row["kind"].replace("-", " ")
        line = rf"^\s+{re.escape(row['id'])}\s+{kind}\s+{re.escape(row['title'])}$"
        assert re.search(line, listed.stdout, flags=re.MULTILINE), row["id"]


def test_indicators_with_a_broken_pack(tmp_path: Path) -> None:
    _root, expected = build(tmp_path, next(b for b in CORPUS if b.name == "duplicate-key"))
    result = screener("indicators", "--json", "--pack", "indicators", cwd=tmp_path)
    assert assert_clean_failure(result) == expected


def test_version() -> None:
    result = screener("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"screener {__version__}"


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--bogus"],
        ["--bogus"],
        ["indicators", "--frobnicate"],
        ["validate", "one", "two"],
        ["summarise"],
        ["summarise", "case.yaml", "--format", "odt"],
        ["summarise", "case.yaml", "--as-at", "tomorrow"],
        ["schema", "everything"],
    ],
    ids=lambda a: " ".join(a),
)
def test_usage_errors_give_a_one_line_hint(tmp_path: Path, args: list[str]) -> None:
    lines = assert_clean_failure(screener(*args, cwd=tmp_path))
    assert len(lines) == 1, lines
    assert lines[0].startswith("screener")
    assert "--help" in lines[0]


COMMAND_LIST = (
    "Commands: validate, test, indicators, summarise, nrm, schema, train, room, serve, area, compare, doctor, "
    "help "
    "(try 'screener --help')"
)


MISTYPED = [
    (["valdate"], "valdate", "validate"),
    (["Validate"], "Validate", "validate"),
    (["sumarise", "case.yaml", "--format", "json"], "sumarise", "summarise"),
    (["summarize", "case.yaml"], "summarize", "summarise"),
    (["indicator", "--json"], "indicator", "indicators"),
    (["ind"], "ind", "indicators"),
    (["--plain", "valdate"], "valdate", "validate"),
    (["--as-at", "2024-11-20", "shcema"], "shcema", "schema"),
    (["trian"], "trian", "train"),
]


@pytest.mark.parametrize(("args", "word", "meant"), MISTYPED, ids=[" ".join(c[0]) for c in MISTYPED])
def test_a_misspelt_command_is_one_clear_line(tmp_path: Path, args: list[str], word: str, meant: str) -> None:
    lines = assert_clean_failure(screener(*args, cwd=tmp_path))
    assert lines == [f"screener: '{word}' is not a command; did you mean '{meant}'? {COMMAND_LIST}"]


@pytest.mark.parametrize(
    ("word", "shown"),
    [
        ("./valdate", "valdate"),  # a path, however close to a command
        ("valdate.yaml", "valdate.yaml"),
        ("cases/valdate", "cases/valdate"),
        ("xyzzy", "xyzzy"),  # close to no command: a case file that is not there
    ],
)
def test_a_case_path_is_still_a_case_path(tmp_path: Path, word: str, shown: str) -> None:
    # Without a command, the first word is a case file to open.
    lines = assert_clean_failure(screener(word, cwd=tmp_path))
    assert lines == [f"{shown}: no such file"]


def test_an_existing_file_named_like_a_command_is_opened_as_a_case(tmp_path: Path) -> None:
    (tmp_path / "valdate").write_text("colour: blue\n", encoding="utf-8")
    lines = assert_clean_failure(screener("valdate", cwd=tmp_path))
    assert lines[0].startswith("valdate:1: ")


def test_a_control_character_in_a_mistyped_command_is_not_printed(tmp_path: Path) -> None:
    lines = assert_clean_failure(screener("val\x1b[2Jdate", cwd=tmp_path))
    assert "\x1b" not in lines[0]
    assert lines[0].startswith("screener: 'val\\x1b[2Jdate' is not a command; did you mean 'validate'?")
