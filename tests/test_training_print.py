"""Training prints well: the facilitator pack and the debrief name TRAINING and the page on every
page, keep lead-ins with what they introduce, count in the right plurals, quote the case rather
than cite lines it does not show, and come as Word and PDF too.

The pack's PDF takes seconds to lay out: benchmarks/print_pdf.py prints it and reads every page.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest

from screener.content import Pack, default_pack_path
from screener.render.document import Para
from screener.training import Scenario, load_quiz, load_scenarios
from screener.training.debrief import DEBRIEF_BANNER, blocks, build_debrief, debrief_output, render_debrief
from screener.training.facilitator import facilitator_pack
from screener.training.room import RoundRecord
from tests.clirun import in_this_process
from tests.docxread import block_texts, open_docx, texts

PAGE_NUMBERS = '@bottom-right { content: "Page " counter(page) " of " counter(pages);'


@pytest.fixture(scope="module")
def scenarios(pack: Pack) -> list[Scenario]:
    return load_scenarios(pack, default_pack_path())


def as_bytes(data: str | bytes) -> bytes:
    assert isinstance(data, bytes), "a binary format gives bytes"
    return data


def blank_round(n: int, seat: str, scenario: Scenario) -> RoundRecord:
    return RoundRecord(n, seat, scenario.id, "practice", None, "unknown", {}, "unknown", None, (), {}, ())


def one_round(pack: Pack, scenarios: list[Scenario]) -> list[Para]:
    found = blocks(build_debrief(pack, scenarios, [blank_round(1, "seat-1", scenarios[0])]))
    return [b for b in found if isinstance(b, Para)]


def test_one_round_from_one_seat_is_counted_in_the_singular(pack: Pack, scenarios: list[Scenario]) -> None:
    said = [p.text for p in one_round(pack, scenarios)]
    assert "1 round from 1 seat." in said
    assert "Rounds recorded: 1, across 1 scenario." in said
    two = [blank_round(1, "seat-1", scenarios[0]), blank_round(2, "seat-2", scenarios[0])]
    many = [b.text for b in blocks(build_debrief(pack, scenarios, two)) if isinstance(b, Para)]
    assert "2 rounds from 2 seats." in many


def test_the_debrief_prints_training_and_the_page_number_on_every_page(pack: Pack, scenarios: list[Scenario]) -> None:
    page = render_debrief(build_debrief(pack, scenarios, [blank_round(1, "seat-1", scenarios[0])]), "html")
    assert '@top-center { content: "TRAINING — FICTIONAL CASE"; font-weight: bold; }' in page
    assert PAGE_NUMBERS in page


def test_the_pack_prints_training_the_page_and_keeps_lead_ins(pack: Pack, scenarios: list[Scenario]) -> None:
    root = default_pack_path()
    page = facilitator_pack(pack, scenarios, load_quiz(pack, root), "html")
    assert '@top-center { content: "TRAINING — FICTIONAL CASES"; font-weight: bold; }' in page
    assert PAGE_NUMBERS in page
    lead_ins = re.findall(r"<p( class=\"lead-in\")?>([^<]*:)</p>", page)
    assert len(lead_ins) > 15 and all(marked for marked, _ in lead_ins), [t for m, t in lead_ins if not m][:3]


def test_the_pack_quotes_the_case_instead_of_citing_lines(pack: Pack, scenarios: list[Scenario]) -> None:
    text = facilitator_pack(pack, scenarios, load_quiz(pack, default_pack_path()), "md")
    assert "| key answer | the case says |" in text
    assert not re.search(r"\bline [0-9]+\b", text)


def test_train_writes_the_pack_as_word_one_scenario_a_page(
    pack: Pack, scenarios: list[Scenario], tmp_path: Path
) -> None:
    from screener.training.facilitator import Banner, build

    out = tmp_path / "pack.docx"
    ran = in_this_process("train", "--facilitator-pack", "--format", "docx", "--output", str(out))
    assert (ran.returncode, ran.stdout) == (0, "")
    document = open_docx(out.read_bytes())
    assert document.core_properties.language == "en-GB"
    assert document.paragraphs[0].text.startswith("TRAINING — FICTIONAL CASES")
    assert "TRAINING — FICTIONAL CASES" in document.sections[0].header.paragraphs[0].text
    quiz = load_quiz(pack, default_pack_path())
    laid_out = [b for b in build(pack, scenarios, quiz) if not isinstance(b, Banner)]
    assert list(texts(document))[1:] == list(block_texts(laid_out))
    parts = [p for p in document.paragraphs if p.style.name == "Heading 2"]
    assert parts[0].text == "Scenarios" and not parts[0].paragraph_format.page_break_before
    assert all(p.paragraph_format.page_break_before for p in parts[1:])


def test_the_debrief_as_pdf_and_word(pack: Pack, scenarios: list[Scenario], tmp_path: Path) -> None:
    debrief = build_debrief(pack, scenarios, [blank_round(n, "seat-1", s) for n, s in enumerate(scenarios[:3], 1)])
    reader = pypdf.PdfReader(io.BytesIO(as_bytes(debrief_output(debrief, "pdf"))))
    assert "/StructTreeRoot" in reader.root_object and reader.root_object["/Lang"] == "en-GB"
    for number, page in enumerate(reader.pages, 1):
        flat = " ".join(page.extract_text().split())
        assert "TRAINING — FICTIONAL CASE" in flat and f"Page {number} of {len(reader.pages)}" in flat
    document = open_docx(as_bytes(debrief_output(debrief, "docx")))
    assert document.paragraphs[0].text == DEBRIEF_BANNER
    assert list(texts(document))[1:] == list(block_texts(blocks(debrief)))
