"""Whether the full-screen app can run: a terminal on both ends, or a browser tab through textual-serve."""

from __future__ import annotations

import os
import sys


def can_run_app() -> bool:
    # textual-serve talks to each app over pipes, not a terminal, and names its driver.
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def served_in_browser() -> bool:
    """Whether this app's user is a browser tab (textual-serve names Textual's web driver)."""
    # textual-serve sets TEXTUAL_DRIVER=textual.drivers.web_driver:WebDriver for each app it starts.
    return os.environ.get("TEXTUAL_DRIVER", "").partition(":")[0].endswith("web_driver")
