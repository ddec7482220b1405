"""The key footer, rebuilt only when the keys it shows change.

Textual's ``Footer`` rebuilds all its keys whenever the screen's bindings are refreshed: on every focus
change, every answer and every page, a dozen times a page, each rebuild restyling every key. What it
shows changes far less often, so this footer compares what it would show with what it shows.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


def _shown(screen: Screen) -> tuple[object, ...]:
    return tuple(
        (key, binding.action, binding.description, binding.key_display, binding.group, enabled, tooltip)
        for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show
    )


class KeyFooter(Footer):
    """A ``Footer`` that skips a rebuild which would show the same keys."""

    _composed: tuple[object, ...] | None = None

    def compose(self):  # type: ignore[no-untyped-def]
        if self.is_attached:
            self._composed = _shown(self.screen) if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if self._bindings_ready and self.is_attached and screen is self.screen and _shown(screen) == self._composed:
            return
        super().bindings_changed(screen)
