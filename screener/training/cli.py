"""``screener train``: list the scenarios, print the facilitator pack, or start the training TUI.

The listing and the pack are headless and never import Textual; only the bare
``screener train`` starts the app, imported when it is used.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from screener.content import default_pack_path, load_pack
from screener.content.pack import Pack
from screener.terminal import can_run_app
from screener.textsafe import clean_line, json_safe, printable
from screener.training.check import load_scenarios, load_training
from screener.training.models import Scenario

PROG = "screener train"


def _usage(message: str) -> int:
    sys.stderr.write(f"{PROG}: {message} (try '{PROG} --help')\n")
    return 2


def run_train(args: argparse.Namespace) -> int:
    listing = bool(getattr(args, "list", False))
    handout = bool(getattr(args, "facilitator_pack", False))
    as_json = bool(getattr(args, "json", False))
    output: Path | None = getattr(args, "output", None)
    fmt: str = getattr(args, "format", None) or "md"
    if listing and handout:
        return _usage("choose one of --list and --facilitator-pack")
    if as_json and not listing:
        return _usage("--json goes with --list")
    if not handout and (output is not None or getattr(args, "force", False)):
        return _usage("--output and --force go with --facilitator-pack")
    if not handout and fmt != "md":
        return _usage("--format goes with --facilitator-pack")

    root = getattr(args, "pack", None) or default_pack_path()
    pack = load_pack(root)
    if listing:
        return _list(load_scenarios(pack, root), as_json)
    if handout:
        return _handout(pack, root, fmt, output, bool(getattr(args, "force", False)))
    return _tui(pack, load_scenarios(pack, root))


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
    from screener.training.facilitator import facilitator_pack

    scenarios, quiz = load_training(pack, root)
    text = facilitator_pack(pack, scenarios, quiz, fmt)
    if output is None:
        sys.stdout.write(text)
        return 0
    from screener.export import write_private

    written = write_private(output, text, force=force)
    sys.stderr.write(f"screener: wrote {printable(written)}\n")
    return 0


def _tui(pack: Pack, scenarios: list[Scenario]) -> int:
    if not can_run_app():
        # Training is a screen of its own; with no terminal it would wait for keys that never come.
        sys.stderr.write(
            f"{PROG}: training mode needs a terminal; use '{PROG} --list' or '{PROG} --facilitator-pack'\n"
        )
        return 2
    from screener.tui.training import run_training

    return run_training(pack, scenarios)
