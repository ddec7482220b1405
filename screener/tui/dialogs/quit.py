"""The dialog shown on quitting with answers not yet saved."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class QuitDialog(ModalScreen[str]):
    """Quit with unsaved answers: ``quit``, ``save`` (save first) or ``stay``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('quit')", "Quit without saving", id="quit-anyway"),
        Binding("s", "answer('save')", "Save first", id="save-first"),
        Binding("n,escape", "answer('stay')", "Stay", id="stay"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Static(Content("Quit Screener?"), classes="dialog-title")
            yield Static(
                Content(
                    "Some answers are not saved in a case file. If you quit now they are lost: "
                    "Screener keeps nothing unless you save it."
                ),
                classes="dialog-message",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content("y  Quit, lose them"), id="quit", variant="error")
                yield Button(Content("s  Save first"), id="save", variant="primary")
                yield Button(Content("n  Stay"), id="stay")

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or "stay")

    def action_answer(self, value: str) -> None:
        self.dismiss(value)
