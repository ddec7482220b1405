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
    from screener.area import Area
    from screener.casefile.model import Case
    from screener.content.pack import Pack

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
    from screener.render import EXTENSIONS

    return first_free(Path(f"screening-{result.new_date}-changes{EXTENSIONS[fmt]}"))


SUFFIX_FORMATS = {".md": "md", ".txt": "txt", ".html": "html", ".htm": "html", ".json": "json"}


def format_of(path: Path) -> str:
    """The format a file name asks for by its ending; Markdown otherwise."""
    return SUFFIX_FORMATS.get(path.suffix.lower(), "md")


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
    def write_file(self, default: Path, text: str | None, what: str) -> bool: ...


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
    formats = (("md", "Markdown"), ("txt", "Plain text"), ("html", "HTML"), ("json", "JSON"))
    for n, (_, name) in enumerate(formats, 1):
        session.say(f"{n}. {name}")
    while True:
        text = session.ask("Format (Enter for Markdown): ")
        if not text:
            fmt = "md"
            break
        if text.isdigit() and 1 <= int(text) <= len(formats):
            fmt = formats[int(text) - 1][0]
            break
        session.say(f"Type a number from 1 to {len(formats)}.")
    from screener.compare import render_comparison

    session.write_file(default_name(result, fmt), render_comparison(result, fmt), "comparison")
