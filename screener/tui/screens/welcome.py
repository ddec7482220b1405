"""The first page: what Screener is and is not, the pack's edition and the screening date."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from screener.area.show import welcome_area_lines
from screener.tui.dialogs.date import ask_screening_date
from screener.tui.screens.page import PageScreen
from screener.walkthrough import welcome_lines


class WelcomeScreen(PageScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "next", "Start", key_display="⏎", id="start", tooltip="Begin the walkthrough"),
        Binding("a", "toggle_area", "Area", id="area", tooltip="Screen with the area file, or with no area file"),
        Binding("d", "screening_date", "Date", id="date", tooltip="Change the screening date"),
        # The first question's answers, one key each: the part of the UK chosen here begins the walk.
        *[Binding(str(n), f"begin_in({n})", "Part of the UK", show=n == 1, key_display="1-3") for n in range(1, 10)],
    ]
    OFFERS = frozenset({"next", "review"})
    HELP = (
        "This page says what Screener is and is not.\n\n"
        "Press the number of the part of the UK the child is in to begin there (1 England and Wales, "
        "2 Scotland, 3 Northern Ireland), or n or Enter to begin at that question. d changes the "
        "screening date (the day the rules are worked out for; a date is typed day first, for "
        "example 14/03/2011 or 14 March 2011).\n\n"
        "On every page b goes back and n goes on without losing answers, w says why a question is "
        "asked, r shows every answer on one screen, "
        "ctrl+s saves the answers as a case file and ctrl+q quits.\n\n"
        "Open a saved case with: screener CASE.yaml. For numbered questions read by a screen "
        "reader, run: screener --plain."
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Review is offered once there is something to review: a case file was opened.
        if action == "review" and self.screener.answers.jurisdiction is None:
            return False
        if action == "toggle_area" and self.screener.session.area is None:
            return False
        if action == "begin_in":
            # Only for a new case, and only a number the question offers.
            answers = self.screener.answers
            count = len(self.screener.flow.jurisdiction_question().options)
            return answers.jurisdiction is None and 1 <= int(str(parameters[0])) <= count
        return super().check_action(action, parameters)

    def compose_body(self) -> ComposeResult:
        yield Static(Content(self._welcome_text()), id="welcome-text")
        yield Static(Content(self._area_text()), id="welcome-area")
        yield Static(Content(self._begin_text()), classes="hint", id="begin")

    def _begin_text(self) -> str:
        app = self.screener
        if app.answers.jurisdiction is not None:
            return "Press n or Enter to begin, d to change the screening date, or r to review every answer."
        parts = " · ".join(f"{n} {o.label}" for n, o in enumerate(app.flow.jurisdiction_question().options, 1))
        return f"Which part of the UK is the child in? Press its number to begin: {parts}."

    def action_begin_in(self, number: int) -> None:
        option = self.screener.flow.jurisdiction_question().options[number - 1]
        self.screener.apply(self.screener.session.begin(option.value))

    def _welcome_text(self) -> str:
        session = self.screener.session
        opened = str(session.case_path) if session.case_path else None
        return "\n".join(welcome_lines(session.pack, session.answers, opened))

    def _area_text(self) -> str:
        session = self.screener.session
        lines = welcome_area_lines(session.area, session.area_in_use, session.answers.screening_date)
        if session.area is not None:
            lines.append("Press a for no area file." if session.area_in_use else "Press a to use the area file.")
        return "\n".join(lines)

    def action_screening_date(self) -> None:
        def changed() -> None:
            self.query_one("#welcome-text", Static).update(Content(self._welcome_text()))
            self.query_one("#welcome-area", Static).update(Content(self._area_text()))

        ask_screening_date(self.app, self.screener.session, changed)

    def action_toggle_area(self) -> None:
        session = self.screener.session
        session.use_area(not session.area_in_use)
        self.query_one("#welcome-area", Static).update(Content(self._area_text()))
