"""Training mode's walk, as data: choose a scenario, read it, walk its answers, predict, see the key.

It extends the walkthrough's ``Flow``, so the questions, their order and the
"why am I asked this?" text are the walkthrough's own. Nothing here imports Textual.
"""

from __future__ import annotations

from screener.content.pack import Pack
from screener.flow import Answers, Flow, Option, Page, Question
from screener.training.marking import STATUS_WORDS
from screener.training.models import Scenario

# Training's own steps, with the walkthrough's question steps between "vignette" and "review".
TRAINING_STEPS: dict[str, str] = {
    "scenarios": "Scenario",
    "vignette": "The case",
    "predict": "Predictions",
    "results": "Results",
}
QUESTION_STEPS = ("about-child", "local-services", "indicators", "nrm-legal")
PREDICT_SIGNPOSTS = "predict:signposts"
SERVICE_OPTIONS = tuple(Option(status, words[:1].upper() + words[1:], words) for status, words in STATUS_WORDS.items())


class TrainingFlow(Flow):
    """The walkthrough's questions for a fictional case, framed by the training pages.

    The jurisdiction and reference come with the scenario, so they are not asked.
    """

    def __init__(self, pack: Pack, scenarios: list[Scenario]) -> None:
        super().__init__(pack)
        self.scenarios = scenarios

    def questions(self, answers: Answers) -> list[Question]:
        return [q for q in super().questions(answers) if q.id not in ("jurisdiction", "reference")]

    def predictions(self, answers: Answers) -> list[Question]:
        """One question per guardianship service in force, then one for the signposts."""
        if answers.jurisdiction is None:
            return []
        day = answers.screening_date
        out = [
            Question(
                id=f"predict:{service.id}",
                step="predict",
                kind="choice",
                title=service.name,
                prompt=f"What will the summary say about {service.name}?",
                options=SERVICE_OPTIONS,
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

    def pages(self, answers: Answers) -> list[Page]:
        asked = self.questions(answers) + self.predictions(answers)
        steps = ["scenarios", "vignette"]
        if answers.jurisdiction is None:
            steps += [*QUESTION_STEPS, "review", "predict", "results", "summary", "export"]
        else:
            steps += [s for s in QUESTION_STEPS if any(q.step == s for q in asked)]
            steps += ["review", "predict", "results", "summary", "export"]
        count = len(steps)
        pages: list[Page] = []
        for number, step in enumerate(steps, 1):
            name = TRAINING_STEPS.get(step, "")
            in_step = [q for q in asked if q.step == step]
            if in_step:
                pages.extend(Page(step, number, count, q, n, len(in_step), name) for n, q in enumerate(in_step, 1))
            elif step not in QUESTION_STEPS and step != "predict":
                pages.append(Page(step, number, count, step_name=name))
        return pages

    def blocker(self, page: Page, answers: Answers) -> str | None:
        if page.key in ("scenarios", "vignette") and answers.jurisdiction is None:
            return "Choose a scenario first: press Enter on one."
        return None
