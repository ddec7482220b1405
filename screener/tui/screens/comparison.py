"""Compare with the case as opened: offered at the summary and export once a reopened case has changed.

The comparison is ``screener.compare``'s (through ``screener.reopened``), shown as its
Markdown in a dialog over the page, and exported from there in any of its formats
(by the file name's ending: Word and PDF too), whole, 0600, never over a file unasked.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from screener.compare import Comparison, comparison_output, render_comparison
from screener.errors import InputError
from screener.render.formats import DEFAULT, comparison_formats, format_named, format_of, writable
from screener.reopened import default_name
from screener.textsafe import printable
from screener.tui import saving
from screener.tui.browser import served_in_browser
from screener.tui.dialogs import PathDialog
from screener.writing.plan import Ask, Go, Refused, plan_write, write

if TYPE_CHECKING:
    from screener.tui.app import ScreenerApp

OFFER = "c: compare with the case as opened"


def offered(app: ScreenerApp) -> bool:
    """A case file was opened, and an answer differs from it."""
    return app.session.comparison_offered()


def show(app: ScreenerApp) -> None:
    if offered(app):
        app.push_screen(CompareDialog(app.session.comparison()))


class CompareDialog(ModalScreen[None]):
    """What changed since the case file was opened; e exports it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,c", "close", "Close", id="close", tooltip="Close this window"),
        Binding("e", "export", "Export", id="export-changes", tooltip="Write the comparison to a file"),
    ]
    DEFAULT_CSS = """
    CompareDialog { align: center middle; background: $background 60%; }
    CompareDialog .dialog-text { max-height: 70vh; }
    """

    def __init__(self, result: Comparison) -> None:
        super().__init__(classes="dialog")
        self.result = result
        self.source = render_comparison(result, "md")  # the Markdown shown, which the .md export writes

    def compose(self) -> ComposeResult:
        # Parsed as Markdown, never as Textual markup, as the summary is.
        from rich.markdown import Markdown

        with Vertical(classes="dialog-box wide"):
            yield Static(Content("Compare with the case as opened"), classes="dialog-title")
            with VerticalScroll(classes="dialog-text", can_focus=True):
                yield Static(Markdown(self.source, hyperlinks=False), id="compare-body")
            yield Static(Content(""), id="compare-status")
            yield Static(
                Content(
                    "e exports it (Markdown, text, HTML or JSON, by the file name's ending) · Esc closes · ↑ ↓ scroll"
                ),
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    @property
    def screener(self) -> ScreenerApp:
        return cast("ScreenerApp", self.app)

    def action_close(self) -> None:
        self.dismiss(None)

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#compare-status", Static)
        status.update(Content(text))
        status.set_class(error, "error")

    @work(exclusive=True, group="compare-export")
    async def action_export(self) -> None:
        app = self.screener
        what = "this comparison"
        edit_first = "Close this and edit the reference first, or go on?"
        if isinstance(await saving.settle(app, app.session.plan_privacy(), what, edit_first), Ask):
            self.dismiss(None)
            app.go_to("reference")
            return
        if served_in_browser():
            name = default_name(self.result).name
            problem = await app.download_to_browser(render_comparison(self.result, "md"), name)
            self._status(f"Not downloaded: {problem}." if problem else f"Downloaded {name}.", error=bool(problem))
            return
        formats = writable(comparison_formats())
        path = await app.push_screen_wait(
            PathDialog(
                "Export the comparison",
                f"The file's ending chooses the format: {', '.join(f.extension for f in formats[:-1])} "
                f"or {formats[-1].extension}. A name without a folder is written in {Path.cwd()}.",
                default_name(self.result),
            )
        )
        if path is None:
            return
        if not path.suffix:
            path = path.with_name(path.name + format_named(DEFAULT).extension)
        plan = await saving.settle(app, plan_write(path, go_on=True), what)
        if isinstance(plan, Ask):
            self._status("Not written: the existing file is kept.")
            return
        if isinstance(plan, Go):
            try:
                # Word and PDF take a moment to lay out: off the screen's thread, so it keeps answering.
                data = await asyncio.to_thread(comparison_output, self.result, format_of(path, formats).key)
            except InputError as exc:
                self._status(f"Error: {exc.problems[0].message}. Nothing was written.", error=True)
                return
        written = write(plan, data) if isinstance(plan, Go) else plan
        if isinstance(written, Refused):
            self._status("Error: " + written.message() + ". Nothing was written.", error=True)
            return
        self._status(f"Wrote {printable(written.resolve())} (readable by you only).")
