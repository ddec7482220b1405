"""Broken content packs, stored as small patches to the shipped pack.

Each file in ``tests/broken_packs/`` names one defect::

    defect: what is wrong, in a line
    patches:                       # applied in order to a copy of indicators/
      - file: themes/education.yaml
        find: "  id: education\\n"  # must occur exactly once (or use regex: true)
        replace: "  id: education\\n  colour: red\\n"
      - file: themes/new.yaml
        write: "whole file text"   # create or overwrite
      - file: signposts.yaml
        delete: true
      - file: themes/education.yaml
        pad_to: 1048577            # append a comment until the file is this many bytes
    expect:                        # the loader's whole output, in order
      - "indicators/themes/education.yaml:<<colour: red>>: unknown key 'colour'"

``<<TEXT>>`` in an expected line stands for the number of the one line of that
file (after patching) that contains TEXT, or starts with it when written
``<<^TEXT>>``. The expectation stays exact while others edit the shipped
content above the defect; a literal number works too.
"""

from __future__ import annotations

import functools
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from screener.content import Pack, default_pack_path, load_pack

CORPUS = Path(__file__).resolve().parent / "broken_packs"
_MARK = re.compile(r"<<(.+?)>>")


@dataclass
class BrokenPack:
    name: str
    defect: str
    patches: list[dict[str, Any]]
    expect: list[str] = field(default_factory=list)


def corpus() -> list[BrokenPack]:
    return list(_corpus())


@functools.cache
def _corpus() -> tuple[BrokenPack, ...]:
    # Read once a process: two test modules collect the corpus, and every worker collects both.
    return tuple(read_broken(path) for path in sorted(CORPUS.glob("*.yaml")))


def read_broken(path: Path) -> BrokenPack:
    # The corpus is our own test data, so PyYAML's safe loader (LibYAML's where built) is fine here.
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return BrokenPack(path.stem, data["defect"], data["patches"], list(data["expect"]))


def copy_pack(parent: Path) -> Path:
    """A copy of the shipped pack at ``parent/indicators``; problems then read ``indicators/...``."""
    root = parent / "indicators"
    shutil.copytree(default_pack_path(), root)
    return root


def apply(root: Path, patches: list[dict[str, Any]]) -> None:
    for patch in patches:
        target = root / patch["file"]
        if patch.get("delete"):
            target.unlink()
        elif "write" in patch:
            target.write_bytes(patch["write"].encode("utf-8"))
        elif "pad_to" in patch:
            _pad(target, int(patch["pad_to"]))
        else:
            _replace(target, patch)


def _replace(target: Path, patch: dict[str, Any]) -> None:
    text = target.read_text(encoding="utf-8")
    find, replace = patch["find"], patch["replace"]
    if patch.get("regex"):
        found = len(re.findall(find, text, flags=re.MULTILINE))
        new = re.sub(find, replace, text, count=1, flags=re.MULTILINE)
    else:
        found = text.count(find)
        new = text.replace(find, replace, 1)
    # A patch that no longer applies must fail loudly, not test the shipped pack.
    assert found == 1, f"{target.name}: {find!r} occurs {found} times; the patch must match exactly once"
    target.write_bytes(new.encode("utf-8"))


def _pad(target: Path, size: int) -> None:
    data = target.read_bytes()
    filler = size - len(data) - 2
    assert filler >= 0, f"{target.name} is already larger than {size} bytes"
    target.write_bytes(data + b"\n#" + b"x" * filler)
    assert target.stat().st_size == size


def resolve(expected: str, parent: Path) -> str:
    """Replace each ``<<TEXT>>`` with the line of the named file containing TEXT."""
    relative = expected.split(":", 1)[0]
    path = parent / relative

    def line_of(match: re.Match[str]) -> str:
        needle = match.group(1)
        lines = path.read_text(encoding="utf-8").split("\n")
        if needle.startswith("^"):
            hits = [n for n, line in enumerate(lines, 1) if line.startswith(needle[1:])]
        else:
            hits = [n for n, line in enumerate(lines, 1) if needle in line]
        assert len(hits) == 1, f"{relative}: {needle!r} is on lines {hits}; it must be on exactly one"
        return str(hits[0])

    return _MARK.sub(line_of, expected)


def build(parent: Path, broken: BrokenPack | list[BrokenPack]) -> tuple[Path, list[str]]:
    """Copy the pack, apply the patches, and return the pack and its exact expected output."""
    packs = broken if isinstance(broken, list) else [broken]
    root = copy_pack(parent)
    for pack in packs:
        apply(root, pack.patches)
    expected = [resolve(line, parent) for pack in packs for line in pack.expect]
    return root, expected


@functools.cache
def shipped_pack() -> Pack:
    """The shipped pack, loaded once a process: the ``pack`` fixture and the rule tables' collection share it."""
    return load_pack(default_pack_path())
