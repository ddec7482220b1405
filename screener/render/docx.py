"""The summary as a Word document (.docx), for case-record systems and the NRM service's uploads.

Written from the same blocks as every other format (``render.document``), so it says the same
thing; only the look is Word's: real heading styles (which screen readers and Word's navigation
pane use), tables whose first row is a header row repeated on every page, lists, and each page's
header and footer naming the case, the screening date and "Page N of M". The document's title
and language (en-GB) are set in its properties and its default style.

The same blocks always give the same bytes: the zip's timestamps are fixed and the document's
dates are the screening date, never the time it was written.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from typing import Any

from screener.render.document import (
    TRAINING_BANNER,
    Block,
    Bullets,
    Heading,
    Para,
    Quote,
    Table,
    build,
    lead_in,
    title,
)
from screener.summary import Summary
from screener.textsafe import clean_line

LANGUAGE = "en-GB"
# The earliest time a zip can hold: every entry gets it, so the bytes never carry the clock.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _text(text: str) -> str:
    # One line, and nothing XML cannot hold (control characters become U+FFFD, as on screen).
    return clean_line(text)


def _set_language(document: Any) -> None:
    """Word's proofing language for every run, through the document defaults, and the package's language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    rpr = run_defaults.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run_defaults.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    document.core_properties.language = LANGUAGE


def _field(paragraph: Any, code: str) -> None:
    """A field Word fills in when it lays out the page (PAGE, NUMPAGES)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, shown, end):
        run._r.append(element)


def _page_frame(document: Any, header: str) -> None:
    """A4, with the header line on every page and "Page N of M" at the foot."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(18)
    section.left_margin = section.right_margin = Mm(14)
    top = section.header.paragraphs[0]
    top.text = _text(header)
    for run in top.runs:
        run.font.size = Pt(8)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    foot.add_run("Page ")
    _field(foot, "PAGE")
    foot.add_run(" of ")
    _field(foot, "NUMPAGES")
    for run in foot.runs:
        run.font.size = Pt(8)


def _mark_header_row(row: Any) -> None:
    """The first row is the table's header: Word repeats it on each page and reads it as headers."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    trpr.append(flag)


def _keep_rows_whole(row: Any) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


class _StyleIds:
    """Each style's id, looked up once a document. python-docx finds a style by its name afresh for
    every paragraph given one (a search of the whole styles part, about a millisecond each: most of
    a summary's rendering); setting the id the lookup gives writes the same XML."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.ids: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name not in self.ids:
            self.ids[name] = self.document.styles[name].style_id
        return self.ids[name]

    def paragraph(self, text: str, style: str) -> Any:
        paragraph = self.document.add_paragraph(text)
        paragraph._p.style = self(style)
        return paragraph


def _table(document: Any, block: Table, style_id: _StyleIds) -> None:
    table = document.add_table(rows=1, cols=len(block.headers))
    table._tbl.tblStyle_val = style_id("Table Grid")
    head = table.rows[0]
    _mark_header_row(head)
    for cell, text in zip(head.cells, block.headers, strict=True):
        cell.paragraphs[0].add_run(_text(text)).bold = True
    for values in block.rows:
        row = table.add_row()
        _keep_rows_whole(row)
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = _text(text)
    document.add_paragraph()  # Word runs two adjacent tables together without a paragraph between them


class _Numbering:
    """Each numbered list starts at 1: Word's "List Number" style alone would run on across lists."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.abstract_id: int | None = None

    def new_list(self) -> int:
        """A fresh numbering instance of the style's list, starting at 1; its id."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        numbering = self.document.part.numbering_part.element
        if self.abstract_id is None:
            style_ppr = self.document.styles["List Number"].element.pPr
            style_num = style_ppr.numPr.numId.val
            num = next(n for n in numbering.num_lst if n.numId == style_num)
            self.abstract_id = num.abstractNumId.val
        new = numbering.add_num(self.abstract_id)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        new.append(override)
        return int(new.numId)

    @staticmethod
    def put(paragraph: Any, num_id: int) -> None:
        numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = 0
        numpr.get_or_add_numId().val = num_id


def _banner(style_id: _StyleIds, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = style_id.paragraph("", "Intense Quote")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(_text(text))
    run.bold = True
    run.font.size = Pt(14)


def write_blocks(
    blocks: Sequence[Block],
    *,
    title_text: str,
    header: str,
    banner: str | None = None,
    dated: dt.date | None = None,
    creator: str = "Screener",
    parts_on_new_pages: bool = False,
) -> bytes:
    """Blocks as a .docx file's bytes; the summary, the comparison and the training handouts use this.

    With ``parts_on_new_pages`` every second-level heading but the first starts a page, as the
    facilitator pack's print style sheet does: one scenario a page, the list of them on page one.
    """
    import docx

    document = docx.Document()
    _set_language(document)
    props = document.core_properties
    props.title = _text(title_text)
    props.author = props.last_modified_by = _text(creator)
    props.comments = "A signposting aid: it decides nothing."
    if dated is not None:
        moment = dt.datetime(dated.year, dated.month, dated.day, tzinfo=dt.UTC)
        props.created = props.modified = moment
    _page_frame(document, header)
    style_id = _StyleIds(document)
    if banner is not None:
        _banner(style_id, banner)
    numbering = _Numbering(document)
    parts = 0
    for block in blocks:
        if isinstance(block, Heading):
            heading = style_id.paragraph(_text(block.text), f"Heading {min(max(block.level, 1), 9)}")
            if block.level == 2:
                if parts_on_new_pages and parts:
                    heading.paragraph_format.page_break_before = True
                parts += 1
        elif isinstance(block, Para):
            paragraph = document.add_paragraph(_text(block.text))
            if lead_in(block.text):
                paragraph.paragraph_format.keep_with_next = True
        elif isinstance(block, Quote):
            for line in block.lines:
                style_id.paragraph(_text(line), "Quote")
        elif isinstance(block, Bullets):
            style = "List Number" if block.numbered else "List Bullet"
            num_id = numbering.new_list() if block.numbered else None
            for item in block.items:
                paragraph = style_id.paragraph(_text(item), style)
                if num_id is not None:
                    numbering.put(paragraph, num_id)
        else:
            _table(document, block, style_id)
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same entries, in the same order, every one dated ZIP_TIME."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info))
    return out.getvalue()


def page_header(summary: Summary) -> str:
    """What the print HTML puts at the head of every page: the case, the screening date, training."""
    case = f"case {summary.reference}" if summary.reference else "Signposting summary"
    parts = [case, f"Screened {summary.as_at.isoformat()}"]
    if summary.training:
        parts.insert(0, "TRAINING — FICTIONAL CASE")
    return " · ".join(parts)


def render(summary: Summary) -> bytes:
    blocks = [b for b in build(summary) if not (isinstance(b, Para) and b.text == TRAINING_BANNER)]
    return write_blocks(
        blocks,
        title_text=title(summary),
        header=page_header(summary),
        banner=TRAINING_BANNER if summary.training else None,
        dated=summary.as_at,
        creator=summary.generator,
    )
