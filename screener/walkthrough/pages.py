"""The walk as pages: the steps around the questions, as data, and their numbering.

A layout is the list of steps in the order shown. A step that *asks* has one
page per question in it (none when nothing in it is asked); any other step is
one page of its own. Steps are numbered by their place in the layout. The walkthrough and training
are two layouts numbered by the same code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from screener.walkthrough.answers import Answers
from screener.walkthrough.model import Question


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    asks: bool = False  # its pages are the questions in it


@dataclass(frozen=True)
class Layout:
    steps: tuple[Step, ...]
    # Pages that cannot be left until the jurisdiction is known, and what they say instead.
    needs_jurisdiction: Mapping[str, str] = field(default_factory=dict)

    def title(self, step: str) -> str:
        return next(s.title for s in self.steps if s.id == step)


ABOUT_CHILD = Step("about-child", "About the child", asks=True)
LOCAL_SERVICES = Step("local-services", "Local services", asks=True)
INDICATORS = Step("indicators", "Indicators", asks=True)
NRM_LEGAL = Step("nrm-legal", "NRM and legal", asks=True)
REVIEW = Step("review", "Review")
SUMMARY = Step("summary", "Summary")
EXPORT = Step("export", "Export")

WALKTHROUGH = Layout(
    (
        Step("welcome", "Welcome"),
        Step("jurisdiction", "Jurisdiction", asks=True),
        ABOUT_CHILD,
        LOCAL_SERVICES,
        INDICATORS,
        NRM_LEGAL,
        REVIEW,
        SUMMARY,
        EXPORT,
    ),
    {"jurisdiction": "Choose the part of the UK the child is in: everything after depends on it."},
)


@dataclass(frozen=True)
class Page:
    """One place in the walk: a question, or one of the pages around them."""

    step: str
    step_title: str
    step_number: int
    step_count: int
    question: Question | None = None
    # The question's place among the step's questions that every walk in this part of the UK asks
    # (1-based; 0 for pages without a question), and how many those are. A question asked only because
    # of an earlier answer is an extra one after them, outside the count (``questions.numbers``): so
    # "2 of 3" never turns into "2 of 4" or "2 of 2" as answers bring questions in or take them away.
    number_in_step: int = 0
    count_in_step: int = 0
    extra: bool = False

    @property
    def key(self) -> str:
        return self.question.id if self.question else self.step

    def progress(self) -> str:
        """``Step 3 of 9 · About the child · 2 of 5``, or ``· extra`` for an extra question (one word: the
        line shares 80 columns with the title)."""
        text = f"Step {self.step_number} of {self.step_count} · {self.step_title}"
        if self.question is not None and self.extra:
            return text + " · extra"
        if self.question is not None and self.count_in_step > 1:
            text += f" · {self.number_in_step} of {self.count_in_step}"
        return text


def pages(layout: Layout, asked: list[Question], extra: Callable[[Question], bool]) -> list[Page]:
    """Every page, numbered by step. A step keeps its place in the layout whatever is asked in it:
    "Step 5 of 9" stays step 5 of 9 from the first page to the last. A step with nothing to ask
    for these answers has no page, and its number is passed over rather than the count changed,
    so no answer makes the walk look shorter or longer than the layout it follows."""
    count = len(layout.steps)
    out: list[Page] = []
    for number, step in enumerate(layout.steps, 1):
        if not step.asks:
            out.append(Page(step.id, step.title, number, count))
            continue
        in_step = [q for q in asked if q.step == step.id]
        out.extend(Page(step.id, step.title, number, count, *place) for place in numbered(in_step, extra))
    return out


def numbered(asked: list[Question], extra: Callable[[Question], bool]) -> list[tuple[Question, int, int, bool]]:
    """Each question with its number among those not extra, how many those are, and whether it is extra: an
    extra question takes the number of the one before it and is outside the count, so the count holds as
    answers bring extra questions in or take them away (the walk's "Question 3 of 20", a step's "2 of 5")."""
    extras = [extra(q) for q in asked]
    total = extras.count(False)
    out = []
    n = 0
    for question, is_extra in zip(asked, extras, strict=True):
        n += not is_extra
        out.append((question, n, total, is_extra))
    return out


def blocker(layout: Layout, page: Page, answers: Answers) -> str | None:
    """Why the walk cannot move past this page yet, or ``None``."""
    if answers.jurisdiction is None:
        return layout.needs_jurisdiction.get(page.key)
    return None
