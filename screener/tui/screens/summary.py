"""The summary: the Markdown export itself, shown as it will be written."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from screener.tui.screens import comparison
from screener.tui.screens.page import PageScreen
from screener.tui.widgets.markdown_lines import MarkdownLines


class SummaryScreen(PageScreen):
    OFFERS = frozenset({"back", "next", "review"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "compare", "Compare", tooltip="What changed since the case file was opened"),
        Binding("e", "export_now", "Export", tooltip="Write it now as the export page offers it"),
    ]
    # The summary scrolls itself (only its lines in view are drawn), under the hint that stays in view.
    BODY_SCROLLS = False
    IN_PLACE = True
    source = ""  # the Markdown shown, which is the export's
    HELP = (
        "This is the signposting summary worked out from your answers: the same text as the "
        "Markdown export. It points to services and next steps and decides nothing.\n\n"
        "↑ ↓, Page Up and Page Down scroll. e writes it at once as the export page offers it "
        "(Markdown, under the name shown) and shows that page; n goes on to the export page to choose "
        "the format, the name or the age only. b goes back, r lists every answer to change one. ctrl+s saves the "
        "answers as a case file."
    )

    def compose_body(self) -> ComposeResult:
        yield Static(Content(self._hint()), id="summary-hint", classes="hint")
        # One widget drawing the export's Markdown: Textual's Markdown widget builds a
        # widget per block and table cell, and took 1.5 s of CPU for a typical summary.
        self.source = self.screener.session.markdown()
        yield MarkdownLines(self.source, id="summary")

    def fill_body(self) -> None:
        self.query_one("#summary-hint", Static).update(Content(self._hint()))
        self.source = self.screener.session.markdown()
        summary = self.query_one("#summary", MarkdownLines)
        summary.show(self.source)
        self.set_focus(summary)

    def _hint(self) -> str:
        offer = f" · {comparison.OFFER}" if comparison.offered(self.screener) else ""
        offered = self.screener.session.default_export_path(self.screener.session.export_format)
        return f"Signposting summary · e: write it now to {offered} · n: choose the format or name{offer}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "compare":
            return comparison.offered(self.screener)
        return super().check_action(action, parameters)

    def action_compare(self) -> None:
        comparison.show(self.screener)

    def action_export_now(self) -> None:
        """The export page's e, from here: on to the export page, which writes what it offers at once."""
        from screener.tui.screens.export import ExportScreen
        from screener.walkthrough.session import Show

        move = self.screener.session.next(self.page.key)
        if isinstance(move, Show) and move.page.step == "export":
            self.leaving()
            self.app.switch_screen(ExportScreen(move.page, export_at_once=True))
        else:
            self.screener.apply(move)

    def on_mount(self) -> None:
        self.query_one("#summary").focus()
