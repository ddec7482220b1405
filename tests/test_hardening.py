"""Issue 9: no crash loses answers, nothing is left behind, readers never refuse valid input."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.casefile.read import parse_case
from screener.cli import main
from screener.content import Pack
from screener.errors import InputError
from screener.plain import run_plain
from screener.safewrite import target_state, write_private
from screener.textsafe import is_unsafe
from screener.walkthrough import AnswerError, Flow
from screener.walkthrough.session import Session
from screener.yamlio import load_document, parse_yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EW_CASE = HERE / "cases" / "england-wales-county-lines.yaml"
BASE = {"schema": "screener-case/1", "jurisdiction": "scotland", "screening_date": "2024-11-20"}
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def one_line_error(err: str) -> None:
    assert "Traceback" not in err
    assert err.count("\n") == 1, err


# -- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"nrm": {"status": "cg-negative", "decision_on": "9999-12-31"}}, "out of range"),
        ({"dates": {"leave_granted_on": "9999-11-30"}}, "out of range"),
        ({"screening_date": "9999-12-31", "child": {"date_of_birth": "9999-01-01"}}, "out of range"),
        ({"nrm": {"status": "cg-negative", "decision_on": "2024-12-01"}}, "NRM decision date 2024-12-01 is after"),
        ({"dates": {"leave_granted_on": "2025-01-01"}}, "date leave was granted 2025-01-01 is after"),
        ({"child": {"date_of_birth": "2025-01-01"}}, "date of birth 2025-01-01 is after"),
    ],
)
def test_case_dates_are_bounded(tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: dict, message: str) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps({**BASE, **extra}, indent=1), encoding="utf-8")
    assert main(["summarise", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert message in err
    for line in err.splitlines():
        assert line.startswith(f"{path}:") and line.split(":")[1].isdigit()  # file:line


def test_as_at_is_bounded(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["summarise", str(EW_CASE), "--as-at", "9999-12-31"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    one_line_error(err)
    assert "out of range" in err


def test_pack_windows_are_capped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.packtools import copy_pack

    root = copy_pack(tmp_path)
    params = root / "parameters.yaml"
    params.write_text(
        params.read_text(encoding="utf-8").replace("pilot_exclusion_days: 100", "pilot_exclusion_days: 1000000000")
    )
    assert main(["validate", str(root)]) == 2
    err = capsys.readouterr().err
    assert "pilot_exclusion_days: must be at most 3660" in err, err


# -- paths the system cannot use --------------------------------------------------------

BAD_PATHS = ["bad\0name.md", "x" * 300 + ".md", "a/" + "y" * 256 + "/b.md"]


@pytest.mark.parametrize("bad", BAD_PATHS)
def test_a_bad_path_anywhere_on_the_command_line_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    for argv in (
        ["summarise", bad],
        ["summarise", str(EW_CASE), "--pack", bad],
        ["summarise", str(EW_CASE), "--output", str(tmp_path / bad)],
        ["validate", bad],
        ["train", "--facilitator-pack", "--output", str(tmp_path / bad)],
    ):
        assert main(argv) == 2, argv
        _, err = capsys.readouterr()
        one_line_error(err)
    assert sorted(os.listdir(tmp_path)) == []


def test_target_state_refuses_special_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="a pipe"):
        target_state(fifo)
    with pytest.raises(InputError, match="never replaced"):
        write_private(fifo, "x", force=True)
    link = tmp_path / "null-link"
    link.symlink_to("/dev/null")
    with pytest.raises(InputError, match="a device"):
        write_private(link, "x", force=True)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and link.is_symlink()


def test_a_legal_250_character_name_is_written(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 247 + ".md")
    write_private(target, "hello")
    assert target.read_text() == "hello"
    write_private(target, "again", force=True)
    assert target.read_text() == "again"
    assert sorted(os.listdir(tmp_path)) == [target.name]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_full_stdout_is_one_line_and_exit_2() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "screener", "summarise", str(EW_CASE)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            check=False,
        )
    assert result.returncode == 2
    one_line_error(result.stderr)


CLOSED = "screener: could not write to standard output: standard output is closed\n"


@pytest.mark.parametrize(
    ("closed", "argv", "code", "err"),
    [
        (1, ["summarise", str(EW_CASE)], 2, CLOSED),
        (1, ["indicators"], 2, CLOSED),
        (1, ["--plain", str(EW_CASE)], 2, CLOSED),
        (0, ["--plain"], 0, ""),  # a closed input is the end of input: nothing chosen, nothing written
        (0, ["train", "--plain"], 0, ""),
    ],
)
def test_a_closed_standard_stream_is_no_traceback(closed: int, argv: list[str], code: int, err: str) -> None:
    # `>&-` and `<&-`: Python starts with sys.stdout or sys.stdin None.
    result = subprocess.run(
        [sys.executable, "-m", "screener", *argv],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        preexec_fn=lambda: os.close(closed),
        check=False,
    )
    assert (result.returncode, result.stderr) == (code, err)


# -- plain mode keeps every answer --------------------------------------------------------


def test_plain_mode_survives_a_bad_file_name_and_non_utf8_input(pack: Pack, tmp_path: Path) -> None:
    os.chdir(tmp_path)
    raw = b"1\n" + b"T-\xff\xfe1\n" + b"T-1\n" + b"\n" * 60
    # Walk to the end with Enter, then save the case under bad names, then under a good one.
    script = raw + b"2\n" + b"bad\0name.yaml\n" + b"2\n" + ("z" * 300).encode() + b"\n" + b"2\nok.yaml\n4\n"
    stdin = io.TextIOWrapper(io.BytesIO(script), encoding="utf-8")
    out = io.StringIO()
    code = run_plain(Session.open(pack, None), stdin=stdin, stdout=out)
    text = out.getvalue()
    assert code == 0
    assert "not UTF-8" in text
    assert "Could not write the case file" in text
    saved = (tmp_path / "ok.yaml").read_text(encoding="utf-8")
    assert "reference: T-1" in saved and "jurisdiction: england-wales" in saved
    assert sorted(os.listdir(tmp_path)) == ["ok.yaml"]


# -- writes leave nothing behind ----------------------------------------------------------

_SLOW_WRITER = """
import os, sys, time
from pathlib import Path
import screener.safewrite as export
if sys.argv[2] == "named":
    export._unnamed = lambda folder: None
