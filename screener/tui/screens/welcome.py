"""The first page: what Screener is and is not, the pack's edition and the screening date."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from screener.flow import welcome_lines
from screener.tui.screens.page import PageScreen


class WelcomeScreen(PageScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "next", "Start", key_display="⏎", id="start", tooltip="Begin the walkthrough"),
    ]
    OFFERS = frozenset({"next", "review"})
    HELP = (
        "This page says what Screener is and is not.\n\n"
        "Press n or Enter to begin. On every page b goes back and n goes on without losing "
        "answers, w says why a question is asked, r shows every answer on one screen, "
        "ctrl+s saves the answers as a case file and ctrl+q quits.\n\n"
        "Open a saved case with: screener CASE.yaml. For numbered questions read by a screen "
        "reader, run: screener --plain."
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Review is offered once there is something to review: a case file was opened.
        if action == "review" and self.screener.answers.jurisdiction is None:
            return False
        return super().check_action(action, parameters)

    def compose_body(self) -> ComposeResult:
        app = self.screener
        opened = str(app.case_path) if app.case_path else None
        yield Static(Content("\n".join(welcome_lines(app.flow.pack, app.answers, opened))), id="welcome-text")
        begin = "Press n or Enter to begin"
        if app.answers.jurisdiction is not None:
            begin += ", or r to review every answer"
        yield Static(Content(begin + "."), classes="hint", id="begin")
