"""The warm parent of ``screener serve``'s tabs: ``python -m screener.cli.warm FD [ARG ...]``.

Started by the server (``screener.serve_warm.WarmParent``), never by a user. It imports
what a tab runs (the command line, Textual's web driver, the walkthrough's and
training's screens) and loads the pack and its training scenarios once, sets all that aside from the cycle
collector (``heap``), and then forks a tab per request on the link ``FD``, each running
``screener ARG ...`` as ``python -m screener ARG ...`` would.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import socket
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from screener import heap
from screener.errors import InputError

if TYPE_CHECKING:
    from textual.app import App

# What a tab imports before its first screen, whether it runs the walkthrough or training, and
# what a round or a screening imports on its way (the room's SQLite, marking, the engine, the
# summary's renderers): imported once here, its memory is shared, not each tab's own.
PRELOAD = (
    "screener.cli.cases",
    "screener.cli.train",
    "screener.tui.app",
    "screener.tui.training",
    "screener.tui.browser",
    "textual.drivers.web_driver",
    "rich.markdown",
    "screener.training.room",
    "screener.training.marking",
    "screener.training.practice",
    "screener.engine",
    "screener.render.formats",
    "screener.casefile.read",
    "screener.casefile.write",
    "screener.privacy",
    "screener.area.default",
    "screener.area.show",
    "screener.walkthrough.flow",
    "screener.walkthrough.session",
    "screener.compare",
    "screener.reopened",
    "screener.writing.plan",
)


def preload(tab_args: Sequence[str] = ("train",)) -> None:
    """Import, load and show once what a tab running ``screener`` with ``tab_args`` will."""
    from screener.cli.parsers import build_parser, build_walkthrough_parser
    from screener.content import default_pack_path, load_pack
    from screener.content.loader import keep_loaded
    from screener.training.load import keep_loaded_scenarios, load_scenarios
    from screener.tui.app import ScreenerApp
    from screener.tui.training import TrainingApp
    from screener.walkthrough.session import Session

    for name in PRELOAD:
        importlib.import_module(name)
    build_parser()  # kept (functools.cache): a tab parses its command line with it
    build_walkthrough_parser()
    # A pack that does not load is not kept: each tab loads it and says what is wrong, as a cold tab does.
    with contextlib.suppress(InputError):
        root = default_pack_path()
        keep_loaded(root)
        pack = load_pack(root)
        keep_loaded_scenarios(pack, root)
        if list(tab_args[:1]) == ["train"]:
            first_screen(TrainingApp(pack, load_scenarios(pack, root), mode="practice"))
        else:
            first_screen(ScreenerApp(Session.open(pack, None)))


def first_screen(app: App[Any]) -> None:
    """Show ``app``'s first screen headless, once: Textual's caches (parsed styles, selectors,
    measured text) are then filled in the parent, for every tab to share instead of filling its own."""

    async def show() -> None:
        # With the tooltip and the notices a tab has (run_test leaves them out), so their CSS is parsed here too.
        async with app.run_test(size=(100, 40), tooltips=True, notifications=True) as pilot:
            await pilot.pause()

    asyncio.run(show())


def main(argv: Sequence[str]) -> int:
    from screener.cli import main as screener_main
    from screener.serve_warm import serve_forks

    link = socket.socket(fileno=int(argv[0]))
    tab_args = list(argv[1:])
    with heap.starting():
        try:
            preload(tab_args)
        except Exception as exc:  # any failure here only costs the tabs their head start
            sys.stderr.write(f"screener serve: tabs start without a warm-up: {type(exc).__name__}: {exc}\n")
        heap.settle()  # what the tabs share is set aside before the first fork
    serve_forks(link, lambda: screener_main(tab_args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
