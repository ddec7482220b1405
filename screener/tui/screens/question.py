"""A question page: one choice, or a typed date, age or reference."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Static

from screener.flow import AnswerError, Page
from screener.tui.dialogs.dialogs import TextDialog
from screener.tui.screens.page import PageScreen
from screener.tui.widgets.answer_input import AnswerInput
from screener.tui.widgets.choices import ChoiceList

CHOICE_HELP = (
    "Move with ↑ and ↓. Space chooses the highlighted answer; Enter chooses it and goes on; "
    "the digits 1 to 9 choose an answer by its place.\n\n"
    "The chosen answer is marked (•) and named on the Answer line. Every question can be "
    "answered Not known, and the summary then says which unknown answers could change an outcome.\n\n"
    "b goes back and n goes on, keeping every answer. w explains why the question is asked: the "
    "rules and signposts that read the answer, and their sources. r lists every answer."
)
TYPED_HELP = (
    "Type the answer in the box. It is checked as you type and recorded once it is valid; "
    "the line under the box says what is recorded.\n\n"
    "Enter goes on. Esc leaves the box so that the letter keys work again: then b goes back, "
    "n goes on, w explains why the question is asked and r lists every answer. The Not known "
    "button (or an empty box) records not known."
)


class QuestionScreen(PageScreen):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        assert page.question is not None
        self.question = page.question
        self.typed_error: str | None = None
        # What the answer was when the page opened: typing passes through valid
        # answers on the way ("2", "20", "2009-…"), so an invalid text goes back to this.
        self.opened_with: Any = None

    @property
    def typed(self) -> bool:
        return self.question.kind in ("text", "date", "age")

    def help_text(self) -> str:
        return TYPED_HELP if self.typed else CHOICE_HELP

    def compose_body(self) -> ComposeResult:
        app = self.screener
        question = self.question
        self.opened_with = app.answers.get(question)
        yield Static(Content(question.prompt), classes="prompt")
        if self.typed:
            yield Static(Content(self._typed_hint()), classes="hint")
            with Horizontal(id="typed-row"):
                yield AnswerInput(
                    self._initial_text(),
                    placeholder=self._placeholder(),
                    id="answer-input",
                    select_on_focus=False,
                )
                yield Button(Content("Not known" if question.kind != "text" else "None"), id="not-known")
            yield Static(Content(self._recorded_text()), id="answer-line")
        else:
            value = app.answers.get(question)
            chosen = [value] if value is not None else []
            yield ChoiceList(question.options, chosen, id="choices")
            yield Static(Content(self._answer_line()), id="answer-line")
            if question.required and value is None:
                yield Static(Content(question.hint), classes="hint")
        why = app.flow.why(question, app.answers)
        yield Static(Content.assemble(("Why am I asked this?  ", "bold"), why.brief()), id="why-brief")
        yield Static(Content("w: more on why, with every source"), classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        target = "#answer-input" if self.typed else "#choices"
        self.query_one(target).focus()

    # -- choices -------------------------------------------------------------

    def _answer_line(self) -> str:
        app = self.screener
        value = app.answers.get(self.question)
        if value is None:
            return "Answer: none chosen yet"
        option = self.question.option(value)
        return f"Answer: {option.label if option else value}"

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        event.stop()
        value = next(iter(event.chosen))
        self.screener.record(self.question, value)
        self.query_one("#answer-line", Static).update(Content(self._answer_line()))
        if event.advance:
            self.screener.go_next(self.page.key)

    # -- typed answers -------------------------------------------------------

    def _typed_hint(self) -> str:
        if self.question.not_known is not None:
            return f"{self.question.hint} Leave it empty if none has been granted; Not known records not known."
        empty = "Leave it empty for none." if self.question.kind == "text" else "Leave it empty if not known."
        return f"{self.question.hint} {empty}"

    def _placeholder(self) -> str:
        return {"date": "YYYY-MM-DD", "age": "YYYY-MM-DD or whole years", "text": "for example TRAIN-004"}[
            self.question.kind
        ]

    def _initial_text(self) -> str:
        value: Any = self.screener.answers.get(self.question)
        if value is None:
            return ""
        if self.question.not_known is not None and value == self.question.not_known:
            return "not known"
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    def _recorded_text(self) -> str:
        app = self.screener
        return f"Recorded: {app.flow.display(self.question, app.answers)}"

    def _read(self, text: str) -> bool:
        app = self.screener
        try:
            value = app.flow.parse(self.question, text, app.answers)
        except AnswerError as exc:
            self.typed_error = str(exc)
            app.record(self.question, self.opened_with)
            line = self.query_one("#answer-line", Static)
            kept = app.flow.display(self.question, app.answers)
            line.update(Content(f"Error: {exc}. Not recorded: the answer stays {kept}."))
            line.add_class("error")
            return False
        self.typed_error = None
        app.record(self.question, value)
        line = self.query_one("#answer-line", Static)
        line.update(Content(self._recorded_text()))
        line.remove_class("error")
        return True

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._read(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._read(event.value):
            self.screener.go_next(self.page.key)
        else:
            self.app.bell()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "not-known":
            event.stop()
            box = self.query_one("#answer-input", Input)
            # Where an empty box is an answer of its own (none granted), not known is written out.
            box.value = "not known" if self.question.not_known is not None else ""
            self._read(box.value)

    def leaving(self) -> None:
        """Called before the app moves away: an invalid typed answer is dropped, and said so."""
        if self.typed and self.typed_error:
            kept = self.screener.flow.display(self.question, self.screener.answers)
            self.app.notify(
                f"Not recorded: {self.typed_error}. The answer stays {kept}.",
                severity="warning",
                markup=False,
            )

    # -- why -----------------------------------------------------------------

    def action_why(self) -> None:
        app = self.screener
        why = app.flow.why(self.question, app.answers)
        self.app.push_screen(TextDialog(f"Why am I asked this? — {self.question.title}", why.lines()))
