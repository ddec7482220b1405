"""A dialog that asks for a date, read as every typed date is, and shows back the day it understood."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from screener.typed_dates import EXAMPLE, in_words
from screener.walkthrough import AnswerError

if TYPE_CHECKING:
    from textual.app import App

    from screener.walkthrough.session import Session


class DateDialog(ModalScreen[dt.date | None]):
    """Ask for a date; ``accept`` records it (raising ``AnswerError`` to refuse). Enter accepts, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, title: str, message: str, accept: Callable[[str], dt.date]) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.message = message
        self.accept = accept

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.message), classes="dialog-message")
            yield Input("", placeholder=EXAMPLE, id="date")
            yield Static(Content(""), id="date-error")
            yield Static(Content("Enter records it · Esc cancels"), classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        line = self.query_one("#date-error", Static)
        try:
            day = self.accept(event.value)
        except AnswerError as exc:
            line.update(Content(f"Error: {exc}"))
            line.add_class("error")
            return
        line.update(Content(f"Recorded: {in_words(day)}"))
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_screening_date(app: App[object], session: Session, changed: Callable[[], None]) -> None:
    """The screening date dialog (welcome and review pages): ``changed`` is called once it has changed."""

    def done(day: dt.date | None) -> None:
        # Called once the dialog has gone: ``changed`` may put another page in place of the one under it.
        if day is not None:
            app.call_later(changed)

    app.push_screen(
        DateDialog(
            "Screening date",
            "The day the rules and key dates are worked out for. Type it day first, "
            f"for example {EXAMPLE}. Now: {in_words(session.answers.screening_date)}.",
            session.change_screening_date,
        ),
        done,
    )
