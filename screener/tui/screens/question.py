"""A question page: one choice, or a typed date, age or reference."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Static

from screener.tui.dialogs import TextDialog
from screener.tui.screens.page import PageScreen
from screener.tui.widgets.answer_input import AnswerInput
from screener.tui.widgets.choices import ChoiceList
from screener.typed_dates import EXAMPLE, in_words
from screener.walkthrough import AnswerError, Page

# What the leave box holds while the answer is not known (an empty box is none granted).
NOT_KNOWN_WORDS = "not known"
CHOICE_HELP = (
    "Each answer shows its number: press it to record that answer and go on. Or move with ↑ and ↓ "
    "and press Enter to record the highlighted answer and go on (Space records it and stays). The "
    "cursor starts on the answer shown as chosen (Not known until you answer), so Enter alone keeps it.\n\n"
    "The chosen answer is marked (•) and named on the Answer line. Every question can be "
    "answered Not known, and the summary then says which unknown answers could change an outcome. "
    "An answer an earlier one already gives (the concern an NRM referral means) is chosen for you and "
    "says where from; choose another if it is not right.\n\n"
    "b goes back and n goes on, keeping every answer. w explains why the question is asked: the "
    "rules and signposts that read the answer, and their sources. r lists every answer."
)
TYPED_HELP = (
    "Start typing to answer: the first key you type replaces what the box holds (Tab edits it "
    "instead). The answer is checked as you type and recorded once it is valid; the line under "
    "the box says what is recorded.\n\n"
    "While the box has the cursor, every letter types and Enter records the answer and goes on. "
    "Esc leaves the box. Outside it, Enter keeps the answer and goes on, b goes back, n goes on, "
    "w explains why the question is asked and r lists every answer. The Not known button (or an "
    "empty box) records not known."
)


def _typed(page: Page) -> bool:
    return page.question is not None and page.question.kind in ("text", "date", "age")


class QuestionScreen(PageScreen):
    # Arriving never puts the cursor in a text box: b, n, w and r stay keys until you type.
    AUTO_FOCUS = ""
    IN_PLACE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "keep", "Keep", key_display="⏎", show=False, tooltip="Keep the answer and go on"),
    ]

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
        return _typed(self.page)

    def help_text(self) -> str:
        return TYPED_HELP if self.typed else CHOICE_HELP

    @staticmethod
    def variant(page: Page) -> str:
        # A choice shows in a choice's widgets, a typed answer in a typed answer's.
        return "typed" if _typed(page) else "choice"

    def compose_body(self) -> ComposeResult:
        app = self.screener
        question = self.question
        self.opened_with = app.answers.get(question)
        yield Static(Content(question.prompt), id="prompt", classes="prompt")
        if self.typed:
            yield Static(Content(self._typed_hint()), id="typed-hint", classes="hint")
            with Horizontal(id="typed-row"):
                yield AnswerInput(
                    self._initial_text(),
                    placeholder=self._placeholder(),
                    id="answer-input",
                    select_on_focus=False,
                )
                yield Button(self._not_known_label(), id="not-known")
            yield Static(Content(self._recorded_text()), id="answer-line")
        else:
            value = app.answers.get(question)
            # The cursor starts on the answer shown as chosen, a not-yet-answered "Not known" included,
            # so that Enter keeps what the screen shows rather than recording the first answer.
            yield ChoiceList(question.options, self._chosen(), id="choices", start=value)
            yield Static(Content(self._answer_line()), id="answer-line")
            area_hint = Static(id="area-hint", classes="hint")
            self._show_area_hint(area_hint)
            yield area_hint
            # Said until the question is answered: kept, hidden, so that the next question can say it.
            required = Static(Content(question.hint), id="required-hint", classes="hint")
            required.display = self._required()
            yield required
        yield Static(self._why_brief(), id="why-brief")
        yield Static(Content("w: more on why, with every source"), classes="hint")

    def fill_body(self) -> None:
        app = self.screener
        assert self.page.question is not None
        question = self.question = self.page.question
        self.opened_with = app.answers.get(question)
        self.typed_error = None
        self.query_one("#prompt", Static).update(Content(question.prompt))
        line = self.query_one("#answer-line", Static)
        if self.typed:
            self.query_one("#typed-hint", Static).update(Content(self._typed_hint()))
            box = self.query_one("#answer-input", AnswerInput)
            self.set_focus(None)  # arriving never puts the cursor in a text box (AUTO_FOCUS)
            with box.prevent(Input.Changed):
                box.value = self._initial_text()
            box.cursor_position = len(box.value)
            box.placeholder = self._placeholder()
            self.query_one("#not-known", Button).label = self._not_known_label()
            line.update(Content(self._recorded_text()))
            line.remove_class("error")
        else:
            choices = self.query_one("#choices", ChoiceList)
            choices.show_choices(question.options, self._chosen(), start=app.answers.get(question))
            line.update(Content(self._answer_line()))
            self._show_area_hint(self.query_one("#area-hint", Static))
            required = self.query_one("#required-hint", Static)
            required.update(Content(question.hint))
            required.display = self._required()
            self.set_focus(choices)
        self.query_one("#why-brief", Static).update(self._why_brief())

    def _chosen(self) -> list[str]:
        value = self.screener.answers.get(self.question)
        return [value] if value is not None else []

    def _required(self) -> bool:
        return self.question.required and self.screener.answers.get(self.question) is None

    def _not_known_label(self) -> Content:
        not_known = self.screener.flow.pack.wording.answer_label("unknown")
        return Content(not_known if self.question.kind != "text" else "None")

    def _why_brief(self) -> Content:
        app = self.screener
        why = app.flow.why(self.question, app.answers)
        return Content.assemble(("Why am I asked this?  ", "bold"), why.brief())

    def on_mount(self) -> None:
        # Keys typed fast can move on before this page is mounted: then there is nothing to focus.
        for choices in self.query("#choices"):
            self.set_focus(choices)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "keep":
            return self.typed and not isinstance(self.focused, Input)
        return super().check_action(action, parameters)

    def on_key(self, event: events.Key) -> None:
        """Outside the box, a key that is not one of the page's starts the answer afresh."""
        if not self.typed:
            return
        box = self.query_one("#answer-input", AnswerInput)
        if event.key in ("backspace", "delete") and not isinstance(self.focused, Input):
            # Outside the box, Backspace empties it: none, or not known where empty means that.
            event.stop()
            event.prevent_default()
            self.set_focus(box)
            box.value = ""
            return
        if not event.is_printable or not event.character:
            return
        if self.focused is box:
            # Typed fast (a browser tab sends each key at once): the app passed this key on before
            # the key ahead of it gave the box the focus, so it came here; it belongs in the box.
            event.stop()
            event.prevent_default()
            box.insert_text_at_cursor(event.character)
            return
        # A space outside the box is the page's own key (mark, choose), never the start of an answer.
        if isinstance(self.focused, Input) or event.character == " ":
            return
        if event.key in self.active_bindings:
            return
        event.stop()
        event.prevent_default()
        self.set_focus(box)
        box.value = event.character
        box.cursor_position = len(box.value)

    def action_keep(self) -> None:
        if self.typed_error:
            self.app.bell()
            return
        self.screener.answered(self.page.key)

    # -- choices -------------------------------------------------------------

    def _answer_line(self) -> str:
        app = self.screener
        value = app.answers.get(self.question)
        if value is None:
            return "Answer: none chosen yet"
        option = self.question.option(value)
        source = self.screener.session.filled_from(f"fact:{self.question.id}")
        if source:
            return f"Answer: {option.label if option else value} — {source}; choose another if it is not right"
        return f"Answer: {option.label if option else value}"

    def _show_area_hint(self, line: Static) -> None:
        """'From the area file: …' under a question the area file settles, and what else the answer answers
        (a later question asking the same test); hidden under any other."""
        session = self.screener.session
        hint = "\n".join(h for h in (session.area_hint(self.question), session.answers_too(self.question)) if h)
        line.update(Content(hint))
        line.display = bool(hint)

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        event.stop()
        if not event.current:
            return
        value = next(iter(event.chosen))
        self.screener.session.record(self.question, value)
        if event.advance and self.went_on():
            return
        self.query_one("#answer-line", Static).update(Content(self._answer_line()))
        self._show_area_hint(self.query_one("#area-hint", Static))

    # -- typed answers -------------------------------------------------------

    def _typed_hint(self) -> str:
        if self.question.not_known is not None:
            return (
                f"{self.question.hint} An empty box means none has been granted (Backspace empties it); "
                "the Not known button records not known. Start typing to answer; Tab edits; Enter goes on."
            )
        empty = "Leave it empty for none." if self.question.kind == "text" else "Leave it empty if not known."
        return f"{self.question.hint} {empty} Start typing to answer; Tab edits; Enter goes on."

    def _placeholder(self) -> str:
        if self.question.not_known is not None:
            return "empty: none granted"
        return {"date": EXAMPLE, "age": f"15, or {EXAMPLE}", "text": "for example TRAIN-004"}[self.question.kind]

    def _initial_text(self) -> str:
        value: Any = self.screener.answers.get(self.question)
        if value is None:
            return ""
        if self.question.not_known is not None and value == self.question.not_known:
            return NOT_KNOWN_WORDS
        return in_words(value) if isinstance(value, dt.date) else str(value)

    def _recorded_text(self) -> str:
        app = self.screener
        return f"Recorded: {app.flow.display(self.question, app.answers)}"

    def _read(self, text: str) -> bool:
        app = self.screener
        try:
            value = app.flow.parse(self.question, text, app.answers)
        except AnswerError as exc:
            self.typed_error = str(exc)
            app.session.record(self.question, self.opened_with)
            line = self.query_one("#answer-line", Static)
            kept = app.flow.display(self.question, app.answers)
            line.update(Content(f"Error: {exc}. Not recorded: the answer stays {kept}."))
            line.add_class("error")
            return False
        self.typed_error = None
        app.session.record(self.question, value)
        line = self.query_one("#answer-line", Static)
        line.update(Content(self._recorded_text()))
        line.remove_class("error")
        return True

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        words = NOT_KNOWN_WORDS if self.question.not_known is not None else ""
        if words and event.value != words and words.startswith(event.value) and len(event.value) == len(words) - 1:
            # "not known" stands for one answer: Backspace at its end takes the words away whole.
            event.input.value = ""
            return
        self._read(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._read(event.value):
            self.screener.answered(self.page.key)
        else:
            self.app.bell()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "not-known":
            event.stop()
            box = self.query_one("#answer-input", Input)
            # Where an empty box is an answer of its own (none granted), not known is written out.
            box.value = NOT_KNOWN_WORDS if self.question.not_known is not None else ""
            box.cursor_position = len(box.value)
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
