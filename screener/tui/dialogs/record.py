"""The optional professional record (who, agency, judgement, discussed with and when, review date) and
the date the NRM referral was made, on one form."""

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
from screener.walkthrough.record_form import DATES, FIELDS, REFERRED_ON, read_back


class RecordDialog(ModalScreen[bool]):
    """Ask the record's fields and the NRM referral date; ``accept`` records them (``AnswerError`` refuses).

    A date is shown back in words beside its label as it is typed. Enter moves to the next field
    and, in the last, saves; Esc skips, one key.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Skip", id="cancel")]

    def __init__(
        self,
        record: Record | None,
        referred_on: dt.date | None,
        screening_date: dt.date,
        accept: Callable[[dict[str, str]], None],
    ) -> None:
        super().__init__(classes="dialog")
        self.given: dict[str, object] = {**(record.given() if record is not None else {}), REFERRED_ON: referred_on}
        self.screening_date = screening_date
        self.accept = accept

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Static(Content("The professional record (optional)"), classes="dialog-title")
            for name, _ in FIELDS:
                value = self.given.get(name)
                shown = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value or "")
                placeholder = EXAMPLE if name in DATES else ""
                yield Static(Content(self._label(name, shown)), classes="label", id=f"record-{name}-label")
                yield Input(shown, placeholder=placeholder, id=f"record-{name}")
            yield Static(Content(""), id="record-error")
            yield Static(Content("Enter moves on and saves from the last · Esc skips"), classes="dialog-keys")

    def _label(self, name: str, typed: str) -> str:
        label = dict(FIELDS)[name]
        words = read_back(name, typed, self.screening_date)
        return f"{label}: {words}" if words else label

    def on_input_changed(self, event: Input.Changed) -> None:
        # A typed date is said back in words, so that 03/04 shows as 3 April before it is recorded.
        name = (event.input.id or "").removeprefix("record-")
        if name in DATES:
            self.query_one(f"#record-{name}-label", Static).update(Content(self._label(name, event.value)))

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
