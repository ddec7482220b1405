"""One training round, UI-free: a scenario, the answers it starts from, the predictions, the marking, the room.

Both training faces (the Textual app, ``screener.tui.training``, and plain mode,
``screener.plain.training``) play rounds through this: they show the vignette,
ask the walkthrough's questions (the session's) and the predictions, then show
``result_lines`` and hand the round to the room once.
"""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING, Literal

from screener.errors import InputError
from screener.training.models import Scenario
from screener.training.practice import blank_answers
from screener.training.walkthrough import PREDICT_SIGNPOSTS
from screener.walkthrough import Answers
from screener.walkthrough.filled import opened

if TYPE_CHECKING:
    from screener.content.pack import Pack
    from screener.summary import Summary
    from screener.training.room import Recorder
    from screener.walkthrough.flow import Flow

Mode = Literal["practice", "guided"]

FICTIONAL_CASE = "TRAINING — FICTIONAL CASE"


def unwrap(text: str) -> str:
    """YAML block text as paragraphs: the file's line breaks are for editors, not for the screen."""
    paragraphs = [" ".join(line.strip() for line in block.splitlines()) for block in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


class Round:
    """One scenario played once: practice (the trainee reads the case) or guided (its answers filled in)."""

    def __init__(self, pack: Pack, scenario: Scenario, mode: Mode) -> None:
        self.pack = pack
        self.scenario = scenario
        self.mode = mode
        self.start: Answers = (
            blank_answers(pack, scenario)
            if mode == "practice"
            else opened(pack, Answers.from_case(pack, scenario.case))
        )
        # What the trainee chose on each prediction question, by question id.
        self.predictions: dict[str, frozenset[str]] = {}
        # Whether the room has been given this round (kept or refused): it is given once.
        self.sent_to_room = False

    @property
    def practice(self) -> bool:
        return self.mode == "practice"

    def vignette(self) -> str:
        return unwrap(self.scenario.narrative)

    def predict(self, question_id: str, chosen: Set[str]) -> None:
        self.predictions[question_id] = frozenset(chosen)

    @property
    def predicted_services(self) -> dict[str, str]:
        return {
            qid.removeprefix("predict:"): next(iter(chosen))
            for qid, chosen in self.predictions.items()
            if qid != PREDICT_SIGNPOSTS and chosen
        }

    @property
    def predicted_signposts(self) -> frozenset[str]:
        return self.predictions.get(PREDICT_SIGNPOSTS, frozenset())

    def result_lines(self, flow: Flow, answers: Answers, summary: Summary) -> list[tuple[str, str]]:
        """The marked results as (style, line): the reading against the key in practice, the
        predictions against the rules when guided."""
        if self.practice:
            from screener.training.practice import practice_lines, practice_marking

            marking = practice_marking(
                self.pack, self.scenario, answers, self.predicted_services, self.predicted_signposts
            )
            return practice_lines(marking)
        from screener.training.marking import mark, marking_lines

        return marking_lines(
            mark(
                self.pack,
                flow.to_case(answers),
                summary,
                self.predicted_services,
                self.predicted_signposts,
                answers_changed=answers != self.start,
            )
        )

    def send_to_room(self, record: Recorder, answers: Answers) -> str | None:
        """Give the room this round, once: None when it kept it, else why not (the results stay shown)."""
        self.sent_to_room = True
        try:
            record(self.scenario, answers, self.predicted_services, self.predicted_signposts, self.mode)
        except InputError as exc:
            return "; ".join(str(p) for p in exc.problems)
        return None
