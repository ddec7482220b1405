"""The commands' names, their one-line summaries and examples, and telling a mistyped command from a case path."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from screener.textsafe import shown

COMMANDS = (
    "validate",
    "test",
    "indicators",
    "summarise",
    "nrm",
    "schema",
    "train",
    "room",
    "serve",
    "area",
    "compare",
    "doctor",
    "help",
)
# A first word with one of these endings, or with a folder in it, is a case path, never a command.
CASE_SUFFIXES = (".yaml", ".yml", ".json")

# One line on what each command does, and one or two real examples of it, for `screener help`.
SUMMARIES: dict[str, str] = {
    "validate": "check a content pack and list every problem as file:line: message",
    "test": "run rule cases (a case, a date, the outcomes expected) against the pack: file:line for each failure",
    "indicators": "list every indicator in the pack, theme by theme",
    "summarise": "print or write the signposting summary of a case file",
    "nrm": "prepare the NRM referral from a case file, in the online form's order",
    "schema": "print the JSON Schema of a case file or of the summary",
    "train": "training mode: fictional scenarios, predictions marked against the rules",
    "area": "check, create or choose an area file (local contacts and facts)",
    "compare": "what changed between two screenings of one case",
    "room": "a training room in web pages: trainees join from their own browsers (needs the 'serve' extra)",
    "serve": "serve the walkthrough to a browser on this computer only (needs the 'serve' extra)",
    "doctor": "what this machine gives Screener (terminal, pack, area file, extras), and what to do",
    "help": "explain Screener, or one command: screener help COMMAND",
}
EXAMPLES: dict[str, tuple[str, ...]] = {
    "validate": ("screener validate", "screener validate path/to/my-pack"),
    "test": ("screener test tests/rules", "screener test my-cases.yaml --pack path/to/my-pack"),
    "indicators": ("screener indicators", "screener indicators --json > indicators.json"),
    "summarise": (
        "screener summarise case.yaml",
        "screener summarise case.yaml --format html --output summary.html --as-at 2024-11-20",
    ),
    "nrm": ("screener nrm case.yaml", "screener nrm case.yaml --format html --output nrm.html"),
    "schema": ("screener schema case > case.schema.json",),
    "train": (
        "screener train --room room.sqlite",
        "screener train --debrief room.sqlite --format html",
    ),
    "area": ("screener area check my-area.yaml", "screener area use my-area.yaml"),
    "compare": (
        "screener compare case-before.yaml case-after.yaml",
        "screener compare old.yaml new.yaml --format html",
    ),
    "room": ("screener room room.sqlite", "screener room room.sqlite --listen 192.168.1.20 --port 8080"),
    "serve": ("screener serve", "screener serve --train --port 8080"),
    "doctor": ("screener doctor", "screener doctor > doctor.txt"),
    "help": ("screener help", "screener help summarise"),
}
WALKTHROUGH_EXAMPLES = ("screener", "screener case.yaml --plain", "screener --as-at 2024-11-20")


def mistyped_command(word: str) -> str | None:
    """The command ``word`` was probably meant to be, when it cannot be a case path.

    Without a command the first word is a case file to open, so a word is taken
    for a mistyped command only when it has no folder in it, no case-file ending,
    is not an existing path, and is close to (or the start of) a command's name.
    """
    if not word or word.startswith("-") or "/" in word or "\\" in word:
        return None
    if word.lower().endswith(CASE_SUFFIXES):
        return None
    try:
        if Path(word).exists():
            return None
    except (OSError, ValueError):  # a name the file system cannot hold is no case file either
        pass
    lowered = word.lower()
    starts = [c for c in COMMANDS if len(lowered) >= 3 and c.startswith(lowered)]
    if len(starts) == 1:
        return starts[0]
    close = difflib.get_close_matches(lowered, COMMANDS, n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_command(word: str, meant: str) -> int:
    sys.stderr.write(
        f"screener: '{shown(word)}' is not a command; did you mean '{meant}'? "
        f"Commands: {', '.join(COMMANDS)} (try 'screener --help')\n"
    )
    return 2
