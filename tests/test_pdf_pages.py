"""The typical cases print on at most four A4 pages as PDF, at the type size they print at now.

The sample cases (one for each jurisdiction and an age dispute) and the county-lines case with the
example area file's local contacts are the typical cases. Each PDF takes a second or two to lay out,
so each case is its own test (the workers share them out). Without the ``pdf`` extra (or its system
libraries) there is nothing to count, and the tests say so as they skip.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from screener.area.read import load_area
from screener.content import Pack
from screener.engine import screen
from screener.render.html import SUMMARY_PRINT_CSS
from screener.render.pdf import EXTRA, looks_available
from tests.test_render import CASES, EW_CASE, summary_of

MOST = 4
BOROUGH = Path(__file__).resolve().parent.parent / "indicators" / "areas" / "example-borough.yaml"
# Found without importing WeasyPrint, so that collecting the suite stays quick.
needs_pdf = pytest.mark.skipif(not looks_available(), reason=f"WeasyPrint or its Pango is not installed: {EXTRA}")


def page_count(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


@needs_pdf
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_a_typical_case_fits_on_four_pages(pack: Pack, case: Path) -> None:
    from screener.render.pdf import render

    assert page_count(render(summary_of(pack, case))) <= MOST


@needs_pdf
def test_the_county_lines_case_with_its_local_contacts_fits_on_four_pages(pack: Pack) -> None:
    from screener.casefile.read import load_case
    from screener.render.pdf import render

    case = load_case(EW_CASE, set(pack.questions), set(pack.indicators))
    summary = screen(pack, case, None, load_area(BOROUGH, pack))
    assert summary.area is not None and any(s.contacts for s in summary.signposts)
    assert page_count(render(summary)) <= MOST


def test_the_pages_are_not_bought_with_smaller_type() -> None:
    # The summary prints at 9 pt, and the notes at the end no smaller than they were (7.5 pt).
    assert "body { font-size: 9pt;" in SUMMARY_PRINT_CSS
    assert "ol.notes { font-size: 7.5pt;" in SUMMARY_PRINT_CSS


@needs_pdf
def test_the_count_can_fail(pack: Pack) -> None:
    # The same page with every signpost said three times over runs past four pages: the count is real.
    import dataclasses

    from screener.render.pdf import render

    summary = summary_of(pack, EW_CASE)
    longer = dataclasses.replace(summary, signposts=summary.signposts * 3)
    assert page_count(render(longer)) > MOST
