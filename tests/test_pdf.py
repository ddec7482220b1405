"""Tagged PDF (PDF/UA-1) from the print HTML: structure tree, language, title, A4, every page marked.

Each PDF takes about a second to lay out, so the summary is made once for the module.
"""

from __future__ import annotations

import io
import os
import pty
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdf
import pytest

from screener.content import Pack
from screener.render.document import title
from screener.render.pdf import render, unavailable
from screener.summary import Summary
from tests.clirun import in_this_process
from tests.test_render import CASES, summary_of

A4 = (595, 842)  # points


def roles(node: Any) -> set[str]:
    """Every structure role in the tree under ``node``: headings, paragraphs, lists, tables."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop().get_object()
        if not isinstance(item, dict):
            continue
        if "/S" in item:
            found.add(str(item["/S"]))
        kids = item.get("/K")
        if kids is not None:
            stack.extend(kids if isinstance(kids, list) else [kids])
    return found


@pytest.fixture(scope="module")
def made(pack: Pack) -> tuple[Summary, bytes]:
    summary = summary_of(pack, CASES[1])
    return summary, render(summary)


def test_the_pdf_is_tagged_with_language_and_title(made: tuple[Summary, bytes]) -> None:
    summary, data = made
    reader = pypdf.PdfReader(io.BytesIO(data))
    root: Any = reader.root_object  # nested PDF objects, read as the test expects them
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert {"/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TH", "/TD"} <= roles(root["/StructTreeRoot"])
    assert root["/Lang"] == "en-GB"
    assert reader.metadata is not None and reader.metadata.title == title(summary)
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert b"pdfuaid:part" in bytes(root["/Metadata"].get_object().get_data())


def test_every_a4_page_names_the_case_the_date_and_its_number(made: tuple[Summary, bytes]) -> None:
    summary, data = made
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    assert len(pages) > 1
    for number, page in enumerate(pages, 1):
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4
        text = " ".join(page.extract_text().split())
        assert f"case {summary.reference}" in text
        assert f"Screened {summary.as_at.isoformat()}" in text
        assert f"Page {number} of {len(pages)}" in text


def test_the_same_summary_gives_the_same_bytes(made: tuple[Summary, bytes]) -> None:
    summary, data = made
    assert render(summary) == data


def test_summarise_writes_a_private_pdf(tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    ran = in_this_process("summarise", str(CASES[0]), "--format", "pdf", "--output", str(out))
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "", f"screener: wrote {out}\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_bytes().startswith(b"%PDF-1.7")


def test_without_the_extra_pdf_is_one_line_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint now fails, as without the extra
    unavailable.cache_clear()
    try:
        ran = in_this_process("summarise", str(CASES[0]), "--format", "pdf", "--output", str(tmp_path / "s.pdf"))
        assert unavailable() is not None
    finally:
        monkeypatch.undo()
        unavailable.cache_clear()
    assert ran.returncode == 2
    assert ran.stderr == "screener: PDF needs the optional extra: pip install 'screener[pdf]'\n"
    assert list(tmp_path.iterdir()) == []


def test_a_binary_format_is_never_written_to_a_terminal(tmp_path: Path) -> None:
    # A real terminal on standard output (a pseudo-terminal), in a real process.
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "screener", "summarise", str(CASES[0]), "--format", "docx"],
            stdout=follower,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            cwd=tmp_path,
            timeout=60,
            check=False,
        )
        os.set_blocking(leader, False)
        try:
            shown = os.read(leader, 65536)
        except BlockingIOError:
            shown = b""
    finally:
        os.close(leader)
        os.close(follower)
    assert done.returncode == 2
    assert done.stderr == b"screener: --format docx makes a file: give --output PATH\n"
    assert shown == b""
