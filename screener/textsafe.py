"""Untrusted text: what may come in, and how anything shown is made harmless.

Text reaches Screener from case files, pack files, typed answers and the
command line, and leaves it on a terminal, in files and in messages. A control
character in any of it (an escape sequence, say) could retitle or clear the
terminal or hide a line; a bidirectional override or a zero-width character
could make a reference read otherwise than it is. So, in one place:

- ``refused(text, one_line=...)`` says why a value is not accepted, or None.
  Readers call it where text enters (``check_data`` walks a whole file) and
  report the answer as ``file:line: message``.
- ``printable(text)`` makes any text (a path, a name from a file, a message)
  safe to print, with every unprintable character shown as an escape such as
  ``\\x1b``, so that it can still be read and told apart.
- ``shown(value)`` is ``printable`` cut short, for quoting a value in an error.
- ``clean_line(text)`` is for renderers: one line, whitespace collapsed, and
  anything that could drive a terminal replaced by U+FFFD.
- ``terminal_safe(text)`` keeps line breaks and tabs and escapes the rest.

This module imports nothing of the project's, so every layer can use it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

# Characters that change the direction text is shown in.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Characters that take no space and so cannot be seen.
ZERO_WIDTH = frozenset("\u180e\u200b\u200c\u200d\u2060\ufeff")
# Allowed in multi-line text (notes, pack prose); never in a one-line field.
LINE_BREAKS = frozenset("\n\t")

_REPLACEMENT = "\ufffd"


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def refused(text: str, *, one_line: bool = True, bidi_ok: bool = False) -> str | None:
    """Why ``text`` is not accepted as a value, or None when it is.

    One-line fields (a reference, an id, a title) take no control character at
    all and no invisible formatting character (bidirectional controls,
    zero-width characters and the like). Multi-line text (``one_line=False``)
    may also hold line breaks and tabs; with ``bidi_ok`` it may hold
    bidirectional marks and zero-width joiners too, as notes written in a
    right-to-left language need.
    """
    # Nearly all text is printable, and a printable string holds none of the characters
    # below (each is Cc, Cs, Cf, Zl or Zp): str.isprintable answers for it at C speed.
    if text.isprintable() or (not one_line and _printable_lines(text)):
        return None
    return _why(text, one_line, bidi_ok)


def _why(text: str, one_line: bool, bidi_ok: bool) -> str | None:
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc":
            if not one_line and char in LINE_BREAKS:
                continue
            if char == "\n":
                return "a line break is not allowed here (this must be one line)"
            if char == "\t":
                return "a tab is not allowed here (this must be one line)"
            return f"control character {_code(char)} is not allowed"
        if category == "Cs":
            return "text that is not valid UTF-8 is not allowed"
        if category in ("Zl", "Zp"):
            return f"line separator {_code(char)} is not allowed"
        if category == "Cf" or char in ZERO_WIDTH:
            if bidi_ok and not one_line:
                continue
            if char in BIDI_CONTROLS:
                return f"bidirectional control {_code(char)} is not allowed (it can make text read otherwise)"
            if char in ZERO_WIDTH:
                return f"zero-width character {_code(char)} is not allowed"
            return f"invisible formatting character {_code(char)} is not allowed"
    return None


def is_unsafe(char: str) -> bool:
    """Could this character drive a terminal, or hide or turn text? (Line breaks are left to the caller.)"""
    category = unicodedata.category(char)
    return category in ("Cc", "Cs", "Zl", "Zp") or char in BIDI_CONTROLS or char in ZERO_WIDTH


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: Any) -> str:
    """Any text made safe and readable on one line: each unprintable character shown as an escape."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def shown(value: Any, limit: int = 40) -> str:
    """A value from a file or the command line, for quoting in a message: printable and short."""
    text = printable(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _printable_lines(text: str) -> bool:
    return text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable()


def terminal_safe(text: str) -> str:
    """Text for a terminal, several lines allowed: line breaks and tabs kept, anything else unsafe escaped."""
    if _printable_lines(text):
        return text
    return "".join(c if c in LINE_BREAKS or not is_unsafe(c) else _escape(c) for c in text)


def json_safe(text: str) -> str:
    """JSON text with every unsafe character inside its strings written as a ``\\uXXXX`` escape (same data)."""
    if _printable_lines(text):
        return text
    return "".join(f"\\u{ord(c):04x}" if c not in LINE_BREAKS and is_unsafe(c) else c for c in text)


def clean_line(text: str) -> str:
    """One line for a renderer: whitespace collapsed, and any character that could drive a terminal made U+FFFD."""
    text = " ".join(text.split())
    if text.isprintable():
        return text
    return "".join(_REPLACEMENT if is_unsafe(c) else c for c in text)


Loc = tuple[str | int, ...]


def check_data(
    data: Any,
    *,
    multi_line: Callable[[Loc], bool] = lambda loc: False,
    bidi_ok: Callable[[Loc], bool] = lambda loc: False,
) -> Iterator[tuple[Loc, str]]:
    """Every refused text in plain data (keys and values), as (where, why); a value's why names its key.

    Keys are always one line. A value at a location for which ``multi_line``
    is true may hold line breaks and tabs; ``bidi_ok`` likewise for
    bidirectional marks and zero-width joiners.
    """
    stack: list[tuple[Loc, Any]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, str):
            many = multi_line(loc)
            why = refused(value, one_line=not many, bidi_ok=many and bidi_ok(loc))
            if why is not None:
                name = next((p for p in reversed(loc) if isinstance(p, str)), None)
                yield loc, f"{shown(name)}: {why}" if name is not None else why
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str):
                    why = refused(key)
                    if why is not None:
                        yield (*loc, key), f"the key '{shown(key)}': {why}"
                stack.append(((*loc, key), item))
        elif isinstance(value, list):
            stack.extend(((*loc, index), item) for index, item in enumerate(value))
