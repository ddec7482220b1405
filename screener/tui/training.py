"""``screener train``: the walkthrough on fictional scenarios, with predictions marked against the rules.

It is the walkthrough app with training's flow and four pages of its own; every
summary it shows or exports is the engine's, marked TRAINING — FICTIONAL CASE.
Nothing personal is asked, so nothing is saved and quitting never asks.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType

from screener import heap
from screener.content.pack import Pack
from screener.training.models import Scenario
from screener.training.room import Recorder
from screener.training.round import FICTIONAL_CASE, Mode, Round
from screener.training.walkthrough import TrainingFlow
from screener.tui.app import ScreenerApp
from screener.tui.dialogs import TextDialog
from screener.tui.screens.page import PageScreen
from screener.tui.screens.training import (
    PredictScreen,
    ResultsScreen,
    ScenarioListScreen,
    TrainingPage,
    VignetteScreen,
)
from screener.walkthrough import Page
from screener.walkthrough.session import Session


class TrainingApp(ScreenerApp):
    CSS_PATH: ClassVar[list[str | Path]] = [*ScreenerApp.CSS_PATH, "training.tcss"]  # type: ignore[assignment,misc]
    TITLE = "Screener training"
    BINDINGS: ClassVar[list[BindingType]] = [
        *ScreenerApp.BINDINGS,
        Binding("v", "vignette", "Case", id="vignette", tooltip="Read the case again"),
    ]

    def __init__(
        self,
        pack: Pack,
        scenarios: list[Scenario],
        *,
        mode: Mode = "practice",
        record: Recorder | None = None,
    ) -> None:
        flow = TrainingFlow(pack, scenarios)
        session = Session(flow, flow.new_answers(), training=True)
        session.key = "scenarios"
        super().__init__(session)
        self.training_flow = flow
        # practice: the trainee answers from the vignette; guided: the scenario's answers are filled in.
        self.mode: Mode = mode
        # With a room: called once per finished round (its results first shown).
        self.room_record = record
        self.not_recorded = 0  # rounds the room refused: their results stayed on screen
        self.round: Round | None = None

    def title_left(self) -> str:
        # Every page of a round says it is training; the place comes after, and is the part
        # cut short at 80 columns when the step on the right is long.
        if self.answers.jurisdiction:
            return f"{FICTIONAL_CASE} · {self.flow.pack.jurisdictions[self.answers.jurisdiction].name}"
        return "TRAINING — FICTIONAL CASES"

    @property
    def practice(self) -> bool:
        return self.mode == "practice"

    @property
    def scenario(self) -> Scenario | None:
        return self.round.scenario if self.round is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Scenarios come with the pack; there is no case file to save.
        if action == "save":
            return False
        if action == "vignette":
            return self.round is not None and self.current_key not in ("scenarios", "vignette")
        return super().check_action(action, parameters)

    async def save_flow(self, ask: bool = False) -> bool:
        self.notify("Training cases are fictional and are not saved. Export the summary from its last page.")
        return False

    def choose(self, scenario: Scenario) -> None:
        """Start a scenario afresh: its answers, no predictions, then the vignette."""
        self.round = Round(self.flow.pack, scenario, self.mode)
        self.session.restart(self.round.start)
        self.go_to("vignette")

    def round_finished(self) -> None:
        """The results are on screen: a room records the round, once."""
        if self.room_record is None or self.round is None or self.round.sent_to_room:
            return
        problem = self.round.send_to_room(self.room_record, self.answers)
        if problem is not None:
            self.not_recorded += 1
            self.notify(problem, title="Not recorded", severity="error", markup=False)
        else:
            self.notify("Round recorded in the room, anonymously.", markup=False)

    def action_vignette(self) -> None:
        if self.round is None:
            return
        text = self.round.vignette().split("\n")
        self.push_screen(TextDialog(f"{self.round.scenario.title} — TRAINING, FICTIONAL CASE", text))

    def screen_class(self, page: Page) -> type[PageScreen]:
        training_pages: dict[str, type[TrainingPage]] = {
            "predict": PredictScreen,
            "scenarios": ScenarioListScreen,
            "vignette": VignetteScreen,
            "results": ResultsScreen,
        }
        if page.step in training_pages:
            return training_pages[page.step]
        return super().screen_class(page)


def run_training(
    pack: Pack,
    scenarios: list[Scenario],
    *,
    mode: Mode = "practice",
    record: Recorder | None = None,
) -> int:
    """Run training mode; the exit code (2 when the room could not record a round, as in plain mode)."""
    app = TrainingApp(pack, scenarios, mode=mode, record=record)
    heap.settle()
    result = app.run()
    if app.not_recorded:
        rounds = f"{app.not_recorded} round{'s' if app.not_recorded != 1 else ''}"
        sys.stderr.write(f"screener train: {rounds} not recorded in the room (the results were shown)\n")
        return 2
    return result if isinstance(result, int) else (app.return_code or 0)
