"""The walkthrough without a user interface: questions, answers, pages, typed answers, why-texts, the case.

Plain mode (``screener.plain``), the Textual app (``screener.tui``) and training
(``screener.training``) are faces of this one walk; nothing here imports Textual.

- ``model``: a question, its options, ``AnswerError``;
- ``answers``: ``Answers``, everything answered so far;
- ``questions``: which questions are asked, in what order, and their numbers;
- ``pages``: the steps around the questions (as data) and the pages they make;
- ``parse``: reading typed answers, and answers back in words;
- ``why``: why a question is asked and what reads its answer;
- ``to_case``: the answers as the engine's case;
- ``welcome``: the first page's text;
- ``record_form``: the professional record's fields and the NRM referral date, read as typed;
- ``flow``: ``Flow``, all of the above for one pack.
"""

from screener.vocabulary import DECISION_STATUSES
from screener.walkthrough.answers import Answers
from screener.walkthrough.flow import Flow
from screener.walkthrough.model import UNKNOWN, AnswerError, Option, Question
from screener.walkthrough.pages import Layout, Page, Step
from screener.walkthrough.welcome import welcome_lines
from screener.walkthrough.why import Use, Why

__all__ = [
    "DECISION_STATUSES",
    "UNKNOWN",
    "AnswerError",
    "Answers",
    "Flow",
    "Layout",
    "Option",
    "Page",
    "Question",
    "Step",
    "Use",
    "Why",
    "welcome_lines",
]
