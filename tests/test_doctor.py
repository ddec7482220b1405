"""``screener doctor``: its facts from the environment as each terminal leaves it, in a pipe and in tmux."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from screener import doctor
from screener.cli import main
from screener.content import Pack
from screener.doctor import Fact, examine, report
from screener.terminal import OLD_CONSOLE_ADVICE, old_console
from tests.clirun import ROOT, in_a_process, in_this_process

TODAY = dt.date(2026, 12, 6)
# What cmd.exe or PowerShell in the old console host leaves in the environment: no WT_SESSION, no TERM.
OLD_CONSOLE = {
    "SystemRoot": "C:\\WINDOWS",
    "ComSpec": "C:\\WINDOWS\\system32\\cmd.exe",
    "OS": "Windows_NT",
    "PATHEXT": ".COM;.EXE;.BAT;.CMD",
    "PROMPT": "$P$G",
    "USERPROFILE": "C:\\Users\\practitioner",
}


class Tty(io.StringIO):
    """A terminal's output stream as doctor sees it: a tty, UTF-8, its size not known."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


def _said(facts: list[Fact], topic: str) -> Fact:
    return next(f for f in facts if f.topic == topic)


def test_the_old_console_is_told_to_use_windows_terminal_or_plain() -> None:
    facts = doctor.terminal(OLD_CONSOLE, "win32", Tty())
    assert "old Windows console" in _said(facts, "Terminal").says
    assert _said(facts, "Terminal").to_do == OLD_CONSOLE_ADVICE
    assert "Windows Terminal" in OLD_CONSOLE_ADVICE and "screener --plain" in OLD_CONSOLE_ADVICE
    assert _said(facts, "Colours").says == "16 (the old console's palette)"
    assert "Windows Terminal" in _said(facts, "Drawing").to_do


@pytest.mark.parametrize(
    ("extra", "name"),
    [
        ({"WT_SESSION": "0f1c5c8e-8d3c-4b7e-9b8a-1d2e3f4a5b6c"}, "Windows Terminal"),
        ({"TERM_PROGRAM": "vscode"}, "vscode"),
        ({"TERM": "xterm-256color"}, "xterm-256color"),  # mintty (Git Bash)
    ],
)
def test_other_windows_terminals_get_no_advice(extra: dict[str, str], name: str) -> None:
    env = OLD_CONSOLE | extra
    assert not old_console(env, "win32")
    facts = doctor.terminal(env, "win32", Tty())
    assert _said(facts, "Terminal") == Fact("Terminal", name)
    assert OLD_CONSOLE_ADVICE not in report(facts)


def test_only_windows_has_the_old_console() -> None:
    assert old_console(OLD_CONSOLE, "win32")
    assert not old_console({}, "linux") and not old_console({}, "darwin")


def test_an_encoding_without_the_marks_is_told_what_to_do() -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    drawing = _said(doctor.terminal({"TERM": "xterm"}, "linux", stream), "Drawing")
    assert "cannot be written in cp1252" in drawing.says and "UTF-8" in drawing.to_do


def test_a_pack_past_its_review_date_says_so() -> None:
    reviewed = _said(doctor.pack_facts(dt.date(2027, 6, 2)), "Reviewed")
    assert reviewed.says.endswith("(passed)") and "updated Screener" in reviewed.to_do
    assert _said(doctor.pack_facts(TODAY), "Reviewed").to_do == ""


def test_a_broken_pack_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("id: [\n", encoding="utf-8")
    fact = _said(doctor.pack_facts(TODAY, tmp_path), "Pack")
    assert "refused" in fact.says and fact.to_do == "run: screener validate"


def test_extras_are_what_imports(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doctor, "_importable", lambda module, load: module == "textual_serve")
    assert doctor.extras() == [
        Fact("Extras", "installed: serve; not installed: pdf", "only if needed: pip install 'screener[pdf]'")
    ]


