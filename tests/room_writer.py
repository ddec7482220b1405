"""One trainee's process for the thirty-writer test in tests/test_room.py, kept in a module of its
own so a forkserver can import it without the test module's Textual and command-line imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from screener.training.room import Row, record_rows


def write_when_told(room: Path, go: Any, row: Row) -> None:
    """Wait for the others, then record one round."""
    go.wait(timeout=60)
    record_rows(room, [row])
