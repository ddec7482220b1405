"""Lines of text, each indented by its depth and wrapped under its own indent: one widget for a page of them.

A training round's results are a hundred-odd lines at four depths (a heading, an item, its detail,
the criteria under it). Drawn as one ``Static`` for each run of lines at one depth, indented by its
padding so that a wrapped line keeps its indent, the page was a hundred widgets, and each widget
costs a tab of ``screener serve`` memory of its own (its message queue and task, its styles, its
render caches): about 2 MB of a tab's 26 after its round. ``IndentedLines`` draws them all in one
widget, each line wrapped to the width less its indent, as a ``Static`` with that padding wraps it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from textual.content import Content
from textual.css.styles import RulesMap
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget


class Indented(Visual):
    """Lines, each ``(indent, content)``: wrapped for a width, every piece of a line under its indent."""

    def __init__(self, lines: Sequence[tuple[int, Content]]) -> None:
        self.lines = tuple(lines)
        self._laid_out: tuple[int, Content, list[int]] | None = None

    def laid_out(self, width: int) -> tuple[Content, list[int]]:
        """The lines as drawn ``width`` columns wide, less their indents, as one text; and each one's indent."""
        if self._laid_out is None or self._laid_out[0] != width:
            rows: list[Content] = []
            indents: list[int] = []
            for indent, line in self.lines:
                pieces = line.wrap(max(width - indent, 1))
                rows.extend(pieces)
                indents.extend([indent] * len(pieces))
            self._laid_out = (width, Content("\n").join(rows), indents)
        return self._laid_out[1], self._laid_out[2]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        # Every line already fits its width less its indent: the text is drawn as it is (with the page's
        # styles and any selection), and each line after its indent, blank in the page's background, as
        # a Static's padding is.
        text, indents = self.laid_out(width)
        margin = style.background_style.rich_style
        return [
            Strip([Segment(" " * indent, margin), *strip], indent + strip.cell_length) if indent else strip
            for strip, indent in zip(text.render_strips(width, height, style, options), indents, strict=False)
        ]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((indent + line.cell_length for indent, line in self.lines), default=0)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return max((indent + line.get_minimal_width(rules) for indent, line in self.lines), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.laid_out(width)[1])


class IndentedLines(Widget):
    """Lines at depths, drawn and selected as one text (``Indented``)."""

    def __init__(self, lines: Sequence[tuple[int, Content]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.visual = Indented(lines)

    def render(self) -> Visual:
        return self.visual

    @property
    def text(self) -> str:
        """The lines as given, each after its indent, one line each (not wrapped)."""
        return "\n".join(" " * indent + line.plain for indent, line in self.visual.lines)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        # Textual's own looks for a Content or a Rich Text; the selection is of the lines as drawn, less their indents.
        return selection.extract(self.visual.laid_out(self.content_size.width)[0].plain), "\n"
