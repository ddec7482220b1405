"""What the terminal shows, not only what the app means to draw (found walking at 80x24, issue 25).

The Pilot's screenshots are the compositor's whole frame; a terminal gets only the lines that changed.
Walking England and Wales at 80x24, marking four lines of the criminal exploitation page left two stale
lines on screen ("Noted on this page: 3 noted …" above "4 noted …", two "Ask yourself" lines) until
the next key: the frame was right, the update sent to the terminal was not. Here the app's output is
fed to a terminal emulator (pyte), as tmux would show it, and compared with the app's own frame.
"""

from __future__ import annotations

import datetime as dt

import pyte
import pytest
from textual.drivers.headless_driver import HeadlessDriver

from screener.content import Pack
from screener.tui.app import ScreenerApp
from screener.walkthrough import Flow
from screener.walkthrough.session import Session

SIZE = (80, 24)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> pyte.Screen:
    """A terminal of SIZE that the app under the Pilot writes to, as a real one would be written."""
    screen = pyte.Screen(*SIZE)
    stream = pyte.Stream(screen)
    monkeypatch.setattr(HeadlessDriver, "is_headless", property(lambda self: False))
    monkeypatch.setattr(HeadlessDriver, "write", lambda self, data: stream.feed(data))
    return screen


def shown(app: ScreenerApp) -> list[str]:
    """The app's own frame, as text lines."""
    lines = app.screen._compositor.render_full_update().render_segments(app.console)  # type: ignore[attr-defined]
    frame = pyte.Screen(*SIZE)
    pyte.Stream(frame).feed(lines)
    return [line.rstrip() for line in frame.display]


async def test_marking_indicators_leaves_no_stale_line_on_the_terminal(pack: Pack, terminal: pyte.Screen) -> None:
    flow = Flow(pack)
    app = ScreenerApp(Session(flow, flow.new_answers(dt.date(2026, 12, 7))))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "n", "enter", "enter")  # England and Wales; nation, reference and age as they start
        while app.current_key != "theme:criminal-exploitation":
            await pilot.press("n")
        for key in ("1", "2", "9", "a"):  # four lines: the count under the list grows to three lines
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        on_terminal = [line.rstrip() for line in terminal.display]
        assert on_terminal == shown(app)
        assert sum(line.lstrip().startswith("Noted on this page") for line in on_terminal) == 1


async def test_a_whole_walk_shows_on_the_terminal_what_the_app_draws(pack: Pack, terminal: pyte.Screen) -> None:
    """Northern Ireland at 80x24, answering and marking as a practitioner would: after every key the terminal
    holds the app's frame (every kind of page, a choice, a typed age, indicator pages that scroll)."""
    flow = Flow(pack)
    app = ScreenerApp(Session(flow, flow.new_answers(dt.date(2026, 12, 7))))
    async with app.run_test(size=SIZE) as pilot:
        keys = ["3", "enter", "1", "6", "enter"]  # Northern Ireland, no reference, aged 16
        for key in keys:
            await pilot.press(key)
        seen = 0
        while app.current_key != "review" and seen < 60:
            seen += 1
            page_keys = ["1", "3", "enter"] if app.current_key.startswith("theme:") else ["1"]
            for key in page_keys:
                await pilot.press(key)
                await pilot.pause()
                await pilot.pause()
                assert [line.rstrip() for line in terminal.display] == shown(app), (app.current_key, key)
        assert app.current_key == "review"
