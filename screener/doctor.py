"""``screener doctor``: one screen of facts about this machine for a user or IT, each with what to do.

Every fact is worked out from what is passed in (the environment, the platform, the output
stream, the day), so the old Windows console can be tested anywhere. Nothing here fails:
a fact that cannot be found says so and what to try, and the command exits 0.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import os
import sys
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from screener import __version__
from screener.terminal import OLD_CONSOLE_ADVICE, old_console
from screener.textsafe import printable

# What the walkthrough draws: borders, and the marks of training's results.
DRAWN = "─│┌┐└┘✓✗"
SMALLEST = (80, 24)
# Each optional extra, the module that shows it is installed, and whether that module must be
# imported to know it works: WeasyPrint is found but fails to import without its system libraries
# (Pango); textual-serve is pure Python, and importing it would import Textual here.
EXTRAS = (("serve", "textual_serve", False), ("pdf", "weasyprint", True))


@dataclass(frozen=True)
class Fact:
    topic: str
    says: str
    to_do: str = ""


def terminal(env: Mapping[str, str], platform: str, stream: TextIO) -> list[Fact]:
    """What the terminal is, its colours and size, whether it can show what the walkthrough draws."""
    facts = []
    tty = stream.isatty()
    if old_console(env, platform):
        name = "the old Windows console (no WT_SESSION, TERM_PROGRAM or TERM)"
    elif env.get("WT_SESSION"):
        name = "Windows Terminal"
    else:
        name = env.get("TERM_PROGRAM") or env.get("TERM") or "unknown"
    if not tty:
        says = f"{printable(name)}; output is not a terminal (a pipe or a file)"
        facts.append(Fact("Terminal", says, "the walkthrough runs as numbered questions (plain mode) here"))
    else:
        facts.append(Fact("Terminal", printable(name), OLD_CONSOLE_ADVICE if old_console(env, platform) else ""))
    facts.append(Fact("Colours", _colours(env, platform)))
    if tty:
        try:
            size = os.get_terminal_size(stream.fileno())
            small = size.columns < SMALLEST[0] or size.lines < SMALLEST[1]
            advice = f"make the window at least {SMALLEST[0]}x{SMALLEST[1]}" if small else ""
            facts.append(Fact("Size", f"{size.columns}x{size.lines}", advice))
        except (OSError, ValueError):
            facts.append(Fact("Size", "not known"))
    encoding = getattr(stream, "encoding", None) or "unknown"
    try:
        DRAWN.encode(encoding)
        shows = f"box drawing and the marks \u2713 \u2717 can be written ({encoding})"
        advice = (
            "the old console's fonts may lack \u2713 \u2717: use Windows Terminal" if old_console(env, platform) else ""
        )
    except (LookupError, UnicodeEncodeError):
        shows = f"box drawing and the marks cannot be written in {encoding}"
        advice = "use a UTF-8 locale, or set PYTHONIOENCODING=utf-8"
    facts.append(Fact("Drawing", shows, advice))
    return facts


def _colours(env: Mapping[str, str], platform: str) -> str:
    if env.get("NO_COLOR"):
        return "none (NO_COLOR is set)"
    if env.get("COLORTERM", "").lower() in ("truecolor", "24bit") or env.get("WT_SESSION"):
        return "16 million (truecolor)"
    if "256color" in env.get("TERM", ""):
        return "256"
    if old_console(env, platform):
        return "16 (the old console's palette)"
    return "at least 16"


def pack_facts(today: dt.date, root: Path | None = None) -> list[Fact]:
    """The shipped pack: which, whether it is current, and whether the record made at build time is used."""
    from screener.content import default_pack_path, load_pack
    from screener.content.shipped import from_record
    from screener.errors import InputError

    root = root or default_pack_path()
    record = from_record(root)
    try:
        pack = record or load_pack(root, use_record=False)
    except InputError as exc:
        return [Fact("Pack", f"{printable(root)}: refused, {len(exc.problems)} problems", "run: screener validate")]
    info = pack.info
    due = info.review_due < today
    facts = [
        Fact("Pack", f"{printable(info.id)} {printable(info.version)} ({printable(root)})"),
        Fact("Digest", pack.digest),
        Fact(
            "Reviewed",
            f"{info.reviewed_on.isoformat()}; review due {info.review_due.isoformat()}" + (" (passed)" if due else ""),
            "summaries say the pack is due for review: ask for an updated Screener" if due else "",
        ),
    ]
    if record is not None:
        facts.append(Fact("Record", "the shipped record is used (the pack was checked when Screener was built)"))
    else:
        facts.append(
            Fact(
                "Record",
                "not used: the pack is checked in full on every run (an editable install, a changed pack, "
                "or a record made with another Python or pydantic)",
            )
        )
    return facts


def area_facts(env: Mapping[str, str]) -> list[Fact]:
    from screener.area.default import ENV, config_file, default_area_path
    from screener.errors import InputError

    try:
        path = default_area_path()
    except InputError as exc:  # a setting that cannot be read is reported, never taken for "none"
        return [Fact("Area", f"the default area setting is unreadable: {exc.problems[0]}", "screener area use --none")]
    if path is None:
        return [Fact("Area", "no default area file", "if your partnership has one: screener area use FILE")]
    where = f"${ENV}" if env.get(ENV) else printable(config_file())
    if not path.is_file():
        fix = f"point ${ENV} at the file, or unset it" if env.get(ENV) else "screener area use FILE, or --none"
        return [Fact("Area", f"{printable(path)} (from {where}) is missing", fix)]
    return [Fact("Area", f"{printable(path)} (from {where})", f"check it: screener area check {printable(path)}")]


def extras(frozen: bool = False) -> list[Fact]:
    found = [extra for extra, module, load in EXTRAS if _importable(module, load)]
    missing = [extra for extra, _, _ in EXTRAS if extra not in found]
    says = f"installed: {', '.join(found) or 'none'}; not installed: {', '.join(missing) or 'none'}"
    to_do = f"only if needed: pip install 'screener[{','.join(missing)}]'" if missing else ""
    if frozen and missing:  # the one-folder build carries no extras and has no pip
        to_do = "the one-folder build has none: for these, IT installs Screener with pip (docs/it.md)"
    return [Fact("Extras", says, to_do)]


def _importable(module: str, load: bool = True) -> bool:
    if importlib.util.find_spec(module) is None:
        return False
    if not load:
        return True
    try:
        importlib.import_module(module)
    except Exception:
        return False
    return True


def examine(env: Mapping[str, str], platform: str, stream: TextIO, today: dt.date) -> list[Fact]:
    frozen = getattr(sys, "frozen", False)
    where = "the one-folder build" if frozen else printable(sys.executable)
    python = f"Python {sys.version.split()[0]} ({where}) on {platform}"
    return [
        Fact("Screener", f"{__version__}; {python}"),
        *terminal(env, platform, stream),
        *pack_facts(today),
        *area_facts(env),
        *extras(frozen),
    ]


def report(facts: list[Fact], width: int = 78) -> str:
    """The facts as lines of ``Topic  what it is``, each followed by ``To do: …`` where there is something to do."""
    pad = max(len(f.topic) for f in facts) + 1  # the digest (71 characters) still fits in 80 columns
    lines = []
    for fact in facts:
        lines += textwrap.wrap(
            fact.says, width, initial_indent=fact.topic.ljust(pad), subsequent_indent=" " * pad, break_long_words=False
        )
        if fact.to_do:
            lines += textwrap.wrap(f"To do: {fact.to_do}", width, initial_indent=" " * pad, subsequent_indent=" " * pad)
    return "\n".join(lines) + "\n"
