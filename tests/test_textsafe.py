"""textsafe's quick answer for printable text never lets through what the full check refuses."""

from __future__ import annotations

import itertools

from screener.textsafe import _why, is_unsafe, refused


# Every plane with assigned characters that matter here: the BMP, the supplementary planes in
# use, and plane 14's tag characters (format characters a printable test must still catch).
def code_points() -> itertools.chain[int]:
    return itertools.chain(range(0x0, 0x30000), range(0xE0000, 0xE1000))


def test_no_printable_character_is_one_the_full_check_refuses() -> None:
    # refused() answers None at once for printable text (and, in multi-line text, for text
    # printable once its breaks and tabs are set aside): safe only if this holds for every character.
    # terminal_safe and json_safe take the same shortcut over is_unsafe.
    slipped = [
        f"U+{c:04X}"
        for c in code_points()
        if chr(c).isprintable() and (_why(chr(c), True, False) is not None or is_unsafe(chr(c)))
    ]
    assert slipped == []


def test_multi_line_text_keeps_its_breaks_and_still_refuses_an_escape() -> None:
    assert refused("one\ntwo\tthree", one_line=False) is None
    assert refused("one\ntwo", one_line=True) == "a line break is not allowed here (this must be one line)"
    assert refused("one\n\x1b[2Jtwo", one_line=False) == "control character U+001B is not allowed"
