"""The review: every answer on one screen; Enter jumps to a question to change it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import OptionDoesNotExist

from screener.textsafe import clean_line, terminal_safe
from screener.tui.dialogs.date import ask_screening_date
from screener.tui.screens.page import PageScreen
from screener.tui.widgets.choices import PointerList
from screener.tui.widgets.markdown_lines import ready
from screener.typed_dates import in_words

# Seconds on the review before the summary is readied: a key pressed sooner is not kept waiting by it.
READING = 1.0


class ReviewScreen(PageScreen):
    OFFERS = frozenset({"back", "next"})
    IN_PLACE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "screening_date", "Date", id="date", tooltip="Change the screening date"),
    ]
    HELP = (
        "Every answer is listed here, in the order asked. Move with ↑ and ↓ and press Enter to "
        "change the highlighted answer: "
        "answering it brings you back here, with what the change did to the summary. r also comes back.\n\n"
        "n goes on (to the summary in a walkthrough). ctrl+s saves the answers as a case file, which you can open "
        "again with: screener FILE."
    )

    def compose_body(self) -> ComposeResult:
        yield Static(Content("Review every answer"), classes="prompt")
        yield Static(Content(self._hint()), id="review-hint", classes="hint")
        # What the last change did, after a change from here; hidden otherwise (kept for the next showing).
        changes = Static(id="review-changes")
        self._show_changes(changes)
        yield changes
        yield PointerList(self._labels(), id="review-list")
        notes = Static(Content(self._notes()), id="review-notes", classes="hint")
        notes.display = bool(self._notes())
        yield notes

    def fill_body(self) -> None:
        self.query_one("#review-hint", Static).update(Content(self._hint()))
        self._show_changes(self.query_one("#review-changes", Static))
        self.query_one("#review-list", PointerList).show_labels(self._labels())
        notes = self.query_one("#review-notes", Static)
        notes.update(Content(self._notes()))
        notes.display = bool(self._notes())
        self._arrived()

    def _hint(self) -> str:
        app = self.screener
        following = app.session.following(self.page.key)
        after = following.step_title.lower() if following is not None else "the end"
        return (
            f"Enter changes the highlighted answer · n goes on to the {after} · "
            f"screening date {in_words(app.answers.screening_date)}"
            + ("" if app.session.training else " (d changes it)")
        )

    def _labels(self) -> list[tuple[str, str]]:
        app = self.screener
        flow = app.flow
        # Pack text and answers, checked where they came in, are cleaned again: nothing shown may drive the terminal.
        return [(q.id, clean_line(f"{q.title}: {flow.display(q, app.answers)}")) for q in flow.questions(app.answers)]

    def _notes(self) -> str:
        notes = self.screener.answers.notes
        return f"Notes from the case file (kept, not shown in the summary): {terminal_safe(notes)}" if notes else ""

    def _show_changes(self, line: Static) -> None:
        changed = self.screener.session.review_changes()
        line.display = changed is not None
        line.set_classes("hint")
        if changed is None:
            line.update(Content(""))
            return
        changes, outcomes = changed
        if not changes:
            line.update(Content("Nothing changed."))
            return
        lines = ["Changed: " + "; ".join(changes)]
        if outcomes:
            lines += ["What it changed in the summary:", *(f"  {line}" for line in outcomes)]
        else:
            lines.append("The summary's outcomes, signposts and key dates are unchanged.")
        line.update(Content("\n".join(clean_line(line) for line in lines)))
        line.set_classes("changes")

    def on_mount(self) -> None:
        self._arrived()

    def _arrived(self) -> None:
        """Each time the review shows: the summary readied while it is read, the cursor on the last answer asked."""
        # While the review is read, the summary is worked out, parsed and laid out, so that n shows it at once.
        self.set_timer(READING, self._ready_the_summary)
        review = self.query_one("#review-list", OptionList)
        last = self.screener.session.last_question
        if last is not None:
            try:
                review.highlighted = review.get_option_index(last)
            except OptionDoesNotExist:
                # The question no longer applies (say the NRM status changed): start at the top.
                review.highlighted = 0
        self.set_focus(review)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "screening_date" and self.screener.session.training:
            return False  # a scenario's date is the scenario's
        return super().check_action(action, parameters)

    def action_screening_date(self) -> None:
        # Every answer is shown again as at the new day (an age, what the answers now ask).
        ask_screening_date(self.app, self.screener.session, self.screener.go_review)

    def _ready_the_summary(self) -> None:
        # Only where n leads to the summary: in training the predictions come first, and a summary laid out
        # that a trainee may never open would cost each served tab a megabyte of its own.
        following = self.screener.session.following(self.page.key)
        if following is None or following.step != "summary":
            return
        if self.is_current and self.screener.answers.jurisdiction is not None:
            # The summary's text fills its page's body, whose padding is this page's (#body).
            ready(self.app, self.screener.session.markdown(), self.query_one("#body").content_region.width)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.screener.change_from_review(event.option.id)
