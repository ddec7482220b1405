"""The key footer, rebuilt only when the keys it shows change, and cheap to build.

Textual's ``Footer`` rebuilds all its keys whenever the screen's bindings are refreshed: on every focus
change, every answer and every page, a dozen times a page. What it shows changes far less often, so
this footer compares what it would show with what it shows.

Its keys are built not compact from the start. Textual's keys start compact and are then bound to
the footer's own setting (not compact): every key changed class twice as it mounted, and each change
restyled it, which was a sixth of the time a page took to appear.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def _shown(screen: Screen) -> tuple[object, ...]:
    return tuple(
        (key, binding.action, binding.description, binding.key_display, binding.group, enabled, tooltip)
        for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show
    )


class _Key(FooterKey):
    compact = reactive(False)


class KeyFooter(Footer):
    """A ``Footer`` that skips a rebuild which would show the same keys, one key per action."""

    _composed: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        if not self._bindings_ready or not self.is_attached:
            return
        screen = self.screen
        self._composed = _shown(screen)
        app = self.app
        # As Textual's footer does for keys outside a group (none here is in one): the first key for an action.
        first: dict[str, ActiveBinding] = {}
        for active in screen.active_bindings.values():
            if active.binding.show:
                first.setdefault(active.binding.action, active)
        for _node, binding, enabled, tooltip in first.values():
            yield _Key(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            )
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            palette = screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _node, binding, enabled, tooltip = palette
                yield _Key(
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )

    def bindings_changed(self, screen: Screen) -> None:
        if self._bindings_ready and self.is_attached and screen is self.screen and _shown(screen) == self._composed:
            return
        super().bindings_changed(screen)
