"""The HTML summary prints on A4 with the case, the date and the page number on every page.

The real check is benchmarks/print_pdf.py, which prints with headless Chromium and reads the pages.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from screener.case import load_case
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
