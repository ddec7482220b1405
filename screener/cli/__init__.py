"""Command line: argument parsing and exit codes. The TUI is imported only when used.

Exit codes: 0 done; 2 bad input or usage (with ``file:line: message``); 1 only
from ``screener test``, when a rule case does not hold. No path through here
prints a traceback for a user's mistake.

``main`` parses and dispatches; ``parsers`` holds every command's options and
``helptext`` their one-line summaries and examples. Each command group runs in a
module of its own (``pack``, ``cases``, ``area``, ``serve``, ``train``),
imported only when its command is given.
"""

from screener.cli.helptext import COMMANDS, EXAMPLES
from screener.cli.main import main
from screener.cli.parsers import build_parser, build_walkthrough_parser

__all__ = ["COMMANDS", "EXAMPLES", "build_parser", "build_walkthrough_parser", "main"]
