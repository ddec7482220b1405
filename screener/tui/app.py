"""The Textual walkthrough. It gathers answers and shows the engine's summary; it decides nothing.

The app holds the answers (``screener.walkthrough.Answers``) and the place in the walk;
each page is built from them when shown, so back and forward never lose an
answer. Which pages exist comes from ``screener.walkthrough.Flow``, the same flow the
plain mode walks.

A training mode can reuse all of this: pass its own ``Flow`` (or subclass it)
and starting answers, and add its own pages by overriding ``screen_for``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from rich.theme import Theme as RichTheme
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen

from screener import heap
from screener.area.model import Area
from screener.casefile.model import Case
from screener.content.pack import Pack
from screener.summary import Summary
from screener.tui import saving
from screener.tui.browser import BrowserDownloads
from screener.tui.dialogs import QuitDialog, TextDialog
from screener.tui.screens.export import ExportScreen
from screener.tui.screens.indicators import IndicatorsScreen
from screener.tui.screens.page import PageScreen
from screener.tui.screens.question import QuestionScreen
from screener.tui.screens.review import ReviewScreen
from screener.tui.screens.summary import SummaryScreen
from screener.tui.screens.welcome import WelcomeScreen
from screener.tui.themes import DEFAULT_THEME, HIGH_CONTRAST, MARKDOWN_STYLES, STANDARD
from screener.walkthrough import Answers, Flow, Page, Question


class ScreenerApp(BrowserDownloads, App[int], inherit_bindings=False):
    """The walkthrough: welcome, questions, review, summary, export."""

    CSS_PATH: ClassVar[list[str | Path]] = ["screener.tcss", "dialogs/dialogs.tcss"]  # type: ignore[assignment,misc]
    TITLE = "Screener"
    # Bindings are not inherited, so that the footer lists the keys in the mock-up's order.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", key_display="F1", id="help", tooltip="Explain the current screen"),
        Binding("ctrl+s", "save", "Save", id="save", priority=True, tooltip="Save the answers as a case file"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, tooltip="Quit; asks first if answers are unsaved"),
        # Ctrl+C stays Textual's "copy, or say how to quit" key; ctrl+q is the one way out.
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    # The state every page shows; the pages' title lines follow it, so nothing refreshes them by hand.
    answers: var[Answers] = var(Answers.new, init=False)
    # What is on disk (or the empty start): anything beyond it is unsaved.
    saved_answers: var[Answers] = var(Answers.new, init=False)

    def __init__(
        self,
        pack: Pack,
        answers: Answers,
        *,
        case_path: Path | None = None,
        flow: Flow | None = None,
    ) -> None:
        super().__init__()
        self.flow = flow or Flow(pack)
        self.answers = answers
        self.saved_answers = answers
        self.case_path = case_path
        self.current_key = "welcome"
        self.last_question: str | None = None
        self.exported: Path | None = None
        # Set while a question is changed from the review: the answers as they were, and the
        # questions the review listed. Answering returns to the review, which shows what changed.
        self.review_from: Answers | None = None
        self.review_listed: set[str] = set()
        # The answers before the change just made from the review, for the review to compare.
        self.review_pending: Answers | None = None
        self._rendered: tuple[Answers, str, str | bytes] | None = None
        # The area file chosen at start-up, and whether this screening uses it (the welcome page can turn it off).
        self.area: Area | None = None
        self.area_in_use = True
        # The case file as opened: once an answer changes, the summary and export offer the
        # comparison with it (screener.tui.screens.compare).
        self.opened_path = case_path
        self.opened_answers = answers if case_path is not None else None
        self.opened_case: Case | None = None

    # -- start-up ------------------------------------------------------------

    def on_mount(self) -> None:
        # Rich draws the summary's Markdown; its default quote colour is a warning-like
        # magenta, and the framing statements are not warnings.
        self.console.push_theme(RichTheme(MARKDOWN_STYLES))
        self.register_theme(HIGH_CONTRAST)
        self.register_theme(STANDARD)
        self.theme = DEFAULT_THEME
        self.push_screen(self.screen_for(self.pages()[0]))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own "Screenshot" writes the screen (case details) to ~/Downloads, readable by
        # all, unasked: it is left out, and the summary's export is the one way to write it.
        yield from (c for c in super().get_system_commands(screen) if c.title != "Screenshot")
        if self.check_action("save", ()) is not False and self.case_path is not None:
            yield SystemCommand("Save as a new file", "Save the answers under another name", self.action_save_as)
        if self.theme == HIGH_CONTRAST.name:
            yield SystemCommand("Standard theme", "Go back to the standard colours", self.action_standard_theme)
        else:
            yield SystemCommand(
                "High-contrast theme", "White and yellow on black, for low vision", self.action_high_contrast
            )

    def deliver_screenshot(self, *args: object, **kwargs: object) -> None:
        """Never write a screenshot: it would hold case details, unasked and readable by all."""
        self.notify("Screenshots are not saved: they would hold case details. Export the summary instead.")

    def action_screenshot(self, *args: object, **kwargs: object) -> None:
        self.deliver_screenshot()

    def action_high_contrast(self) -> None:
        self.theme = HIGH_CONTRAST.name

    def action_standard_theme(self) -> None:
        self.theme = DEFAULT_THEME

    # -- state ---------------------------------------------------------------

    @property
    def unsaved(self) -> bool:
        return self.answers != self.saved_answers

    def title_left(self) -> str:
        """The left of every page's title line: where the case is, and whether it is saved."""
        left = "Screener"
        if self.answers.jurisdiction:
            left += f" · {self.flow.pack.jurisdictions[self.answers.jurisdiction].name}"
        if self.unsaved:
            left += " · unsaved"
        return left

    def pages(self) -> list[Page]:
        return self.flow.pages(self.answers)

    def page_for(self, key: str) -> Page | None:
        return next((p for p in self.pages() if p.key == key), None)

    def record(self, question: Question, value: object) -> None:
        self.answers = self.answers.with_answer(question, value)

    def case(self) -> Case:
        return self.flow.to_case(self.answers)

    def recorded_case(self) -> Case:
        """The case as saved: with what it was screened with, so that a later comparison can say."""
        from screener.casefile.write import recorded

        return recorded(self.case(), self.flow.pack, self.area if self.area_in_use else None)

    def summary(self) -> Summary:
        """The engine's summary of the answers, exactly as ``screener summarise`` would give it."""
        from screener.engine import screen

        return screen(self.flow.pack, self.case(), area=self.area if self.area_in_use else None)

    def render_summary(self, fmt: str) -> str | bytes:
        """The summary in a format, through the engine and the renderers, as ``summarise`` does."""
        cached = self._rendered
        if cached is not None and cached[0] == self.answers and cached[1] == fmt + self._area_key():
            return cached[2]
        from screener.render import render_file

        text = render_file(self.summary(), fmt)
        self._rendered = (self.answers, fmt + self._area_key(), text)
        return text

    def _area_key(self) -> str:
        return f"|{self.area.digest}" if self.area is not None and self.area_in_use else ""

    # -- moving about --------------------------------------------------------

    def screen_for(self, page: Page) -> Screen[None]:
        if page.question is not None:
            if page.question.kind == "indicators":
                return IndicatorsScreen(page)
            return QuestionScreen(page)
        return {
            "welcome": WelcomeScreen,
            "review": ReviewScreen,
            "summary": SummaryScreen,
            "export": ExportScreen,
        }[page.step](page)

    def show(self, page: Page) -> None:
        current = self.screen
        if isinstance(current, PageScreen):
            current.leaving()
        if page.question is None:
            # Arriving at the review (or any page that is not a question) ends a change from it.
            self.review_pending = self.review_from if page.step == "review" else None
            self.review_from = None
        self.current_key = page.key
        if page.question is not None:
            self.last_question = page.key
        self.switch_screen(self.screen_for(page))

    def go_to(self, key: str) -> None:
        page = self.page_for(key)
        if page is not None:
            self.show(page)

    def answered(self, key: str) -> None:
        """An answer was recorded with a key that also means go on (a number, Enter)."""
        if self.review_from is None:
            self.go_next(key)
            return
        # A change that brings in a new question (a decision date, say) asks it before the review.
        new = [q.id for q in self.flow.questions(self.answers) if q.id not in self.review_listed]
        if new:
            self.review_listed.add(new[0])
            self.go_to(new[0])
            return
        self.go_to("review")

    def change_from_review(self, key: str) -> None:
        self.review_from = self.answers
        self.review_listed = {q.id for q in self.flow.questions(self.answers)}
        self.go_to(key)

    def go_next(self, key: str) -> None:
        pages = self.pages()
        index = next((n for n, p in enumerate(pages) if p.key == key), None)
        if index is None:
            return
        blocker = self.flow.blocker(pages[index], self.answers)
        if blocker:
            self.notify(blocker, severity="warning", markup=False)
            return
        if index + 1 < len(pages):
            self.show(pages[index + 1])

    def go_back(self, key: str) -> None:
        pages = self.pages()
        index = next((n for n, p in enumerate(pages) if p.key == key), None)
        if index:
            self.show(pages[index - 1])

    def go_review(self) -> None:
        if self.answers.jurisdiction is None:
            self.notify("Choose the part of the UK first: the questions depend on it.", severity="warning")
            return
        self.go_to("review")

    # -- help, saving, quitting ----------------------------------------------

    def action_help(self) -> None:
        screen = self.screen
        if not isinstance(screen, PageScreen):
            return
        text, keys = screen.help_text(), KEYS_HELP
        if self.check_action("save", ()) is False:
            # No saving here (training): no hint names a key that does nothing.
            text = re.sub(r"[^.]*ctrl\+s[^.]*\.\s*", "", text).strip()
            keys = keys.replace(" · ctrl+s save the answers as a case file", "")
        lines = [text, "", keys]
        self.push_screen(TextDialog(f"Help — {screen.page.step_title}", lines))

    async def privacy_ok(self) -> bool:
        """Before a save or an export: warn of what looks like personal details; True to go on, False to edit."""
        return await saving.privacy_ok(self)

    @work(exclusive=True, group="save")
    async def action_save(self) -> None:
        await self.save_flow()

    @work(exclusive=True, group="save")
    async def action_save_as(self) -> None:
        await self.save_flow(ask=True)

    async def save_flow(self, ask: bool = False) -> bool:
        """Write the case file (``screener.tui.saving``); True once written."""
        return await saving.save_case_file(self, ask)

    @work(exclusive=True, group="quit")
    async def action_quit(self) -> None:  # type: ignore[override]
        if not self.unsaved:
            self.exit(0)
            return
        choice = await self.push_screen_wait(QuitDialog())
        if choice == "quit" or (choice == "save" and await self.save_flow()):
            self.exit(0)


KEYS_HELP = (
    "Keys everywhere: b back · n next · w why am I asked this? · r review every answer · "
    "F1 or ? this help · ctrl+s save the answers as a case file · ctrl+q quit · ctrl+p "
    "commands, including the high-contrast theme."
)


def build_app(
    pack: Pack,
    case: Case | None,
    *,
    as_at: dt.date | None = None,
    case_path: Path | None = None,
    area: Area | None = None,
) -> ScreenerApp:
    """The walkthrough, filled in from ``case`` when given, ready to run."""
    flow = Flow(pack)
    answers = Answers.from_case(pack, case, as_at) if case is not None else flow.new_answers(as_at)
    app = ScreenerApp(pack, answers, case_path=case_path, flow=flow)
    app.area = area
    app.opened_case = case
    return app


def run_app(app: ScreenerApp) -> int:
    """Run the walkthrough built by ``build_app``; the exit code."""
    heap.settle()
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
