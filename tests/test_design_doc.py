"""docs/design.md names every module and package as the tree has them, and no other."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DESIGN = ROOT / "docs" / "design.md"
PACKAGE = ROOT / "screener"


def tree() -> set[str]:
    """Every module (``engine/screen.py``) and package (``engine/``) under screener/."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if "__pycache__" in path.parts:
            continue
        rel = path.relative_to(PACKAGE).as_posix()
        found.add(rel.removesuffix("__init__.py") if path.name == "__init__.py" else rel)
    found.discard("")
    return found


def module_map(text: str) -> set[str]:
    """The entries of the map: a name a line, indented two spaces a level under ``screener/``."""
    block = text.split("## Module map", 1)[1].split("```text\n", 1)[1].split("\n```", 1)[0]
    lines = block.splitlines()
    assert lines[0].startswith("screener/ ")
    entries: set[str] = set()
    parents: list[str] = []
    for line in lines[1:]:
        depth = (len(line) - len(line.lstrip(" "))) // 2
        name = line.split()[0]
        parents = [*parents[: depth - 1], name]
        entries.add("/".join(p.rstrip("/") for p in parents) + ("/" if name.endswith("/") else ""))
    return entries


def test_the_module_map_is_the_tree() -> None:
    named = module_map(DESIGN.read_text(encoding="utf-8"))
    actual = tree()
    assert sorted(actual - named) == [], "in the tree, missing from docs/design.md's module map"
    assert sorted(named - actual) == [], "in docs/design.md's module map, not in the tree"


def test_every_path_the_design_names_exists() -> None:
    text = DESIGN.read_text(encoding="utf-8")
    paths = set(re.findall(r"`(screener/[\w/.]*|tests/[\w/.*-]*|benchmarks/[\w/.]*|docs/[\w/.]*)`", text))
    assert len(paths) > 10
    missing = [p for p in sorted(paths) if not list(ROOT.glob(p))]
    assert missing == []


def test_the_readme_links_the_design() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/design.md)" in readme


def test_the_map_reader_sees_a_missing_module() -> None:
    # Guards the first test against passing because the parsing is wrong.
    text = "## Module map\n```text\nscreener/  x\n  engine/  e\n    screen.py  s\n  summary.py  d\n```\n"
    assert module_map(text) == {"engine/", "engine/screen.py", "summary.py"}
