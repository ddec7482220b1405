"""A long list line wraps under its words, not under its pointer and number (``tui/widgets/hanging.py``)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from screener.tui.widgets.choices import PointerList
from screener.tui.widgets.hanging import Hanging

LONG = "Migration, age and status: 2 noted: Unaccompanied or separated from parents; Seeking asylum"


class OneList(App[None]):
    def compose(self) -> ComposeResult:
        yield PointerList([("a", LONG), ("b", "Short")], id="list")


async def test_a_wrapped_line_continues_under_its_words() -> None:
    app = OneList()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        listed = app.screen.query_one(PointerList)
        drawn = [strip.text for strip in listed.render_lines(listed.region.reset_offset)]
    # The list's lines inside its border (a tall border: a block at each side, a rule above and below).
    rows = [row[1:-1].rstrip() for row in drawn if row[1:2] not in ("▔", "▁")]
    lines = [row for row in rows if row.strip()]
    margin = lines[0].index("›")  # the list's own padding
    wrapped = [row[margin:] for row in lines]
    assert wrapped[0].startswith("› Migration, age and status:")
    # Every further line of the first answer starts where its words did, two columns in.
    first = [row for row in wrapped if not row.startswith(("› ", "  Short"))]
    assert first and all(row.startswith("  ") and not row.startswith("   ") for row in first), rows
    assert " ".join(row.strip(" ›") for row in wrapped[: len(first) + 1]) == LONG
    assert wrapped[-1] == "  Short"


def test_it_reads_as_its_lead_and_words() -> None:
    assert str(Hanging("› 1 [x] ", "Abuse or neglect")) == "› 1 [x] Abuse or neglect"
