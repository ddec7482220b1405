"""One walk through a pack: the questions, pages, words and case for a set of answers.

``Flow`` binds a pack and a page layout to the functions of this package, so a
front end holds one object: it asks ``flow.questions(answers)`` in order,
records answers with ``Answers.with_answer``, explains with ``flow.why`` and
hands ``flow.to_case(answers)`` to the engine. Training's walk
(``screener.training.walkthrough``) is the same with its own layout and
questions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from screener.casefile.model import Case
from screener.content.pack import Pack
from screener.walkthrough import filled as _filled
from screener.walkthrough import pages as _pages
from screener.walkthrough import parse as _parse
from screener.walkthrough import questions as _questions
from screener.walkthrough import to_case as _to_case
from screener.walkthrough import why as _why
from screener.walkthrough.answers import Answers
from screener.walkthrough.model import Question
from screener.walkthrough.pages import WALKTHROUGH, Layout, Page
from screener.walkthrough.why import Why


class Flow:
    """The questions for a pack, laid out as pages, and what each answer feeds."""

    layout: Layout = WALKTHROUGH

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        # Answers are immutable, so the questions for the last answers asked about stay true: a page
        # asks for them many times (numbering, paging, the title) between two answers.
        self._asked: tuple[Answers, list[Question]] | None = None

    def new_answers(self, screening_date: dt.date | None = None) -> Answers:
        return Answers.new(screening_date)

    # -- the questions and pages -------------------------------------------

    def jurisdiction_question(self) -> Question:
        return _questions.jurisdiction_question(self.pack)

    def questions(self, answers: Answers) -> list[Question]:
        """Every question for these answers, in order."""
        if self._asked is None or self._asked[0] is not answers:
            self._asked = (answers, _questions.questions(self.pack, answers))
        return list(self._asked[1])

    def is_extra(self, question: Question, answers: Answers) -> bool:
        return _questions.is_extra(self.pack, question, answers)

    def numbers(self, answers: Answers) -> dict[str, str]:
        return _questions.numbers(self.pack, self.questions(answers), answers)

    def walked(self, answers: Answers, showing: str | None = None) -> list[Question]:
        """The questions the walk goes through: every question but those answered by an earlier one that
        asks the same test (``filled.passed_over``), unless it is the one ``showing`` (reached from the review)."""
        over = _filled.passed_over(self.pack, answers) - {showing}
        return [q for q in self.questions(answers) if q.id not in over]

    def pages(self, answers: Answers, showing: str | None = None) -> list[Page]:
        """The walk's pages; ``showing``: a question passed over that is on screen all the same."""
        return _pages.pages(self.layout, self.walked(answers, showing), lambda q: self.is_extra(q, answers))

    def blocker(self, page: Page, answers: Answers) -> str | None:
        return _pages.blocker(self.layout, page, answers)

    # -- answers as text -----------------------------------------------------

    def display(self, question: Question, answers: Answers) -> str:
        """An answer in words, for the review, plain mode and each page's answer line; an answer filled
        in from another says so ("Yes (from your “NRM status” answer)")."""
        return _filled.display(self.pack, question, answers, _parse.display(question, answers))

    @staticmethod
    def age_text(value: dt.date | int | None, screening_date: dt.date) -> str:
        return _parse.age_text(value, screening_date)

    def parse(self, question: Question, text: str, answers: Answers) -> Any:
        return _parse.parse(question, text, answers)

    def changes(self, before: Answers, after: Answers) -> list[str]:
        """The answers that differ, in words: ``Age disputed: Not known → Yes``."""
        out = []
        titles = {q.id: q for q in self.questions(before)}
        for question in self.questions(after):
            old = titles.get(question.id)
            if old is None and after.get(question) == before.get(question):
                continue  # asked now, but not answered otherwise than before: nothing changed
            now = self.display(question, after)
            was = self.display(old, before) if old is not None else "not asked"
            if was != now:
                out.append(f"{question.title}: {was} → {now}")
        for qid, question in titles.items():
            if all(q.id != qid for q in self.questions(after)):
                out.append(f"{question.title}: no longer asked")
        return out

    # -- why am I asked this? ------------------------------------------------

    def why(self, question: Question, answers: Answers) -> Why:
        return _why.why(self.pack, question, answers)

    def indicator_why(self, indicator_id: str, answers: Answers) -> Why:
        return _why.indicator_why(self.pack, indicator_id, answers)

    # -- the case ------------------------------------------------------------

    def to_case(self, answers: Answers) -> Case:
        return _to_case.to_case(self.pack, self.questions(answers), answers)

    def outcome_changes(self, before: Answers, after: Answers) -> list[str]:
        """What a change of answers did to the summary's outcomes, in words; empty when nothing moved."""
        if before.jurisdiction is None or after.jurisdiction is None:
            return []
        return _to_case.outcome_changes(self.pack, self.to_case(before), self.to_case(after))
