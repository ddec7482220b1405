"""``screener serve``'s page in a real headless Chromium, used with the keyboard alone (tests/browser_tools.py).

The page is textual-serve's terminal in Screener's own template: its input must have keyboard focus as soon
as the session's first screen is in (no click first), and once the session ends the terminal must let go
of the keyboard, so that Tab leaves it (no keyboard trap).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser_tools import Driver, report
from tests.test_serve_live import get, serving

pytestmark = pytest.mark.validators

TERMINAL_INPUT = "textarea.xterm-helper-textarea"


def test_the_page_is_valid_and_the_terminal_has_the_keyboard_on_load_and_lets_go_when_the_session_ends(
    browser: Driver, tmp_path: Path
) -> None:
    with serving(tmp_path) as served:
        page = get(served, "/").body.decode("utf-8")  # type: ignore[attr-defined]
        seen = browser.call("serve_keyboard", url=served.url, width=1280, height=800, quit=["q"], tabs=3)
    # The page is Screener's own template: valid, and with its session running, nothing for axe to find.
    found = browser.html_validate({"serve": page})
    assert not report(found), "html-validate:\n" + report(found)
    assert seen["violations"] == [], seen["violations"]
    # Focused with no click: ctrl+q, typed straight away, reached the app and ended its session.
    assert seen["onLoad"] == TERMINAL_INPUT, seen
    # Ended: focus on Restart, and Tab moves on rather than going to the terminal that is gone.
    assert seen["afterEnd"] == "button", seen
    assert TERMINAL_INPUT not in seen["afterTabs"], seen
    assert seen["afterTabs"][0] != "button", seen
