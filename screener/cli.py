"""Command line: argument parsing and exit codes. The TUI is imported only when used.

Exit codes: 0 done; 2 bad input or usage (with ``file:line: message``); 1 never
on purpose. No path through here prints a traceback for a user's mistake.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import difflib
import io
import json
import os
import re
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from screener import __version__
from screener.errors import InputError
from screener.safewrite import reason
from screener.terminal import can_run_app
from screener.textsafe import clean_line, json_safe, printable, shown

COMMANDS = ("validate", "indicators", "summarise", "schema", "train", "serve", "area", "compare", "help")
# A first word with one of these endings, or with a folder in it, is a case path, never a command.
CASE_SUFFIXES = (".yaml", ".yml", ".json")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A flood of problems (a pack of 60,000 unknown ids) is cut to a readable number, with a count of the rest.
MAX_PROBLEMS = 50


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (try '{self.prog} --help')\n")
        raise SystemExit(2)


def _date(text: str) -> dt.date:
    # Only YYYY-MM-DD: Python's fromisoformat would also take 20241120 or 2024-W47-3.
    try:
        day = dt.date.fromisoformat(text) if _ISO_DATE.fullmatch(text) else None
    except ValueError:
        day = None
    if day is None:
        raise argparse.ArgumentTypeError(f"'{shown(text)}' is not a date (YYYY-MM-DD)")
    from screener.casefile.model import MAX_YEAR, MIN_YEAR

    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(f"{text} is out of range: use a year from {MIN_YEAR} to {MAX_YEAR}")
    return day


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


def _unknown_command(word: str, meant: str) -> int:
    sys.stderr.write(
        f"screener: '{shown(word)}' is not a command; did you mean '{meant}'? "
        f"Commands: {', '.join(COMMANDS)} (try 'screener --help')\n"
    )
    return 2


def _add_pack(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pack", type=Path, metavar="PATH", help="content pack folder to use (default: the pack shipped with Screener)"
    )


def _add_area(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--area",
        type=Path,
        metavar="FILE",
        help="area file of local contacts and facts (default: this machine's, if one is set with 'area use')",
    )
    parser.add_argument(
        "--no-area", action="store_true", help="use no area file, not even the machine's default (default: off)"
    )


# One line on what each command does, and one or two real examples of it, for `screener help`.
SUMMARIES: dict[str, str] = {
    "validate": "check a content pack and list every problem as file:line: message",
    "indicators": "list every indicator in the pack, theme by theme",
    "summarise": "print or write the signposting summary of a case file",
    "schema": "print the JSON Schema of a case file or of the summary",
    "train": "training mode: fictional scenarios, predictions marked against the rules",
    "area": "check, create or choose an area file (local contacts and facts)",
    "compare": "what changed between two screenings of one case",
    "serve": "serve the walkthrough to a browser on this computer only (needs the 'serve' extra)",
    "help": "explain Screener, or one command: screener help COMMAND",
}
EXAMPLES: dict[str, tuple[str, ...]] = {
    "validate": ("screener validate", "screener validate path/to/my-pack"),
    "indicators": ("screener indicators", "screener indicators --json > indicators.json"),
    "summarise": (
        "screener summarise case.yaml",
        "screener summarise case.yaml --format html --output summary.html --as-at 2024-11-20",
    ),
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
    "serve": ("screener serve", "screener serve --train --port 8080"),
    "help": ("screener help", "screener help summarise"),
}
WALKTHROUGH_EXAMPLES = ("screener", "screener case.yaml --plain", "screener --as-at 2024-11-20")


def _wrapped(text: str) -> str:
    # The help is laid out raw (so the examples keep their lines): the prose is wrapped here.
    return textwrap.fill(text, width=78)


def _examples(lines: Sequence[str]) -> str:
    return "Examples:\n" + "\n".join(f"  {line}" for line in lines)


def _command(sub: argparse._SubParsersAction, name: str, description: str = "") -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=SUMMARIES[name],
        description=_wrapped(description or SUMMARIES[name][:1].upper() + SUMMARIES[name][1:] + "."),
        epilog=_examples(EXAMPLES[name]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="screener",
        description="A signposting aid for child trafficking and guardianship in the UK. It never decides.",
        epilog=_examples(WALKTHROUGH_EXAMPLES + EXAMPLES["summarise"][:1]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"screener {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = _command(sub, "validate")
    p.add_argument(
        "path", nargs="?", type=Path, metavar="PATH", help="pack folder to check (default: the shipped pack)"
    )

    p = _command(sub, "indicators")
    p.add_argument(
        "--json",
        action="store_true",
        help="print a JSON array of {id, theme, title, sources} (default: a plain list)",
    )
    _add_pack(p)

    p = _command(
        sub,
        "summarise",
        "Print the signposting summary of a case file, or write it to a file. It points to services and "
        "next steps; it decides nothing.",
    )
    p.add_argument("case", type=Path, metavar="CASE", help="case file to read (YAML or JSON)")
    p.add_argument(
        "--format",
        choices=("md", "txt", "html", "json"),
        default="md",
        help="md Markdown, txt plain text, html a web page, json the contract format (default: md)",
    )
    p.add_argument(
        "--output",
        type=Path,
        metavar="PATH",
        help="write the summary to this file, whole, readable by you only (default: standard output)",
    )
    p.add_argument(
        "--force", action="store_true", help="replace the --output file if it exists (default: never replace)"
    )
    p.add_argument(
        "--as-at",
        type=_date,
        metavar="DATE",
        help="work the rules out as at this date, YYYY-MM-DD (default: the case's screening date)",
    )
    _add_pack(p)
    _add_area(p)
    p.add_argument(
        "--strict-privacy",
        action="store_true",
        help="refuse (exit 2) a case whose reference or notes look like they hold a name or other "
        "identifier (default: warn on standard error and go on)",
    )
    p.add_argument(
        "--age-only",
        action="store_true",
        help="show the child's age in whole years, never the date of birth: key dates worked out from the "
        "birthday (the 18th birthday and dates counted from it) are given to the month only "
        "(default: the date of birth and exact dates when given)",
    )

    p = _command(sub, "compare")
    p.add_argument("old", type=Path, metavar="OLD", help="the earlier case file")
    p.add_argument("new", type=Path, metavar="NEW", help="the later case file")
    p.add_argument(
        "--format",
        choices=("md", "txt", "html", "json"),
        default="md",
        help="md Markdown, txt plain text, html a web page, json (default: md)",
    )
    p.add_argument(
        "--output",
        type=Path,
        metavar="PATH",
        help="write the comparison to this file, readable by you only (default: standard output)",
    )
    p.add_argument(
        "--force", action="store_true", help="replace the --output file if it exists (default: never replace)"
    )
    _add_pack(p)
    _add_area(p)

    p = _command(
        sub,
        "area",
        "Area files add an area's own contacts, local notes and settled facts to the national pack.",
    )
    area_sub = p.add_subparsers(dest="area_command", metavar="ACTION", parser_class=_Parser, required=True)
    q = area_sub.add_parser("check", help="check an area file; print one line of counts")
    q.add_argument("file", type=Path, metavar="FILE", help="the area file to check")
    _add_pack(q)
    q = area_sub.add_parser("new", help="write a commented template (mode 0600, never over a file)")
    q.add_argument(
        "file", nargs="?", type=Path, default=Path("area.yaml"), metavar="FILE", help="where (default: area.yaml)"
    )
    q = area_sub.add_parser("use", help="make FILE this machine's default area file (or --none to forget it)")
    q.add_argument("file", nargs="?", type=Path, metavar="FILE", help="the area file (default: none given)")
    q.add_argument("--none", action="store_true", help="forget the default: screen with no area file (default: off)")
    _add_pack(q)
    q = area_sub.add_parser("show", help="say which area file is this machine's default")

    p = _command(sub, "schema")
    p.add_argument("which", choices=("case", "summary"), help="case: the case file; summary: the JSON summary")

    p = _command(
        sub,
        "train",
        "With no option: training mode in the terminal (choose a fictional scenario, predict the "
        "outcomes, see them marked against the rules).",
    )
    p.add_argument("--list", action="store_true", help="list the scenarios and stop (default: start training mode)")
    p.add_argument("--json", action="store_true", help="with --list: print JSON (default: a plain list)")
    p.add_argument(
        "--facilitator-pack",
        action="store_true",
        help="print the facilitator handout: every scenario with its answer key (default: off)",
    )
    p.add_argument(
        "--format",
        choices=("md", "txt", "html", "json"),
        default=None,
        help="with --facilitator-pack: md or html; with --debrief: md, txt, html or json (default: md)",
    )
    p.add_argument(
        "--output",
        type=Path,
        metavar="PATH",
        help="write the handout or debrief here, readable by you only (default: standard output)",
    )
    p.add_argument(
        "--force", action="store_true", help="replace the --output file if it exists (default: never replace)"
    )
    p.add_argument(
        "--guided", action="store_true", help="the scenario's answers filled in (default: practice, answer yourself)"
    )
    p.add_argument(
        "--plain", action="store_true", help="numbered questions on standard output, for screen readers (default: off)"
    )
    p.add_argument(
        "--room",
        type=Path,
        metavar="FILE",
        help="record each finished round, anonymously, in this room file (default: record nothing)",
    )
    p.add_argument(
        "--debrief",
        type=Path,
        metavar="FILE",
        help="the room's debrief: live on screen, or exported with --format/--output (default: off)",
    )
    _add_pack(p)

    p = _command(sub, "serve")
    p.add_argument("--port", type=int, default=8000, help="port on localhost to listen on (default: 8000)")
    p.add_argument(
        "--train", action="store_true", help="serve training mode instead of the walkthrough (default: walkthrough)"
    )
    p.add_argument(
        "--guided", action="store_true", help="with --train: guided rounds instead of practice (default: practice)"
    )
    p.add_argument(
        "--room",
        type=Path,
        metavar="FILE",
        help="with --train: record every tab's rounds in this room file (default: record nothing)",
    )

    p = _command(sub, "help")
    p.add_argument("topic", nargs="?", metavar="COMMAND", help="the command to explain (default: Screener itself)")
    return parser


def build_walkthrough_parser() -> argparse.ArgumentParser:
    commands = "\n".join(f"  {name:<11} {SUMMARIES[name]}" for name in COMMANDS)
    parser = _Parser(
        prog="screener",
        usage="screener [CASE] [--plain] [--as-at DATE] [--pack PATH]\n       screener COMMAND ...",
        description=_wrapped(
            "Walk through a case and produce a signposting summary. It points to services and "
            "next steps; it decides nothing."
        ),
        epilog=f"Commands (screener help COMMAND explains one):\n{commands}\n\n{_examples(WALKTHROUGH_EXAMPLES)}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"screener {__version__}")
    # Kept as typed (a Path would drop a leading ./), so a mistyped command can be told from a path.
    parser.add_argument(
        "case", nargs="?", metavar="CASE", help="open this case file, its answers filled in (default: a new case)"
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="numbered questions on standard output, for screen readers (default: the full-screen app; "
        "plain mode is also used when input or output is not a terminal)",
    )
    parser.add_argument(
        "--as-at",
        type=_date,
        metavar="DATE",
        help="work the rules out as at this date, YYYY-MM-DD (default: today, or an opened case's screening date)",
    )
    _add_pack(parser)
    _add_area(parser)
    return parser


def _help(topic: str | None) -> int:
    if topic is None:
        build_walkthrough_parser().print_help()
        return 0
    if topic not in COMMANDS:
        sys.stderr.write(f"screener: no command '{shown(topic)}'. Commands: {', '.join(COMMANDS)}\n")
        return 2
    build_parser().parse_args([topic, "--help"])
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as exc:
        # Every user path's problem is an InputError by now: what is left is standard
        # output itself (a full disk, `> /dev/full`).
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
            return _unknown_command(args_list[0], meant)
        args = build_walkthrough_parser().parse_args(args_list)
        if args.case is not None and (meant := mistyped_command(args.case)):
            return _unknown_command(args.case, meant)
        return _run_walkthrough(args)
    except InputError as exc:
        for problem in exc.problems[:MAX_PROBLEMS]:
            sys.stderr.write(f"{problem}\n")
        if len(exc.problems) > MAX_PROBLEMS:
            sys.stderr.write(f"screener: … and {len(exc.problems) - MAX_PROBLEMS} more problems\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("screener: stopped\n")
        return 130


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
    if args.command == "area":
        return _area(args)
    if args.command == "compare":
        return _compare(args)
    if args.command == "train":
        from screener.training.cli import run_train

        return run_train(args)
    if args.command == "serve":
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
    if args.command == "help":
        return _help(args.topic)
    build_parser().print_help()
    return 2


def _validate(args: argparse.Namespace) -> int:
    from screener.content import default_pack_path, load_pack
    from screener.training.check import load_training

    path = args.path or default_pack_path()
    pack = load_pack(path, use_record=False)  # validate always runs every check
    # Each scenario's answer key is checked against the engine, and the quiz's citations against the sources.
    scenarios, _quiz = load_training(pack, path)
    themes = len({pack.indicator_theme[i] for i in pack.indicators})
    services = len(pack.services())
    print(
        f"{pack.info.id} {pack.info.version}: ok: {len(pack.indicators)} indicators, {themes} themes, "
        f"{len(pack.signposts)} signposts, {services} services, {len(scenarios)} scenarios; digest {pack.digest}"
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
                "kind": i.kind,
                "sources": [pack.cite(c) for c in i.sources],
            }
            for theme in pack.themes
            for i in pack.indicators_of(theme.id)
        ]
        print(json_safe(json.dumps(rows, indent=2, ensure_ascii=False)))
        return 0
    from screener.content.models import INDICATOR_KIND_LABELS

    width = max(len(i) for i in pack.indicators)
    for theme in pack.themes:
        # Checked when the pack was read; cleaned again, since nothing printed may drive the terminal.
        print(clean_line(theme.title))
        for indicator in pack.indicators_of(theme.id):
            kind = INDICATOR_KIND_LABELS[indicator.kind].lower()
            print(f"  {clean_line(indicator.id):<{width}}  {kind:<11}  {clean_line(indicator.title)}")
    return 0


def _summarise(args: argparse.Namespace) -> int:
    from screener.area import resolve
    from screener.casefile.read import load_case
    from screener.engine import screen
    from screener.render import render
    from screener.safewrite import write_private

    pack = _pack(args.pack)
    case = load_case(args.case, set(pack.questions), set(pack.indicators), args.as_at)
    if not _privacy_ok(args, case, pack):
        return 2
    area = resolve(args.area, args.no_area, pack, case.jurisdiction)
    summary = screen(pack, case, args.as_at, area)
    if args.age_only:
        from screener.privacy import age_only

        summary = age_only(summary, case)
    text = render(summary, args.format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    written = write_private(args.output, text, force=args.force)
    sys.stderr.write(f"screener: wrote {printable(written)}\n")
    return 0


def _privacy_ok(args: argparse.Namespace, case: object, pack: object) -> bool:
    """Warn on stderr (one line) when the case's reference or notes look like they hold personal details."""
    from screener.privacy import check_case, warning

    findings = check_case(case, pack)  # type: ignore[arg-type]
    if not findings:
        return True
    if args.strict_privacy:
        sys.stderr.write(f"{args.case}: {warning(findings, 'the case')} (refused: --strict-privacy)\n")
        return False
    sys.stderr.write(f"screener: warning: {args.case}: {warning(findings, 'the case')}\n")
    return True


