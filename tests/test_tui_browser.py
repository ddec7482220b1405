"""A browser session (``screener serve``): saves and exports go to the browser as downloads, never onto the server.

The app is driven with ``run_test`` as in a terminal, with the environment a
textual-serve session has; Textual's delivery is replaced by a recorder that
plays the browser (fetching the file, or not), so nothing can reach a real
Downloads folder either. ``test_serve_live`` downloads through a real server.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Button, Input

import screener.tui.browser as browser
from screener.content import Pack
from screener.terminal import served_in_browser
from screener.tui.app import ScreenerApp
from screener.tui.dialogs import ConfirmDialog, PathDialog, QuitDialog
from screener.tui.screens.export import ExportScreen
from tests.test_tui import EW_CASE, SIZE, load, make_app, settle, text_of, type_text, wait_for

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


@pytest.fixture
def in_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """textual-serve's environment for an app, in an empty folder with an empty HOME."""
    monkeypatch.setenv("TEXTUAL_DRIVER", WEB_DRIVER)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


class Browser:
    """Stands in for App.deliver_text and the browser at the other end."""

    def __init__(self, app: ScreenerApp, outcome: str = "fetched") -> None:
        self.app = app
        self.outcome = outcome
        self.files: list[dict[str, Any]] = []
        app.deliver_text = self.deliver_text  # type: ignore[method-assign,assignment]

    def deliver_text(self, file: io.StringIO, **options: Any) -> str:
        key = f"key{len(self.files)}"
        self.files.append({"text": file.getvalue(), **options})
        if self.outcome == "fetched":
            self.app.post_message(events.DeliveryComplete(key=key))
        elif self.outcome == "failed":
            self.app.post_message(events.DeliveryFailed(key=key, exception=OSError("reset")))
        return key


def test_the_web_driver_is_told_from_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert served_in_browser() is False
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.linux_driver:LinuxDriver")
    assert served_in_browser() is False
    monkeypatch.setenv("TEXTUAL_DRIVER", WEB_DRIVER)
    assert served_in_browser() is True


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("summary.md", "summary.md"),
        ("../../etc/passwd", "passwd"),
        ("/tmp/a b;c.html", "a-b-c.html"),
        ("x\r\nSet-Cookie: y.txt", "x-Set-Cookie-y.txt"),
        ("...", "default.md"),
    ],
)
def test_a_download_name_has_no_folder_and_no_header_breaking_character(typed: str, name: str) -> None:
    assert browser.download_name(typed, "default.md") == name


async def test_ctrl_s_offers_a_download_and_writes_nothing(pack: Pack, in_browser: Path) -> None:
    case = load(pack, EW_CASE)
    app = make_app(pack, case)
    played = Browser(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "3")  # change the jurisdiction: unsaved
        assert app.unsaved
        await pilot.press("ctrl+s")
        await wait_for(pilot, ConfirmDialog)
        dialog = app.screen
        assert "Download" in str(dialog.query_one("#yes", Button).label)
        assert not dialog.query(PathDialog)
        await pilot.press("y")
        await settle(pilot)
        assert not app.unsaved
        assert app.session.case_path is None
    [sent] = played.files
    assert sent["save_filename"] == "screening-2024-11-20.yaml"
    assert sent["open_method"] == "download"
    assert sent["mime_type"] == "application/yaml"
    assert sent["text"] == app.session.case_file()
    assert "jurisdiction: northern-ireland" in sent["text"]
    assert os.listdir(in_browser) == []