def test_a_module_found_but_failing_to_import_is_not_installed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # WeasyPrint without Pango is found but fails as it is imported: not usable, so not installed.
    (tmp_path / "needs_pango.py").write_text("raise OSError('cannot load library libpango')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert not doctor._importable("needs_pango")
    assert not doctor._importable("no_such_module_here")
    assert doctor._importable("json")


def test_the_area_file_in_use_and_a_missing_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv("SCREENER_AREA", raising=False)
    assert "no default" in doctor.area_facts({})[0].says
    area = ROOT / "indicators" / "areas" / "example-borough.yaml"
    monkeypatch.setenv("SCREENER_AREA", str(area))
    fact = doctor.area_facts({"SCREENER_AREA": str(area)})[0]
    assert fact.says == f"{area} (from $SCREENER_AREA)" and "screener area check" in fact.to_do
    monkeypatch.setenv("SCREENER_AREA", str(tmp_path / "gone.yaml"))
    assert "unset it" in doctor.area_facts({"SCREENER_AREA": "x"})[0].to_do
    monkeypatch.delenv("SCREENER_AREA")
    (tmp_path / "screener").mkdir()
    (tmp_path / "screener" / "area").write_bytes(b"\xff\xfe not a path\n")
    fact = doctor.area_facts({})[0]
    assert "unreadable" in fact.says and "not UTF-8" in fact.says and fact.to_do == "screener area use --none"


def test_one_screen_in_a_pipe() -> None:
    ran = in_a_process("doctor")
    assert ran.returncode == 0 and ran.stderr == ""
    lines = ran.stdout.splitlines()
    assert len(lines) <= 24 and max(map(len, lines)) <= 80
    assert "output is not a terminal" in ran.stdout
    digest = in_this_process("validate").stdout.rsplit("digest ", 1)[1].strip()
    assert f"Digest   {digest}" in lines


def test_it_runs_where_output_takes_ascii_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Standard output as PYTHONIOENCODING=ascii leaves it: a character it cannot take fails the write.
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii", errors="strict")
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["doctor"]) == 0
    out.flush()
    assert capsys.readouterr().err == ""
    assert "cannot be written in ascii" in raw.getvalue().decode("ascii")


def test_examine_names_each_topic() -> None:
    topics = [f.topic for f in examine(OLD_CONSOLE, "win32", Tty(), TODAY)]
    assert topics[:5] == ["Screener", "Terminal", "Colours", "Size", "Drawing"]
    assert {"Pack", "Digest", "Reviewed", "Record", "Area", "Extras"} <= set(topics)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_in_tmux(tmp_path: Path) -> None:
    session = f"doctor-{os.getpid()}"
    out = tmp_path / "shown.txt"
    command = f"{sys.executable} -m screener doctor; echo exit=$? ; sleep 30"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run(["tmux", "new", "-d", "-s", session, "-x", "100", "-y", "30", command], env=env, check=True)
    try:
        shown = ""
        for _ in range(200):
            shown = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
            if "exit=" in shown:
                break
            time.sleep(0.1)
        out.write_text(shown, encoding="utf-8")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    assert "exit=0" in shown
    assert "Size     100x30" in shown
    assert "Terminal " in shown and "not a terminal" not in shown


@pytest.mark.parametrize("old", [True, False])
def test_the_walkthrough_gives_the_advice_once_at_start_in_the_old_console(
    old: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argparse

    from screener.cli import cases
    from screener.tui import app as tui_app

    started: list[object] = []

    def run_app(app: object) -> int:
        started.append(app)
        return 0

    monkeypatch.setattr(cases, "old_console", lambda: old)
    monkeypatch.setattr(cases, "can_run_app", lambda: True)
    monkeypatch.setattr(tui_app, "run_app", run_app)
    args = argparse.Namespace(pack=None, case=None, area=None, no_area=True, plain=False, as_at=None)
    assert cases.run_walkthrough(args) == 0
    assert isinstance(started[0], tui_app.ScreenerApp)
    assert started[0].start_notice == (OLD_CONSOLE_ADVICE if old else None)


async def test_the_start_notice_is_shown_once(pack: Pack) -> None:
    from screener.tui.app import ScreenerApp
    from screener.walkthrough.session import Session

    app = ScreenerApp(Session.open(pack, None))
    app.start_notice = OLD_CONSOLE_ADVICE
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert [n.message for n in app._notifications] == [OLD_CONSOLE_ADVICE]
        await pilot.press("n")
        await pilot.pause()
        assert [n.message for n in app._notifications] == [OLD_CONSOLE_ADVICE]
