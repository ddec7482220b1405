"""The top line: where you are, and whether anything is unsaved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static


class TitleBar(Horizontal):
    """``Screener · Scotland · unsaved`` on the left, ``Step 3 of 9 · About the child`` on the right."""

    def compose(self) -> ComposeResult:
        yield Static(Content("Screener"), id="title-left")
        yield Static(Content(""), id="title-right")

    def show(self, left: str, right: str) -> None:
        self.query_one("#title-left", Static).update(Content(left))
        self.query_one("#title-right", Static).update(Content(right))
