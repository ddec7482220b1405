"""Reopened and changed: the walkthrough's comparison with the case as it was opened.

When a saved case is opened (``screener CASE.yaml``) and an answer is changed, both faces
of the walkthrough offer "compare with the case as opened" (``Session.comparison``) at the
summary and export. The comparison is ``screener.compare``'s own, as ``screener compare
CASE.yaml NOW.yaml`` gives it for the file as opened and the answers now (saved or not):
one pack and one area file screen both. The walkthrough knows the two are one case, so a changed reference or part of
the UK is shown as a changed answer rather than refused as ``screener compare`` refuses two
files.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from screener.compare import Change, Comparison, compare_screenings

if TYPE_CHECKING:
    from screener.area.model import Area
    from screener.casefile.model import Case
    from screener.content.pack import Pack

NOW = "the answers now"


def opened_label(path: Path) -> str:
    return f"{path} as opened"


def compare_with_opened(pack: Pack, area: Area | None, path: Path, opened: Case, now: Case) -> Comparison:
    """What changed between the case file as opened and the answers now."""
    from screener.engine import screen

    result = compare_screenings(
        Path(opened_label(path)),
        opened,
        screen(pack, opened, None, area),
        Path(NOW),
        now,
        screen(pack, now, None, area),
    )
    first: list[Change] = []
    if (opened.reference or "") != (now.reference or ""):
        first.append(Change("reference", "Case reference", opened.reference or "none", now.reference or "none"))
    if opened.jurisdiction != now.jurisdiction:
        names = {j: pack.jurisdictions[j].name for j in pack.jurisdictions}
        first.append(
            Change(
                "jurisdiction",
                "Part of the UK",
                names.get(opened.jurisdiction, opened.jurisdiction),
                names.get(now.jurisdiction, now.jurisdiction),
            )
        )
    return dataclasses.replace(result, answers=[*first, *result.answers]) if first else result


def default_name(result: Comparison, fmt: str = "md") -> Path:
    """A default file name for the comparison: the screening date and nothing of the case, numbered when taken."""
    from screener.casefile.write import first_free
    from screener.render.formats import format_named

    return first_free(Path(f"screening-{result.new_date}-changes{format_named(fmt).extension}"))


def listening(result: Comparison) -> str:
    """The comparison as plain mode prints it: tables as "label: value" lines, headings alone."""
    from screener.compare import blocks
    from screener.render.text import block_lines

    return "\n\n".join("\n".join(block_lines(b, columns=False)) for b in blocks(result)) + "\n"
