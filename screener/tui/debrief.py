"""``screener train --debrief FILE`` at a terminal: the room's debrief, refreshed every few seconds.

For the projector: rounds appear as trainees finish them. Marked TRAINING —
FICTIONAL CASE; it only reads the room file, and names nobody.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from screener.content.pack import Pack
from screener.errors import InputError
from screener.training.debrief import DEBRIEF_BANNER, build_debrief, debrief_lines
from screener.training.models import Scenario
from screener.training.room import read_rounds
from screener.tui.widgets.footer import KeyFooter

REFRESH_SECONDS = 3.0


class DebriefApp(App[int], inherit_bindings=False):
    TITLE = "Screener training room"
    CSS = """
    #banner { text-style: bold; background: $warning 30%; padding: 0 1; }
    #debrief { padding: 0 1; }
    #status { color: $text-muted; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q,q", "quit", "Quit", id="quit", priority=True),
        Binding("f5,ctrl+r", "reload", "Refresh now", id="reload"),
    ]

    def __init__(self, pack: Pack, scenarios: list[Scenario], room: Path) -> None:
        super().__init__()
        self.pack = pack
        self.scenarios = scenarios
        self.room = room
        self.shown_text = ""

    def compose(self) -> ComposeResult:
        yield Static(Content(DEBRIEF_BANNER), id="banner")
        with VerticalScroll(id="body", can_focus=True):
            yield Static(Content(""), id="debrief")
        yield Static(Content(""), id="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.action_reload()
        self.set_interval(REFRESH_SECONDS, self.action_reload)
        self.query_one("#body").focus()

    def action_reload(self) -> None:
        try:
            debrief = build_debrief(self.pack, self.scenarios, read_rounds(self.room, self.pack))
        except InputError as exc:
            # Kept on screen: the last good debrief stays, with what went wrong under it.
            self.query_one("#status", Static).update(Content("; ".join(str(p) for p in exc.problems)))
            return
        text = "\n".join(line for _style, line in debrief_lines(debrief))
        if text != self.shown_text:
            self.shown_text = text
            self.query_one("#debrief", Static).update(Content(text))
        self.query_one("#status", Static).update(
            Content(f"{debrief.rounds} rounds · refreshes every {REFRESH_SECONDS:g} seconds · q quits")
        )

    def action_quit(self) -> None:  # type: ignore[override]
        self.exit(0)


def run_debrief(pack: Pack, scenarios: list[Scenario], room: Path) -> int:
    app = DebriefApp(pack, scenarios, room)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
