"""The NRM referral preparation in each format: the summary's own block writers, one page for HTML."""

from __future__ import annotations

import json

from screener.nrm.prepare import WRITE_HERE, Preparation, build, title
from screener.render.document import Block, Para
from screener.summary import plain_data
from screener.textsafe import json_safe

# Printed, each prompt Screener leaves open keeps room to write by hand.
WRITE_CSS = """\
.write { min-height: 4.5rem; border: 1px solid #767676; padding: 0.3rem 0.5rem; color: #555; }
h3 { font-size: 1rem; margin: 1rem 0 0.25rem; }
@media print { .write { break-inside: avoid; page-break-inside: avoid; } h3 { break-after: avoid; } }
"""


def render(prep: Preparation, fmt: str) -> str:
    if fmt == "json":
        data = plain_data(prep)
        data = {"schema": data.pop("schema"), **data}
        return json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
    blocks = build(prep)
    if fmt == "md":
        from screener.render.markdown import block_markdown

        return "\n\n".join(block_markdown(b) for b in blocks) + "\n"
    if fmt == "txt":
        from screener.render.text import block_lines

        return "\n\n".join("\n".join(block_lines(b)) for b in blocks) + "\n"
    return _html(prep, blocks)


def _html(prep: Preparation, blocks: list[Block]) -> str:
    from screener.render.html import CSS, _block, page, text_html

    body = []
    for block in blocks:
        if isinstance(block, Para) and block.text == WRITE_HERE:
            body.append(f'<p class="write">{text_html(WRITE_HERE)}</p>')
        else:
            body.append(_block(block, False))
    return page(title(prep), CSS + WRITE_CSS, "\n".join(body), generator=prep.generator)
