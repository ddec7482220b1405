"""``screener train``: the walkthrough on fictional scenarios, with predictions marked against the rules.

It is the walkthrough app with training's flow and four pages of its own; every
summary it shows or exports is the engine's, marked TRAINING — FICTIONAL CASE.
Nothing personal is asked, so nothing is saved and quitting never asks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Set
from pathlib import Path
from typing import ClassVar

from textual.screen import Screen

from screener.content.pack import Pack
from screener.flow import Answers, Page
from screener.summary import Summary
from screener.training.flow import PREDICT_SIGNPOSTS, TrainingFlow
from screener.training.marking import Marking, mark
from screener.training.models import Scenario
from screener.tui.app import ScreenerApp
from screener.tui.screens.training import (
    PredictScreen,
    ResultsScreen,
    ScenarioListScreen,
    TrainingPage,
    VignetteScreen,
)


class TrainingApp(ScreenerApp):
    CSS_PATH: ClassVar[list[str | Path]] = [*ScreenerApp.CSS_PATH, "training.tcss"]  # type: ignore[assignment,misc]
    TITLE = "Screener training"

    def __init__(self, pack: Pack, scenarios: list[Scenario]) -> None:
        flow = TrainingFlow(pack, scenarios)
        super().__init__(pack, flow.new_answers(), flow=flow)
        self.flow: TrainingFlow = flow
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
        # Short, so that the step on the right still fits at 80 columns.
        if self.answers.jurisdiction:
            return f"TRAINING · {self.flow.pack.jurisdictions[self.answers.jurisdiction].name}"
        return "TRAINING · fictional cases"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Scenarios come with the pack; there is no case file to save.
        if action == "save":
            return False
        return super().check_action(action, parameters)

    async def save_flow(self) -> bool:
        self.notify("Training cases are fictional and are not saved. Export the summary from its last page.")
        return False

    def choose(self, scenario: Scenario) -> None:
        """Start a scenario afresh: its answers, no predictions, then the vignette."""
        self.scenario = scenario
        self.answers = Answers.from_case(self.flow.pack, scenario.case)
        self.saved_answers = self.start_answers = self.answers
        self.predictions = {}
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


def run_training(pack: Pack, scenarios: list[Scenario]) -> int:
    """Run training mode; the exit code."""
    app = TrainingApp(pack, scenarios)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
