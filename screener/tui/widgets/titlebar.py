"""The top line: where you are, and whether anything is unsaved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static


class TitleBar(Horizontal):
    """``Screener · Scotland · unsaved`` on the left, ``Step 3 of 9 · About the child`` on the right."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.left = "Screener"
        self.right = ""

    def compose(self) -> ComposeResult:
        # Built from the latest text: an answer can arrive (a key pressed fast) before the bar's
        # own children exist, and then show() has only the text to keep.
        yield Static(Content(self.left), id="title-left")
        yield Static(Content(self.right), id="title-right")

    def show(self, left: str, right: str) -> None:
        if (left, right) == (self.left, self.right):
            return  # the Statics hold these words (composed from them, or updated to them): no layout for nothing
        self.left, self.right = left, right
        for static_id, text in (("#title-left", left), ("#title-right", right)):
            for static in self.query(static_id).results(Static):
                static.update(Content(text))
