"""The docs' runnable commands work as written (see docs/README.md, "Commands in these pages").

Each page's marked blocks run in order, in one fresh folder per page, with a private HOME
and no default area file. A line that is a plain ``screener`` command (with ``> FILE`` at
most) is run by Screener's own command line in this process (tests/clirun.py), as the
installed ``screener`` runs it, and must exit 0; any other block runs through bash. One test
runs the installed ``screener`` from ``PATH`` through bash, so the entry point itself is tried.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.clirun import in_this_process

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MARKER = re.compile(r"^<!-- (runnable|file: ([\w.-]+)) -->\n```[\w-]*\n(.*?)^```$", re.M | re.S)
ANY_MARKER = re.compile(r"^<!-- (runnable|file:[^>]*) -->", re.M)
# Characters that make a line more than one command with its arguments: bash runs those.
SHELL = set("|&;<>()$`*?[]{}~\\\"'#")


def blocks(page: Path) -> list[tuple[str | None, str]]:
    """The page's marked blocks in order: (file name, text) for a file, (None, commands) to run."""
    return [(m[2], m[3]) for m in MARKER.finditer(page.read_text(encoding="utf-8"))]


def screener_command(line: str) -> tuple[list[str], str | None] | None:
    """``screener ARGS [> FILE]`` as (ARGS, FILE); None for anything bash must run."""
    command, _, output = line.partition(" > ")
    if set(command) & SHELL or (output and (set(output) & SHELL or " " in output.strip())):
        return None
    words = shlex.split(command)
    if not words or words[0] != "screener":
        return None
    return words[1:], output.strip() or None


def test_every_marker_is_followed_by_a_block() -> None:
    # A marker the pattern misses (a typo, a blank line before the fence) would silently run nothing.
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        assert len(ANY_MARKER.findall(text)) == len(blocks(page)), page.name


def test_the_readers_pages_have_commands_to_run() -> None:
    runnable = {page.name for page in PAGES if any(name is None for name, _ in blocks(page))}
    assert {"README.md", "it.md", "training.md", "content.md"} <= runnable


def test_a_screener_line_is_run_here_and_anything_else_by_bash() -> None:
    assert screener_command("screener doctor > doctor.txt") == (["doctor"], "doctor.txt")
    assert screener_command("screener summarise case.yaml --format html") == (
        ["summarise", "case.yaml", "--format", "html"],
        None,
    )
    for line in ("screener doctor | head", "cd x && screener validate", "ls", "screener area new $HOME/a.yaml"):
        assert screener_command(line) is None, line


def bash(text: str, work: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCREENER_")}
    env |= {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
    }
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", text],
        cwd=work,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_installed_screener_on_path_runs(tmp_path: Path) -> None:
    done = bash("screener --version", tmp_path, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("screener ")


@pytest.mark.parametrize("page", [p for p in PAGES if blocks(p)], ids=lambda p: p.name)
def test_runnable_blocks(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    for key in [k for k in os.environ if k.startswith("SCREENER_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    for name, text in blocks(page):
        if name is not None:
            (work / name).write_text(text, encoding="utf-8")
            continue
        lines = [line for line in text.splitlines() if line.strip()]
        commands = [screener_command(line) for line in lines]
        if None in commands:
            done = bash(text, work, home)
            assert done.returncode == 0, f"{page.name}:\n{text}\nstdout:\n{done.stdout[-2000:]}\nstderr:\n{done.stderr}"
            continue
        for line, command in zip(lines, commands, strict=True):
            assert command is not None
            args, output = command
            ran = in_this_process(*args, cwd=work)
            assert ran.returncode == 0, f"{page.name}: {line}\nstdout:\n{ran.stdout[-2000:]}\nstderr:\n{ran.stderr}"
            if output is not None:
                (work / output).write_text(ran.stdout, encoding="utf-8")
