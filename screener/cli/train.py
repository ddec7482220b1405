"""``screener train``: list the scenarios, print the facilitator pack, or start the training TUI.

The listing and the pack are headless and never import Textual; only the bare
``screener train`` starts the app, imported when it is used.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Literal

from screener import heap
from screener.cli.output import check_format, emit
from screener.content import default_pack_path, load_pack
from screener.content.pack import Pack
from screener.terminal import can_run_app
from screener.textsafe import clean_line, json_safe
from screener.training.load import load_scenarios, load_training
from screener.training.models import Scenario
from screener.training.room import Recorder

PROG = "screener train"
PACK_FORMATS = ("md", "html", "docx", "pdf")  # what the facilitator pack is written in


def _usage(message: str) -> int:
    sys.stderr.write(f"{PROG}: {message} (try '{PROG} --help')\n")
    return 2


@heap.starting()  # a round's front end settles the collector just before it takes input
def run_train(args: argparse.Namespace) -> int:
    listing = bool(getattr(args, "list", False))
    handout = bool(getattr(args, "facilitator_pack", False))
    debrief: Path | None = getattr(args, "debrief", None)
    room: Path | None = getattr(args, "room", None)
    as_json = bool(getattr(args, "json", False))
    output: Path | None = getattr(args, "output", None)
    fmt: str | None = getattr(args, "format", None)
    guided = bool(getattr(args, "guided", False))
    plain = bool(getattr(args, "plain", False))
    if sum((listing, handout, debrief is not None)) > 1:
        return _usage("choose one of --list, --facilitator-pack and --debrief")
    if as_json and not listing:
        return _usage("--json goes with --list")
    if not (handout or debrief is not None) and (output is not None or getattr(args, "force", False)):
        return _usage("--output and --force go with --facilitator-pack or --debrief")
    if not (handout or debrief is not None) and fmt is not None:
        return _usage("--format goes with --facilitator-pack or --debrief")
    if handout and fmt not in (None, *PACK_FORMATS):
        return _usage(f"the facilitator pack is {', '.join(PACK_FORMATS[:-1])} or {PACK_FORMATS[-1]}")
    if (listing or handout or debrief is not None) and (guided or plain or room is not None):
        return _usage(
            "--guided, --plain and --room go with a training round, not with --list, --facilitator-pack or --debrief"
        )

    if handout or debrief is not None:
        check_format(fmt, output, bool(getattr(args, "force", False)))
    root = getattr(args, "pack", None) or default_pack_path()
    pack = load_pack(root)
    if listing:
        return _list(load_scenarios(pack, root), as_json)
    if handout:
        return _handout(pack, root, fmt or "md", output, bool(getattr(args, "force", False)))
    if debrief is not None:
        return _debrief(pack, root, debrief, fmt, output, bool(getattr(args, "force", False)))
    mode: Literal["practice", "guided"] = "guided" if guided else "practice"
    scenarios = load_scenarios(pack, root)
    if room is not None:
        from screener.training.room import open_room

        open_room(room, create=True).close()
    if plain or not can_run_app():
        from screener.plain.training import run_plain_training

        return run_plain_training(pack, scenarios, mode=mode, record=_recorder(pack, room))
    return _tui(pack, scenarios, mode, room)


def _recorder(pack: Pack, room: Path | None) -> Recorder | None:
    if room is None:
        return None
    from screener.training.room import recorder

    return recorder(pack, room)


def _list(scenarios: list[Scenario], as_json: bool) -> int:
    if as_json:
        rows = [{"id": s.id, "title": s.title, "jurisdiction": s.jurisdiction} for s in scenarios]
        print(json_safe(json.dumps(rows, indent=2, ensure_ascii=False)))
        return 0
    if not scenarios:
        print("No training scenarios in this content pack.")
        return 0
    width = max(len(s.id) for s in scenarios)
    for s in scenarios:
        print(clean_line(f"{s.id:<{width}}  {s.jurisdiction:<16}  {s.title}"))
    return 0


def _handout(pack: Pack, root: Path, fmt: str, output: Path | None, force: bool) -> int:
    from screener.training.facilitator import facilitator_output

    scenarios, quiz = load_training(pack, root)
    return emit(facilitator_output(pack, scenarios, quiz, fmt), output, force)


def _debrief(pack: Pack, root: Path, room: Path, fmt: str | None, output: Path | None, force: bool) -> int:
    from screener.training.debrief import build_debrief, debrief_output
    from screener.training.room import open_room, read_rounds

    scenarios = load_scenarios(pack, root)
    connection = open_room(room, create=False)
    connection.close()
    if fmt is None and output is None and can_run_app():
        from screener.tui.debrief import run_debrief

        return run_debrief(pack, scenarios, room)
    debrief = build_debrief(pack, scenarios, read_rounds(room, pack))
    return emit(debrief_output(debrief, fmt or "md"), output, force)


def _tui(pack: Pack, scenarios: list[Scenario], mode: Literal["practice", "guided"], room: Path | None) -> int:
    from screener.tui.training import run_training

    if room is None:
        return run_training(pack, scenarios, mode=mode)
    return run_training(pack, scenarios, mode=mode, record=_recorder(pack, room))
