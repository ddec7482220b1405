"""``screener train``: the walkthrough on fictional scenarios, with predictions marked against the rules.

It is the walkthrough app with training's flow and four pages of its own; every
summary it shows or exports is the engine's, marked TRAINING — FICTIONAL CASE.
Nothing personal is asked, so nothing is saved and quitting never asks.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Set
from pathlib import Path
from typing import ClassVar, Literal

from textual.binding import Binding, BindingType
from textual.screen import Screen

from screener import heap
from screener.content.pack import Pack
from screener.errors import InputError
from screener.summary import Summary
from screener.training.marking import Marking, mark
from screener.training.models import Scenario
from screener.training.practice import PracticeMarking, blank_answers, practice_marking
from screener.training.room import Recorder
from screener.training.walkthrough import PREDICT_SIGNPOSTS, TrainingFlow
from screener.tui.app import ScreenerApp
from screener.tui.dialogs import TextDialog
from screener.tui.screens.training import (
    PredictScreen,
    ResultsScreen,
    ScenarioListScreen,
    TrainingPage,
    VignetteScreen,
)
from screener.walkthrough import Answers, Page


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
        mode: Literal["practice", "guided"] = "practice",
        record: Recorder | None = None,
    ) -> None:
        flow = TrainingFlow(pack, scenarios)
        super().__init__(pack, flow.new_answers(), flow=flow)
        self.flow: TrainingFlow = flow
        # practice: the trainee answers from the vignette; guided: the scenario's answers are filled in.
        self.mode = mode
        # With a room: called once per finished round (its results first shown).
        self.room_record = record
        self.recorded = False
        self.not_recorded = 0  # rounds the room refused: their results stayed on screen
        self.current_key = "scenarios"
        self.scenario: Scenario | None = None
        self.start_answers: Answers | None = None
        # What the trainee chose on each prediction page, by question id.
        self.predictions: dict[str, frozenset[str]] = {}

    @property
    def unsaved(self) -> bool:
        # A fictional case: there is nothing of a real child to lose.
        return False

    def title_left(self) -> str:
        # Every page of a round says it is training; the place comes after, and is the part
        # cut short at 80 columns when the step on the right is long.
        if self.answers.jurisdiction:
            return f"TRAINING — FICTIONAL CASE · {self.flow.pack.jurisdictions[self.answers.jurisdiction].name}"
        return "TRAINING — FICTIONAL CASES"

    @property
    def practice(self) -> bool:
        return self.mode == "practice"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Scenarios come with the pack; there is no case file to save.
        if action == "save":
            return False
        if action == "vignette":
            return self.scenario is not None and self.current_key not in ("scenarios", "vignette")
        return super().check_action(action, parameters)

    async def save_flow(self, ask: bool = False) -> bool:
        self.notify("Training cases are fictional and are not saved. Export the summary from its last page.")
        return False

    def choose(self, scenario: Scenario) -> None:
        """Start a scenario afresh: its answers, no predictions, then the vignette."""
        self.scenario = scenario
        if self.practice:
            self.answers = blank_answers(self.flow.pack, scenario)
        else:
            self.answers = Answers.from_case(self.flow.pack, scenario.case)
        self.saved_answers = self.start_answers = self.answers
        self.predictions = {}
        self.recorded = False
        self.last_question = None
        self.go_to("vignette")

    def predict(self, question_id: str, chosen: Set[str]) -> None:
        self.predictions[question_id] = frozenset(chosen)

    @property
    def predicted_services(self) -> dict[str, str]:
        return {
            qid.removeprefix("predict:"): next(iter(chosen))
            for qid, chosen in self.predictions.items()
            if qid != PREDICT_SIGNPOSTS and chosen
        }

    def summary(self) -> Summary:
        return dataclasses.replace(super().summary(), training=True)

    def marking(self) -> Marking:
        return mark(
            self.flow.pack,
            self.case(),
            self.summary(),
            self.predicted_services,
            self.predictions.get(PREDICT_SIGNPOSTS, frozenset()),
            answers_changed=self.answers != self.start_answers,
        )

    def practice_marking(self) -> PracticeMarking:
        """The trainee's reading against the key, and their predictions on both answers."""
        assert self.scenario is not None
        return practice_marking(
            self.flow.pack,
            self.scenario,
            self.answers,
            self.predicted_services,
            self.predictions.get(PREDICT_SIGNPOSTS, frozenset()),
        )

    def round_finished(self) -> None:
        """The results are on screen: a room records the round, once."""
        if self.room_record is None or self.recorded or self.scenario is None:
            return
        self.recorded = True
        try:
            self.room_record(
                self.scenario,
                self.answers,
                self.predicted_services,
                self.predictions.get(PREDICT_SIGNPOSTS, frozenset()),
                self.mode,
            )
        except InputError as exc:
            self.not_recorded += 1
            self.notify("; ".join(str(p) for p in exc.problems), title="Not recorded", severity="error", markup=False)
        else:
            self.notify("Round recorded in the room, anonymously.", markup=False)

    def action_vignette(self) -> None:
        if self.scenario is None:
            return
        from screener.tui.screens.training import unwrap

        text = unwrap(self.scenario.narrative).split("\n")
        self.push_screen(TextDialog(f"{self.scenario.title} — TRAINING, FICTIONAL CASE", text))

    def screen_for(self, page: Page) -> Screen[None]:
        if page.step == "predict":
            return PredictScreen(page)
        training_pages: dict[str, type[TrainingPage]] = {
            "scenarios": ScenarioListScreen,
            "vignette": VignetteScreen,
            "results": ResultsScreen,
        }
        if page.step in training_pages:
            return training_pages[page.step](page)
        return super().screen_for(page)


def run_training(
    pack: Pack,
    scenarios: list[Scenario],
    *,
    mode: Literal["practice", "guided"] = "practice",
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
