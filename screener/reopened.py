"""Reopened and changed: the walkthrough's comparison with the case as it was opened.

When a saved case is opened (``screener CASE.yaml``) and an answer is changed, both faces
of the walkthrough offer "compare with the case as opened" at the summary and export. The
comparison is ``screener.compare``'s own, as ``screener compare CASE.yaml NOW.yaml`` gives
it for the file as opened and the answers now (saved or not): one pack and one area file
screen both. The walkthrough knows the two are one case, so a changed reference or part of
the UK is shown as a changed answer rather than refused as ``screener compare`` refuses two
files.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from screener.compare import Change, Comparison, compare

if TYPE_CHECKING:
    from screener.area.model import Area
    from screener.casefile.model import Case
    from screener.content.pack import Pack
    from screener.render.formats import Format

NOW = "the answers now"


def opened_label(path: Path) -> str:
    return f"{path} as opened"


def compare_with_opened(pack: Pack, area: Area | None, path: Path, opened: Case, now: Case) -> Comparison:
    """What changed between the case file as opened and the answers now."""
    from screener.engine import screen

    result = compare(
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
    from screener.render.text import _block

    return "\n\n".join("\n".join(_block(b, columns=False)) for b in blocks(result)) + "\n"


class PlainSession(Protocol):
    """What plain mode's session offers the comparison (screener.plain.Plain)."""

    pack: Pack
    area: Area | None
    area_in_use: bool

    def say(self, text: str = "") -> None: ...
    def ask(self, prompt: str = "Answer: ") -> str: ...
    def confirm(self, question: str, default: bool = False) -> bool: ...
    def choose_format(self, formats: tuple[Format, ...]) -> str: ...
    def write_file(self, default: Path, text: str | bytes | None, what: str) -> bool: ...


def offer_in_plain(session: PlainSession, path: Path, opened: Case, now: Case) -> None:
    """Plain mode's "compare with the case as opened": print it, then offer to save it."""
    area = session.area if session.area_in_use else None
    result = compare_with_opened(session.pack, area, path, opened, now)
    session.say()
    session.say("--- Changes since the case was opened ---")
    for line in listening(result).splitlines():
        session.say(line)
    session.say("--- End of changes ---")
    if not session.confirm("Save the comparison to a file"):
        return
    from screener.compare import render_comparison
    from screener.render.formats import comparison_formats

    fmt = session.choose_format(comparison_formats())
    session.write_file(default_name(result, fmt), render_comparison(result, fmt), "comparison")
