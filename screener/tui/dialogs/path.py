"""A dialog that asks for a file name."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from screener.errors import InputError
from screener.safewrite import typed_file


class PathDialog(ModalScreen[Path | None]):
    """Ask for a file name; Enter accepts, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, title: str, message: str, default: Path) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.message = message
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.message), classes="dialog-message")
            yield Input(str(self.default), id="path", select_on_focus=False)
            yield Static(Content(""), id="path-error", classes="error")
            yield Static(Content("Enter saves · Esc cancels"), classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.query_one("#path-error", Static).update(Content("Error: type a file name."))
            return
        try:
            path = typed_file(text, self.default)
        except InputError as exc:
            self.query_one("#path-error", Static).update(Content(f"Error: {exc}"))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
