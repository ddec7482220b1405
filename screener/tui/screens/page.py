"""The frame every walkthrough page shares: title line, body, footer keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input

from screener.tui.widgets.footer import KeyFooter
from screener.tui.widgets.titlebar import TitleBar
from screener.walkthrough import Page

if TYPE_CHECKING:
    from screener.tui.app import ScreenerApp


class PageScreen(Screen[None]):
    """A page of the walkthrough. The app holds the answers; a page shows them and
    reports changes, so leaving a page and coming back never loses anything.

    Its title line follows the session's answers and saved answers (the app's reactive
    ``revision``, whose watcher redraws the title of every page in the screen stack): nothing
    refreshes it by hand after an answer or a save.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "back", "Back", id="back", tooltip="Go to the previous page; answers are kept"),
        Binding("n", "next", "Next", id="next", tooltip="Go to the next page; answers are kept"),
        Binding("w", "why", "Why", id="why", tooltip="Why am I asked this? The rule or indicator and its source"),
        Binding("r", "review", "Review", id="review", tooltip="Every answer on one screen"),
        Binding("question_mark", "help", "Help", show=False, id="help-page"),
    ]
    HELP: ClassVar[str] = ""
    # Which of back / next / why / review this kind of page offers.
    OFFERS: ClassVar[frozenset[str]] = frozenset({"back", "next", "why", "review"})
    # Pages that are mostly reading (the summary) let the body take focus, so the arrows scroll it.
    BODY_FOCUS: ClassVar[bool] = False
    # This kind of page can show the next page of its kind in place (``show_page``), and is kept for it.
    IN_PLACE: ClassVar[bool] = False
    # A page whose body fits any screen (its list scrolls itself) keeps its head on screen: no outer scroll.
    BODY_SCROLLS: ClassVar[bool] = True

    def __init__(self, page: Page) -> None:
        super().__init__()
        self.page = page

    @property
    def screener(self) -> ScreenerApp:
        return cast("ScreenerApp", self.app)

    def compose(self) -> ComposeResult:
        yield TitleBar(id="titlebar")
        scrolls = self.body_scrolls()
        # A body that does not scroll lets its list take the rows the rest leave (screener.tcss).
        self.set_class(not scrolls, "-fixed-body")
        body = VerticalScroll(id="body", can_focus=self.BODY_FOCUS) if scrolls else Vertical(id="body")
        with body:
            yield from self.compose_body()
        # The command palette (ctrl+p, named in the help) is left off the footer, so the keys fit 80 columns.
        yield KeyFooter(show_command_palette=False)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        # Textual calls the on_mount of every class in the screen's MRO, this one included: a
        # page's own on_mount never calls super().on_mount(), which would run this twice (two
        # title watchers, so the title line redrawn twice for every answer).
        self.refresh_title()
        # The footer is built before a page focuses its list; without this it can miss the list's keys.
        self.call_after_refresh(self.refresh_bindings)

    def body_scrolls(self) -> bool:
        """Whether the body scrolls as a whole (``BODY_SCROLLS``), for this page's variant."""
        return self.BODY_SCROLLS

    @staticmethod
    def variant(page: Page) -> str:
        """Which widgets show ``page``, where a kind of page has more than one set (a choice, a typed answer)."""
        return ""

    def shows_in_place(self, page: Page) -> bool:
        """Whether this screen can show ``page`` by changing its own words: a page of its kind and variant.

        A new screen per page is composed, styled, laid out and drawn whole: four times what a
        minimal Textual screen switch costs (``benchmarks/page_switch.py``). The next question,
        or the next theme's indicators, is the same widgets holding other words; the app keeps
        such a screen (``IN_PLACE``) when it moves to another kind, and shows it again for the next
        page of its kind.
        """
        return self.IN_PLACE and self.variant(page) == self.variant(self.page)

    def show_page(self, page: Page) -> None:
        """Show ``page`` (one ``shows_in_place`` accepts) in this screen: as a new screen of it would look."""
        self.page = page
        self.fill_body()
        self.refresh_title()
        for body in self.query("#body"):
            body.scroll_home(animate=False, immediate=True)
        self.refresh_bindings()

    def fill_body(self) -> None:
        """Put ``self.page``'s words in the body's widgets (for ``show_page``)."""

    def refresh_title(self) -> None:
        app = self.screener
        page = app.session.page_for(self.page.key) or self.page
        left = app.title_left()
        # An answer can arrive while the page is still being built.
        for bar in self.query(TitleBar):
            bar.show(left, page.progress())

    def went_on(self, go: Callable[[str], None] | None = None) -> bool:
        """The answer just recorded here also means go on (a number, Enter): ask the session (with ``go``,
        the app's ``answered`` unless told), and say whether another page shows now (then this page's lines
        need not show the answer: the next page's words are in, or this screen is out of sight until
        ``show_page`` fills it again)."""
        page = self.page
        (go or self.screener.answered)(page.key)
        return self.page is not page or not self.is_current

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # False hides a key this page does not offer, so the footer lists only what works here;
        # and while a text box has the cursor, the letters type, so those keys are not offered.
        if action in ("back", "next", "why", "review", "help"):
            if isinstance(self.focused, Input):
                return False
            return action == "help" or action in self.OFFERS
        return True

    def action_back(self) -> None:
        self.screener.go_back(self.page.key)

    def action_next(self) -> None:
        self.screener.go_next(self.page.key)

    def action_review(self) -> None:
        self.screener.go_review()

    def action_why(self) -> None:
        pass

    def action_help(self) -> None:
        self.screener.action_help()

    def help_text(self) -> str:
        return self.HELP

    def leaving(self) -> None:
        """Called just before the app shows another page."""
