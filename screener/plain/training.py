"""Training in plain mode: numbered questions on standard output, for screen readers and for a pipe.

``screener train --plain``, and automatically when standard input or output is
not a terminal. The same walk as the training TUI: choose a scenario, read the
case, answer the walkthrough's questions (yourself in practice mode; the
scenario's answers are filled in when guided), predict, then the marking and the
summary, all marked TRAINING — FICTIONAL CASE. Nothing personal is asked; nothing
is written unless you save the summary (or the room records the round, with
``--room``). This module never imports Textual.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TextIO

from screener import heap
from screener.content.pack import Pack
from screener.plain import Plain, Quit, reader
from screener.plain.reading import number_in
from screener.training.models import Scenario
from screener.training.room import Recorder
from screener.training.round import FICTIONAL_CASE, Mode, Round
from screener.training.walkthrough import TrainingFlow
from screener.walkthrough import UNKNOWN, AnswerError, Question
from screener.walkthrough.session import Session


class PlainTraining(Plain):
    def __init__(
        self,
        pack: Pack,
        scenarios: list[Scenario],
        *,
        mode: Mode,
        read: Callable[[str], str],
        write: Callable[[str], Any],
        record: Recorder | None = None,
    ) -> None:
        self.training_flow = TrainingFlow(pack, scenarios)
        # A fictional case: nothing of a real child to lose, and no area (its contacts would be real).
        super().__init__(
            Session(self.training_flow, self.training_flow.new_answers(), training=True), read=read, write=write
        )
        self.scenarios = scenarios
        self.mode: Mode = mode
        self.room_record = record
        self.round: Round | None = None
        self.rounds_in_room = 0  # rounds the room has taken
        self.not_recorded = 0  # rounds the room refused: their results were shown all the same

    def quit(self) -> None:
        raise Quit

    def run(self) -> int:
        """The exit code: 0, or 2 when the room could not record a round (its results were still shown)."""
        code = self._run()
        if self.not_recorded:
            self.say(
                f"{self.not_recorded} round{'s' if self.not_recorded != 1 else ''} not recorded in the room "
                "(the results were shown; the debrief will not count them)."
            )
            return 2
        return code

    def nothing_else(self) -> str:
        return "Nothing else was written." if self.rounds_in_room else "Nothing was written."

    def _run(self) -> int:
        self.say(f"Screener training (plain mode) — {FICTIONAL_CASE}")
        self.say()
        self.say(
            "Every scenario is fictional: nothing about a real child is asked or kept. "
            + (
                "Practice: read the case, then answer each question yourself from what you read; "
                "your reading is then compared with the scenario's answer key."
                if self.mode == "practice"
                else "Guided: the scenario's answers are filled in; change any to ask what if."
            )
        )
        self.say(KEYS_TRAINING)
        try:
            while True:
                if not self.choose():
                    return 0
                self.walk(self.session.next("vignette"))
                self.predict()
                self.results()
                self.show_summary()
                if not self.after_round():
                    return 0
        except Quit:
            self.say(f"Stopped. {self.nothing_else()}")
            return 0
        except EOFError:
            self.say()
            self.say(f"End of input. {self.nothing_else()}")
            return 0

    def choose(self) -> bool:
        names = {j: place.name for j, place in self.pack.jurisdictions.items()}
        self.say()
        self.say("Scenarios (all fictional):")
        for n, s in enumerate(self.scenarios, 1):
            self.say(f"{n}. {s.title} · {names.get(s.jurisdiction, s.jurisdiction)}")
        while True:
            text = self.ask("Scenario number (q quits): ").lower()
            if text == "q":
                return False
            if (number := number_in(text, len(self.scenarios))) is not None:
                break
            self.say(f"Type a number from 1 to {len(self.scenarios)}.")
        self.round = Round(self.pack, self.scenarios[number - 1], self.mode)
        self.session.restart(self.round.start)
        self.show_vignette()
        return True

    def show_vignette(self) -> None:
        assert self.round is not None
        self.say()
        self.say(f"--- The case: {self.round.scenario.title} ({FICTIONAL_CASE}) ---")
        for paragraph in self.round.vignette().split("\n\n"):
            self.say(paragraph)
            self.say()
        self.say("--- End of the case ---")
        if self.mode == "practice":
            self.say("Answer each question from what you read; type v at any question to read the case again.")

    def ask(self, prompt: str = "Answer: ") -> str:
        while True:
            text = super().ask(prompt)
            if text.lower() == "v" and self.round is not None:
                self.show_vignette()
                continue
            return text

    def predict(self) -> None:
        self.say()
        self.say("Predictions: what will the summary say? (It is marked against the rules next.)")
        for question in self.training_flow.predictions(self.answers):
            self.ask_prediction(question)

    def ask_prediction(self, question: Question) -> None:
        self.say()
        self.say(f"Prediction: {question.prompt}")
        for n, option in enumerate(question.options, 1):
            self.say(f"{n}. {option.label}")
        if question.kind == "indicators":
            self.say("Type the numbers of all you expect, separated by spaces; n for none.")
        else:
            self.say("Type a number; n for no prediction.")
        while True:
            text = self.ask()
            if text.lower() == "q":
                self.quit()
            try:
                value = self.interpret(question, text or "n")
            except AnswerError as exc:
                self.say(f"Not recorded: {exc}.")
                continue
            assert self.round is not None
            if question.kind == "indicators":
                self.round.predict(question.id, frozenset(value))
            else:
                self.round.predict(question.id, frozenset() if value == UNKNOWN else frozenset({value}))
            return

    def results(self) -> None:
        played = self.round
        assert played is not None
        self.say()
        self.say(f"--- Results ({FICTIONAL_CASE}) ---")
        for style, line in played.result_lines(self.flow, self.answers, self.session.summary()):
            self.say(line)
            if style == "heading":
                self.say("-" * len(line))
        self.say("--- End of results ---")
        if self.room_record is not None:
            problem = played.send_to_room(self.room_record, self.answers)
            if problem is not None:
                # The trainee keeps the results on screen and goes on; the room just does not have this round.
                self.not_recorded += 1
                self.say(f"Not recorded in the room: {problem}")
            else:
                self.rounds_in_room += 1
                self.say("Round recorded in the room, anonymously.")

    def after_round(self) -> bool:
        """True to play another round."""
        while True:
            self.say()
            self.say("What next?")
            self.say("1. Another scenario")
            self.say("2. Save the summary to a file")
            self.say("3. Finish")
            text = self.ask().lower()
            if text == "1":
                return True
            if text == "2":
                self.save_summary()
            elif text in ("3", "q"):
                return False
            else:
                self.say("Type 1, 2 or 3.")


KEYS_TRAINING = (
    "Type an answer's number. n means not known, b goes back, ? explains why a question is asked, "
    "v shows the case again, q quits."
)


def run_plain_training(
    pack: Pack,
    scenarios: list[Scenario],
    *,
    mode: Mode = "practice",
    record: Recorder | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    session = PlainTraining(pack, scenarios, mode=mode, read=reader(stdin, stdout), write=stdout.write, record=record)
    heap.settle()
    return session.run()
