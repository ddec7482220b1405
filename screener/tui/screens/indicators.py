"""An indicators page: one theme's indicators as a checklist, each with why it matters on demand."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static

from screener.tui.dialogs import TextDialog
from screener.tui.screens.page import PageScreen
from screener.tui.widgets.choices import ChoiceList
from screener.walkthrough import Page

# What a line marked from another answer says in place of "noted".
FILLED_WORD = "from an answer"
KEYS_HINT = "Its number or letter (or Space) marks or unmarks a line; Enter goes on. None marked: none noticed."


class IndicatorsScreen(PageScreen):
    HELP = (
        "Each line is an indicator: a sign (something you may have seen or heard) or a risk "
        "factor (a circumstance that makes exploitation more likely). Mark each one you have "
        "noticed with its number (1-9, then the letter shown past nine), or with Space on the "
        "highlighted line; it then shows [x] and the word noted, and the same key unmarks it. "
        "Enter (or n) goes on. Leaving them all unmarked is fine: it means none noticed, or not known.\n\n"
        "A line an earlier answer already says (Approaching 18 from the age, say) is marked for you and "
        "reads 'from an answer'; under the list it says which. Its key unmarks it, and it stays as you "
        "leave it.\n\n"
        "Under the list is the question to ask yourself about the highlighted indicator. "
        "w explains why that indicator matters, with its source.\n\n"
        "b goes back and n goes on, keeping every mark. r lists every answer."
    )

    # The theme's title stays on screen at 80x24: the list scrolls within the page, the page never does.
    BODY_SCROLLS = False
    IN_PLACE = True

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        assert page.question is not None
        self.question = page.question

    def compose_body(self) -> ComposeResult:
        app = self.screener
        yield Static(Content(self.question.prompt), id="prompt", classes="prompt")
        yield Static(Content(KEYS_HINT), classes="hint")
        yield ChoiceList(
            self.question.options,
            app.answers.get(self.question),
            multiple=True,
            id="choices",
            marked_words=self._marked_words(),
        )
        yield Static(Content(self._count_line()), id="answer-line")
        yield Static(Content(""), id="indicator-detail")

    def fill_body(self) -> None:
        assert self.page.question is not None
        self.question = self.page.question
        self.query_one("#prompt", Static).update(Content(self.question.prompt))
        choices = self.query_one("#choices", ChoiceList)
        choices.show_choices(
            self.question.options, self.screener.answers.get(self.question), marked_words=self._marked_words()
        )
        self.query_one("#answer-line", Static).update(Content(self._count_line()))
        self.set_focus(choices)
        self._show_detail()

    def on_mount(self) -> None:
        # Keys typed fast can move on before this page is mounted: then there is nothing to focus.
        for choices in self.query("#choices"):
            self.set_focus(choices)
            self._show_detail()

    def _marked_words(self) -> dict[str, str]:
        # Short on the line, so that it fits 80 columns; the answer it came from is said under the list.
        return dict.fromkeys(self.screener.session.filled_marks(self.question), FILLED_WORD)

    def _count_line(self) -> str:
        app = self.screener
        return f"Noted on this page: {app.flow.display(self.question, app.answers)}"

    def _highlighted(self) -> str | None:
        choices = self.query_one("#choices", ChoiceList)
        if choices.highlighted is None:
            return None
        return choices.choices[choices.highlighted].value

    def _show_detail(self) -> None:
        indicator_id = self._highlighted()
        if indicator_id is None:
            return
        option = self.question.option(indicator_id)
        assert option is not None
        source = self.screener.session.filled_from(f"indicator:{indicator_id}")
        filled = f"Marked {source}: its key unmarks it.\n" if source else ""
        self.query_one("#indicator-detail", Static).update(
            Content(f"{filled}{option.kind}. Ask yourself: {option.detail}\nw: why this matters, and its source")
        )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.is_mounted:
            self._show_detail()

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        event.stop()
        if not event.current:
            return
        self.screener.session.record(self.question, event.chosen)
        if event.advance and self.went_on():
            return
        # A line marked from another answer and changed here is the user's own from now on.
        self.query_one("#choices", ChoiceList).show_marked_words(self._marked_words())
        self._show_detail()
        self.query_one("#answer-line", Static).update(Content(self._count_line()))
        # The count line and the detail can change height together, and the list gives way to them: the frame
        # is right, but the lines sent to the terminal then left two stale ones (tests/test_tui_terminal.py).
        # Drawn whole once it has settled: one 80x24 page, on a key that marks a line.
        self.call_after_refresh(self.refresh)

    def action_why(self) -> None:
        indicator_id = self._highlighted()
        if indicator_id is None:
            return
        app = self.screener
        why = app.flow.indicator_why(indicator_id, app.answers)
        title = app.flow.pack.indicators[indicator_id].title
        self.app.push_screen(TextDialog(f"Why it matters — {title}", why.lines()))
