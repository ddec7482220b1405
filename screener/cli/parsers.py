"""Every command's options: the argument parsers of ``screener COMMAND`` and of the walkthrough."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from screener import __version__
from screener.cli.helptext import COMMANDS, EXAMPLES, SUMMARIES, WALKTHROUGH_EXAMPLES
from screener.errors import InputError
from screener.render.formats import TABLE, Format, comparison_formats, described, nrm_formats
from screener.safewrite import file_path
from screener.textsafe import shown
from screener.typed_dates import EXAMPLE, DateError, read_date


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (try '{self.prog} --help')\n")
        raise SystemExit(2)


def _file_to_write(text: str) -> Path:
    try:
        return file_path(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _date(text: str) -> dt.date:
    """A date typed on the command line, read as every typed date is (day first); one line when it is not one."""
    try:
        return read_date(shown(text))
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


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


def _add_as_at(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "--as-at",
        type=_date,
        metavar="DATE",
        help=f"work the rules out as at this date, day first: {EXAMPLE}, or 2011-03-14 (default: {default})",
    )


def _add_output(
    parser: argparse.ArgumentParser,
    format_help: str,
    output_help: str,
    default: str | None = "md",
    formats: tuple[Format, ...] = TABLE,
) -> None:
    """--format, --output and --force: what a command writes, and where."""
    parser.add_argument("--format", choices=[f.key for f in formats], default=default, help=format_help)
    parser.add_argument("--output", type=_file_to_write, metavar="PATH", help=output_help)
    parser.add_argument(
        "--force", action="store_true", help="replace the --output file if it exists (default: never replace)"
    )


def _add_rounds(parser: argparse.ArgumentParser, *, served: bool = False) -> None:
    """Training rounds' options: in the terminal (``train``), or in browser tabs (``serve --train``).

    Both take --guided and --room; the terminal also takes --plain and --debrief.
    """
    first = "with --train: " if served else ""
    parser.add_argument(
        "--guided",
        action="store_true",
        help=f"{first}the scenario's answers filled in (default: practice, answer yourself)",
    )
    if not served:
        _add_plain(parser)
    parser.add_argument(
        "--room",
        type=Path,
        metavar="FILE",
        help=f"{first}record each finished round, anonymously, in this room file (default: record nothing)",
    )
    if not served:
        parser.add_argument(
            "--debrief",
            type=Path,
            metavar="FILE",
            help="the room's debrief: live on screen, or exported with --format/--output (default: off)",
        )


def _add_plain(parser: argparse.ArgumentParser, more: str = "") -> None:
    parser.add_argument(
        "--plain",
        action="store_true",
        help=f"numbered questions on standard output, for screen readers (default: {more or 'off'})",
    )


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


# One parser a process: parsing does not change it, and building it costs about 7 ms (argparse looks
# for translations at every string it formats), which serve's warm parent then spends once for every tab.
@functools.cache
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

    p = _command(
        sub,
        "test",
        "Run rule cases against the pack: each case gives a case file's parts, a screening date and the "
        "outcomes expected (the format of a scenario's expect:). Every expected outcome the engine does "
        "not give is printed as file:line: message. Exit code 0 when every case holds, 1 when one fails, "
        "2 for a file that cannot be read as rule cases.",
    )
    p.add_argument(
        "path", type=Path, metavar="PATH", help="a rule file, or a folder whose .yaml files are all rule files"
    )
    _add_pack(p)

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
    _add_output(
        p,
        f"{described()} (default: md)",
        "write the summary to this file, whole, readable by you only (default: standard output)",
    )
    _add_as_at(p, "the case's screening date")
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

    p = _command(
        sub,
        "nrm",
        "Prepare the NRM referral from a case file: the Home Office form's sections in its order, filled in "
        "where the case holds the answer, with space to write the rest, and the Toolkit's quality checklist. "
        "The referral itself is still made in the online form; children's services and guardianship "
        "referrals are separate steps.",
    )
    p.add_argument("case", type=Path, metavar="CASE", help="case file to read (YAML or JSON)")
    _add_output(
        p,
        "md Markdown, txt plain text, html a page to print, json the same as data, for other tools, "
        "docx Word, pdf tagged PDF (needs pip install 'screener[pdf]') (default: md)",
        "write the preparation to this file, whole, readable by you only (default: standard output)",
        formats=nrm_formats(),
    )
    _add_as_at(p, "the case's screening date")
    _add_pack(p)
    p.add_argument(
        "--strict-privacy",
        action="store_true",
        help="refuse (exit 2) a case whose reference, notes or record look like they hold a name or other "
        "identifier (default: warn on standard error and go on)",
    )

    p = _command(sub, "compare")
    p.add_argument("old", type=Path, metavar="OLD", help="the earlier case file")
    p.add_argument("new", type=Path, metavar="NEW", help="the later case file")
    _add_output(
        p,
        f"{described(comparison_formats())} (default: md)",
        "write the comparison to this file, readable by you only (default: standard output)",
        formats=comparison_formats(),
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
        "file",
        nargs="?",
        type=_file_to_write,
        default=Path("area.yaml"),
        metavar="FILE",
        help="where (default: area.yaml)",
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
    _add_output(
        p,
        "with --facilitator-pack: md, html, docx or pdf; with --debrief: md, txt, html, json, docx or pdf "
        "(default: md)",
        "write the handout or debrief here, readable by you only (default: standard output)",
        default=None,
    )
    _add_rounds(p)
    _add_pack(p)

    p = _command(sub, "serve")
    p.add_argument("--port", type=int, default=8000, help="port on localhost to listen on (default: 8000)")
    p.add_argument(
        "--train", action="store_true", help="serve training mode instead of the walkthrough (default: walkthrough)"
    )
    _add_rounds(p, served=True)

    p = _command(sub, "room")
    p.add_argument("room", type=Path, metavar="ROOM.sqlite", help="the room file: each finished round, anonymously")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    p.add_argument(
        "--listen",
        metavar="ADDRESS",
        default=None,
        help="an address of this machine to open the room on, for trainees' own devices (default: this machine only)",
    )
    _add_pack(p)

    _command(sub, "doctor")

    p = _command(sub, "help")
    p.add_argument("topic", nargs="?", metavar="COMMAND", help="the command to explain (default: Screener itself)")
    return parser


@functools.cache
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
    _add_plain(
        parser,
        "the full-screen app; plain mode is also used when input or output is not a terminal",
    )
    _add_as_at(parser, "today, or an opened case's screening date")
    _add_pack(parser)
    _add_area(parser)
    return parser
