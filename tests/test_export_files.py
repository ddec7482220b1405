"""Word and PDF from the walkthrough's export page, its browser download, and plain mode.

The export page offers PDF only where WeasyPrint looks installed; where it turns out not to
work, the page says why in one line and writes nothing.
"""

from __future__ import annotations

import io
import stat
from pathlib import Path
from typing import Any

import pytest
from textual import events

import screener.render.pdf as pdf
from screener.content import Pack
from screener.render import render_file
from screener.tui.app import ScreenerApp
from screener.tui.screens.export import ExportScreen, format_options
from tests.docxread import open_docx
from tests.test_plain import drive, walk_script
from tests.test_tui import EW_CASE, SIZE, load, make_app, settle, text_of, type_text
from tests.test_tui_browser import in_browser  # noqa: F401  (a fixture)


async def export_as(app: ScreenerApp, pilot: Any, number: str, name: str) -> None:
    app.go_to("export")
    await pilot.pause()
    await pilot.press(number, "shift+tab", "ctrl+u")
    await type_text(pilot, name)
    await pilot.press("enter")
    for _ in range(100):  # the file is made off the screen's thread
        await settle(pilot)
        if not text_of(app, "#export-status").startswith("Making"):
            break


async def test_the_export_page_writes_a_word_file(pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(pack, load(pack, EW_CASE), EW_CASE)
    async with app.run_test(size=SIZE) as pilot:
        await export_as(app, pilot, "5", "s.docx")
        assert text_of(app, "#export-status").startswith("Wrote ")
        expected = render_file(app.summary(), "docx")
    written = tmp_path / "s.docx"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert written.read_bytes() == expected
    assert open_docx(expected).paragraphs[0].style.name == "Heading 1"


def test_pdf_is_offered_only_where_it_can_be_made(monkeypatch: pytest.MonkeyPatch) -> None:
    assert [o.value for o in format_options()][-2:] == ["docx", "pdf"]
    monkeypatch.setattr(pdf, "looks_available", lambda: False)
    assert [o.value for o in format_options()] == ["md", "txt", "html", "json", "docx"]


async def test_a_pdf_that_cannot_be_made_is_one_line_and_nothing_written(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Offered (WeasyPrint is installed) but it cannot start: the page says so and writes nothing.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(pdf, "unavailable", lambda: "PDF needs WeasyPrint's system libraries (Pango): gone")
    app = make_app(pack, load(pack, EW_CASE), EW_CASE)
    async with app.run_test(size=SIZE) as pilot:
        await export_as(app, pilot, "6", "s.pdf")
        assert isinstance(app.screen, ExportScreen)
        assert text_of(app, "#export-status") == (
            "Error: PDF needs WeasyPrint's system libraries (Pango): gone. Nothing was written."
        )
    assert list(tmp_path.iterdir()) == []


async def test_the_browser_downloads_a_word_file_as_bytes(pack: Pack, in_browser: Path) -> None:  # noqa: F811
    app = make_app(pack, load(pack, EW_CASE), EW_CASE)
    sent: list[dict[str, Any]] = []

    def deliver_binary(file: io.BytesIO, **options: Any) -> str:
        sent.append({"data": file.getvalue(), **options})
        app.post_message(events.DeliveryComplete(key="k"))
        return "k"

    app.deliver_binary = deliver_binary  # type: ignore[method-assign,assignment]
    async with app.run_test(size=SIZE) as pilot:
        await export_as(app, pilot, "5", "s.docx")
        assert text_of(app, "#export-status").startswith("Downloaded s.docx")
        expected = render_file(app.summary(), "docx")
    [file] = sent
    assert file["data"] == expected and file["save_filename"] == "s.docx"
    assert file["mime_type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert list(in_browser.iterdir()) == []


def test_plain_mode_writes_word_and_lists_pdf_only_where_it_can(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "s.docx"
    code, out = drive(pack, [*walk_script(pack, "scotland"), "", "1", "5", str(target), "4"])
    assert code == 0, out[-500:]
    assert "5. Word\n6. PDF\n" in out
    assert f"Wrote the summary to {target}" in out
    assert open_docx(target.read_bytes()).core_properties.language == "en-GB"
    monkeypatch.setattr(pdf, "looks_available", lambda: False)
    code, out = drive(pack, [*walk_script(pack, "scotland"), "", "1", "", str(tmp_path / "s.md"), "4"])
    assert "5. Word\n" in out and "PDF" not in out.split("Format:")[1]


async def test_what_an_export_did_is_on_screen_at_80_by_24(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At 80x24 the export page is taller than the terminal: its result line was below the fold, so an
    # export looked as though it had done nothing.
    monkeypatch.chdir(tmp_path)
    app = make_app(pack, load(pack, EW_CASE), EW_CASE)
    async with app.run_test(size=(80, 24)) as pilot:
        await export_as(app, pilot, "1", "s.md")
        await settle(pilot)
        shown = app.export_screenshot()
    assert (tmp_path / "s.md").is_file()
    assert "Wrote" in shown and "s.md" in shown
