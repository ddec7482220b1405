"""The summary as plain text: 78 columns, no markup, no terminal codes.

Written for reading in a terminal, pasting into a case record, and listening
to with a screen reader: headings are underlined rather than decorated, lists
are marked with a dash or a number, and a table too wide for the page becomes
"label: value" lines, which read aloud in order.
"""

from __future__ import annotations

import textwrap

from screener.render.document import Block, Bullets, Heading, Para, Quote, Table, build
from screener.summary import Summary
from screener.textsafe import clean_line

WIDTH = 78
GAP = "  "
UNDERLINE = {1: "=", 2: "-", 3: "~"}


# Content comes from a pack or a case file; an escape character in either must
# not reach the terminal, where it could repaint or retitle the window.
clean = clean_line


def _wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    # Long words (URLs, ids) stay whole, and hyphenated ids such as
    # "criteria-may-be-met" are never split across lines.
    return textwrap.wrap(
        clean(text),
        width=WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def _heading(block: Heading) -> list[str]:
    lines = _wrap(block.text)
    return [*lines, UNDERLINE.get(block.level, "~") * max(len(line) for line in lines)]


def _bullets(block: Bullets) -> list[str]:
    count = len(block.items)
    marks = [f"{n}." for n in range(1, count + 1)] if block.numbered else ["-"] * count
    width = max((len(m) for m in marks), default=1) + 1
    items = [_wrap(item, mark.ljust(width), " " * width) for mark, item in zip(marks, block.items, strict=True)]
    if all(len(item) <= 2 for item in items):
        return [line for item in items for line in item]
    # Items that run over several lines are easier to tell apart with space between them.
    return [line for n, item in enumerate(items) for line in ([""] if n else []) + item]


def _table(block: Table, columns: bool = True) -> list[str]:
    headers = [clean(h) for h in block.headers]
    rows = [[clean(c) for c in row] for row in block.rows]
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    if columns and sum(widths) + len(GAP) * (len(widths) - 1) <= WIDTH:
        lines = [GAP.join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
        lines.append(GAP.join("-" * w for w in widths))
        for row in rows:
            lines.append(GAP.join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        return lines
    if len(headers) == 2:
        return [line for label, value in rows for line in _wrap(f"{label}: {value}", "", "    ")]
    out: list[str] = []
    for n, row in enumerate(rows):
        if n:
            out.append("")
        out += _wrap(row[0])
        for header, cell in zip(headers[1:], row[1:], strict=True):
            out += _wrap(f"{header}: {cell}", "    ", "      ")
    return out


def block_lines(block: Block, columns: bool = True) -> list[str]:
    """One laid-out block as lines of text; ``columns=False`` for listening (tables as "label: value")."""
    if isinstance(block, Heading):
        # Read aloud, an underline is a run of dashes: listening text has the heading alone.
        return _heading(block) if columns else _wrap(block.text)
    if isinstance(block, Para):
        return _wrap(block.text)
    if isinstance(block, Quote):
        lines: list[str] = []
        for n, text in enumerate(block.lines):
            lines += ([""] if n else []) + _wrap(text, "    ", "    ")
        return lines
    if isinstance(block, Bullets):
        return _bullets(block)
    return _table(block, columns)


def render(summary: Summary) -> str:
    return "\n\n".join("\n".join(block_lines(b)) for b in build(summary)) + "\n"


def render_for_listening(summary: Summary) -> str:
    """The plain text with every table as "label: value" lines and headings with no underline,
    never columns and rules of dashes: what plain mode prints, for a screen reader to read in order."""
    return "\n\n".join("\n".join(block_lines(b, columns=False)) for b in build(summary)) + "\n"
