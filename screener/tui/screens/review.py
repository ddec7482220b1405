"""The review: every answer on one screen; Enter jumps to a question to change it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import OptionDoesNotExist

from screener.textsafe import clean_line, terminal_safe
from screener.tui.screens.page import PageScreen
from screener.tui.widgets.choices import PointerList


class ReviewScreen(PageScreen):
    OFFERS = frozenset({"back", "next"})
    HELP = (
        "Every answer is listed here, in the order asked. Move with ↑ and ↓ and press Enter to "
        "change the highlighted answer; from there r brings you back here.\n\n"
        "n goes on (to the summary in a walkthrough). ctrl+s saves the answers as a case file, which you can open "
        "again with: screener FILE."
    )

    def compose_body(self) -> ComposeResult:
        app = self.screener
        yield Static(Content("Review every answer"), classes="prompt")
        pages = app.pages()
        here = next((n for n, p in enumerate(pages) if p.key == self.page.key), len(pages) - 1)
        after = pages[here + 1].step_title.lower() if here + 1 < len(pages) else "the end"
        yield Static(
            Content(
                f"Enter changes the highlighted answer · n goes on to the {after} · "
                f"screening date {app.answers.screening_date.isoformat()}"
            ),
            classes="hint",
        )
        flow = app.flow
        # Pack text and answers, checked where they came in, are cleaned again: nothing shown may drive the terminal.
        labels = [(q.id, clean_line(f"{q.title}: {flow.display(q, app.answers)}")) for q in flow.questions(app.answers)]
        yield PointerList(labels, id="review-list")
        if app.answers.notes:
            yield Static(
                Content(
                    f"Notes from the case file (kept, not shown in the summary): {terminal_safe(app.answers.notes)}"
                ),
                classes="hint",
            )

    def on_mount(self) -> None:
        super().on_mount()
        review = self.query_one("#review-list", OptionList)
        last = self.screener.last_question
        if last is not None:
            try:
                review.highlighted = review.get_option_index(last)
            except OptionDoesNotExist:
                # The question no longer applies (say the NRM status changed): start at the top.
                review.highlighted = 0
        review.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.screener.go_to(event.option.id)
