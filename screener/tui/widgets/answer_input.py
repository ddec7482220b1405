"""A text box for typed answers whose keys show in the footer."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input


class AnswerInput(Input):
    """Enter goes on; Escape leaves the box so that the page's letter keys work again.

    While the box has focus it takes every printable key, so b, n, w and r type
    letters; the page hides those keys from the footer, which shows these two instead.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Next", key_display="⏎", id="input-next", tooltip="Record the answer and go on"),
        Binding("escape", "leave", "Leave box", key_display="esc", id="leave-box", tooltip="Use the letter keys"),
    ]

    def action_leave(self) -> None:
        # No widget takes the focus: a button there would be pressed by the next Enter.
        self.screen.set_focus(None)


class ExportPathInput(AnswerInput):
    """The export page's file name: Enter exports."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Export", key_display="⏎", id="input-export", tooltip="Write the file"),
    ]
