"""Reading a .docx back as python-docx sees it: its texts in order, its headings' styles, its properties."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import Any

import docx
from docx.oxml.ns import qn

from screener.render.document import Block, Bullets, Heading, Para, Quote, Table
from screener.textsafe import clean_line


def open_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def texts(document: Any) -> Iterator[str]:
    """Every paragraph's text and every table cell's, in the order they are in the document."""
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            text = "".join(t.text or "" for t in element.iter(qn("w:t")))
            if text:
                yield text
        elif element.tag == qn("w:tbl"):
            for cell in element.iter(qn("w:tc")):
                yield "".join(t.text or "" for t in cell.iter(qn("w:t")))


def block_texts(blocks: Sequence[Block]) -> Iterator[str]:
    """What each block should show, in order."""
    for block in blocks:
        if isinstance(block, Heading | Para):
            yield clean_line(block.text)
        elif isinstance(block, Quote):
            yield from map(clean_line, block.lines)
        elif isinstance(block, Bullets):
            yield from map(clean_line, block.items)
        elif isinstance(block, Table):
            yield from map(clean_line, block.headers)
            for row in block.rows:
                yield from map(clean_line, row)


def headings(document: Any) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph in a heading style."""
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def language(document: Any) -> str | None:
    lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    return None if lang is None else lang.get(qn("w:val"))


def header_rows(document: Any) -> list[bool]:
    """For each table: whether its first row is marked as the header row."""
    return [
        table.rows[0]._tr.trPr is not None and table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        for table in document.tables
    ]
