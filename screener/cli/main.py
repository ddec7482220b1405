"""``screener``'s entry point: parse, dispatch to the command's module, turn every user mistake into exit 2."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Sequence

from screener.cli.helptext import COMMANDS, mistyped_command, unknown_command
from screener.cli.parsers import build_parser, build_walkthrough_parser
from screener.cli.streams import guarded
from screener.errors import InputError, reason
from screener.textsafe import shown

# A flood of problems (a pack of 60,000 unknown ids) is cut to a readable number, with a count of the rest.
MAX_PROBLEMS = 50


def main(argv: Sequence[str] | None = None) -> int:
    # Everything printed, whoever prints it, goes through one sanitiser (screener.cli.streams).
    with guarded():
        try:
            code = _main(argv)
            sys.stdout.flush()
            return code
        except BrokenPipeError:
            _silence_stdout()
            return 0
        except OSError as exc:
            # Every user path's problem is an InputError by now: what is left is standard
            # output itself (a full disk, `> /dev/full`, closed with `>&-`).
            _silence_stdout()
            sys.stderr.write(f"screener: could not write to standard output: {reason(exc)}\n")
            return 2


def _silence_stdout() -> None:
    # What is still buffered would fail again as Python exits, with a traceback-like warning.
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in COMMANDS:
            args = build_parser().parse_args(args_list)
            return _run_command(args)
        if args_list[:1] in (["-h"], ["--help"]):
            build_walkthrough_parser().print_help()
            return 0
        # Checked before parsing, so that a mistyped command's own options are not blamed instead.
        if args_list and (meant := mistyped_command(args_list[0])):
            return unknown_command(args_list[0], meant)
        args = build_walkthrough_parser().parse_args(args_list)
        if args.case is not None and (meant := mistyped_command(args.case)):
            return unknown_command(args.case, meant)
        from screener.cli.cases import run_walkthrough

        return run_walkthrough(args)
    except InputError as exc:
        for problem in exc.problems[:MAX_PROBLEMS]:
            sys.stderr.write(f"{problem}\n")
        if len(exc.problems) > MAX_PROBLEMS:
            sys.stderr.write(f"screener: … and {len(exc.problems) - MAX_PROBLEMS} more problems\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("screener: stopped\n")
        return 130


def _run_command(args: argparse.Namespace) -> int:
    command = args.command
    if command in ("validate", "test", "indicators", "schema"):
        from screener.cli import pack

        commands = {"validate": pack.validate, "test": pack.test, "indicators": pack.indicators, "schema": pack.schema}
        return commands[command](args)
    if command in ("summarise", "compare", "nrm"):
        from screener.cli import cases

        return {"summarise": cases.summarise, "compare": cases.compare, "nrm": cases.nrm}[command](args)
    if command == "area":
        from screener.cli.area import area

        return area(args)
    if command == "train":
        from screener.cli.train import run_train

        return run_train(args)
    if command == "room":
        from screener.cli.room import room

        return room(args)
    if command == "serve":
        from screener.cli.serve import serve

        return serve(args)
    if command == "doctor":
        from screener.cli.doctor import doctor

        return doctor()
    if command == "help":
        return _help(args.topic)
    build_parser().print_help()
    return 2


def _help(topic: str | None) -> int:
    if topic is None:
        build_walkthrough_parser().print_help()
        return 0
    if topic not in COMMANDS:
        sys.stderr.write(f"screener: no command '{shown(topic)}'. Commands: {', '.join(COMMANDS)}\n")
        return 2
    build_parser().parse_args([topic, "--help"])
    return 0
