"""Where a command's output goes: standard output, or a file written whole (mode 0600, never over one unasked)."""

from __future__ import annotations

import sys
from pathlib import Path

from screener.errors import InputError
from screener.textsafe import printable


def check_format(fmt: str | None, output: Path | None) -> None:
    """Refused before any work, in one line: a PDF where none can be made, a binary file to a terminal."""
    from screener.render import BINARY

    if fmt == "pdf":
        from screener.render.pdf import check_available

        check_available()
    if fmt in BINARY and output is None and sys.stdout.isatty():
        raise InputError.single("screener", f"--format {fmt} makes a file: give --output PATH")


def emit(data: str | bytes, output: Path | None, force: bool) -> int:
    """``data`` on standard output, or written whole to ``output`` (replaced only with ``force``)."""
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return 0
    from screener.safewrite import write_private

    written = write_private(output, data, force=force)
    sys.stderr.write(f"screener: wrote {printable(written)}\n")
    return 0
