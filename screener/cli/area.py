"""``screener area``: check, create, choose or show an area file."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from screener.cli.pack import load


def area(args: argparse.Namespace) -> int:
    from screener import area as areas

    if args.area_command == "new":
        from screener.safewrite import write_private

        written = write_private(args.file, areas.template(dt.date.today()))
        sys.stderr.write(f"screener: wrote {written}; fill it in, then: screener area check {written}\n")
        return 0
    if args.area_command == "show":
        path = areas.default_area_path()
        where = f"${areas.ENV}" if os.environ.get(areas.ENV) else str(areas.config_file())
        print(f"default area file: {path} (from {where})" if path else "no default area file")
        return 0
    pack = load(args.pack)
    if args.area_command == "check":
        print(areas.load_area(args.file, pack).counts())
        return 0
    # use
    if args.none:
        areas.use_area(None)
        print("no default area file: screenings use none unless given --area")
        return 0
    if args.file is None:
        sys.stderr.write("screener area use: give an area FILE, or --none\n")
        return 2
    area = areas.load_area(args.file, pack)
    written = areas.use_area(args.file)
    print(f"default area file: {args.file.resolve()} ({area.name}); recorded in {written}")
    return 0
