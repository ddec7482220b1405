"""Modal dialogs: each returns its answer through ``dismiss``.

Every dialog can be answered from the keyboard (the keys are in its footer line
and on its buttons) and Escape always takes the safe way out. Texts are content,
never parsed as markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class TextDialog(ModalScreen[None]):
    """A titled, scrollable text: help and "why am I asked this?"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q", "close", "Close", id="close", tooltip="Close this window"),
        Binding("w,f1,question_mark", "close", "Close", show=False),
    ]

    def __init__(self, title: str, lines: list[str]) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Static(Content(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="dialog-text", can_focus=True):
                yield Static(Content("\n".join(self.lines)), id="dialog-body")
            yield Static(Content("Esc or Enter closes · ↑ ↓ scroll"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question. ``y`` or the first button is yes; ``n``, Escape or the second is no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="yes"),
        Binding("n,escape", "answer(False)", "No", id="no"),
    ]

    def __init__(self, title: str, message: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.message = message
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(f"y  {self.yes}"), id="yes", variant="warning")
                yield Button(Content(f"n  {self.no}"), id="no", variant="primary")

    def on_mount(self) -> None:
        # The safe answer has the focus, so a stray Enter never replaces a file.
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


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
        self.dismiss(Path(text).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)
