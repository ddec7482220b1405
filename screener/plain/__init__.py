"""Plain mode: the walkthrough as numbered questions on standard output, for screen readers.

``screener --plain``, and automatically when standard input or output is not a
terminal. The same flow as the Textual app (``screener.walkthrough``), one question at a
time, no redraws and no colour. This module never imports Textual.

What it prints and reads, exactly:

- A welcome (``flow.welcome_lines``) and the keys.
- Each question as ``Question 3 of 12: <prompt>`` (``Question 1: …`` while the
  number of questions is not yet known, before the part of the UK is chosen). The
  total holds from then on: a question asked only because of an earlier answer
  (a decision date) is ``An extra question after question 17: <prompt>``.
  then a line ``Now: <current answer>`` when something is recorded, then
  numbered options ``1. …``, and the prompt ``Answer: ``.
- Choice questions take the option's number, or its first word (``yes``,
  ``no``, ``scotland``); ``n`` is Not known.
- Indicator questions (one per theme) take every noticed indicator's number,
  separated by spaces or commas, and ``n`` (or ``0``) for none noticed;
  ``? 2`` explains indicator 2.
- Date, age and reference questions take the typed text; ``n`` is not known / none.
- Everywhere: Enter keeps the current answer, ``b`` goes back, ``?`` explains why
  the question is asked, ``d`` changes the screening date (typed day first, said back
  in words; not in training), ``q`` quits (asking first when answers are unsaved).
- After the last question, ``Review`` lists every answer numbered; a number
  changes that answer, Enter goes on to the summary.
- The summary is printed as plain text with no tables (each table row is a
  "label: value" line, read aloud in order), between ``--- Summary ---`` and
  ``--- End of summary ---`` lines. Saving it offers Markdown, text, HTML or JSON.
- Then ``What next?``: ``1`` save the summary, ``2`` save the case file, ``3``
  back to the review, ``4`` finish. Saving asks for a format and a file name and
  never replaces a file without ``yes``.
- At the end of input (ctrl+d, or a piped file running out) it stops: it prints
  the summary if it has not yet, writes nothing, and exits 0.

When standard input is not a terminal each answer read is echoed after its
prompt, so that a transcript reads as a dialogue.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from typing import TextIO

from screener import heap
from screener.plain.session import Plain, Quit
from screener.textsafe import printable
from screener.walkthrough.session import Session

__all__ = ["Plain", "Quit", "line_reader", "run_plain"]


def line_reader(stdin: TextIO, stdout: TextIO) -> Callable[[str], str]:
    """Read a line after writing ``prompt``, echoing it (for a piped, not typed, session)."""

    def read(prompt: str) -> str:
        stdout.write(prompt)
        stdout.flush()
        line = stdin.readline()
        if not line:
            raise EOFError
        # Echoed so that a transcript of a piped session reads as a dialogue; made
        # printable, since whatever was piped in must not drive the terminal.
        line = line.rstrip("\r\n")
        stdout.write(printable(line) + "\n")
        return line

    return read


def reader(stdin: TextIO, stdout: TextIO) -> Callable[[str], str]:
    """How plain mode reads a line: ``input`` (line editing) at a terminal, else ``line_reader``.

    Bytes that are not UTF-8 must not end the session (and lose its answers): they are
    read as lone surrogates, which ``Plain.ask`` refuses.
    """
    reconfigure = getattr(stdin, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(OSError, ValueError):
            reconfigure(errors="surrogateescape")
    interactive = stdin is sys.stdin and stdout is sys.stdout and stdin.isatty()
    return input if interactive else line_reader(stdin, stdout)


def run_plain(session: Session, *, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run the plain walkthrough of ``session`` (``Session.open(...)``); 0 when it ends, however it ends."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    plain = Plain(session, read=reader(stdin, stdout), write=stdout.write)
    heap.settle()
    return plain.run()
