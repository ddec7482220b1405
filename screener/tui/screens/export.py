"""Export: choose a format and a file; the summary is written whole, 0600, never over a file unasked."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Button, Input, Static

from screener.casefile import default_case_name
from screener.errors import InputError
from screener.export import target_state, write_private
from screener.flow import Option, Page
from screener.render import EXTENSIONS
from screener.textsafe import printable
from screener.tui.browser import download_name, served_in_browser
from screener.tui.dialogs.dialogs import ConfirmDialog
from screener.tui.screens.page import PageScreen
from screener.tui.widgets.answer_input import ExportPathInput
from screener.tui.widgets.choices import ChoiceList

FORMAT_OPTIONS = (
    Option("md", "Markdown (.md): the summary as shown", "Markdown"),
    Option("txt", "Plain text (.txt)", "Plain text"),
    Option("html", "HTML (.html): opens in a browser", "HTML"),
    Option("json", "JSON (.json): the contract format, for other tools", "JSON"),
)


class ExportScreen(PageScreen):
    OFFERS = frozenset({"back", "review"})
    HELP = (
        "Choose a format with ↑ ↓ and Space, then type a file name and press Enter (or choose "
        "Export). The file is written whole or not at all, readable by you only. If the file "
        "exists you are asked before it is replaced.\n\n"
        "Exporting the summary does not save your answers: ctrl+s saves them as a case file. "
        "b goes back to the summary; ctrl+q quits."
    )

    BROWSER_HELP = (
        "Choose a format with ↑ ↓ and Space, then type a file name and press Enter (or choose "
        "Download). In this browser session the summary is sent to your browser as a download, "
        "which your browser saves; nothing is written on the machine serving it.\n\n"
        "Downloading the summary does not save your answers: ctrl+s downloads them as a case file. "
        "b goes back to the summary; ctrl+q quits."
    )

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.format = "md"

    def default_path(self, fmt: str) -> Path:
        stem = default_case_name(self.screener.answers.reference).removesuffix(".yaml")
        return Path(f"{stem}-summary{EXTENSIONS[fmt]}")

    def help_text(self) -> str:
        return self.BROWSER_HELP if served_in_browser() else self.HELP

    def compose_body(self) -> ComposeResult:
        yield Static(Content("Export the summary"), classes="prompt")
        yield Static(Content("Format"), classes="label")
        yield ChoiceList(FORMAT_OPTIONS, [self.format], id="formats", classes="choices")
        yield Static(Content("File name"), classes="label")
        yield ExportPathInput(str(self.default_path(self.format)), id="export-path", select_on_focus=False)
        # In a browser session the file goes to the browser, so the button says what happens.
        yield Button(Content("Download" if served_in_browser() else "Export"), id="export", variant="primary")
        yield Static(Content(""), id="export-status")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#formats").focus()

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        event.stop()
        old_default = str(self.default_path(self.format))
        self.format = next(iter(event.chosen))
        path = self.query_one("#export-path", Input)
        if path.value.strip() in ("", old_default):
            path.value = str(self.default_path(self.format))
            path.cursor_position = len(path.value)
        if event.advance:
            path.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            event.stop()
            self.export()

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(Content(text))
        status.set_class(error, "error")

    @work(exclusive=True, group="export")
    async def export(self) -> None:
        text_path = self.query_one("#export-path", Input).value.strip()
        if not text_path:
            self._status("Error: type a file name.", error=True)
            return
        if not await self.screener.privacy_ok():
            return
        if served_in_browser():
            await self._download(text_path)
            return
        path = Path(text_path).expanduser()
        try:
            force = target_state(path) == "file"
        except InputError as exc:
            self._status("Error: " + "; ".join(str(p) for p in exc.problems) + ". Nothing was written.", error=True)
            return
        if force:
            replace = await self.app.push_screen_wait(
                ConfirmDialog(
                    "Replace the file?",
                    f"{printable(path)} already exists. Replace it with this summary?",
                    yes="Replace it",
                    no="Keep it",
                )
            )
            if not replace:
                self._status("Not written: the existing file is kept.")
                return
        try:
            written = write_private(path, self.screener.render_summary(self.format), force=force)
        except InputError as exc:
            self._status("Error: " + "; ".join(str(p) for p in exc.problems) + ". Nothing was written.", error=True)
            return
        self._status(
            f"Wrote {printable(written.resolve())} (readable by you only). ctrl+s saves the answers; ctrl+q quits."
        )
        self.screener.exported = written

    async def _download(self, typed: str) -> None:
        """In a browser session the summary goes to the browser as a download; nothing is written here."""
        name = download_name(typed, self.default_path(self.format).name)
        self._status(f"Sending {name} to your browser…")
        problem = await self.screener.download_to_browser(self.screener.render_summary(self.format), name)
        if problem is not None:
            self._status(f"Not downloaded: {problem}.", error=True)
            return
        self._status(f"Downloaded {name}: your browser has it. ctrl+s downloads the answers; ctrl+q quits.")
        self.screener.exported = Path(name)
