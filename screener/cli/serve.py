"""``screener serve``: the walkthrough, or training, in browser tabs on this computer only."""

from __future__ import annotations

import argparse
import sys


def serve(args: argparse.Namespace) -> int:
    from screener.serve import run_serve

    if (args.room is not None or args.guided) and not args.train:
        sys.stderr.write("screener serve: --room and --guided go with --train (try 'screener serve --help')\n")
        return 2
    if args.room is not None:
        from screener.training.room import open_room

        # Checked (and created) once here, so a bad file is one clear message, not one per tab.
        open_room(args.room, create=True).close()
        args.room = args.room.expanduser().resolve()

    return run_serve(args)
