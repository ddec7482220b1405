"""The rounds being played in a room: one trainee's walk through a scenario, a form at a time.

Each round is the training core's ``Round`` and a walkthrough ``Session`` on
``TrainingFlow``, as in the terminal. The questions are asked a step at a time
(about the child, local services, indicators, NRM and legal): a form shows a
step's questions, and when the answers bring in a question not yet shown, the
step is shown again with it. Then the predictions, then the results, handed to
the room once. Rounds live in memory only, bounded in number.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from screener.content.pack import Pack
from screener.training.models import Scenario
from screener.training.room import Recorder
from screener.training.round import Round
from screener.training.walkthrough import TrainingFlow
from screener.walkthrough import UNKNOWN, AnswerError, Answers, Page, Question
from screener.walkthrough.parse import parse
from screener.walkthrough.session import Session

MAX_ROUNDS = 5000  # rounds kept at once; the oldest is forgotten first (its row, if finished, stays in the room)
FORM_FIELDS = 400  # no form of the room has more fields than this

# A form's values: one list per field name, as a browser posts them.
Form = Mapping[str, Sequence[str]]


@dataclass
class WebRound:
    id: str
    trainee: str
    round: Round
    session: Session
    step: int = 0  # index into steps(); len(steps()) is the predictions, then the results
    shown: set[str] = field(default_factory=set)
    finished: bool = False
    problem: str | None = None  # why the room did not keep it, once finished
    # Worked out once per answers (they are immutable, so identity tells a change): a page and its
    # post ask for the steps and questions many times, and the flow is shared by every trainee.
    _laid_out: tuple[Answers | None, list[Page], list[Question]] = field(default=(None, [], []), init=False, repr=False)
    _results: list[tuple[str, str]] | None = field(default=None, init=False, repr=False)

    @property
    def flow(self) -> TrainingFlow:
        flow = self.session.flow
        assert isinstance(flow, TrainingFlow)
        return flow

    def _pages(self) -> tuple[list[Page], list[Question]]:
        answers = self.session.answers
        if self._laid_out[0] is not answers:
            self._laid_out = (answers, self.session.pages(), self.flow.predictions(answers))
        return self._laid_out[1], self._laid_out[2]

    def steps(self) -> list[tuple[str, str]]:
        """The question steps as (key, title), in the walk's order."""
        out: dict[str, str] = {}
        for page in self._pages()[0]:
            if page.question is not None and page.step != "predict":
                out.setdefault(page.step, page.step_title)
        return list(out.items())

    def questions(self) -> list[Question]:
        steps = self.steps()
        pages, predictions = self._pages()
        if self.step >= len(steps):
            return predictions
        key = steps[self.step][0]
        return [p.question for p in pages if p.step == key and p.question is not None]

    @property
    def predicting(self) -> bool:
        return self.step >= len(self.steps())

    def answer(self, form: Form) -> dict[str, str]:
        """Record a step's form; the problems by question id (nothing moves on while there are any)."""
        problems: dict[str, str] = {}
        asked = self.questions()
        predicting = self.predicting  # asked once: each answer recorded makes new answers to lay out
        for question in asked:
            values = list(form.get(question.id, ()))
            try:
                if predicting:
                    self._predict(question, values)
                else:
                    self._record(question, values)
            except AnswerError as exc:
                problems[question.id] = str(exc)
        if problems:
            return problems
        self.shown.update(q.id for q in asked)
        if predicting or all(q.id in self.shown for q in self.questions()):
            self.step += 1
        return {}

    def _record(self, question: Question, values: list[str]) -> None:
        answers = self.session.answers
        if question.kind == "indicators":
            self.session.record(question, frozenset(values))
        elif question.kind == "choice":
            if values:
                self.session.record(question, values[0])
        else:
            self.session.record(question, parse(question, values[0] if values else "", answers))

    def _predict(self, question: Question, values: list[str]) -> None:
        known = {o.value for o in question.options}
        if any(v not in known for v in values if v != UNKNOWN):
            raise AnswerError("not one of the options")
        chosen = frozenset(v for v in values if v != UNKNOWN)
        if question.kind != "indicators" and len(chosen) > 1:
            raise AnswerError("choose one")
        self.round.predict(question.id, chosen)

    @property
    def done(self) -> bool:
        return self.finished or self.step > len(self.steps())

    def results(self) -> list[tuple[str, str]]:
        """The marked results; worked out once, as a finished round changes no more."""
        if self._results is None:
            self._results = self.round.result_lines(self.flow, self.session.answers, self.session.summary())
        return self._results

    def send(self, record: Recorder) -> str | None:
        """Give the room this round (the caller claimed it, once): None when the room kept it, else why not."""
        self._laid_out = (None, [], [])  # asked for no more: a room keeps thousands of finished rounds
        return self.round.send_to_room(record, self.session.answers)


class Rounds:
    """The rounds in play, by their random id; each belongs to the trainee (cookie) who started it."""

    def __init__(self, pack: Pack, scenarios: list[Scenario], limit: int = MAX_ROUNDS) -> None:
        self.pack = pack
        self.scenarios = {s.id: s for s in scenarios}
        self.listed = list(scenarios)
        self.limit = limit
        self.playing: OrderedDict[str, WebRound] = OrderedDict()

    def start(self, trainee: str, scenario_id: str) -> WebRound:
        scenario = self.scenarios[scenario_id]
        played = Round(self.pack, scenario, "practice")
        # A flow of its own: a flow keeps the questions for the last answers it was asked about, which
        # would be another trainee's at every page if the room shared one, and a round is marked in
        # the writer thread while the event loop lays out other rounds.
        flow = TrainingFlow(self.pack, self.listed)
        session = Session(flow, flow.new_answers(), training=True)
        session.restart(played.start)
        web = WebRound(secrets.token_urlsafe(12), trainee, played, session)
        self.playing[web.id] = web
        while len(self.playing) > self.limit:
            self.playing.popitem(last=False)
        return web

    def get(self, round_id: str, trainee: str) -> WebRound | None:
        web = self.playing.get(round_id)
        return web if web is not None and web.trainee == trainee else None
