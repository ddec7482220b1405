"""The Textual walkthrough. It shows the session's pages and asks; it decides nothing.

The walk's state (answers, saved answers, the case as opened, the area file, the
place in the walk, a change from the review) is a ``screener.walkthrough.session.Session``,
the same one plain mode shows. Each key a page handles is a session action; the
session answers with the page to show (``apply``), so back and forward never lose
an answer and the two faces cannot drift apart.

Training is this app with a training session and four pages of its own
(``screener.tui.training``, overriding ``screen_class``).
"""

from __future__ import annotations

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
from screener.casefile.model import Case
from screener.summary import Summary
from screener.terminal import served_in_browser
from screener.tui import saving
from screener.tui.browser import BrowserDownloads
from screener.tui.dialogs import QuitDialog, TextDialog
from screener.tui.kept_styles import KeptStylesheet
from screener.tui.screens.export import ExportScreen
from screener.tui.screens.indicators import IndicatorsScreen
from screener.tui.screens.page import PageScreen
from screener.tui.screens.question import QuestionScreen
from screener.tui.screens.review import ReviewScreen
from screener.tui.screens.summary import SummaryScreen
from screener.tui.screens.welcome import WelcomeScreen
from screener.tui.themes import DEFAULT_THEME, HIGH_CONTRAST, MARKDOWN_STYLES, STANDARD
from screener.walkthrough import Answers, Flow, Page
from screener.walkthrough.session import Blocked, Move, Session, Show


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

    # Bumped whenever the session's answers or saved answers change: every page's title line
    # watches it, so nothing refreshes it by hand after an answer or a save.
    revision: var[int] = var(0, init=False)

    def __init__(self, session: Session) -> None:
        super().__init__()
        # Parsed CSS kept for the process: a tab forked from serve's warm parent parses none of it.
        self.stylesheet = KeptStylesheet.like(self.stylesheet)
        if served_in_browser():
            # Textual's web driver says the app is blurred as it starts, until the page says it has
            # focus; starting blurred (no watcher: there is nothing to restyle yet) spares every tab
            # a restyle and a repaint of its whole first screen.
            self.set_reactive(App.app_focus, False)
        # Everything the walk keeps is the session's; the app shows its pages and asks.
        self.session = session
        session.watch(self._session_changed)
        # A screen of each kind that shows its next page in place, by kind and variant (``apply``).
        self._kept: dict[tuple[type[PageScreen], str], PageScreen] = {}
        # Said once as the walkthrough starts, when the terminal will draw it badly (the old Windows console).
        self.start_notice: str | None = None

    def _session_changed(self) -> None:
        self.revision += 1

    def watch_revision(self) -> None:
        # The pages in the stack (the one showing, one under a dialog) redraw their title line; a screen
        # kept out of sight is brought up to date by show_page when it shows again. The app asks them,
        # rather than each page watching the app: Textual holds a watcher, and so a page, until the
        # watched value changes after the page has closed, and a page left for good would be kept.
        for screen in self.screen_stack:
            if isinstance(screen, PageScreen):
                screen.refresh_title()

    # -- start-up ------------------------------------------------------------

    def on_mount(self) -> None:
        # Rich draws the summary's Markdown; its default quote colour is a warning-like
        # magenta, and the framing statements are not warnings.
        self.console.push_theme(RichTheme(MARKDOWN_STYLES))
        self.register_theme(HIGH_CONTRAST)
        self.register_theme(STANDARD)
        self.theme = DEFAULT_THEME
        first = self.session.page or self.session.pages()[0]
        self.push_screen(self.screen_for(first))
        if self.start_notice:
            self.notify(self.start_notice, severity="warning", timeout=15, markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own "Screenshot" writes the screen (case details) to ~/Downloads, readable by
        # all, unasked: it is left out, and the summary's export is the one way to write it.
        yield from (c for c in super().get_system_commands(screen) if c.title != "Screenshot")
        if self.check_action("save", ()) is not False and self.session.case_path is not None:
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

    # -- the session, as the pages read it -----------------------------------

    @property
    def flow(self) -> Flow:
        return self.session.flow

    @property
    def answers(self) -> Answers:
        return self.session.answers

    @answers.setter
    def answers(self, answers: Answers) -> None:
        self.session.answers = answers

    @property
    def current_key(self) -> str:
        return self.session.key

    @property
    def unsaved(self) -> bool:
        return self.session.unsaved

    def title_left(self) -> str:
        """The left of every page's title line: where the case is, and whether it is saved."""
        left = "Screener"
        if self.answers.jurisdiction:
            left += f" · {self.flow.pack.jurisdictions[self.answers.jurisdiction].name}"
        if self.unsaved:
            left += " · unsaved"
        return left

    def case(self) -> Case:
        return self.session.case()

    def summary(self) -> Summary:
        return self.session.summary()

    def render_summary(self, fmt: str) -> str | bytes:
        """The summary in a format, through the engine and the renderers, as ``summarise`` does."""
        return self.session.rendered(fmt)

    # -- moving about: the session decides, the app shows ----------------------

    def screen_for(self, page: Page) -> PageScreen:
        return self.screen_class(page)(page)

    def screen_class(self, page: Page) -> type[PageScreen]:
        """The kind of screen that shows ``page``."""
        if page.question is not None:
            if page.question.kind == "indicators":
                return IndicatorsScreen
            return QuestionScreen
        return {
            "welcome": WelcomeScreen,
            "review": ReviewScreen,
            "summary": SummaryScreen,
            "export": ExportScreen,
        }[page.step]

    def apply(self, move: Move) -> None:
        """Show what the session answered an action with."""
        if isinstance(move, Blocked):
            self.notify(move.reason, severity="warning", markup=False)
        elif isinstance(move, Show):
            current = self.screen
            kind = self.screen_class(move.page)
            key = (kind, kind.variant(move.page))
            if isinstance(current, PageScreen):
                current.leaving()
                if type(current) is kind and current.shows_in_place(move.page):
                    current.show_page(move.page)
                    return
                kept = self._kept.get(key)
                if kept is not None:
                    kept.show_page(move.page)
                    self.switch_screen(kept)
                    return
            screen = kind(move.page)
            if screen.IN_PLACE and key not in self._kept:
                # Kept (installed, so that Textual does not take it down when another kind of page shows)
                # for the next page of its kind.
                self._kept[key] = screen
                self.install_screen(screen, f"{key[0].__name__}:{key[1]}")
            self.switch_screen(screen)

    def go_to(self, key: str) -> None:
        self.apply(self.session.go_to(key))

    def answered(self, key: str) -> None:
        """An answer was recorded with a key that also means go on (a number, Enter)."""
        self.apply(self.session.answered(key))

    def change_from_review(self, key: str) -> None:
        self.apply(self.session.change_from_review(key))

    def go_next(self, key: str) -> None:
        self.apply(self.session.next(key))

    def go_back(self, key: str) -> None:
        self.apply(self.session.back(key))

    def go_review(self) -> None:
        self.apply(self.session.review())

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


def run_app(app: ScreenerApp) -> int:
    """Run the walkthrough (``ScreenerApp(Session.open(...))``); the exit code."""
    heap.settle()
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
