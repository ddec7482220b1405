"""A process's own memory, CPU time and children, from Linux's /proc: the benchmarks' one way to measure them."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def memory_of(pid: int) -> tuple[float, float] | None:
    """USS and PSS of ``pid`` in MB (from /proc/PID/smaps_rollup), or None if it cannot be read.

    USS is the pages no other process shares (what this process alone costs), PSS its fair
    share of the shared ones too; RSS would count a forked child's shared pages in full.
    """
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]
        fields = {line.split(":")[0]: int(line.split()[1]) for line in lines}
    except (OSError, ValueError, IndexError):
        return None
    return (fields["Private_Clean"] + fields["Private_Dirty"]) / 1024, fields["Pss"] / 1024


def cpu_seconds(pid: int) -> float | None:
    """The CPU time ``pid`` has used so far, user and system (its threads too), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def parent_of(pid: int) -> int | None:
    with contextlib.suppress(OSError, IndexError, ValueError):
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    return None


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, nearest first."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            ppid = parent_of(int(entry.name))
            if ppid is not None:
                parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        children = parents.get(todo.pop(0), [])
        found += children
        todo += children
    return found
