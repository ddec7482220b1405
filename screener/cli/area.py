"""``screener area``: check, create, choose or show an area file."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from screener.cli.pack import load


def area(args: argparse.Namespace) -> int:
    from screener.area.default import ENV, config_file, default_area_path, use_area
    from screener.area.read import load_area
    from screener.area.show import template

    if args.area_command == "new":
        from screener.safewrite import write_private

        written = write_private(args.file, template(dt.date.today()))
        sys.stderr.write(f"screener: wrote {written}; fill it in, then: screener area check {written}\n")
        return 0
    if args.area_command == "show":
        path = default_area_path()
        where = f"${ENV}" if os.environ.get(ENV) else str(config_file())
        print(f"default area file: {path} (from {where})" if path else "no default area file")
        return 0
    pack = load(args.pack)
    if args.area_command == "check":
        print(load_area(args.file, pack).counts())
        return 0
    # use
    if args.none:
        use_area(None)
        print("no default area file: screenings use none unless given --area")
        return 0
    if args.file is None:
        sys.stderr.write("screener area use: give an area FILE, or --none\n")
        return 2
    area = load_area(args.file, pack)
    written = use_area(args.file)
    print(f"default area file: {args.file.resolve()} ({area.name}); recorded in {written}")
    return 0
