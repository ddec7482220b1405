"""The docs' runnable commands work as written (see docs/README.md, "Commands in these pages").

Each page's marked blocks run in order, in one fresh folder per page, through bash with the
installed ``screener`` first on PATH, a private HOME and no default area file.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MARKER = re.compile(r"^<!-- (runnable|file: ([\w.-]+)) -->\n```[\w-]*\n(.*?)^```$", re.M | re.S)
ANY_MARKER = re.compile(r"^<!-- (runnable|file:[^>]*) -->", re.M)


def blocks(page: Path) -> list[tuple[str | None, str]]:
    """The page's marked blocks in order: (file name, text) for a file, (None, commands) to run."""
    return [(m[2], m[3]) for m in MARKER.finditer(page.read_text(encoding="utf-8"))]


def test_every_marker_is_followed_by_a_block() -> None:
    # A marker the pattern misses (a typo, a blank line before the fence) would silently run nothing.
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        assert len(ANY_MARKER.findall(text)) == len(blocks(page)), page.name


def test_the_readers_pages_have_commands_to_run() -> None:
    runnable = {page.name for page in PAGES if any(name is None for name, _ in blocks(page))}
    assert {"README.md", "it.md", "training.md", "content.md"} <= runnable


@pytest.mark.parametrize("page", [p for p in PAGES if blocks(p)], ids=lambda p: p.name)
def test_runnable_blocks(page: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCREENER_")}
    env |= {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
    }
    for name, text in blocks(page):
        if name is not None:
            (work / name).write_text(text, encoding="utf-8")
            continue
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", text],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, f"{page.name}:\n{text}\nstdout:\n{done.stdout[-2000:]}\nstderr:\n{done.stderr}"