real = os.fsync
def slow(fd):
    real(fd)
    print("writing", flush=True)
    time.sleep(30)
os.fsync = slow
export.write_private(Path(sys.argv[1]), "case details " * 1000)
"""


@pytest.mark.parametrize(
    ("how", "sig"),
    [("named", signal.SIGTERM), ("named", signal.SIGHUP), ("unnamed", signal.SIGKILL), ("unnamed", signal.SIGTERM)],
)
def test_a_signal_during_a_write_leaves_nothing(tmp_path: Path, how: str, sig: signal.Signals) -> None:
    target = tmp_path / "out" / "summary.md"
    target.parent.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(target), how],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "writing\n"
    if how == "named":
        assert len(os.listdir(target.parent)) == 1  # the temporary file, mid-write
    else:
        assert os.listdir(target.parent) == []  # unnamed: nothing to see even now
    proc.send_signal(sig)
    assert proc.wait(timeout=20) == -sig
    assert os.listdir(target.parent) == []


# -- readers accept valid JSON ----------------------------------------------------------


def test_valid_json_laid_out_oddly_is_accepted(tmp_path: Path, pack: Pack) -> None:
    path = tmp_path / "case.json"
    path.write_text('{"schema"\n: "screener-case/1", "jurisdiction": "scotland", "notes": "x"}', encoding="utf-8")
    doc = load_document(path)
    assert doc.data["jurisdiction"] == "scotland"
    long_key = "k" * 1100
    path.write_text(json.dumps({**BASE, "facts": {long_key: "yes"}}), encoding="utf-8")
    with pytest.raises(InputError, match="unknown fact"):
        parse_case(load_document(path), set(pack.questions), set(pack.indicators))


# -- fuzzing: a clean error or success, never a traceback -----------------------------------

_text = st.text(st.characters(codec="utf-8"), max_size=40)
_values = st.recursive(
    st.none() | st.booleans() | st.integers() | _text | st.dates().map(str),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)
_CASE_KEYS = ["reference", "jurisdiction", "screening_date", "child", "facts", "nrm", "dates", "indicators", "notes"]


@FUZZ
@given(st.dictionaries(st.sampled_from(_CASE_KEYS), _values, max_size=6))
def test_fuzz_the_case_reader(pack: Pack, data: dict) -> None:
    text = json.dumps({"schema": "screener-case/1", **data}, indent=1)
    try:
        parse_case(parse_yaml(text, "case.json"), set(pack.questions), set(pack.indicators))
    except InputError as exc:
        for problem in exc.problems:
            assert problem.path == "case.json"
            assert "\n" not in str(problem)


@FUZZ
@given(st.text(max_size=200))
def test_fuzz_yaml_text(text: str) -> None:
    try:
        parse_yaml(text, "x.yaml")
    except InputError as exc:
        assert exc.problems


@FUZZ
@given(_text)
def test_fuzz_typed_answers(pack: Pack, typed: str) -> None:
    flow = Flow(pack)
    answers = flow.new_answers()
    answers = answers.with_answer(flow.jurisdiction_question(), "england-wales")
    for question in flow.questions(answers):
        if question.kind in ("text", "date", "age"):
            try:
                flow.parse(question, typed, answers)
            except AnswerError as exc:
                assert "\x1b" not in str(exc)


# What a person might type at any prompt: the keys each prompt knows, numbers in and out of
# range (past int()'s 4,300 digits, in other scripts' digits), dates, and anything at all.
_typed_line = (
    st.sampled_from(["", "1", "2", "3", "4", "5", "9", "n", "b", "q", "r", "v", "?", "? 2", "yes", "no", "1 3"])
    | st.sampled_from(["0", "-1", "2024-11-20", "2099-01-01", "15", "none", "\u0663", "\u00b2", "9" * 5000])
    | st.text(st.characters(codec="utf-8", exclude_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), max_size=30)
)
_typed_lines = st.lists(_typed_line, max_size=60)


@FUZZ
@given(_typed_lines)
def test_fuzz_typed_answers_at_every_plain_prompt(
    pack: Pack, tmp_path_factory: pytest.TempPathFactory, lines: list[str]
) -> None:
    out = io.StringIO()
    # A save or export typed by chance lands in a folder of its own.
    with contextlib.chdir(tmp_path_factory.mktemp("plain")):
        code = run_plain(Session.open(pack, None), stdin=io.StringIO("".join(f"{x}\n" for x in lines)), stdout=out)
    assert code == 0
    assert not [c for c in out.getvalue() if c not in "\n\t" and is_unsafe(c)]


@pytest.fixture(scope="module")
def scenarios(pack: Pack) -> list[Any]:
    from screener.training import load_scenarios

    return load_scenarios(pack, ROOT / "indicators")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_typed_lines)
def test_fuzz_typed_answers_at_every_training_prompt(
    pack: Pack, scenarios: list[Any], tmp_path_factory: pytest.TempPathFactory, lines: list[str]
) -> None:
    from screener.plain.training import run_plain_training

    out = io.StringIO()
    stdin = io.StringIO("".join(f"{x}\n" for x in ["1", *lines]))
    with contextlib.chdir(tmp_path_factory.mktemp("train")):
        assert run_plain_training(pack, scenarios, mode="practice", stdin=stdin, stdout=out) == 0
    assert not [c for c in out.getvalue() if c not in "\n\t" and is_unsafe(c)]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["questions.yaml", "signposts.yaml", "parameters.yaml", "themes/education.yaml"]),
    st.binary(max_size=300),
)
def test_fuzz_the_pack_loader(tmp_path_factory: pytest.TempPathFactory, name: str, junk: bytes) -> None:
    from screener.content import load_pack
    from tests.packtools import copy_pack

    root = copy_pack(tmp_path_factory.mktemp("pack"))
    path = root / name
    path.write_bytes(path.read_bytes()[: len(junk) * 7] + junk)
    try:
        load_pack(root)
    except InputError as exc:
        assert exc.problems


# -- the TUI keeps the answers and the screen when a save or export fails -------------------


async def test_a_failed_save_or_export_keeps_the_answers_and_the_screen(pack: Pack, tmp_path: Path) -> None:
    from textual.widgets import Input

    from screener.casefile.read import load_case
    from screener.tui.app import ScreenerApp
    from screener.tui.dialogs import PathDialog
    from screener.tui.screens.export import ExportScreen
    from screener.walkthrough import Answers

    case = load_case(EW_CASE, set(pack.questions), set(pack.indicators))
    app = ScreenerApp(Session(Flow(pack), Answers.from_case(pack, case)))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n", "3", "enter")  # change an answer: now unsaved
        before = app.answers
        screen = app.screen
        for bad in (str(tmp_path / ("z" * 300)), str(tmp_path / "missing" / "x.yaml")):
            await pilot.press("ctrl+s")
            for _ in range(50):
                if isinstance(app.screen, PathDialog):
                    break
                await pilot.pause()
            app.screen.query_one(Input).value = bad
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.is_running and app.screen is screen
            assert app.answers == before and app.unsaved
        # A name ending in "/" names a folder: the dialog says so and stays open.
        await pilot.press("ctrl+s")
        for _ in range(50):
            if isinstance(app.screen, PathDialog):
                break
            await pilot.pause()
        app.screen.query_one(Input).value = f"{tmp_path / 'newdir'}/"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        assert "names a folder" in str(app.screen.query_one("#path-error").render())
        await pilot.press("escape")
        await pilot.pause()
        app.go_to("export")
        for _ in range(50):
            if isinstance(app.screen, ExportScreen):
                break
            await pilot.pause()
        for _ in range(10):
            await pilot.pause()
        export = app.screen
        assert isinstance(export, ExportScreen)
        export.query_one("#export-path", Input).value = str(tmp_path / ("e" * 300))
        export.export()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ExportScreen)
        status = str(app.screen.query_one("#export-status").render())
        assert "too long" in status and "Nothing was written" in status
        export.query_one("#export-path", Input).value = f"{tmp_path / 'newdir'}/"
        export.export()
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#export-status").render())
        assert "names a folder" in status and "Nothing was written" in status
        assert app.answers == before
    assert os.listdir(tmp_path) == []


def test_validate_refuses_a_derived_fact_of_another_jurisdiction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.packtools import copy_pack

    root = copy_pack(tmp_path)
    path = root / "jurisdictions" / "northern-ireland.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "when: {fact: under_18}" in row)
    path.write_text(
        text.replace("when: {fact: under_18}", "when: {fact: scotland_support_continues}", 1), encoding="utf-8"
    )
    assert main(["validate", str(root)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"{path}:{line}: 'scotland_support_continues' is worked out for scotland only, not northern-ireland\n"
    )


def test_validate_refuses_empty_groups_pipes_and_outside_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.packtools import copy_pack

    root = copy_pack(tmp_path / "p")
    os.mkfifo(root / "themes" / "zz-pipe.yaml")
    outside = tmp_path / "outside.yaml"
    outside.write_text((root / "themes" / "education.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (root / "themes" / "education.yaml").unlink()
    (root / "themes" / "education.yaml").symlink_to(outside)
    signposts = root / "signposts.yaml"
    text = signposts.read_text(encoding="utf-8")
    signposts.write_text(
        text.replace("    urgency: today\n", "    urgency: today\n    when: {any: []}\n", 1), encoding="utf-8"
    )
    assert main(["validate", str(root)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{root / 'themes' / 'zz-pipe.yaml'}: is not a regular file" in err
    assert f"{root / 'themes' / 'education.yaml'}: is a link to a file outside the pack" in err
    assert "an empty 'any' list is never met" in err


def test_a_flood_of_errors_is_cut_at_50(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps({**BASE, "facts": {f"f{n}": "yes" for n in range(3000)}}, indent=1), encoding="utf-8")
    assert main(["summarise", str(path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 51
    assert lines[-1] == "screener: … and 2950 more problems"
