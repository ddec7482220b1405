"""Markdown drawn as lines: laid out once for a width, and only the lines on screen drawn.

The summary is a few hundred lines. As one ``Static`` it was laid out whole for its height and
again for its lines each time the page was shown, which made the switch to the summary many times
a minimal Textual screen switch. Here the Markdown is parsed and laid out once per text and width
(kept for the next showing: back to the summary from the export page costs nothing), and the
scroll view draws just the lines in view. It is parsed as Markdown, never as Textual markup,
so "[injury]" shows as written.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from rich.segment import Segment
from textual.app import App
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

# Each app's (text, width) -> lines: a few, since a walk shows one summary at a time and a resize adds one.
_LAID_OUT: WeakKeyDictionary[App[object], dict[tuple[str, int], list[Strip]]] = WeakKeyDictionary()
_KEEP = 4


class MarkdownLines(ScrollView, can_focus=True):
    """A Markdown text, scrolled as any scrolling container is (arrows, Page Up and Down, Home, End)."""

    def __init__(self, source: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = source
        self.lines: list[Strip] = []

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or (self.lines and self.virtual_size.width == width):
            return
        self.lines = self._laid_out(width)
        self.virtual_size = Size(width, len(self.lines))
        self.refresh()

    def _laid_out(self, width: int) -> list[Strip]:
        key = (self.source, width)
        kept = _LAID_OUT.setdefault(self.app, {})
        lines = kept.get(key)
        if lines is None:
            from rich.markdown import Markdown  # only when a summary is shown: it costs 70 ms to import

            console = self.app.console
            rendered = console.render_lines(
                Markdown(self.source, hyperlinks=False), console.options.update_width(width), pad=False
            )
            lines = [Strip(Segment.simplify(line)).adjust_cell_length(width) for line in rendered]
            while len(kept) >= _KEEP:
                del kept[next(iter(kept))]
            kept[key] = lines
        return lines

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = scroll_y + y
        style = self.rich_style  # the page's colours under the Markdown's own
        if index >= len(self.lines):
            return Strip.blank(width, style)
        return self.lines[index].crop_extend(scroll_x, scroll_x + width, style).apply_style(style)

    @property
    def text(self) -> str:
        """What is drawn, as plain text: one line per screen line."""
        return "\n".join(strip.text.rstrip() for strip in self.lines)
