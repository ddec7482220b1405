"""The optional professional record (who, agency, judgement, discussed with and when, review date), on one form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from screener.casefile.model import Record
from screener.typed_dates import EXAMPLE
from screener.walkthrough import AnswerError

FIELDS = (
    ("completed_by", "Completed by (a role, not a name)"),
    ("agency", "Agency"),
    ("judgement", "Professional judgement and reasons"),
    ("discussed_with", "Discussed with (a role)"),
    ("discussed_on", "Discussed on"),
    ("review_on", "Review on"),
)


class RecordDialog(ModalScreen[bool]):
    """Ask the record's fields; ``accept`` records them (``AnswerError`` refuses).

    Enter moves to the next field and, in the last, saves; Esc skips, one key.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Skip", id="cancel")]

    def __init__(self, record: Record | None, accept: Callable[[dict[str, str]], None]) -> None:
        super().__init__(classes="dialog")
        self.record = record
        self.accept = accept

    def compose(self) -> ComposeResult:
        given = self.record.given() if self.record is not None else {}
        with Vertical(classes="dialog-box wide"):
            yield Static(Content("The professional record (optional)"), classes="dialog-title")
            for name, label in FIELDS:
                value = given.get(name)
                shown = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else (value or "")
                placeholder = EXAMPLE if name.endswith("_on") else ""
                yield Static(Content(label), classes="label")
                yield Input(shown, placeholder=placeholder, id=f"record-{name}")
            yield Static(Content(""), id="record-error")
            yield Static(Content("Enter moves on and saves from the last · Esc skips"), classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id != f"record-{FIELDS[-1][0]}":
            self.focus_next()
            return
        typed = {name: self.query_one(f"#record-{name}", Input).value for name, _ in FIELDS}
        try:
            self.accept(typed)
        except AnswerError as exc:
            line = self.query_one("#record-error", Static)
            line.update(Content(f"Error: {exc}"))
            line.add_class("error")
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
