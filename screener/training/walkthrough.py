"""Training mode's walk, as data: choose a scenario, read it, walk its answers, predict, see the key.

It is the walkthrough's ``Flow`` with training's own page layout (``TRAINING``)
and prediction questions, so the questions, their order and the "why am I asked
this?" text are the walkthrough's own. Nothing here imports Textual.
"""

from __future__ import annotations

from screener.content.pack import Pack
from screener.training.models import Scenario
from screener.vocabulary import SERVICE_STATUSES
from screener.walkthrough import Answers, Flow, Layout, Option, Page, Question, Step
from screener.walkthrough.pages import ABOUT_CHILD, EXPORT, INDICATORS, LOCAL_SERVICES, NRM_LEGAL, REVIEW, SUMMARY
from screener.walkthrough.pages import pages as laid_out

# The walkthrough's question steps between the case and the review; predictions after it.
# The jurisdiction and reference come with the scenario, so they are not asked.
TRAINING = Layout(
    (
        Step("scenarios", "Scenario"),
        Step("vignette", "The case"),
        ABOUT_CHILD,
        LOCAL_SERVICES,
        INDICATORS,
        NRM_LEGAL,
        REVIEW,
        Step("predict", "Predictions", asks=True),
        Step("results", "Results"),
        SUMMARY,
        EXPORT,
    ),
    dict.fromkeys(("scenarios", "vignette"), "Choose a scenario first: press Enter on one."),
)
PREDICT_SIGNPOSTS = "predict:signposts"


class TrainingFlow(Flow):
    """The walkthrough's questions for a fictional case, framed by the training pages."""

    layout = TRAINING

    def __init__(self, pack: Pack, scenarios: list[Scenario]) -> None:
        super().__init__(pack)
        self.scenarios = scenarios

    def questions(self, answers: Answers) -> list[Question]:
        return [q for q in super().questions(answers) if q.id not in ("jurisdiction", "nation", "reference")]

    def predictions(self, answers: Answers) -> list[Question]:
        """One question per guardianship service in force, then one for the signposts."""
        if answers.jurisdiction is None:
            return []
        day = answers.screening_date
        words = [(s, self.pack.wording.outcome_short(s)) for s in SERVICE_STATUSES]
        outcomes = tuple(Option(s, w[:1].upper() + w[1:], w) for s, w in words)
        out = [
            Question(
                id=f"predict:{service.id}",
                step="predict",
                kind="choice",
                title=service.name,
                prompt=f"What will the summary say about {service.name}?",
                options=outcomes,
            )
            for service in self.pack.jurisdictions[answers.jurisdiction].services
            if service.in_force is None or service.in_force.covers(day)
        ]
        signposts = tuple(
            Option(s.id, s.title, s.title, s.texts(answers.jurisdiction, day)[1])
            for s in self.pack.signposts.values()
            if s.shown_in(answers.jurisdiction, day)
        )
        out.append(
            Question(
                id=PREDICT_SIGNPOSTS,
                step="predict",
                kind="indicators",
                title="Signposts",
                prompt="Which signposts will the summary list? Space marks each one you expect; n goes on.",
                options=signposts,
            )
        )
        return out

    def pages(self, answers: Answers, showing: str | None = None) -> list[Page]:
        asked = self.walked(answers, showing) + self.predictions(answers)
        return laid_out(self.layout, asked, lambda q: self.is_extra(q, answers))
