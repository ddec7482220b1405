"""The summary as Markdown."""

from __future__ import annotations

import re

from screener.render.document import Block, Bullets, Heading, Para, Quote, build
from screener.summary import Summary
from screener.textsafe import clean_line

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
# "&amp;" or "&#60;" would otherwise be read as the character they name.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Text that starts like a list item or a heading underline would become one.
_LEADING = re.compile(r"^(?:([0-9]+)([.)])|([-+=]))(?=\s|$)")
# A note number, ``[1]`` or ``[2, 5]``, reads as written: with no link reference defined anywhere it
# is plain text, unless a "(" would make it a link, a "[" a reference or a ":" a definition.
_NOTE = re.compile(r"\\\[([0-9]+(?:, [0-9]+)*)\\\](?![(\[:]|\\\[)")


def escape(text: str) -> str:
    """Content text is shown as written, never read as Markdown or HTML."""
    text = _SPECIAL.sub(r"\\\1", clean_line(text))
    text = _ENTITY.sub(r"\\&", text)
    text = _NOTE.sub(r"[\1]", text)
    return _LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def block_markdown(block: Block) -> str:
    """One laid-out block as Markdown; the facilitator pack writes its blocks with this too."""
    if isinstance(block, Heading):
        return f"{'#' * block.level} {escape(block.text)}"
    if isinstance(block, Para):
        return escape(block.text)
    if isinstance(block, Quote):
        return "\n>\n".join(f"> {escape(line)}" for line in block.lines)
    if isinstance(block, Bullets):
        marks = [f"{n}." if block.numbered else "-" for n in range(1, len(block.items) + 1)]
        return "\n".join(f"{mark} {escape(item)}" for mark, item in zip(marks, block.items, strict=True))
    header = "| " + " | ".join(escape(h) for h in block.headers) + " |"
    rule = "| " + " | ".join("---" for _ in block.headers) + " |"
    rows = ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in block.rows]
    return "\n".join([header, rule, *rows])


def render(summary: Summary) -> str:
    return "\n\n".join(block_markdown(b) for b in build(summary)) + "\n"
