"""The key footer: the keys a page offers on one line, drawn by one widget.

Textual's ``Footer`` is a container of one widget per key, rebuilt whenever the screen's bindings
are refreshed (every focus change, every answer, every page). Each page has its own footer, so
its keys were composed, styled and laid out on every page switch: a third of what a question page
cost to appear. This footer is one widget that draws the same keys, in the same colours (the
theme's footer variables), redrawn only when what it shows changes. A click on a key presses it,
and the pointer over a key shows its tooltip, as Textual's footer keys do.

Keys that do not fit one line go on to a second, never cut off: at 80 columns the export page with
a case opened offers eleven keys (Quit was cut to "^q Q").
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget


class _Key(NamedTuple):
    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str


def _shown(screen: Screen) -> tuple[_Key, ...]:
    """The keys to show: the first binding of each action that is shown (none here is in a group)."""
    app = screen.app
    first: dict[str, _Key] = {}
    for _node, binding, enabled, tooltip in screen.active_bindings.values():
        if binding.show and binding.action not in first:
            first[binding.action] = _Key(
                binding.key, app.get_key_display(binding), binding.description, binding.action, enabled, tooltip
            )
    return tuple(first.values())


class KeyFooter(Widget, can_focus=False):
    """The page's keys; ``show_command_palette`` adds the palette's key at the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"footer-key--key", "footer-key--description"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: auto;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_command_palette = show_command_palette
        self.keys: tuple[_Key, ...] = ()
        # Each key's line and columns, as last drawn: (line, start, end, key).
        self._spans: list[tuple[int, int, int, _Key]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        keys = _shown(screen)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _node, binding, enabled, _tooltip = palette
                keys += (
                    _Key(
                        binding.key,
                        self.app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        enabled,
                        binding.tooltip or binding.description,
                    ),
                )
        if keys != self.keys:
            self.keys = keys
            self.refresh(layout=True)

    @staticmethod
    def _width(key: _Key) -> int:
        return len(f" {key.display} ") + (len(f"{key.description} ") if key.description else 0)

    def _lines(self, width: int) -> list[list[_Key]]:
        """The keys in lines of at most ``width`` columns, in order; the palette's key last, at the right."""
        palette = self._palette()
        lines: list[list[_Key]] = [[]]
        used = 0
        for key in self.keys:
            need = self._width(key) + (1 if key is palette else 0)  # the palette's key: a space before it
            if lines[-1] and used + need > width:
                lines.append([])
                used = 0
            lines[-1].append(key)
            used += need
        return lines

    def _palette(self) -> _Key | None:
        shown = self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE and self.keys
        return self.keys[-1] if shown else None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        palette = self._palette()
        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for number, line in enumerate(self._lines(self.size.width or 80)):
            if number:
                text.append("\n")
            start_of_line = text.cell_len
            for key in line:
                if key is palette:
                    # At the right, as Textual's footer docks it.
                    used = text.cell_len - start_of_line
                    text.append(" " * max(1, self.size.width - used - self._width(key)))
                dim = Style(dim=True) if not key.enabled else Style()
                start = text.cell_len - start_of_line
                text.append(f" {key.display} ", key_style + dim)
                if key.description:
                    text.append(f"{key.description} ", description_style + dim)
                self._spans.append((number, start, text.cell_len - start_of_line, key))
        return text

    def _key_at(self, x: int, y: int = 0) -> _Key | None:
        return next((key for line, start, end, key in self._spans if line == y and start <= x < end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x, event.y)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event.x, event.y)
        self.tooltip = key.tooltip if key is not None and key.tooltip else None
