"""One way to compare output with a golden file, for every test that keeps one.

Rewrite the golden files a test reads with ``SCREENER_UPDATE_GOLDEN=1 pytest <that test file>``
and read the diff before committing: a golden file changes only when the output is meant to.
"""

from __future__ import annotations

import os
from pathlib import Path

SWITCH = "SCREENER_UPDATE_GOLDEN"


def updating() -> bool:
    return os.environ.get(SWITCH) == "1"


def assert_golden(golden: Path, text: str) -> None:
    """The text, as UTF-8 bytes, is the golden file's, byte for byte (rewritten first when updating)."""
    data = text.encode("utf-8")
    if updating():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
    assert golden.exists(), f"no golden file {golden.name}; run with {SWITCH}=1"
    assert data == golden.read_bytes(), (
        f"{golden.name} differs; if the change is intended, rerun with {SWITCH}=1 and review the diff"
    )
