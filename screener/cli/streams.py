"""The command's standard streams: everything printed passes one sanitiser, and a closed stream is no crash.

Whatever a command prints can quote something from outside: a file name, an
option it did not know, a path from the environment or a config file. Rather
than trust every message to clean what it quotes, ``main`` runs each command
with standard output and error wrapped so that every write goes through
``terminal_safe``: an escape sequence in a file name is shown as ``\\x1b``
wherever it is printed, argparse's own messages included. What the renderers
print is already safe, so for them the wrapper changes nothing.

A stream closed before Screener started (``>&-``, ``<&-``) is None in Python.
Standard input then reads as empty (plain mode ends as at the end of input);
a write to a closed standard output fails as any failed write does, which
``main`` reports in one line; a closed standard error swallows what it is given.
"""

from __future__ import annotations

import contextlib
import errno
import io
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from screener.textsafe import terminal_safe


class _Guarded:
    """A text stream that cleans whatever is written to it, and is otherwise the stream it wraps."""

    def __init__(self, stream: TextIO | io.TextIOBase) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _ClosedOutput(io.TextIOBase):
    """Standard output that was closed before the program started: every write fails, as on a bad descriptor."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """Standard output and error cleaned, and closed standard streams made harmless, while a command runs."""
    saved = sys.stdin, sys.stdout, sys.stderr
    if sys.stdin is None:
        sys.stdin = io.StringIO("")
    sys.stdout = _Guarded(sys.stdout or _ClosedOutput())  # type: ignore[assignment]
    sys.stderr = _Guarded(sys.stderr or io.StringIO())  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
