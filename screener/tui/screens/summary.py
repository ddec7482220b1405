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
    ]
    # The summary scrolls itself (only its lines in view are drawn), under the hint that stays in view.
    BODY_SCROLLS = False
    source = ""  # the Markdown shown, which is the export's
    HELP = (
        "This is the signposting summary worked out from your answers: the same text as the "
        "Markdown export. It points to services and next steps and decides nothing.\n\n"
        "↑ ↓, Page Up and Page Down scroll. n goes on to export it to a file (Markdown, plain "
        "text, HTML or JSON). b goes back, r lists every answer to change one. ctrl+s saves the "
        "answers as a case file."
    )

    def compose_body(self) -> ComposeResult:
        offer = f" · {comparison.OFFER}" if comparison.offered(self.screener) else ""
        yield Static(Content(f"Signposting summary · n: export it to a file{offer}"), classes="hint")
        # One widget drawing the export's Markdown: Textual's Markdown widget builds a
        # widget per block and table cell, and took 1.5 s of CPU for a typical summary.
        self.source = self.screener.session.markdown()
        yield MarkdownLines(self.source, id="summary")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "compare":
            return comparison.offered(self.screener)
        return super().check_action(action, parameters)

    def action_compare(self) -> None:
        comparison.show(self.screener)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#summary").focus()
