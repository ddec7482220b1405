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
from screener.walkthrough import UNKNOWN, AnswerError, Question
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

    @property
    def flow(self) -> TrainingFlow:
        flow = self.session.flow
        assert isinstance(flow, TrainingFlow)
        return flow

    def steps(self) -> list[tuple[str, str]]:
        """The question steps as (key, title), in the walk's order."""
        out: dict[str, str] = {}
        for page in self.session.pages():
            if page.question is not None and page.step != "predict":
                out.setdefault(page.step, page.step_title)
        return list(out.items())

    def questions(self) -> list[Question]:
        steps = self.steps()
        if self.step >= len(steps):
            return self.flow.predictions(self.session.answers)
        key = steps[self.step][0]
        return [p.question for p in self.session.pages() if p.step == key and p.question is not None]

    @property
    def predicting(self) -> bool:
        return self.step >= len(self.steps())

    def answer(self, form: Form) -> dict[str, str]:
        """Record a step's form; the problems by question id (nothing moves on while there are any)."""
        problems: dict[str, str] = {}
        asked = self.questions()
        for question in asked:
            values = list(form.get(question.id, ()))
            try:
                if self.predicting:
                    self._predict(question, values)
                else:
                    self._record(question, values)
            except AnswerError as exc:
                problems[question.id] = str(exc)
        if problems:
            return problems
        self.shown.update(q.id for q in asked)
        if self.predicting or all(q.id in self.shown for q in self.questions()):
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
        return self.step > len(self.steps())

    def results(self) -> list[tuple[str, str]]:
        return self.round.result_lines(self.flow, self.session.answers, self.session.summary())

    def finish(self, record: Recorder) -> None:
        """Give the room this round, exactly once (a repeated post finds it finished)."""
        if self.finished:
            return
        self.finished = True
        self.problem = self.round.send_to_room(record, self.session.answers)


class Rounds:
    """The rounds in play, by their random id; each belongs to the trainee (cookie) who started it."""

    def __init__(self, pack: Pack, scenarios: list[Scenario], limit: int = MAX_ROUNDS) -> None:
        self.pack = pack
        self.scenarios = {s.id: s for s in scenarios}
        self.flow = TrainingFlow(pack, scenarios)
        self.limit = limit
        self.playing: OrderedDict[str, WebRound] = OrderedDict()

    def start(self, trainee: str, scenario_id: str) -> WebRound:
        scenario = self.scenarios[scenario_id]
        played = Round(self.pack, scenario, "practice")
        session = Session(self.flow, self.flow.new_answers(), training=True)
        session.restart(played.start)
        web = WebRound(secrets.token_urlsafe(12), trainee, played, session)
        self.playing[web.id] = web
        while len(self.playing) > self.limit:
            self.playing.popitem(last=False)
        return web

    def get(self, round_id: str, trainee: str) -> WebRound | None:
        web = self.playing.get(round_id)
        return web if web is not None and web.trainee == trainee else None
