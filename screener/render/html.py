"""The summary as one self-contained, print-ready HTML page.

Everything the page needs is in the file: the style sheet is inline, and there
are no scripts, fonts, images or links to fetch, so opening or printing it sends
nothing anywhere. A Content-Security-Policy says the same to the browser, as a
second line of defence behind escaping every piece of text.
"""

from __future__ import annotations

import html

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

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

CSS = """\
:root { color-scheme: light; }
body {
  margin: 0 auto; padding: 1.5rem 1rem 3rem; max-width: 52rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 1rem; line-height: 1.5; color: #111; background: #fff;
}
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 2px solid #111; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
p, li { max-width: 46rem; }
li + li { margin-top: 0.4rem; }
blockquote { margin: 1rem 0; padding: 0.25rem 1rem; border-left: 4px solid #555; background: #f3f3f3; }
blockquote p { margin: 0.5rem 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #767676; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; }
tbody th { font-weight: normal; }
.training {
  margin: 0 0 1rem; padding: 0.75rem 1rem; border: 4px solid #000; background: #fff3b0;
  font-size: 1.25rem; font-weight: bold; text-align: center;
}
.notice { padding: 0.5rem 0.75rem; border-left: 4px solid #111; background: #f3f3f3; }
.lead-in { margin-bottom: 0.25rem; }
@media print {
  @page { size: A4; margin: 18mm 14mm 18mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; line-height: 1.4; }
  h2, h3, .lead-in { break-after: avoid; page-break-after: avoid; }
  tr, li, blockquote, .training, .notice { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  blockquote, .notice, thead th { background: none; }
  .training { background: none; border-width: 3px; }
}
"""

# The summary prints compact, so that a typical case fits on four A4 pages: a smaller type and
# tighter spacing in print only, and the numbered notes (the sources) in two narrow columns.
SUMMARY_PRINT_CSS = """\
ol.notes { font-size: 0.85rem; }
@media print {
  @page { margin: 12mm 12mm 14mm; }
  body { font-size: 9pt; line-height: 1.25; }
  h1 { font-size: 15pt; margin-bottom: 0.4rem; }
  h2 { font-size: 12pt; margin: 0.9rem 0 0.3rem; }
  h3 { font-size: 10pt; margin: 0.7rem 0 0.3rem; }
  p { margin: 0.25rem 0; }
  ul, ol { margin: 0.3rem 0; padding-left: 1.4rem; }
  li + li { margin-top: 0; }
  th, td { padding: 0.1rem 0.3rem; }
  table { margin: 0.3rem 0 0.5rem; }
  blockquote { margin: 0.5rem 0; padding: 0 0.6rem; }
  blockquote p { margin: 0.2rem 0; }
  ol.notes { font-size: 7.5pt; columns: 2; column-gap: 6mm; }
  /* A long signpost or indicator may run on to the next page (two lines at least each side),
     rather than leave the foot of this one empty. */
  li { break-inside: auto; page-break-inside: auto; orphans: 2; widows: 2; }
}
"""

# Browsers that print page-margin boxes repeat the warning on every printed page.
TRAINING_CSS = '@media print { @page { @top-center { content: "TRAINING — FICTIONAL CASE"; font-weight: bold; } } }\n'


def text_html(text: str) -> str:
    """Text as HTML: escaped, whitespace collapsed, control characters made visible."""
    return html.escape(clean_line(text), quote=True)


def _table(block: Table) -> str:
    head = "".join(f'<th scope="col">{text_html(h)}</th>' for h in block.headers)
    rows = []
    for row in block.rows:
        first, *rest = row
        cells = f'<th scope="row">{text_html(first)}</th>' + "".join(f"<td>{text_html(c)}</td>" for c in rest)
        rows.append(f"<tr>{cells}</tr>")
    body = "\n".join(rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def block_html(block: Block) -> str:
    """One laid-out block as HTML, every text escaped; the facilitator pack writes its blocks with this too."""
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 6)
        return f"<h{level}>{text_html(block.text)}</h{level}>"
    if isinstance(block, Para):
        if lead_in(block.text):
            return f'<p class="lead-in">{text_html(block.text)}</p>'
        return f"<p>{text_html(block.text)}</p>"
    if isinstance(block, Quote):
        inner = "\n".join(f"<p>{text_html(line)}</p>" for line in block.lines)
        return f"<blockquote>\n{inner}\n</blockquote>"
    if isinstance(block, Bullets):
        tag = "ol" if block.numbered else "ul"
        items = "\n".join(f"<li>{text_html(item)}</li>" for item in block.items)
        return f"<{tag}>\n{items}\n</{tag}>"
    return _table(block)


def banner_html(text: str) -> str:
    return f'<p class="training" role="note"><strong>{text_html(text)}</strong></p>'


def css_string(text: str) -> str:
    """Text as a CSS string: quotes and backslashes escaped, and nothing that could end the style sheet."""
    out = []
    for char in " ".join(text.split()):
        if char in '"\\<>&' or not char.isprintable():
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def margin_css(left: str, right: str | None = None, centre: str | None = None) -> str:
    """Every printed A4 page's margins: what it is (left), when (right), a warning (centre), "Page N of M"."""
    boxes = [f"  @top-left {{ content: {css_string(left)}; font-size: 8pt; }}\n"]
    if right is not None:
        boxes.append(f"  @top-right {{ content: {css_string(right)}; font-size: 8pt; }}\n")
    if centre is not None:
        boxes.append(f"  @top-center {{ content: {css_string(centre)}; font-weight: bold; }}\n")
    boxes.append('  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; }\n')
    return "@media print { @page {\n" + "".join(boxes) + "} }\n"


def page_css(summary: Summary) -> str:
    """Every printed A4 page names the case, the screening date and its page number."""
    case = f"case {summary.reference}" if summary.reference else "Signposting summary"
    return margin_css(case, "Screened " + summary.as_at.isoformat())


def _block(block: Block, training: bool) -> str:
    if isinstance(block, Para):
        if training and block.text == TRAINING_BANNER:
            return banner_html(block.text)
        if block.text.startswith("Notice: "):
            return f'<p class="notice">{text_html(block.text)}</p>'
    return block_html(block)


def _notes_html(block: Bullets) -> str:
    items = "\n".join(f"<li>{text_html(item)}</li>" for item in block.items)
    return f'<ol class="notes">\n{items}\n</ol>'


def page(title_text: str, style: str, body: str, *, generator: str | None = None) -> str:
    """The one self-contained HTML page every export is laid in: no scripts, nothing fetched, no referrer."""
    meta = f'<meta name="generator" content="{text_html(generator)}">\n' if generator is not None else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"{meta}"
        f"<title>{text_html(title_text)}</title>\n"
        f"<style>\n{style}</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"{body}\n"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )


def render(summary: Summary) -> str:
    blocks = build(summary)
    if summary.training:
        # A banner belongs above everything, the page title included.
        banner = [b for b in blocks if isinstance(b, Para) and b.text == TRAINING_BANNER]
        blocks = banner + [b for b in blocks if b not in banner]
    notes = tuple(summary.sources)
    body = "\n".join(
        _notes_html(b) if isinstance(b, Bullets) and b.numbered and b.items == notes else _block(b, summary.training)
        for b in blocks
    )
    style = CSS + SUMMARY_PRINT_CSS + page_css(summary) + (TRAINING_CSS if summary.training else "")
    return page(title(summary), style, body, generator=summary.generator)
