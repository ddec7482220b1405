"""``screener serve``: the app in a browser, for a training room, on this machine only.

textual-serve starts one app process per browser tab and has no login, so it is
bound to localhost and never to a public address. It is an optional extra.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

# textual-serve's page asks Google for a web font; ours is the same page without it.
TEMPLATES = Path(__file__).resolve().parent / "serve_templates"


def serve_command(mode: str) -> str:
    """The shell command each browser tab runs: this Python, this package."""
    return f"{shlex.quote(sys.executable)} -m screener{' train' if mode == 'train' else ''}"


def run_serve(args: argparse.Namespace) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        sys.stderr.write("screener: serving in a browser needs the extra: pip install 'screener[serve]'\n")
        return 2
    if not 1024 <= args.port <= 65535:
        sys.stderr.write(f"screener: --port must be between 1024 and 65535, not {args.port}\n")
        return 2
    mode = "train" if getattr(args, "train", False) else "walkthrough"
    sys.stderr.write(
        f"screener: serving the {mode} on http://localhost:{args.port} (this machine only); ctrl+c stops it\n"
    )
    Server(
        serve_command(mode),
        host="localhost",
        port=args.port,
        title="Screener",
        templates_path=TEMPLATES,
    ).serve()
    return 0
