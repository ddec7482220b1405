"""Word (.docx): the summary's own content, with real heading styles, header rows, title and language."""

from __future__ import annotations

import dataclasses
import errno
import os
import stat
from pathlib import Path

import pytest

from screener.content import Pack
from screener.render.document import TRAINING_BANNER, Notes, build, title
from screener.render.docx import render
from tests.clirun import in_this_process
from tests.docxread import block_texts, header_rows, headings, language, open_docx, texts
from tests.test_render import CASES, summary_of


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_the_docx_holds_every_block_in_order(pack: Pack, case: Path) -> None:
    summary = summary_of(pack, case)
    assert list(texts(open_docx(render(summary)))) == list(block_texts(build(summary)))


def test_headings_use_word_heading_styles_and_tables_have_header_rows(pack: Pack) -> None:
    summary = summary_of(pack, CASES[1])
    document = open_docx(render(summary))
    styled = headings(document)
    assert styled[0] == ("Heading 1", title(summary))
    assert ("Heading 2", "Today: the outcomes and what to do") in styled
    assert {style for style, _ in styled} == {"Heading 1", "Heading 2", "Heading 3"}
    assert document.tables and all(header_rows(document))
    assert [c.text for c in document.tables[0].rows[0].cells] == ["criterion", "status", "from your answers"]


def test_title_language_and_the_signposting_statement(pack: Pack) -> None:
    summary = summary_of(pack, CASES[0])
    document = open_docx(render(summary))
    assert document.core_properties.title == title(summary)
    assert document.core_properties.language == "en-GB"
    assert language(document) == "en-GB"
    shown = [p.text for p in document.paragraphs]
    statement = Notes(summary.sources).text(summary.framing[0])  # its citation as a note number, as shown
    assert statement in shown and "signposting summary, not an assessment or a decision" in statement


def test_every_page_names_the_case_and_its_number(pack: Pack) -> None:
    summary = summary_of(pack, CASES[0])
    section = open_docx(render(summary)).sections[0]
    assert f"case {summary.reference}" in section.header.paragraphs[0].text
    assert f"Screened {summary.as_at.isoformat()}" in section.header.paragraphs[0].text
    footer = section.footer.paragraphs[0]._p.xml
    assert " PAGE " in footer and " NUMPAGES " in footer and "Page " in section.footer.paragraphs[0].text
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_training_banner_heads_the_document_and_every_page(pack: Pack) -> None:
    summary = dataclasses.replace(summary_of(pack, CASES[0]), training=True)
    document = open_docx(render(summary))
    assert document.paragraphs[0].text == TRAINING_BANNER
    assert "TRAINING — FICTIONAL CASE" in document.sections[0].header.paragraphs[0].text
    assert sum(p.text == TRAINING_BANNER for p in document.paragraphs) == 1


def test_numbered_lists_each_start_at_one(pack: Pack) -> None:
    from screener.render.document import Bullets, Heading
    from screener.render.docx import write_blocks

    data = write_blocks(
        [Heading(1, "t"), Bullets(("a", "b"), numbered=True), Bullets(("c",), numbered=True)],
        title_text="t",
        header="h",
    )
    ids = [p._p.pPr.numPr.numId.val for p in open_docx(data).paragraphs if p.style.name == "List Number"]
    assert ids[0] == ids[1] != ids[2]


def test_the_same_summary_gives_the_same_bytes(pack: Pack) -> None:
    summary = summary_of(pack, CASES[2])
    assert render(summary) == render(summary)


# --- the command ------------------------------------------------------------------------------


def test_summarise_writes_a_private_docx(tmp_path: Path) -> None:
    out = tmp_path / "summary.docx"
    ran = in_this_process("summarise", str(CASES[0]), "--format", "docx", "--output", str(out))
    assert (ran.returncode, ran.stdout) == (0, "")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert open_docx(out.read_bytes()).core_properties.language == "en-GB"


def test_a_full_disk_is_one_line_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, where a read-only folder stops nothing: the disk's failure is simulated.
    def no_space(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", no_space)
    ran = in_this_process("summarise", str(CASES[0]), "--format", "docx", "--output", str(tmp_path / "s.docx"))
    monkeypatch.undo()
    assert ran.returncode == 2 and ran.stderr.count("\n") == 1 and "No space left" in ran.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    ran = in_this_process("summarise", str(CASES[0]), "--format", "docx", "--output", str(tmp_path / "no" / "s.docx"))
    assert ran.returncode == 2 and ran.stderr.count("\n") == 1 and "does not exist" in ran.stderr
