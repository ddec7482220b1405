"""Export: choose a format and a file; the summary is written whole, 0600, never over a file unasked."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Static

from screener.errors import InputError
from screener.render import BY_KEY, EXTENSIONS, TABLE
from screener.render.formats import writable
from screener.safewrite import typed_file
from screener.textsafe import printable
from screener.tui import saving
from screener.tui.browser import download_name, served_in_browser
from screener.tui.screens import comparison
from screener.tui.screens.page import PageScreen
from screener.tui.widgets.answer_input import ExportPathInput
from screener.tui.widgets.choices import ChoiceList
from screener.walkthrough import Option, Page
from screener.writing.plan import Ask, Go, Refused, write


def format_options() -> tuple[Option, ...]:
    """The formats this machine can write: PDF only where WeasyPrint is installed."""
    return tuple(Option(f.key, f.label, f.name) for f in writable(TABLE))


# The key dates worked out from the birthday go to the month only: the help says so.
AGE_ONLY_LABEL = "Age only (a): the child's age in years, not the date of birth"


class TickBox(Checkbox):
    """A checkbox whose state reads without colour: ``[x]`` ticked, ``[ ]`` not (Textual's draws X for both)."""

    BUTTON_LEFT = "["
    BUTTON_RIGHT = "]"

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # the base class's name
        return "x" if self.value else " "


class ExportScreen(PageScreen):
    OFFERS = frozenset({"back", "review"})
    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "Export", tooltip="Write the summary to the file named"),
        Binding("a", "age_only", "Age only", tooltip="The child's age in years instead of the date of birth"),
        Binding("c", "compare", "Compare", tooltip="What changed since the case file was opened"),
        Binding("n", "nrm", "NRM", tooltip="Prepare the NRM referral: the online form's questions"),
        # p, not r: r is the review on every page.
        Binding(
            "p",
            "record",
            "Record",
            tooltip="Optional: who, agency, judgement, review and NRM referral dates",
        ),
    ]
    HELP = (
        "Choose a format by its number (or ↑ ↓ and Enter): the cursor then moves to the Export "
        "button, and Enter writes the file. e exports from anywhere outside the file name box. "
        "Tab moves between the format, the file name and the button; the file name's extension "
        "follows the format unless you type one of your own. A name without a folder is written "
        "in the folder shown.\n\n"
        "a (Age only, offered when a date of birth is given) leaves the date of birth out: the age is "
        "given in whole years and the key dates worked out from the birthday to the month only.\n\n"
        "The file is written whole or not at all, readable by you only. If the file exists you are "
        "asked before it is replaced, unless you wrote it from this page a moment ago.\n\n"
        "n prepares the NRM referral (the online form's questions in its order, filled in where "
        "the answers hold them) in the format chosen, or Markdown, under its own name; the online "
        "form must still be completed.\n\n"
        "p adds the professional record (optional: completed by, agency, judgement, discussed with and "
        "on, review date, and the day the NRM referral was made; dates as you write them, the day first); "
        "it heads the summary and is saved in the case file. "
        "Esc skips it.\n\n"
        "Exporting the summary does not save your answers: ctrl+s saves them as a case file. "
        "b goes back to the summary; ctrl+q quits."
    )

    BROWSER_HELP = (
        "Choose a format by its number (or ↑ ↓ and Enter): the cursor then moves to the Download "
        "button, and Enter sends the file. In this browser session the summary is sent to your browser as a download, "
        "which your browser saves; nothing is written on the machine serving it.\n\n"
        "a (Age only, offered when a date of birth is given) leaves the date of birth out: the age is "
        "given in whole years and the key dates worked out from the birthday to the month only.\n\n"
        "Downloading the summary does not save your answers: ctrl+s downloads them as a case file. "
        "b goes back to the summary; ctrl+q quits."
    )

    def __init__(self, page: Page, *, export_at_once: bool = False) -> None:
        super().__init__(page)
        self.age_only = False
        # Arrived by e on the summary: write the summary as offered here, at once, and show it written.
        self.export_at_once = export_at_once

    @property
    def format(self) -> str:
        # The session keeps it, so leaving to edit an answer and coming back keeps the format chosen.
        return self.screener.session.export_format

    @format.setter
    def format(self, key: str) -> None:
        self.screener.session.export_format = key

    def default_path(self, fmt: str) -> Path:
        # In a browser the file goes to the browser, which numbers a name its folder already holds.
        return self.screener.session.default_export_path(fmt, numbered=not served_in_browser())

    def compose_body(self) -> ComposeResult:
        yield Static(Content("Export the summary"), classes="prompt")
        yield Static(Content("Format"), classes="label")
        yield ChoiceList(format_options(), [self.format], id="formats", classes="choices", start=self.format)
        if self.offers_age_only:
            # Not in the Tab order (format, file name, button): a toggles it, and so does a click.
            box = TickBox(Content(AGE_ONLY_LABEL), self.age_only, id="age-only")
            box.can_focus = False
            yield box
        yield Static(Content("File name"), classes="label")
        yield ExportPathInput(str(self.default_path(self.format)), id="export-path", select_on_focus=False)
        if not served_in_browser():
            yield Static(Content(f"Folder: {Path.cwd()}"), id="export-folder", classes="hint")
        # In a browser session the file goes to the browser, so the button says what happens.
        yield Button(Content("Download" if served_in_browser() else "Export"), id="export", variant="primary")
        yield Static(Content(""), id="export-status")

    def on_mount(self) -> None:
        self.query_one("#formats").focus()
        if self.export_at_once:
            self.call_after_refresh(self.export)

    @property
    def offers_age_only(self) -> bool:
        # Only a date of birth can be given away; whole years are shown as they are.
        return self.screener.answers.date_of_birth is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return not isinstance(self.focused, Input)
        if action == "age_only":
            return self.offers_age_only and not isinstance(self.focused, Input)
        if action == "compare":
            return comparison.offered(self.screener) and not isinstance(self.focused, Input)
        if action == "record":
            return not isinstance(self.focused, Input)
        if action == "nrm":
            return not isinstance(self.focused, Input) and self.screener.answers.jurisdiction is not None
        return super().check_action(action, parameters)

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        event.stop()
        old = self.format
        self.format = next(iter(event.chosen))
        path = self.query_one("#export-path", Input)
        path.value = self.follow_format(path.value.strip(), old, self.format)
        path.cursor_position = len(path.value)
        if event.advance:
            self.query_one("#export", Button).focus()

    def follow_format(self, name: str, old: str, new: str) -> str:
        """The file name for a new format: the extension follows unless the user typed their own."""
        if not name or name == str(self.default_path(old)):
            return str(self.default_path(new))
        if name.endswith(EXTENSIONS[old]):
            return name[: -len(EXTENSIONS[old])] + EXTENSIONS[new]
        if Path(name).suffix == "":
            return name + EXTENSIONS[new]
        return name

    def action_compare(self) -> None:
        comparison.show(self.screener)

    def action_age_only(self) -> None:
        self.query_one("#age-only", Checkbox).toggle()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.age_only = event.value

    def data(self) -> str | bytes:
        """The summary to write: as shown, or with the age in years and no date of birth."""
        return self.screener.session.rendered(self.format, age_only=self.age_only)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            event.stop()
            self.export()

    def action_export(self) -> None:
        self.export()

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(Content(text))
        status.set_class(error, "error")
        # At 80x24 the page is taller than the terminal and the line sits below the fold.
        self.call_after_refresh(status.scroll_visible, animate=False)

    def target(self) -> Path | None:
        """The file to write: the name typed, with the format's extension when it has none."""
        text_path = self.query_one("#export-path", Input).value.strip()
        if not text_path:
            return None
        # "newdir/" is refused, not written as the file newdir.md; so is a lone key such as n.
        return typed_file(text_path, self.default_path(self.format))

    @property
    def can_save(self) -> bool:
        # Training has no case file to save, and says nothing of ctrl+s.
        return self.app.check_action("save", ()) is not False

    def help_text(self) -> str:
        text = self.BROWSER_HELP if served_in_browser() else self.HELP
        if self.can_save:
            return text
        return text.replace("Exporting the summary does not save your answers: ctrl+s saves them as a case file. ", "")

    def done_hint(self) -> str:
        if not self.can_save:
            return "ctrl+q quits."
        verb = "downloads" if served_in_browser() else "saves"
        return f"ctrl+s {verb} the answers; ctrl+q quits."

    @work(exclusive=True, group="export")
    async def export(self) -> None:
        try:
            path = self.target()
        except InputError as exc:
            self._status(f"Error: {exc}. Nothing was written.", error=True)
            return
        if path is None:
            self._status("Error: type a file name.", error=True)
            return
        app = self.screener
        if not await saving.privacy_ok(app):
            return
        data = await self.made()
        if data is None:
            return
        if served_in_browser():  # the browser chooses where the file goes: no path here to check
            await self._download(str(path), data)
            return
        # A file this page has just written is replaced without asking again.
        written = await self._write_planned(path, data, "this summary")
        if written is None:
            return
        self._status(f"Wrote {printable(written.resolve())} (readable by you only). {self.done_hint()}")
        self.screener.session.exported = written

    async def _write_planned(self, path: Path, data: str | bytes, what: str) -> Path | None:
        """The write decision settled with the user, then the write: the path written, or None (said why)."""
        plan = await saving.settle(self.screener, self.screener.session.plan_export(path), what)
        if isinstance(plan, Ask):
            self._status("Not written: the existing file is kept.")
            return None
        written = write(plan, data) if isinstance(plan, Go) else plan
        if isinstance(written, Refused):
            self._status("Error: " + written.message() + ". Nothing was written.", error=True)
            return None
        return written

    def action_record(self) -> None:
        """The optional professional record: asked here, off the typical walk, so it costs that walk no key."""
        from screener.tui.dialogs.record import RecordDialog

        app = self.screener
        session = app.session

        def recorded(saved: bool | None) -> None:
            if saved:
                self._status("Professional record added: it heads the summary and is saved in the case file.")

        answers = session.answers
        dialog = RecordDialog(answers.record, answers.referred_on, answers.screening_date, session.record_typed)
        app.push_screen(dialog, recorded)

    def action_nrm(self) -> None:
        self.export_nrm()

    @work(exclusive=True, group="export")
    async def export_nrm(self) -> None:
        """The NRM referral preparation, written beside the summary under its own default name."""
        app = self.screener
        session = app.session
        fmt = self.format if BY_KEY[self.format].nrm else "md"
        if not await saving.privacy_ok(app):
            return
        try:
            data = session.nrm_preparation(fmt)
        except InputError as exc:
            self._status(f"Error: {exc.problems[0]}. Nothing was written.", error=True)
            return
        path = session.default_export_path(fmt, "nrm", numbered=not served_in_browser())
        if served_in_browser():
            problem = await app.download_to_browser(data, path.name)
            text = f"Not downloaded: {problem}." if problem else f"Downloaded {path.name}: your browser has it."
            self._status(text, error=problem is not None)
            return
        written = await self._write_planned(path, data, "this NRM referral preparation")
        if written is None:
            return
        self._status(
            f"Wrote the NRM referral preparation to {printable(written.resolve())} (readable by you only): "
            "the online form must still be completed."
        )

    async def made(self) -> str | bytes | None:
        """The file's content; None (and the reason shown) when it cannot be made."""
        if not BY_KEY[self.format].binary:
            return self.data()
        self._status(f"Making the {BY_KEY[self.format].name} file…")
        try:
            # Word and PDF take a moment to lay out: off the screen's thread, so it keeps answering.
            return await asyncio.to_thread(self.data)
        except InputError as exc:
            self._status(f"Error: {exc.problems[0].message}. Nothing was written.", error=True)
            return None

    async def _download(self, typed: str, data: str | bytes) -> None:
        """In a browser session the summary goes to the browser as a download; nothing is written here."""
        name = download_name(typed, self.default_path(self.format).name)
        self._status(f"Sending {name} to your browser…")
        problem = await self.screener.download_to_browser(data, name)
        if problem is not None:
            self._status(f"Not downloaded: {problem}.", error=True)
            return
        self._status(f"Downloaded {name}: your browser has it. {self.done_hint()}")
        self.screener.session.exported = Path(name)
