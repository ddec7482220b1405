"""``screener room``: the training room in web pages (``screener.web``)."""

from __future__ import annotations

import argparse
import ipaddress
import sys


def room(args: argparse.Namespace) -> int:
    try:
        import aiohttp  # noqa: F401
        import segno  # noqa: F401
    except ImportError:
        sys.stderr.write("screener: the training room needs the extra: pip install 'screener[serve]'\n")
        return 2
    from screener.serve_guard import port_problem

    if (problem := port_problem(args.port)) is not None:
        sys.stderr.write(f"screener: {problem}\n")
        return 2
    if args.listen is not None:
        try:
            ipaddress.ip_address(args.listen)
        except ValueError:
            sys.stderr.write("screener: --listen takes an address of this machine, such as 192.168.1.20\n")
            return 2
    from screener.content import default_pack_path, load_pack
    from screener.training import load_scenarios
    from screener.training.room import open_room
    from screener.web.app import new_room, run_room

    root = getattr(args, "pack", None) or default_pack_path()
    pack = load_pack(root)
    open_room(args.room, create=True).close()
    path = args.room.expanduser().resolve()
    return run_room(new_room(pack, load_scenarios(pack, root), path, args.port, args.listen), args.listen)