@pytest.mark.parametrize("outcome", ["failed", "never fetched"])
async def test_a_download_the_browser_does_not_get_leaves_the_answers_unsaved(
    pack: Pack, in_browser: Path, monkeypatch: pytest.MonkeyPatch, outcome: str
) -> None:
    monkeypatch.setattr(browser, "DELIVERY_TIMEOUT", 0.2)
    app = make_app(pack, load(pack, EW_CASE))
    Browser(app, outcome)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "3")
        await pilot.press("ctrl+s")
        await wait_for(pilot, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert app.unsaved
        assert app.current_key == "reference"  # still on the page the save was asked from
        [note] = [n for n in app._notifications if n.title == "Not saved"]
        assert note.message.startswith("Not downloaded: the browser ")
        await pilot.press("ctrl+q")  # and quitting asks, as the answers are nowhere
        await wait_for(pilot, QuitDialog)
        assert app.is_running
    assert os.listdir(in_browser) == []


async def test_cancelling_the_download_sends_nothing(pack: Pack, in_browser: Path) -> None:
    app = make_app(pack, load(pack, EW_CASE))
    played = Browser(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "3")
        await pilot.press("ctrl+s")
        await wait_for(pilot, ConfirmDialog)
        await pilot.press("enter")  # the focused, safe button: cancel
        await settle(pilot)
        assert app.unsaved
    assert played.files == []


async def test_the_export_page_offers_a_download_and_writes_nothing(pack: Pack, in_browser: Path) -> None:
    app = make_app(pack, load(pack, EW_CASE), EW_CASE)
    played = Browser(app)
    async with app.run_test(size=SIZE) as pilot:
        app.go_to("export")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert str(app.screen.query_one("#export", Button).label) == "Download"
        assert "sent to your browser as a download" in app.screen.help_text()
        await pilot.press("3")  # HTML: the number chooses it and moves on to the button
        await pilot.press("shift+tab", "ctrl+u")  # back to the file name, emptied
        await type_text(pilot, "../out/s.html")
        await pilot.press("enter")
        await settle(pilot)
        assert text_of(app, "#export-status").startswith("Downloaded s.html: your browser has it.")
        expected = app.render_summary("html")
    [sent] = played.files
    assert sent["save_filename"] == "s.html"
    assert sent["mime_type"] == "text/html"
    assert sent["open_method"] == "download"
    assert sent["text"] == expected
    assert os.listdir(in_browser) == []


async def test_a_failed_export_download_says_so_and_keeps_the_page(pack: Pack, in_browser: Path) -> None:
    app = make_app(pack, load(pack, EW_CASE), EW_CASE)
    Browser(app, "failed")
    async with app.run_test(size=SIZE) as pilot:
        app.go_to("export")
        await pilot.pause()
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert text_of(app, "#export-status") == "Not downloaded: the browser could not fetch the file."
        assert app.screen.query_one("#export-path", Input).value == "screening-2024-11-20-summary.md"
    assert os.listdir(in_browser) == []


async def test_in_a_terminal_the_export_page_still_writes_a_file(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    app = make_app(pack, load(pack, EW_CASE), EW_CASE)
    async with app.run_test(size=SIZE) as pilot:
        app.go_to("export")
        await pilot.pause()
        assert str(app.screen.query_one("#export", Button).label) == "Export"


async def test_a_downloaded_case_file_says_what_it_was_screened_with(pack: Pack, in_browser: Path) -> None:
    # The same file a save on disk writes, so that `screener compare` can tell pack and area versions apart.
    app = make_app(pack, load(pack, EW_CASE))
    played = Browser(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "3", "ctrl+s")
        await wait_for(pilot, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        expected = app.session.case_file()
    [sent] = played.files
    assert "screened_with:" in sent["text"]
    assert f"id: {pack.info.id}" in sent["text"]
    assert sent["text"] == expected


async def test_after_a_download_nobody_gets_told_to_press_ctrl_s_where_it_does_nothing(
    pack: Pack, in_browser: Path
) -> None:
    from screener.content import default_pack_path
    from screener.training import load_scenarios
    from screener.tui.training import TrainingApp

    app = TrainingApp(pack, load_scenarios(pack, default_pack_path()), mode="guided")
    played = Browser(app)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the first scenario
        await pilot.pause()
        app.go_to("export")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert app.check_action("save", ()) is False
        await pilot.press("enter", "enter")  # Markdown, then the Download button
        await settle(pilot)
        status = text_of(app, "#export-status")
    assert status.startswith("Downloaded ")
    assert status.endswith("your browser has it. ctrl+q quits.")
    assert "ctrl+s" not in status
    assert len(played.files) == 1


async def test_a_served_app_starts_blurred_as_the_web_driver_would_say(
    pack: Pack, in_browser: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The web driver posts a blur as it starts; an app already blurred is not restyled for it.
    # A key (or the page's focus) gives the app focus, as before.
    app = make_app(pack)
    assert app.app_focus is False
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        assert app.app_focus is True
    monkeypatch.delenv("TEXTUAL_DRIVER")
    assert make_app(pack).app_focus is True
