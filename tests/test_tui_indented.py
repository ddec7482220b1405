"""IndentedLines: lines at depths in one widget, each wrapped under its own indent, and selectable as text."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Offset
from textual.selection import Selection

from screener.tui.widgets.indented import IndentedLines

LINES = [
    (0, Content.styled("Heading", "bold")),
    (2, Content("an item whose words run past the width")),
    (4, Content("a detail")),
    (0, Content("")),
]


class Lines(App[None]):
    CSS = "IndentedLines { height: auto; }"  # as the results page has it (training.tcss)

    def compose(self) -> ComposeResult:
        yield IndentedLines(LINES, id="lines")


def shown(app: App[None]) -> list[str]:
    widget = app.query_one(IndentedLines)
    return [strip.text.rstrip() for strip in widget.render_lines(widget.content_region.reset_offset)]


async def test_each_line_wraps_under_its_own_indent() -> None:
    app = Lines()
    async with app.run_test(size=(20, 8)) as pilot:
        await pilot.pause()
        widget = app.query_one(IndentedLines)
        assert widget.size.height == 6  # the item takes three lines in 18 columns: 20 less its indent
        assert shown(app)[:6] == [
            "Heading",
            "  an item whose",
            "  words run past the",
            "  width",
            "    a detail",
            "",
        ]


async def test_a_selection_copies_the_words_without_their_indents() -> None:
    app = Lines()
    async with app.run_test(size=(20, 8)) as pilot:
        await pilot.pause()
        widget = app.query_one(IndentedLines)
        app.screen.selections = {widget: Selection(Offset(0, 1), Offset(5, 2))}
        assert app.screen.get_selected_text() == "an item whose\nwords"


def test_the_text_is_every_line_after_its_indent() -> None:
    assert IndentedLines(LINES).text == "Heading\n  an item whose words run past the width\n    a detail\n"


async def test_a_selection_by_the_pointer_is_of_the_words_under_it_and_shows() -> None:
    app = Lines()
    async with app.run_test(size=(20, 8)) as pilot:
        await pilot.pause()
        widget = app.query_one(IndentedLines)
        # From the "a" of "an item" (after its indent of 2) to the "s" of "words" on the next line.
        await pilot.mouse_down(widget, offset=(2, 1))
        await pilot.hover(widget, offset=(6, 2))
        await pilot.mouse_up(widget, offset=(6, 2))
        await pilot.pause()
        assert app.screen.get_selected_text() == "an item whose\nwords"
        # Drawn selected: "words" on the selection's colour, the rest of the line on the page's.
        segments = {segment.text: segment.style.bgcolor for segment in widget.render_line(2) if segment.style}
        assert segments["words"] != segments[" run past the"] == segments["  "]
