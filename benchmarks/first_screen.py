"""Start an app headless and exit as soon as its first screen can take input.

``python first_screen.py screener`` runs the walkthrough; ``minimal`` runs a
Header + Static + Footer app. Both exit from the same hook, so the difference
is the walkthrough's own start-up cost.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any


def _minimal() -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

    return Minimal()


async def _until_first_screen(app: Any) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()


async def _first_screen(which: str) -> None:
    if which == "minimal":
        await _until_first_screen(_minimal())
        return
    from screener import heap

    # As `screener` starts (screener.cli.cases.run_walkthrough, then run_app) up to the
    # point where run_app hands over to App.run: a fresh set of answers for today.
    with heap.starting():
        from screener.cli.pack import load
        from screener.tui.app import ScreenerApp
        from screener.walkthrough.session import Session

        app = ScreenerApp(Session.open(load(None), None))
        heap.settle()
        await _until_first_screen(app)


if __name__ == "__main__":
    asyncio.run(_first_screen(sys.argv[1]))
