"""Lines of text, each indented by its depth and wrapped under its own indent: one widget for a page of them.

A training round's results are a hundred-odd lines at four depths (a heading, an item, its detail,
the criteria under it). Drawn as one ``Static`` for each run of lines at one depth, indented by its
padding so that a wrapped line keeps its indent, the page was a hundred widgets, and each widget
costs a tab of ``screener serve`` memory of its own (its message queue and task, its styles, its
render caches). ``IndentedLines`` is one widget for them all, each line wrapped to the width less
its indent as a ``Static`` with that padding wraps it, and it draws only the lines that come on
screen (a ``Static`` draws all of its own, each a Textual ``Strip`` with caches of its own).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Offset, Size
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions
from textual.widget import Widget


class IndentedLines(Widget):
    """Lines, each ``(indent, content)``: laid out for the width, drawn a line at a time, selected as one text."""

    def __init__(self, lines: Sequence[tuple[int, Content]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines = tuple(lines)
        self._laid_out: tuple[int, list[tuple[int, Content]]] | None = None

    def laid_out(self, width: int) -> list[tuple[int, Content]]:
        """The lines as drawn ``width`` columns wide: each with its indent, and its words less the indent."""
        if self._laid_out is None or self._laid_out[0] != width:
            rows = [(indent, piece) for indent, line in self.lines for piece in line.wrap(max(width - indent, 1))]
            self._laid_out = (width, rows)
        return self._laid_out[1]

    @property
    def text(self) -> str:
        """The lines as given, each after its indent, one line each (not wrapped)."""
        return "\n".join(" " * indent + line.plain for indent, line in self.lines)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((indent + line.cell_length for indent, line in self.lines), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.laid_out(width))

    def render_line(self, y: int) -> Strip:
        """Line ``y``: its indent, blank in the background as a Static's padding is, then its words, with the
        selection's part of them."""
        width = self.content_size.width
        style = self.visual_style
        rows = self.laid_out(width)
        if not 0 <= y < len(rows):
            return Strip.blank(width, style.rich_style)
        indent, words = rows[y]
        selection, selection_style = self.text_selection, None
        if selection is not None:
            # The words drawn alone are a text's line 0: the selection's part of line y, as a selection of it.
            span = selection.get_span(y)
            selection = None
            if span is not None:
                start, end = span
                selection = Selection(Offset(start, 0), Offset(end, 0) if end != -1 else None)
                selection_style = Style.from_styles(self.screen.get_component_styles("screen--selection"))
        # As Textual's Visual.to_strips makes them: the widget's styles are its rules.
        options = RenderOptions(self._get_style, self.styles, selection, selection_style)  # type: ignore[arg-type]
        drawn = words.render_strips(width - indent, 1, style, options)
        # Offsets (a selection by the pointer) count from the start of the words, on line y of the text.
        strip = drawn[0].apply_offsets(0, y) if drawn else Strip([])
        if indent:
            margin = Segment(" " * indent, style.background_style.rich_style)
            strip = Strip([margin, *strip], indent + strip.cell_length)
        return strip.extend_cell_length(width, (style + Style(reverse=False)).rich_style)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        # Textual's own looks for a Content or a Rich Text; the selection is of the lines as drawn, less their indents.
        rows = self.laid_out(self.content_size.width)
        return selection.extract("\n".join(words.plain for _, words in rows)), "\n"
