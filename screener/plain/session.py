"""One plain-mode session: the walk, the review, the summary and saving, as lines in and out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screener.area.model import Area
from screener.area.show import welcome_area_lines
from screener.casefile.model import Case
from screener.casefile.write import default_stem, first_free
from screener.content.pack import Pack
from screener.plain.reading import interpret, option_lines
from screener.textsafe import printable, terminal_safe
from screener.walkthrough import AnswerError, Answers, Flow, Page, Question, welcome_lines

if TYPE_CHECKING:
    from screener.render.formats import Format
    from screener.summary import Summary

KEYS = (
    "Type an answer's number. n means not known, b goes back, ? explains why a question is asked, "
    "q quits. Press Enter to keep the answer shown as Now."
)


class _Quit(Exception):
    """The user chose to quit."""


class Plain:
    """One plain-mode session: answers, a position, and the streams."""

    def __init__(
        self,
        pack: Pack,
        answers: Answers,
        *,
        case_path: Path | None,
        read: Callable[[str], str],
        write: Callable[[str], Any],
    ) -> None:
        self.flow = Flow(pack)
        self.pack = pack
        self.answers = answers
        # What is on disk, or the starting point: only answers beyond it are unsaved.
        self.saved = answers
        self.case_path = case_path
        self._read = read
        self._write = write
        self.summary_shown = False
        self.area: Area | None = None
        self.area_in_use = True
        self._last_written: Path | None = None
        # The case file as opened: once an answer changes, What next? offers the comparison with it.
        self.opened_path = case_path
        self.opened_answers = answers if case_path is not None else None
        self.opened_case: Case | None = None

    # -- input and output ----------------------------------------------------

    def say(self, text: str = "") -> None:
        # Whatever is said quotes answers, paths and pack text: none of it may drive the terminal.
        self._write(terminal_safe(text) + "\n")

    def ask(self, prompt: str = "Answer: ") -> str:
        while True:
            text = self._read(prompt).strip()
            # Bytes that are not UTF-8 arrive as lone surrogates (see run_plain); they are no answer.
            if not any("\ud800" <= c <= "\udfff" for c in text):
                return text
            self.say("Not read: that was not UTF-8 text; type it again.")

    def confirm(self, question: str, default: bool = False) -> bool:
        hint = "yes/no, Enter for " + ("yes" if default else "no")
        while True:
            text = self.ask(f"{question} ({hint}): ").lower()
            if not text:
                return default
            if text in ("y", "yes"):
                return True
            if text in ("n", "no"):
                return False
            self.say("Please type yes or no.")

    @property
    def unsaved(self) -> bool:
        return self.answers != self.saved

    # -- the walk ------------------------------------------------------------

    def run(self) -> int:
        opened = str(self.case_path) if self.case_path else None
        self.say("Screener (plain mode)")
        self.say()
        for line in welcome_lines(self.pack, self.answers, opened):
            self.say(line)
        for line in welcome_area_lines(self.area, True, self.answers.screening_date):
            self.say(line)
        self.say()
        self.say(KEYS)
        try:
            if self.area is not None and not self.confirm("Use this area file", default=True):
                self.area_in_use = False
                self.say("No area file: the summary has no local contacts or local facts.")
            self.walk()
            while True:
                if self.review():
                    self.show_summary()
                    if self.after_summary():
                        return 0
        except _Quit:
            self.say("Stopped. Nothing was written.")
            return 0
        except EOFError:
            self.say()
            self.say("End of input.")
            if not self.summary_shown and self.answers.jurisdiction is not None:
                self.show_summary()
            elif self.answers.jurisdiction is None:
                self.say("No part of the UK was chosen, so there is no summary.")
            self.say("Nothing was written.")
            return 0

    def walk(self, start: int = 0) -> None:
        index = start
        while True:
            questions = self.flow.questions(self.answers)
            if index >= len(questions):
                return
            step = self.ask_question(questions, index)
            if step < 0 and index == 0:
                self.say("This is the first question.")
                continue
            index += step

    def ask_question(self, questions: list[Question], index: int) -> int:
        """Ask one question until it is answered; +1 to go on, -1 to go back."""
        question = questions[index]
        number = self.flow.numbers(self.answers)[question.id]
        self.say()
        self.say(f"{number}: {question.prompt}")
        while True:
            self.show_options(question)
            text = self.ask()
            lowered = text.lower()
            if lowered == "q":
                self.quit()
                continue
            if lowered == "b":
                return -1
            if lowered.startswith("?"):
                self.explain(question, lowered[1:].strip())
                continue
            if not text:
                blocker = self.flow.blocker(self.page_of(question), self.answers)
                if blocker:
                    self.say(blocker)
                    continue
                self.say(f"Kept: {self.flow.display(question, self.answers)}.")
                return 1
            try:
                value = self.interpret(question, text)
                self.answers = self.answers.with_answer(question, value)
            except AnswerError as exc:
                self.say(f"Not recorded: {exc}.")
                continue
            self.say(f"Recorded: {self.flow.display(question, self.answers)}.")
            return 1

    def page_of(self, question: Question) -> Page:
        return next(p for p in self.flow.pages(self.answers) if p.key == question.id)

    def show_options(self, question: Question) -> None:
        for line in option_lines(self.flow, question, self.answers):
            self.say(line)
        if question.kind == "choice":
            self.say_area_hint(question)

    def say_area_hint(self, question: Question) -> None:
        """'From the area file: …; you can override it', when the area file settles this question."""
        from screener.area.show import settled_hint

        if question.id not in self.pack.questions:
            return
        a = self.answers
        hint = settled_hint(self.area, self.area_in_use, a.jurisdiction, question.id, a.get(question), a.screening_date)
        if hint:
            self.say(hint)

    def interpret(self, question: Question, text: str) -> Any:
        return interpret(self.flow, question, text, self.answers)

    def explain(self, question: Question, which: str) -> None:
        if question.kind == "indicators" and which:
            if not which.isdigit() or not 1 <= int(which) <= len(question.options):
                self.say(f"Type ? and a number from 1 to {len(question.options)}.")
                return
            option = question.options[int(which) - 1]
            self.say(f"Why it matters: {option.label}")
            why = self.flow.indicator_why(option.value, self.answers)
        else:
            self.say("Why am I asked this?")
            why = self.flow.why(question, self.answers)
        for line in why.lines():
            self.say(line)
        self.say()

    def quit(self) -> None:
        if not self.unsaved or self.confirm("Quit? Your answers are not saved in a case file"):
            raise _Quit

    # -- review, summary, saving ---------------------------------------------

    def review(self) -> bool:
        """List every answer; True to go on to the summary."""
        while True:
            questions = self.flow.questions(self.answers)
            self.say()
            self.say("Review: every answer")
            for n, question in enumerate(questions, 1):
                self.say(f"{n}. {question.title}: {self.flow.display(question, self.answers)}")
            text = self.ask("Type a number to change that answer, or press Enter for the summary: ").lower()
            if not text:
                if self.answers.jurisdiction is None:
                    self.say("Choose the part of the UK first (number 1).")
                    continue
                return True
            if text == "q":
                self.quit()
                continue
            if text == "b":
                self.walk(len(questions) - 1)
                continue
            if text.isdigit() and 1 <= int(text) <= len(questions):
                self.ask_question(questions, int(text) - 1)
                continue
            self.say(f"Type a number from 1 to {len(questions)}, or press Enter.")

    def case(self) -> Case:
        return self.flow.to_case(self.answers)

    def summary(self) -> Summary:
        from screener.engine import screen

        return screen(self.pack, self.case(), area=self.area if self.area_in_use else None)

    def render(self, fmt: str) -> str:
        from screener.render import render

        return render(self.summary(), fmt)

    def listening_text(self) -> str:
        from screener.render.text import render_for_listening

        return render_for_listening(self.summary())

    def show_summary(self) -> None:
        self.say()
        self.say("--- Summary ---")
        self._write(self.listening_text())
        self.say("--- End of summary ---")
        self.summary_shown = True

    def after_summary(self) -> bool:
        """Offer saving; True when the user has finished."""
        while True:
            self.say()
            self.say("What next?")
            self.say("1. Save the summary to a file")
            self.say("2. Save the case file, to open again later")
            self.say("3. Go back to the review")
            self.say("4. Finish")
            extras = self.extra_offers()
            for n, (label, _) in enumerate(extras, 5):
                self.say(f"{n}. {label}")
            text = self.ask().lower()
            if text.isdigit() and 5 <= int(text) < 5 + len(extras):
                extras[int(text) - 5][1]()
            elif text == "1":
                self.save_summary()
            elif text == "2":
                self.save_case()
            elif text in ("3", "b"):
                return False
            elif text in ("4", "q"):
                if not self.unsaved or self.confirm("Finish? Your answers are not saved in a case file"):
                    return True
            else:
                self.say(f"Type a number from 1 to {4 + len(extras)}." if extras else "Type 1, 2, 3 or 4.")

    def extra_offers(self) -> list[tuple[str, Callable[[], object]]]:
        """What next? beyond the four: the comparison once an opened case has changed, and the
        age-only summary when a date of birth is given."""
        offers: list[tuple[str, Callable[[], object]]] = []
        opened = self.opened_answers
        if opened is not None and self.flow.changes(opened, self.answers):
            offers.append(("Compare with the case as opened (an answer has changed)", self.compare_with_opened))
        if self.answers.date_of_birth is not None:
            offers.append(
                (
                    "Save the summary with the age in years, not the date of birth "
                    "(key dates from the birthday to the month only)",
                    lambda: self.save_summary(age_only=True),
                )
            )
        return offers

    def compare_with_opened(self) -> None:
        """What changed since the case file was opened: screener.compare's comparison, printed, then saved if asked."""
        from screener.casefile.write import recorded
        from screener.reopened import offer_in_plain

        assert self.opened_path is not None and self.opened_answers is not None
        opened = self.opened_case or self.flow.to_case(self.opened_answers)
        now = recorded(self.case(), self.pack, self.area if self.area_in_use else None)
        offer_in_plain(self, self.opened_path, opened, now)

    def choose_format(self, formats: tuple[Format, ...]) -> str:
        """A format from the table, by its number; Enter for the first (Markdown)."""
        self.say("Format:")
        for n, fmt in enumerate(formats, 1):
            self.say(f"{n}. {fmt.name}")
        while True:
            text = self.ask(f"Format (Enter for {formats[0].name}): ")
            if not text:
                return formats[0].key
            if text.isdigit() and 1 <= int(text) <= len(formats):
                return formats[int(text) - 1].key
            self.say(f"Type a number from 1 to {len(formats)}.")

    def save_summary(self, age_only: bool = False) -> None:
        from screener.render import TABLE, format_named, render_file

        fmt = self.choose_format(TABLE)
        stem = default_stem(self.answers.screening_date)
        summary = self.summary()
        if age_only:
            from screener.privacy import age_only as without_birth_date

            summary = without_birth_date(summary, self.case())
        self.write_file(
            first_free(Path(f"{stem}-summary{format_named(fmt).extension}")), render_file(summary, fmt), "summary"
        )

    def save_case(self) -> None:
        default = self.case_path or first_free(Path(f"{default_stem(self.answers.screening_date)}.yaml"))
        if self.write_file(default, None, "case file"):
            self.saved = self.answers
            self.case_path = self._last_written

    def privacy_ok(self) -> bool:
        """Warn of what looks like personal details in the reference or notes; True to go on."""
        from screener.privacy import check_case, warning
        from screener.writing.plan import Ask, plan_write

        plan = plan_write(None, findings=check_case(self.case(), self.pack))
        if not isinstance(plan, Ask):
            return True
        self.say(f"Warning: {warning(list(plan.findings), 'the answers')}.")
        if self.confirm("Go on anyway (no to edit the reference first)"):
            return True
        questions = self.flow.questions(self.answers)
        index = next((n for n, q in enumerate(questions) if q.id == "reference"), None)
        if index is None:
            return False
        self.ask_question(questions, index)
        return self.privacy_ok()

    def write_file(self, default: Path, data: str | bytes | None, what: str) -> bool:
        """Write ``data`` (None: the case file) to a file the user names, through the one write decision."""
        from screener.writing.plan import Ask, Refused, plan_write, write

        if not self.privacy_ok():
            return False
        name = self.ask(f"File name (Enter for {default}; a name without a folder goes in {Path.cwd()}): ")
        path = Path(name).expanduser() if name else default
        # The case file opened, or saved already in this session, is saved again without asking.
        ours = data is None and self.case_path is not None and path == self.case_path
        plan = plan_write(path, ours=ours, go_on=True)
        if isinstance(plan, Ask):
            if not self.confirm(f"{printable(path)} already exists. Replace it"):
                self.say("Not written.")
                return False
            plan = plan.yes()
        if isinstance(plan, Refused):
            for problem in plan.problems:
                self.say(f"Could not write the {what}: {problem}")
            return False
        assert not isinstance(plan, Ask)
        if data is None:
            from screener.casefile.write import dump_case, recorded

            data = dump_case(recorded(self.case(), self.pack, self.area if self.area_in_use else None))
        written = write(plan, data)
        if isinstance(written, Refused):
            for problem in written.problems:
                self.say(f"Could not write the {what}: {problem}")
            return False
        self.say(f"Wrote the {what} to {printable(written)} (readable by you only).")
        self._last_written = path
        return True
