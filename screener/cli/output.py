"""A command's output: on standard output, or written whole to ``--output`` through the one write decision."""

from __future__ import annotations

import sys
from pathlib import Path

from screener.errors import InputError
from screener.textsafe import printable


def check_format(fmt: str | None, output: Path | None, force: bool = False) -> None:
    """Refused before any work, in one line: a PDF where none can be made, a binary file to a terminal,
    an ``--output`` that cannot be written (a missing folder, a folder, a file there without ``--force``).

    ``emit`` checks the output again as it writes; this only saves laying out a long document
    (the facilitator pack takes seconds) for a file that could never be written."""
    from screener.render.formats import BY_KEY

    if fmt == "pdf":
        from screener.render.pdf import check_available

        check_available()
    if fmt is not None and BY_KEY[fmt].binary and output is None and sys.stdout.isatty():
        raise InputError.single("screener", f"--format {fmt} makes a file: give --output PATH")
    if output is not None:
        from screener.writing.plan import plan_write, refuse_unasked

        refuse_unasked(plan_write(output, replace=force))


def emit(data: str | bytes, output: Path | None, force: bool) -> int:
    """``data`` on standard output, or written to ``output`` (mode 0600, replacing a file only with ``--force``)."""
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return 0
    from screener.writing.plan import Refused, plan_write, refuse_unasked, write

    written = write(refuse_unasked(plan_write(output, replace=force)), data)
    if isinstance(written, Refused):
        raise written.error()
    sys.stderr.write(f"screener: wrote {printable(written)}\n")
    return 0
