"""One plain-mode session: the walk, the review, the summary and saving, as lines in and out.

The walk's state and where it goes next are the ``Session``'s
(``screener.walkthrough.session``), the same one the Textual app shows: plain mode
prints the page the session moves to and reads what is typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screener.area.show import welcome_area_lines
from screener.errors import InputError
from screener.plain.reading import interpret, number_in, option_lines
from screener.safewrite import typed_file
from screener.textsafe import printable, terminal_safe
from screener.typed_dates import EXAMPLE, in_words
from screener.walkthrough import AnswerError, Answers, Flow, Page, Question, welcome_lines
from screener.walkthrough.session import Blocked, Move, Session, Show

if TYPE_CHECKING:
    from screener.content.pack import Pack
    from screener.render.formats import Format

KEYS = (
    "Type an answer's number. n means not known, b goes back, ? explains why a question is asked, "
    "d changes the screening date, q quits. Press Enter to keep the answer shown as Now."
)


class Quit(Exception):
    """The user chose to quit."""


class Plain:
    """One plain-mode session: the walk's session, and the streams."""

    def __init__(self, session: Session, *, read: Callable[[str], str], write: Callable[[str], Any]) -> None:
        self.session = session
        self._read = read
        self._write = write
        self.summary_shown = False
        # Every file written this session, so that the last line never says nothing was.
        self.written: list[Path] = []

    @property
    def flow(self) -> Flow:
        return self.session.flow

    @property
    def pack(self) -> Pack:
        return self.session.pack

    @property
    def answers(self) -> Answers:
        return self.session.answers

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
        return self.session.unsaved

    # -- the walk ------------------------------------------------------------

    def run(self) -> int:
        session = self.session
        opened = str(session.case_path) if session.case_path else None
        self.say("Screener (plain mode)")
        self.say()
        for line in welcome_lines(self.pack, self.answers, opened):
            self.say(line)
        for line in welcome_area_lines(session.area, True, self.answers.screening_date):
            self.say(line)
        self.say()
        self.say(KEYS)
        try:
            if session.area is not None and not self.confirm("Use this area file", default=True):
                session.use_area(False)
                self.say("No area file: the summary has no local contacts or local facts.")
            self.walk(session.next("welcome"))
            while True:
                if self.review():
                    self.show_summary()
                    if self.after_summary():
                        return 0
        except Quit:
            self.say(f"Stopped. {self.what_was_written()}")
            return 0
        except EOFError:
            self.say()
            self.say("End of input.")
            if not self.summary_shown and self.answers.jurisdiction is not None:
                self.show_summary()
            elif self.answers.jurisdiction is None:
                self.say("No part of the UK was chosen, so there is no summary.")
            self.say(self.what_was_written())
            return 0

    def what_was_written(self) -> str:
        if not self.written:
            return "Nothing was written."
        return f"Written: {', '.join(printable(p) for p in self.written)}; nothing else."

    def walk(self, move: Move) -> None:
        """Ask each question the session moves to, until it moves to a page that is not a question."""
        while isinstance(move, Show) and move.page.question is not None:
            move = self.ask_question(move.page)

    def ask_question(self, page: Page) -> Move:
        """Ask one question until it is answered, or the user goes back: where the session goes next."""
        question = page.question
        assert question is not None
        session = self.session
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
                before = session.previous(page.key)
                if before is None or before.question is None:
                    self.say("This is the first question.")
                    continue
                return session.back(page.key)
            if lowered.startswith("?"):
                self.explain(question, lowered[1:].strip())
                continue
            if lowered == "d" and not session.training:  # a scenario's date is the scenario's
                self.change_screening_date()
                # Asked again as the new date lays the walk out (every answer kept); a question
                # the new date leaves out gives way to the review.
                return session.go_to(page.key) or session.review()
            if not text:
                move = session.answered(page.key)
                if isinstance(move, Blocked):
                    self.say(move.reason)
                    continue
                self.say(f"Kept: {self.flow.display(question, self.answers)}.")
                return move
            answered_with = self.answers
            try:
                session.record(question, self.interpret(question, text))
            except AnswerError as exc:
                self.say(f"Not recorded: {exc}.")
                continue
            self.say(f"Recorded: {self.flow.display(question, self.answers)}.")
            for line in session.also_recorded(answered_with):
                self.say(f"Also recorded: {line}; not asked.")
            return session.answered(page.key)

    def show_options(self, question: Question) -> None:
        for line in option_lines(self.flow, question, self.answers):
            self.say(line)
        if question.kind == "choice":
            for hint in (self.session.area_hint(question), self.session.answers_too(question)):
                if hint:
                    self.say(hint)

    def interpret(self, question: Question, text: str) -> Any:
        return interpret(self.flow, question, text, self.answers)

    def explain(self, question: Question, which: str) -> None:
        if question.kind == "indicators" and which:
            n = number_in(which, len(question.options))
            if n is None:
                self.say(f"Type ? and a number from 1 to {len(question.options)}.")
                return
            option = question.options[n - 1]
            self.say(f"Why it matters: {option.label}")
            why = self.flow.indicator_why(option.value, self.answers)
        else:
            self.say("Why am I asked this?")
            why = self.flow.why(question, self.answers)
        for line in why.lines():
            self.say(line)
        self.say()

    def change_screening_date(self) -> None:
        """d: screen as at another day, typed as any date is and said back in words; no answer is lost."""
        now = in_words(self.answers.screening_date)
        while True:
            text = self.ask(f"Screening date, day first, for example {EXAMPLE} (Enter keeps {now}): ")
            if not text:
                self.say(f"Kept: {now}.")
                return
            try:
                day = self.session.change_screening_date(text)
            except AnswerError as exc:
                self.say(f"Not changed: {exc}.")
                continue
            self.say(f"Screening date: {in_words(day)} (rules and dates are worked out as at this day).")
            return

    def quit(self) -> None:
        if not self.unsaved or self.confirm("Quit? Your answers are not saved in a case file"):
            raise Quit

    # -- review, summary, saving ---------------------------------------------

    def review(self) -> bool:
        """List every answer; True to go on to the summary."""
        session = self.session
        while True:
            session.go_to("review")
            questions = self.flow.questions(self.answers)
            self.say()
            self.say(f"Review: every answer, as at {in_words(self.answers.screening_date)}")
            for n, question in enumerate(questions, 1):
                self.say(f"{n}. {question.title}: {self.flow.display(question, self.answers)}")
            text = self.ask(
                "Type a number to change that answer, d to change the screening date, or press Enter for the summary: "
            ).lower()
            if not text:
                if self.answers.jurisdiction is None:
                    self.say("Choose the part of the UK first (number 1).")
                    continue
                return True
            if text == "q":
                self.quit()
                continue
            if text == "b":
                self.walk(session.back("review"))
                continue
            if text == "d":
                self.change_screening_date()
                continue
            if (number := number_in(text, len(questions))) is not None:
                # Answering comes back here; a question the change brings in is asked first.
                self.walk(session.change_from_review(questions[number - 1].id))
                continue
            self.say(f"Type a number from 1 to {len(questions)}, or press Enter.")

    def listening_text(self) -> str:
        from screener.render.text import render_for_listening

        return render_for_listening(self.session.summary())

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
            if (number := number_in(text, len(extras), first=5)) is not None:
                extras[number - 5][1]()
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
        """What next? beyond the four: the professional record, the NRM referral preparation, the
        comparison once an opened case has changed, and the age-only summary when a date of birth is given."""
        offers: list[tuple[str, Callable[[], object]]] = []
        if self.session.comparison_offered():
            offers.append(("Compare with the case as opened (an answer has changed)", self.compare_with_opened))
        if self.answers.date_of_birth is not None:
            offers.append(
                (
                    "Save the summary with the age in years, not the date of birth "
                    "(key dates from the birthday to the month only)",
                    lambda: self.save_summary(age_only=True),
                )
            )
        offers += [
            (
                "Add or change the professional record (optional: who, agency, judgement, review date, "
                "NRM referral date)",
                self.ask_record,
            ),
            ("Prepare the NRM referral: the online form's questions, filled in where known", self.save_nrm),
        ]
        return offers

    def save_nrm(self) -> None:
        """The NRM referral preparation (``screener nrm``), written to a file the user names."""
        from screener.errors import InputError
        from screener.render.formats import nrm_formats, writable

        fmt = self.choose_format(writable(nrm_formats()))
        try:
            text = self.session.nrm_preparation(fmt)
        except InputError as exc:  # the pack's nrm.yaml could not be read: one line, nothing written
            self.say(f"Could not prepare the NRM referral: {exc.problems[0]}")
            return
        self.say(
            "This prepares the referral: the online form must still be completed, "
            "and children's services are a separate step."
        )
        self.write_file(self.session.default_export_path(fmt, "nrm"), text, "NRM referral preparation")

    def ask_record(self) -> None:
        """The professional record and the NRM referral date, one field at a time: Enter keeps what is
        there, - clears it; a date is read as typed (``record_form``) and said back in words."""
        from screener.casefile.model import Record
        from screener.walkthrough.record_form import DATES, FIELDS, REFERRED_ON, read_field, shown

        self.say("The professional record (optional). Enter keeps the value shown; - clears it.")
        self.say(f"Dates: the day first, for example {EXAMPLE}.")
        record = self.answers.record or Record()
        values: dict[str, object] = {**record.given(), REFERRED_ON: self.answers.referred_on}
        for name, label in FIELDS:
            while True:
                now = shown(values.get(name))
                text = self.ask(f"{label}{f' (now: {now})' if now else ''}: ")
                if not text:
                    break
                if text == "-":
                    values[name] = None
                    break
                try:
                    value = read_field(name, text, self.answers.screening_date)
                except AnswerError as exc:
                    self.say(f"Not kept: {exc}")
                    continue
                values[name] = value
                if name in DATES:
                    self.say(f"Read as {shown(value)}.")
                break
        referred = values.pop(REFERRED_ON)
        assert referred is None or isinstance(referred, dt.date)
        given = {name: value for name, value in values.items() if value is not None}
        self.session.set_record(Record(**given), referred)  # type: ignore[arg-type]
        self.say("Recorded: it is shown at the head of the summary and saved in the case file.")

    def compare_with_opened(self) -> None:
        """What changed since the case file was opened: printed, then saved if asked."""
        from screener.compare import comparison_output
        from screener.render.formats import comparison_formats, writable
        from screener.reopened import default_name, listening

        result = self.session.comparison()
        self.say()
        self.say("--- Changes since the case was opened ---")
        for line in listening(result).splitlines():
            self.say(line)
        self.say("--- End of changes ---")
        if not self.confirm("Save the comparison to a file"):
            return
        fmt = self.choose_format(writable(comparison_formats()))
        try:
            data = comparison_output(result, fmt)
        except InputError as exc:  # a PDF where WeasyPrint turns out not to work: one line, nothing written
            self.say(f"Could not write the comparison: {exc.problems[0].message}")
            return
        self.write_file(default_name(result, fmt), data, "comparison")

    def choose_format(self, formats: tuple[Format, ...]) -> str:
        """A format from the table, by its number; Enter for the first (Markdown)."""
        self.say("Format:")
        for n, fmt in enumerate(formats, 1):
            self.say(f"{n}. {fmt.name}")
        while True:
            text = self.ask(f"Format (Enter for {formats[0].name}): ")
            if not text:
                return formats[0].key
            if (number := number_in(text, len(formats))) is not None:
                return formats[number - 1].key
            self.say(f"Type a number from 1 to {len(formats)}.")

    def save_summary(self, age_only: bool = False) -> None:
        from screener.render import TABLE
        from screener.render.formats import writable

        fmt = self.choose_format(writable(TABLE))
        try:
            data = self.session.rendered(fmt, age_only=age_only)
        except InputError as exc:  # a PDF where WeasyPrint turns out not to work: one line, nothing written
            self.say(f"Could not write the summary: {exc.problems[0].message}")
            return
        self.write_file(self.session.default_export_path(fmt), data, "summary")

    def save_case(self) -> None:
        self.write_file(self.session.default_case_path(), None, "case file")

    def privacy_ok(self) -> bool:
        """Warn of what looks like personal details in the reference or notes; True to go on."""
        from screener.privacy import warning
        from screener.writing.plan import Ask

        plan = self.session.plan_privacy()
        if not isinstance(plan, Ask):
            return True
        self.say(f"Warning: {warning(list(plan.findings), 'the answers')}.")
        if self.confirm("Go on anyway (no to edit the reference first)"):
            return True
        reference = self.session.page_for("reference")
        if reference is None:
            return False
        self.ask_question(reference)
        return self.privacy_ok()

    def write_file(self, default: Path, data: str | bytes | None, what: str) -> bool:
        """Write ``data`` (None: the case file) to a file the user names, through the one write decision."""
        from screener.writing.plan import Ask, Go, Refused, plan_write, write

        if not self.privacy_ok():
            return False
        name = self.ask(f"File name (Enter for {default}; a name without a folder goes in {Path.cwd()}): ")
        try:
            path = typed_file(name, default)
        except InputError as exc:
            self.say(f"Could not write the {what}: {exc}")
            return False
        # The case file opened, or saved already in this session, is saved again without asking.
        plan = self.session.plan_save(path) if data is None else plan_write(path, go_on=True)
        if isinstance(plan, Ask):
            if not self.confirm(f"{printable(path)} already exists. Replace it"):
                self.say("Not written.")
                return False
            plan = plan.yes()
        written = write(plan, data if data is not None else self.session.case_file()) if isinstance(plan, Go) else plan
        if isinstance(written, Refused):
            for problem in written.problems:
                self.say(f"Could not write the {what}: {problem}")
            return False
        assert isinstance(written, Path)  # a second yes is never asked for
        self.say(f"Wrote the {what} to {printable(written)} (readable by you only).")
        self.written.append(written)
        if data is None:
            self.session.saved_to(path)
        return True
