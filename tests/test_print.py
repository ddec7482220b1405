"""The HTML summary prints on A4 with the case, the date and the page number on every page.

The real check is benchmarks/print_pdf.py, which prints every page (WeasyPrint, or Chromium) and reads them back.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from screener.casefile.read import load_case
from screener.content import Pack
from screener.engine import screen
from screener.render import render
from screener.render.html import css_string

CASE = Path(__file__).resolve().parent / "cases" / "scotland-labour.yaml"


def test_every_printed_page_names_the_case_the_date_and_the_page(pack: Pack) -> None:
    summary = screen(pack, load_case(CASE, set(pack.questions), set(pack.indicators)))
    page = render(summary, "html")
    assert "@page { size: A4;" in page
    assert f'@top-left {{ content: "case {summary.reference}";' in page
    assert f'@top-right {{ content: "Screened {summary.as_at.isoformat()}";' in page
    assert '@bottom-right { content: "Page " counter(page) " of " counter(pages);' in page
    assert '<p class="lead-in">Route: ' in page
    assert ".lead-in { break-after: avoid;" in page.replace("h2, h3, .lead-in", ".lead-in")


def test_a_hostile_reference_cannot_leave_the_css_string(pack: Pack) -> None:
    summary = screen(pack, load_case(CASE, set(pack.questions), set(pack.indicators)))
    hostile = dataclasses.replace(summary, reference='x"; } </style><script>alert(1)</script>')
    page = render(hostile, "html")
    assert "<script>" not in page
    assert page.count("</style>") == 1
    assert css_string('a"b\\c<') == '"a\\22 b\\5c c\\3c "'


def test_the_facilitator_packs_first_page_is_not_wasted(pack: Pack) -> None:
    """Each scenario starts a page, but the list of scenarios follows the introduction on page one.

    benchmarks/print_pdf.py prints it and checks page one holds the list.
    """
    import re

    from screener.content import default_pack_path
    from screener.training import load_quiz, load_scenarios
    from screener.training.facilitator import facilitator_pack

    root = default_pack_path()
    page = facilitator_pack(pack, load_scenarios(pack, root), load_quiz(pack, root), "html")
    assert "h2 { break-before: page;" in page
    assert "h2:first-of-type { break-before: auto; page-break-before: auto; }" in page
    main = page.split("<main>", 1)[1].split("</main>", 1)[0]
    # first-of-type holds only if every h2 is a child of <main>, and the first is the list of scenarios.
    headings = re.findall(r"<h2>(.*?)</h2>", main)
    assert headings[0] == "Scenarios" and headings[1].startswith("Scenario 1: ")
    assert "<div" not in main and "<section" not in main
