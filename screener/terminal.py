"""Whether the full-screen app can run: a terminal on both ends, or a browser tab through textual-serve."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping


def can_run_app() -> bool:
    # textual-serve talks to each app over pipes, not a terminal, and names its driver.
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def served_in_browser() -> bool:
    """Whether this app's user is a browser tab (textual-serve names Textual's web driver)."""
    # textual-serve sets TEXTUAL_DRIVER=textual.drivers.web_driver:WebDriver for each app it starts.
    return os.environ.get("TEXTUAL_DRIVER", "").partition(":")[0].endswith("web_driver")


# Said by `screener doctor`, and once by the walkthrough as it starts in the old console.
OLD_CONSOLE_ADVICE = (
    "This looks like the old Windows console, which breaks Screener's borders and marks: "
    "open it in Windows Terminal, or run 'screener --plain'."
)


def old_console(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether this is Windows' old console host (conhost), as Windows 10 opens programs by default.

    Windows Terminal sets WT_SESSION; VS Code, ConEmu, mintty and the like name themselves
    (TERM_PROGRAM, ConEmuANSI, TERM). The old console sets none of them.
    """
    env = os.environ if env is None else env
    if (platform or sys.platform) != "win32":
        return False
    return not any(env.get(name) for name in ("WT_SESSION", "TERM_PROGRAM", "ConEmuANSI", "TERM"))
