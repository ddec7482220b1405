"""Command line: argument parsing and exit codes. The TUI is imported only when used.

Exit codes: 0 done; 2 bad input or usage (with ``file:line: message``); 1 never
on purpose. No path through here prints a traceback for a user's mistake.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from screener import __version__
from screener.errors import InputError

COMMANDS = ("validate", "indicators", "summarise", "schema", "train", "serve")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (try '{self.prog} --help')\n")
        raise SystemExit(2)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _add_pack(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pack", type=Path, metavar="PATH", help="content pack folder (default: the shipped pack)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="screener",
        description="A signposting aid for child trafficking and guardianship in the UK. It never decides.",
    )
    parser.add_argument("--version", action="version", version=f"screener {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("validate", help="check a content pack; list every problem as file:line")
    p.add_argument("path", nargs="?", type=Path, metavar="PATH", help="pack folder (default: the shipped pack)")

    p = sub.add_parser("indicators", help="list every indicator")
    p.add_argument("--json", action="store_true", help="print a JSON array of {id, theme, title, sources}")
    _add_pack(p)

    p = sub.add_parser("summarise", help="print or export the signposting summary of a case file")
    p.add_argument("case", type=Path, metavar="CASE", help="case file (YAML or JSON)")
    p.add_argument("--format", choices=("md", "txt", "html", "json"), default="md")
    p.add_argument("--output", type=Path, metavar="PATH", help="write to this file (atomic, mode 0600)")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    p.add_argument("--as-at", type=_date, metavar="DATE", help="evaluate the rules as at this date")
    _add_pack(p)

    p = sub.add_parser("schema", help="print the JSON Schema of the case file or the summary")
    p.add_argument("which", choices=("case", "summary"))

    p = sub.add_parser("train", help="training mode with fictional scenarios")
    p.add_argument("--list", action="store_true", help="list the scenarios")
    p.add_argument("--json", action="store_true", help="with --list: print JSON")
    p.add_argument("--facilitator-pack", action="store_true", help="print the facilitator handout")
    p.add_argument("--format", choices=("md", "html"), default="md")
    p.add_argument("--output", type=Path, metavar="PATH")
    p.add_argument("--force", action="store_true")
    _add_pack(p)

    p = sub.add_parser("serve", help="serve the app to a browser on localhost (needs the 'serve' extra)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--train", action="store_true", help="serve training mode instead of the walkthrough")
    return parser


def build_walkthrough_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="screener",
        description="Walk through a case and produce a signposting summary. "
        f"Other commands: {', '.join(COMMANDS)} (screener COMMAND --help).",
    )
    parser.add_argument("--version", action="version", version=f"screener {__version__}")
    parser.add_argument("case", nargs="?", type=Path, metavar="CASE", help="open this case file")
    parser.add_argument(
        "--plain", action="store_true", help="numbered questions on standard output, for screen readers"
    )
    parser.add_argument("--as-at", type=_date, metavar="DATE", help="evaluate the rules as at this date")
    _add_pack(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in COMMANDS:
            args = build_parser().parse_args(args_list)
            return _run_command(args)
        if args_list[:1] in (["-h"], ["--help"]):
            build_walkthrough_parser().print_help()
            return 0
        return _run_walkthrough(build_walkthrough_parser().parse_args(args_list))
    except InputError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("screener: stopped\n")
        return 130
    except BrokenPipeError:
        return 0


def _pack(path: Path | None):
    from screener.content import default_pack_path, load_pack

    return load_pack(path or default_pack_path())


def _run_command(args: argparse.Namespace) -> int:
    if args.command == "validate":
        return _validate(args)
    if args.command == "indicators":
        return _indicators(args)
    if args.command == "summarise":
        return _summarise(args)
    if args.command == "schema":
        return _schema(args)
    if args.command == "train":
        from screener.training.cli import run_train

        return run_train(args)
    if args.command == "serve":
        from screener.serve import run_serve

        return run_serve(args)
    build_parser().print_help()
    return 2


def _validate(args: argparse.Namespace) -> int:
    from screener.content import default_pack_path, load_pack
    from screener.training.check import load_training

    path = args.path or default_pack_path()
    pack = load_pack(path)
    # Each scenario's answer key is checked against the engine, and the quiz's citations against the sources.
    scenarios, _quiz = load_training(pack, path)
    themes = len({pack.indicator_theme[i] for i in pack.indicators})
    services = len(pack.services())
    print(
        f"{pack.info.id} {pack.info.version}: ok: {len(pack.indicators)} indicators, {themes} themes, "
        f"{len(pack.signposts)} signposts, {services} services, {len(scenarios)} scenarios"
    )
    return 0


def _indicators(args: argparse.Namespace) -> int:
    pack = _pack(args.pack)
    if args.json:
        rows = [
            {
                "id": i.id,
                "theme": pack.indicator_theme[i.id],
                "title": i.title,
                "sources": [pack.cite(c) for c in i.sources],
            }
            for theme in pack.themes
            for i in pack.indicators_of(theme.id)
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for theme in pack.themes:
        print(f"{theme.title}")
        for indicator in pack.indicators_of(theme.id):
            print(f"  {indicator.id:<34} {indicator.title}")
    return 0


def _summarise(args: argparse.Namespace) -> int:
    from screener.case import load_case
    from screener.engine import screen
    from screener.export import write_private
    from screener.render import render

    pack = _pack(args.pack)
    case = load_case(args.case, set(pack.questions), set(pack.indicators), args.as_at)
    text = render(screen(pack, case, args.as_at), args.format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    written = write_private(args.output, text, force=args.force)
    sys.stderr.write(f"screener: wrote {written}\n")
    return 0


def _schema(args: argparse.Namespace) -> int:
    if args.which == "case":
        from screener.case import Case

        schema = Case.model_json_schema(by_alias=True)
    else:
        from pydantic import TypeAdapter

        from screener.summary import Summary

        schema = TypeAdapter(Summary).json_schema()
    print(json.dumps(schema, indent=2))
    return 0


def _run_walkthrough(args: argparse.Namespace) -> int:
    pack = _pack(args.pack)
    case = None
    if args.case is not None:
        from screener.case import load_case

        case = load_case(args.case, set(pack.questions), set(pack.indicators), args.as_at)
    if args.plain or not (sys.stdin.isatty() and sys.stdout.isatty()):
        from screener.plain import run_plain

        return run_plain(pack, case, as_at=args.as_at, case_path=args.case)
    from screener.tui.app import run_app

    return run_app(pack, case, as_at=args.as_at, case_path=args.case)
