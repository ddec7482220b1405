"""Start an app headless and exit as soon as its first screen can take input.

``python first_screen.py screener`` runs the walkthrough; ``minimal`` runs a
Header + Static + Footer app. Both exit from the same hook, so the difference
is the walkthrough's own start-up cost.
"""

from __future__ import annotations

import asyncio
import sys


async def _first_screen(which: str) -> None:
    if which == "minimal":
        from textual.app import App, ComposeResult
        from textual.widgets import Footer, Header, Static

        class Minimal(App[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Static("Hello")
                yield Footer()

        app: object = Minimal()
    else:
        from screener.content import default_pack_path, load_pack
        from screener.tui.app import ScreenerApp
        from screener.walkthrough import Flow

        # As run_app starts it: a fresh set of answers for today.
        flow = Flow(load_pack(default_pack_path()))
        app = ScreenerApp(flow.pack, flow.new_answers(), flow=flow)
    async with app.run_test(size=(100, 30)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()


if __name__ == "__main__":
    asyncio.run(_first_screen(sys.argv[1]))
