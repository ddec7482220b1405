"""Writing a file the user named: check the target, ask before replacing one, write it privately.

One decision for every front end. The Textual app's save and export and plain
mode's saving each supply only *how to ask* "replace it?" (a dialog, a typed
yes/no) and *what to write*; the order of the checks, and when a file is
replaced without asking, are decided here:

1. a target that cannot be written at all (a folder, a device, a bad name) is
   refused before anything is asked;
2. an existing regular file is replaced without asking only when it is the
   caller's own (``ours``: the case file opened or saved already, the summary
   just exported from the same page); otherwise the user is asked, and "no"
   keeps it;
3. the write itself is whole or nothing, 0600 (``screener.export``).

No user interface lives here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from screener.errors import InputError
from screener.safewrite import target_state

# Writes the file (replacing one only when told), and returns the path written.
Writer = Callable[[Path, bool], Path]


@dataclass(frozen=True)
class WriteOutcome:
    """What came of it: the path written, or the problems, or the existing file kept."""

    written: Path | None = None
    problems: tuple[str, ...] = ()
    kept: bool = False


async def write_confirmed(
    path: Path, write: Writer, ask_replace: Callable[[Path], Awaitable[bool]], *, ours: bool = False
) -> WriteOutcome:
    """Write ``path`` with ``write``, asking ``ask_replace`` first if it would replace a file not ``ours``."""
    try:
        exists = target_state(path) == "file"
    except InputError as exc:
        return WriteOutcome(problems=tuple(str(p) for p in exc.problems))
    force = ours
    if exists and not ours:
        if not await ask_replace(path):
            return WriteOutcome(kept=True)
        force = True
    try:
        written = write(path, force)
    except InputError as exc:
        return WriteOutcome(problems=tuple(str(p) for p in exc.problems))
    return WriteOutcome(written=written)


def write_confirmed_now(
    path: Path, write: Writer, ask_replace: Callable[[Path], bool], *, ours: bool = False
) -> WriteOutcome:
    """``write_confirmed`` for a front end that asks synchronously (plain mode)."""

    async def ask(target: Path) -> bool:
        return ask_replace(target)

    steps = write_confirmed(path, write, ask, ours=ours)
    # Nothing in it waits on anything but ``ask``, which answers at once: it runs to its end in one step.
    try:
        steps.send(None)
    except StopIteration as done:
        outcome: WriteOutcome = done.value
        return outcome
    steps.close()
    raise RuntimeError("write_confirmed waited on something other than its question")
