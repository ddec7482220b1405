"""Markdown drawn as lines: laid out once for a width, and only the lines on screen drawn.

The summary is a few hundred lines. As one ``Static`` it was laid out whole for its height and
again for its lines each time the page was shown, which made the switch to the summary many times
a minimal Textual screen switch. Here the Markdown is parsed and laid out once per text and width
(kept for the next showing: back to the summary from the export page costs nothing), and the
scroll view draws just the lines in view. It is parsed as Markdown, never as Textual markup,
so "[injury]" shows as written.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from rich.segment import Segment
from textual.app import App
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

# Each app's (text, width) -> lines: a few, since a walk shows one summary at a time and a resize adds one.
_LAID_OUT: WeakKeyDictionary[App[object], dict[tuple[str, int], list[Strip]]] = WeakKeyDictionary()
_KEEP = 4
# Each app's last text parsed: (text, the parsed Markdown).
_PARSED: WeakKeyDictionary[App[object], tuple[str, Any]] = WeakKeyDictionary()


def parsed(app: App[object], source: str) -> Any:
    """``source`` parsed as Markdown (a ``rich.markdown.Markdown``), kept for the app's next use of it.

    A page may call it ahead of the page that shows the text (the review, for the summary), so the
    switch to that page only lays it out.
    """
    kept = _PARSED.get(app)
    if kept is not None and kept[0] == source:
        return kept[1]
    from rich.markdown import Markdown  # only when a summary is shown: it costs 70 ms to import

    markdown = Markdown(source, hyperlinks=False)
    _PARSED[app] = (source, markdown)
    return markdown


# The columns of a MarkdownLines' scroll bar: Textual's default width, its place kept while it is hidden
# (``scrollbar-gutter: stable`` in screener.tcss), so the text's width is the widget's less these.
SCROLLBAR = 2


def laid_out(app: App[object], source: str, width: int) -> list[Strip]:
    """``source`` laid out for ``width`` columns of text, kept for the app's next use of it."""
    key = (source, width)
    kept = _LAID_OUT.setdefault(app, {})
    lines = kept.get(key)
    if lines is None:
        console = app.console
        rendered = console.render_lines(parsed(app, source), console.options.update_width(width), pad=False)
        lines = [Strip(Segment.simplify(line)).adjust_cell_length(width) for line in rendered]
        while len(kept) >= _KEEP:
            del kept[next(iter(kept))]
        kept[key] = lines
    return lines


def ready(app: App[object], source: str, width: int) -> None:
    """Parse and lay out ``source`` for a MarkdownLines ``width`` columns wide, ahead of the page that
    shows it (the review, for the summary), so that the switch to that page only draws it."""
    laid_out(app, source, width - SCROLLBAR)


class MarkdownLines(ScrollView, can_focus=True):
    """A Markdown text, scrolled as any scrolling container is (arrows, Page Up and Down, Home, End)."""

    def __init__(self, source: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = source
        self.lines: list[Strip] = []

    def show(self, source: str) -> None:
        """Show another text (the summary of other answers) from its top, as a new widget of it would."""
        if source != self.source:
            self.source = source
            self.lines = []
            self._fit(self.scrollable_content_region.width)
        self.scroll_home(animate=False, immediate=True)

    def on_resize(self) -> None:
        self._fit(self.scrollable_content_region.width)

    def _fit(self, width: int) -> None:
        """Lay the text out for ``width`` columns, unless it is already."""
        if width <= 0 or (self.lines and self.virtual_size.width == width):
            return
        self.lines = laid_out(self.app, self.source, width)
        self.virtual_size = Size(width, len(self.lines))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        # The width can change with no resize (a scroll bar's place kept or given up): never crop the text.
        self._fit(width)
        index = scroll_y + y
        style = self.rich_style  # the page's colours under the Markdown's own
        if index >= len(self.lines):
            return Strip.blank(width, style)
        return self.lines[index].crop_extend(scroll_x, scroll_x + width, style).apply_style(style)

    @property
    def text(self) -> str:
        """What is drawn, as plain text: one line per screen line."""
        return "\n".join(strip.text.rstrip() for strip in self.lines)