def _compare(args: argparse.Namespace) -> int:
    from screener.area import resolve
    from screener.casefile.read import load_case
    from screener.compare import check_pair, compare, render_comparison
    from screener.engine import screen
    from screener.errors import InputError as _InputError
    from screener.safewrite import write_private

    pack = _pack(args.pack)
    cases = []
    problems = []
    for path in (args.old, args.new):
        try:
            cases.append(load_case(path, set(pack.questions), set(pack.indicators)))
        except _InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise _InputError(problems)
    old, new = cases
    check_pair(args.old, old, args.new, new)
    area = resolve(args.area, args.no_area, pack, new.jurisdiction)
    result = compare(args.old, old, screen(pack, old, None, area), args.new, new, screen(pack, new, None, area))
    text = render_comparison(result, args.format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    written = write_private(args.output, text, force=args.force)
    sys.stderr.write(f"screener: wrote {written}\n")
    return 0


def _area(args: argparse.Namespace) -> int:
    from screener import area as areas

    if args.area_command == "new":
        from screener.safewrite import write_private

        written = write_private(args.file, areas.template(dt.date.today()))
        sys.stderr.write(f"screener: wrote {written}; fill it in, then: screener area check {written}\n")
        return 0
    if args.area_command == "show":
        path = areas.default_area_path()
        where = f"${areas.ENV}" if areas.os.environ.get(areas.ENV) else str(areas.config_file())
        print(f"default area file: {path} (from {where})" if path else "no default area file")
        return 0
    pack = _pack(args.pack)
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


def _schema(args: argparse.Namespace) -> int:
    if args.which == "case":
        from screener.casefile.model import Case

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
    case_path = Path(args.case) if args.case is not None else None
    if case_path is not None:
        from screener.casefile.read import load_case

        case = load_case(case_path, set(pack.questions), set(pack.indicators), args.as_at)
    from screener.area import resolve

    area = resolve(args.area, args.no_area, pack, case.jurisdiction if case is not None else None)
    if args.plain or not can_run_app():
        from screener.plain import run_plain

        return run_plain(pack, case, as_at=args.as_at, case_path=case_path, area=area)
    from screener.tui.app import run_app

    return run_app(pack, case, as_at=args.as_at, case_path=case_path, area=area)
