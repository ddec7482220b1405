"""One walk's state, UI-free: what every face (the Textual app, plain mode, training) shows and asks.

A ``Session`` owns everything a walk keeps: the answers, the answers last saved,
the case file as opened, the area file and whether this screening uses it, the
page the user is on, a change made from the review, and the summary worked out
for the answers now. Each user action is a method that answers with what to show
next (a ``Move``): ``Show(page)``, ``Blocked(reason)`` when the walk cannot move
on yet, or ``None`` when nothing changes. A face only shows the page and asks;
it never decides where the walk goes, so the faces cannot drift apart.

After an answer is changed from the review, answering returns to the review;
if the change brought in a question the review did not list (a decision date,
say), that question is asked first, in every face.

Saving and exporting are planned here (``screener.writing.plan``) and asked in
each face's own way; the session is told what was written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screener.walkthrough import filled
from screener.walkthrough.answers import Answers
from screener.walkthrough.flow import Flow
from screener.walkthrough.model import AnswerError, Question
from screener.walkthrough.pages import Page

if TYPE_CHECKING:
    from screener.area.model import Area
    from screener.casefile.model import Case, Record
    from screener.compare import Comparison
    from screener.content.pack import Pack
    from screener.summary import Summary
    from screener.writing.plan import WritePlan


@dataclass(frozen=True)
class Show:
    """Show this page."""

    page: Page


@dataclass(frozen=True)
class Blocked:
    """The walk cannot move on from here yet: say why."""

    reason: str


Move = Show | Blocked | None

NEEDS_JURISDICTION = "Choose the part of the UK first: the questions depend on it."
CASE_NEEDS_JURISDICTION = "Choose the part of the UK first: a case file needs it."


@dataclass(frozen=True)
class Opened:
    """The case file as opened: once an answer differs from it, the comparison with it is offered."""

    path: Path
    answers: Answers
    case: Case | None = None  # as read, with what it was screened with; None: rebuilt from the answers


@dataclass
class _ReviewChange:
    """A question being changed from the review: the answers before, and the questions the review listed."""

    before: Answers
    listed: set[str]
    # Where answering goes back to: the review, or the page the change was asked from.
    back_to: str = "review"


class Session:
    """One walk: its answers, its place, its files; each action answers with the next ``Move``."""

    def __init__(
        self,
        flow: Flow,
        answers: Answers,
        *,
        case_path: Path | None = None,
        opened_case: Case | None = None,
        area: Area | None = None,
        training: bool = False,
    ) -> None:
        self.flow = flow
        self._answers = answers
        # What is on disk, or the starting point: only answers beyond it are unsaved.
        self._saved = answers
        self.case_path = case_path
        self.opened = Opened(case_path, answers, opened_case) if case_path is not None else None
        self.area = area
        self.area_in_use = True
        # Training: fictional cases, marked so in the summary; nothing of a real child to lose.
        self.training = training
        self.key = "welcome"
        # The answers as they were when the page up was reached: where it stood in the walk, should an
        # answer given on it take it out (an answer set back to not known, where nothing now asks it).
        self._arrived_with: Answers | None = None
        self.last_question: str | None = None
        self._changing: _ReviewChange | None = None
        # The answers before the change just made from the review, for the review to compare.
        self.review_before: Answers | None = None
        self.exported: Path | None = None
        # The export format last chosen, kept across pages (an edit asked by the privacy warning).
        self.export_format = "md"
        self._summary: tuple[tuple[Answers, Area | None], Summary] | None = None
        self._rendered: dict[str, str | bytes] = {}
        self._listeners: list[Callable[[], None]] = []

    @classmethod
    def open(
        cls,
        pack: Pack,
        case: Case | None,
        *,
        as_at: dt.date | None = None,
        case_path: Path | None = None,
        area: Area | None = None,
    ) -> Session:
        """A walk filled in from ``case`` when given (read from ``case_path``), screened with ``area``."""
        flow = Flow(pack)
        answers = (
            filled.opened(pack, Answers.from_case(pack, case, as_at)) if case is not None else flow.new_answers(as_at)
        )
        return cls(flow, answers, case_path=case_path, opened_case=case, area=area)

    # -- the answers ---------------------------------------------------------

    @property
    def pack(self) -> Pack:
        return self.flow.pack

    @property
    def answers(self) -> Answers:
        return self._answers

    @answers.setter
    def answers(self, answers: Answers) -> None:
        if answers != self._answers:
            self._answers = answers
            self._changed()
        else:
            self._answers = answers

    @property
    def saved(self) -> Answers:
        return self._saved

    @saved.setter
    def saved(self, answers: Answers) -> None:
        self._saved = answers
        self._changed()

    def watch(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` whenever the answers or the saved answers change (a face's title line)."""
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in self._listeners:
            listener()

    @property
    def unsaved(self) -> bool:
        return not self.training and self.answers != self.saved

    def restart(self, answers: Answers) -> None:
        """Start again from ``answers`` (training's next scenario): nothing unsaved, no place kept."""
        self._changing = None
        self.review_before = None
        self.last_question = None
        self._saved = answers
        self.answers = answers
        self._changed()

    def record(self, question: Question, value: Any) -> None:
        """Record an answer, and what it fills in (``screener.walkthrough.filled``); the page stays
        (``answered`` moves on)."""
        self.answers = filled.record(self.pack, self.answers, question, value)

    def questions(self) -> list[Question]:
        return self.flow.questions(self.answers)

    def filled_from(self, target: str) -> str | None:
        """'from your “NRM status” answer' for an answer filled in from another (``fact:ID``,
        ``indicator:ID``); None for the user's own."""
        return filled.filled_from(self.pack, self.answers, target)

    def also_recorded(self, before: Answers) -> list[str]:
        """After an answer: each question the walk now goes past because that answer answered it, as the
        review shows it ("Unaccompanied: No (from your … answer)")."""
        now = filled.passed_over(self.pack, self.answers) - filled.passed_over(self.pack, before)
        return [f"{q.title}: {self.flow.display(q, self.answers)}" for q in self.questions() if q.id in now]

    def answers_too(self, question: Question) -> str | None:
        """Under a question whose answer is a later question's too: that the walk will not ask that one."""
        return filled.answers_too(self.pack, question, self.answers)

    def filled_marks(self, question: Question) -> dict[str, str]:
        """On an indicators page: each indicator marked from another answer, and where from."""
        return filled.marks(self.pack, question, self.answers)

    def change_screening_date(self, text: str) -> dt.date:
        """Screen as at the day ``text`` names (typed as any date is); ``AnswerError`` when it cannot be.

        A date already answered (birth, decision, leave) may not fall after the screening date.
        """
        from screener.typed_dates import DateError, in_words, read_date

        try:
            day = read_date(text, "screening date")
        except DateError as exc:
            raise AnswerError(str(exc)) from None
        a = self.answers
        later = [
            (what, value)
            for what, value in (
                ("the date of birth", a.date_of_birth),
                ("the NRM decision", a.decision_on),
                ("the leave granted", a.leave_granted_on),
            )
            if isinstance(value, dt.date) and value > day
        ]
        if later:
            what, value = later[0]
            raise AnswerError(f"{what} ({in_words(value)}) is after {in_words(day)}: change it first")
        self.answers = dataclasses.replace(a, screening_date=day)
        return day

    def pages(self) -> list[Page]:
        """The walk's pages, the one on screen among them even where the walk passes it over (a question
        answered by an earlier one, reached from the review)."""
        return self.flow.pages(self.answers, self.key)

    def page_for(self, key: str) -> Page | None:
        return next((p for p in self.flow.pages(self.answers, key) if p.key == key), None)

    @property
    def page(self) -> Page | None:
        """The page the user is on, as the answers now lay it out."""
        return self.page_for(self.key)

    # -- the area file -------------------------------------------------------

    @property
    def area_used(self) -> Area | None:
        """The area file this screening uses: None when there is none, or the user chose none."""
        return self.area if self.area_in_use else None

    def use_area(self, in_use: bool) -> None:
        self.area_in_use = in_use

    def area_hint(self, question: Question) -> str | None:
        """'From the area file: …; you can override it', when the area file settles this question."""
        if question.id not in self.pack.questions:
            return None
        from screener.area.show import settled_hint

        a = self.answers
        return settled_hint(self.area, self.area_in_use, a.jurisdiction, question.id, a.get(question), a.screening_date)

    # -- moving about --------------------------------------------------------

    def go_to(self, key: str) -> Show | None:
        """The page with this key, if the answers now have it."""
        page = self.page_for(key)
        if page is None:
            return None
        return self._arrive(page)

    def _arrive(self, page: Page) -> Show:
        if page.question is None:
            # Arriving at the review (or any page that is not a question) ends a change from it.
            before = self._changing.before if self._changing is not None else None
            self.review_before = before if page.step == "review" else None
            self._changing = None
        else:
            self.last_question = page.key
        self.key = page.key
        self._arrived_with = self.answers
        return Show(page)

    def _beside(self, pages: list[Page], key: str, step: int) -> Page | None:
        """The page ``step`` (1 or -1) from ``key`` in ``pages``; None past either end. The page up, when it
        has left the walk since it was reached (an answer on it set back to not known, where nothing now
        asks it), is taken where it stood then, between the pages still there around it."""
        keys = [p.key for p in pages]
        if key in keys:
            n = keys.index(key) + step
            return pages[n] if 0 <= n < len(pages) else None
        if key != self.key or self._arrived_with is None:
            return None
        then = [p.key for p in self.flow.pages(self._arrived_with, key)]
        if key not in then:
            return None
        place = then.index(key)
        around = then[place + 1 :] if step > 0 else reversed(then[:place])
        return next((pages[keys.index(k)] for k in around if k in keys), None)

    def next(self, key: str | None = None) -> Move:
        """On from the page ``key`` (the current page by default), unless it must be answered first."""
        pages = self.pages()
        key = self.key if key is None else key
        here = next((p for p in pages if p.key == key), None)
        if here is not None and (blocker := self.flow.blocker(here, self.answers)):
            return Blocked(blocker)
        after = self._beside(pages, key, 1)
        return None if after is None else self._arrive(after)

    def previous(self, key: str) -> Page | None:
        """The page before ``key``, without moving; None on the first page."""
        return self._beside(self.pages(), key, -1)

    def following(self, key: str) -> Page | None:
        """The page after ``key``, without moving; None on the last page."""
        return self._beside(self.pages(), key, 1)

    def back(self, key: str | None = None) -> Move:
        """Back from the page ``key`` (the current page by default); None on the first page."""
        before = self._beside(self.pages(), self.key if key is None else key, -1)
        return None if before is None else self._arrive(before)

    def answered(self, key: str | None = None) -> Move:
        """An answer was recorded (or kept) with a key that also means go on.

        In the walk that is ``next``. After a change from the review it is the review again,
        unless the change brought in a question the review did not list: that is asked first.
        """
        changing = self._changing
        if changing is None:
            return self.next(key)
        new = [q.id for q in self.questions() if q.id not in changing.listed]
        if new:
            changing.listed.add(new[0])
            return self.go_to(new[0])
        return self.go_to(changing.back_to)

    def begin(self, jurisdiction: str | None = None) -> Move:
        """On from the welcome page; with ``jurisdiction`` (its number pressed there), that question is
        answered on the way, so the walk goes on to the question after it. Never over a case's own
        answer: a case opened with one begins at the welcome's next page as always."""
        if jurisdiction is None or self.answers.jurisdiction is not None:
            return self.next("welcome")
        self.record(self.flow.jurisdiction_question(), jurisdiction)
        self.last_question = "jurisdiction"
        return self.next("jurisdiction")

    def review(self) -> Move:
        """Every answer on one page; not before the part of the UK is chosen."""
        if self.answers.jurisdiction is None:
            return Blocked(NEEDS_JURISDICTION)
        return self.go_to("review")

    def change_from_review(self, key: str) -> Move:
        """Change one answer from the review: answering it comes back to the review."""
        self._changing = _ReviewChange(self.answers, {q.id for q in self.questions()})
        return self.go_to(key)

    def edit_and_return(self, key: str) -> Move:
        """Change one answer asked for by the page on screen (the privacy warning's Edit): answering it
        returns to that page, as a change from the review returns to the review."""
        here = self.key
        self._changing = _ReviewChange(self.answers, {q.id for q in self.questions()}, back_to=here)
        return self.go_to(key)

    @property
    def changing_from_review(self) -> bool:
        return self._changing is not None

    def review_changes(self) -> tuple[list[str], list[str]] | None:
        """After a change from the review: what changed in the answers, and in the summary's outcomes."""
        before = self.review_before
        if before is None:
            return None
        changes = self.flow.changes(before, self.answers)
        return changes, self.flow.outcome_changes(before, self.answers) if changes else []

    # -- the case and its summary --------------------------------------------

    def case(self) -> Case:
        return self.flow.to_case(self.answers)

    def case_to_save(self) -> Case:
        """The case as saved: with what it was screened with, so that a later comparison can say."""
        from screener.casefile.write import stamped

        return stamped(self.case(), self.pack, self.area_used)

    def summary(self) -> Summary:
        """The engine's summary of the answers, exactly as ``screener summarise`` would give it."""
        key = (self.answers, self.area_used)
        cached = self._summary
        if cached is not None and cached[0][0] == key[0] and cached[0][1] is key[1]:
            return cached[1]
        from screener.engine import screen

        summary = screen(self.pack, self.case(), area=self.area_used)
        if self.training:
            summary = dataclasses.replace(summary, training=True)
        self._summary = (key, summary)
        self._rendered = {}
        return summary

    def rendered(self, fmt: str, *, age_only: bool = False) -> str | bytes:
        """The summary in a format (``screener.render.formats``), as ``summarise`` writes it.

        ``age_only``: the age in whole years and no date of birth (``screener.privacy.age_only``).
        """
        from screener.render import render_file

        summary = self.summary()
        if age_only:
            from screener.privacy import age_only as without_birth_date

            return render_file(without_birth_date(summary, self.case()), fmt)
        if fmt not in self._rendered:
            self._rendered[fmt] = render_file(summary, fmt)
        return self._rendered[fmt]

    def nrm_preparation(self, fmt: str) -> str | bytes:
        """The NRM referral prepared from the answers (``screener nrm``'s), in a format the table marks ``nrm``."""
        from screener.nrm.load import form_of
        from screener.nrm.prepare import prepare
        from screener.nrm.render import render

        summary = self.summary()
        return render(prepare(form_of(self.pack), self.pack, self.case(), summary), fmt)

    def record_typed(self, typed: dict[str, str]) -> None:
        """The professional record and the NRM referral date as typed on the record form: blank clears a field.

        Fields are read as ``record_form.read_field`` reads them (dates as people write them, the
        referral no later than the screening date); ``AnswerError`` says what cannot be recorded,
        and nothing changes until every field can be. Without a ``referred_on`` key the referral
        date is kept as it is.
        """
        from pydantic import ValidationError

        from screener.casefile.model import Record
        from screener.walkthrough.record_form import FIELDS, REFERRED_ON, read_day, read_field

        day = self.answers.screening_date
        values = {name: read_field(name, typed.get(name, ""), day) for name, _ in FIELDS if name != REFERRED_ON}
        referred = self.answers.referred_on
        if REFERRED_ON in typed:
            referred = read_day(REFERRED_ON, typed[REFERRED_ON], day)
        try:
            record = Record(**{name: value for name, value in values.items() if value is not None})  # type: ignore[arg-type]
        except ValidationError as exc:
            first = exc.errors()[0]
            raise AnswerError(f"{first['loc'][0]}: {first['msg']}") from None
        self.set_record(record, referred)

    def set_record(self, record: Record | None, referred_on: dt.date | None) -> None:
        """The professional record and the NRM referral date, as given on the record page."""
        empty = record is None or record.is_empty()
        self.answers = dataclasses.replace(self.answers, record=None if empty else record, referred_on=referred_on)

    def markdown(self) -> str:
        """The summary as the pages show it."""
        text = self.rendered("md")
        assert isinstance(text, str)  # Markdown is text
        return text

    # -- the case as opened --------------------------------------------------

    def comparison_offered(self) -> bool:
        """A case file was opened, and an answer differs from it."""
        return self.opened is not None and bool(self.flow.changes(self.opened.answers, self.answers))

    def comparison(self) -> Comparison:
        """What changed since the case file was opened (``screener.reopened``)."""
        from screener.reopened import compare_with_opened

        opened = self.opened
        assert opened is not None, "no case file was opened"
        as_opened = opened.case or self.flow.to_case(opened.answers)
        return compare_with_opened(self.pack, self.area_used, opened.path, as_opened, self.case_to_save())

    # -- saving and exporting ------------------------------------------------

    def default_case_path(self, *, numbered: bool = True) -> Path:
        """The case file opened or saved, else ``screening-DATE.yaml``: numbered when that name is taken."""
        from screener.casefile.write import default_stem, first_free

        if self.case_path is not None:
            return self.case_path
        name = Path(f"{default_stem(self.answers.screening_date)}.yaml")
        return first_free(name) if numbered else name

    def default_export_path(self, fmt: str, what: str = "summary", *, numbered: bool = True) -> Path:
        """``screening-DATE-summary.md``: nothing of the case, and the next free number when the name is
        taken, so that a second child's export never meets the first one's file. ``numbered=False``
        where no folder here is written (a browser's download)."""
        from screener.casefile.write import default_stem, first_free
        from screener.render.formats import format_named

        name = Path(f"{default_stem(self.answers.screening_date)}-{what}{format_named(fmt).extension}")
        return first_free(name) if numbered else name

    def plan_privacy(self) -> WritePlan:
        """Before a save or an export: the privacy question, when the answers look like they name someone."""
        from screener.privacy import check_case
        from screener.writing.plan import plan_write

        return plan_write(None, findings=check_case(self.case(), self.pack))

    def can_save(self) -> Blocked | None:
        if self.answers.jurisdiction is None:
            return Blocked(CASE_NEEDS_JURISDICTION)
        return None

    def plan_save(self, path: Path) -> WritePlan:
        """Saving the case file to ``path`` (the privacy question answered): the case file opened,
        or saved already in this session, is saved again without asking."""
        from screener.writing.plan import plan_write

        return plan_write(path, ours=path == self.case_path, go_on=True)

    def case_file(self) -> str:
        """The case file's text, as saved."""
        from screener.casefile.write import dump_case

        return dump_case(self.case_to_save())

    def saved_to(self, path: Path | None) -> None:
        """The answers are saved (to ``path``; None: downloaded by a browser)."""
        if path is not None:
            self.case_path = path
        self.saved = self.answers

    def plan_export(self, path: Path) -> WritePlan:
        """Exporting to ``path`` (the privacy question answered): the file just exported is replaced unasked."""
        from screener.writing.plan import plan_write

        return plan_write(path, ours=self.just_exported(path), go_on=True)

    def just_exported(self, path: Path) -> bool:
        if self.exported is None:
            return False
        try:
            return path.resolve() == self.exported.resolve()
        except (OSError, ValueError):
            return False  # not a path that can be written: the write says why
