"""The one reader for typed dates: the spellings it takes, day first, and those it refuses at once."""

from __future__ import annotations

import argparse
import datetime as dt
import io
from pathlib import Path

import pytest

from screener.typed_dates import DateError, in_words, read_date

MARCH_14 = dt.date(2011, 3, 14)

ACCEPTED = [
    ("2011-03-14", MARCH_14),
    ("14/03/2011", MARCH_14),
    ("14-03-2011", MARCH_14),
    ("14.03.2011", MARCH_14),
    ("14/3/2011", MARCH_14),
    ("14 March 2011", MARCH_14),
    ("14 march 2011", MARCH_14),
    ("14 Mar 2011", MARCH_14),
    ("14 Mar. 2011", MARCH_14),
    ("14th March 2011", MARCH_14),
    ("  14  March   2011 ", MARCH_14),
    ("03/04/2011", dt.date(2011, 4, 3)),  # day first, always
    ("1 Sept 2009", dt.date(2009, 9, 1)),
    ("29/02/2012", dt.date(2012, 2, 29)),
    ("31 December 2100", dt.date(2100, 12, 31)),
]

REFUSED = [
    ("31/02/2011", "not a real date: February 2011 has 28 days"),
    ("29/02/2011", "not a real date"),
    ("31 April 2011", "April 2011 has 30 days"),
    ("2011-02-30", "not a real date"),
    ("14/03/11", "write the year in full"),
    ("14 March 11", "write the year in full"),
    ("03/14/2011", "there is no month 14. Write the day first"),
    ("March 14 2011", "write the day before the month"),
    ("Mar 14, 2011", "write the day before the month"),
    ("14/03-2011", "is not a date"),
    ("2011/03/14", "is not a date"),
    ("20110314", "is not a date"),
    ("2011-W10-1", "is not a date"),
    ("14 Marchy 2011", "'marchy' is not a month"),
    ("14/00/2011", "there is no month 0"),
    ("00/03/2011", "not a real date"),
    ("14/03/1899", "out of range"),
    ("14/03/2101", "out of range"),
    ("yesterday", "is not a date"),
    ("", "is not a date"),
]


@pytest.mark.parametrize(("text", "day"), ACCEPTED)
def test_accepted_spellings_read_day_first(text: str, day: dt.date) -> None:
    assert read_date(text) == day


@pytest.mark.parametrize(("text", "why"), REFUSED)
def test_ambiguous_or_impossible_dates_are_refused_saying_why(text: str, why: str) -> None:
    with pytest.raises(DateError, match=None) as refused:
        read_date(text)
    assert why in str(refused.value)


def test_a_date_reads_back_in_words() -> None:
    assert in_words(MARCH_14) == "14 March 2011"
    assert in_words(dt.date(2024, 11, 2)) == "2 November 2024"


# --- --as-at: every command that takes a date reads it with the same reader ---------------------

CASE = Path(__file__).resolve().parent / "cases" / "scotland-labour.yaml"
# Each command that takes --as-at, and what it is run with: its output says the date back in words.
AS_AT_COMMANDS = {
    "walkthrough": ["--plain"],
    "summarise": ["summarise", str(CASE)],
    "nrm": ["nrm", str(CASE)],
}


def _run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> tuple[int, str, str]:
    from screener.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # plain mode: the end of input at once
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse refuses a flag by exiting
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def test_the_table_covers_every_command_that_takes_as_at() -> None:
    from screener.cli.parsers import build_parser, build_walkthrough_parser

    def takes_as_at(parser: argparse.ArgumentParser) -> bool:
        return any("--as-at" in action.option_strings for action in parser._actions)

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    taking = {name for name, parser in sub.choices.items() if takes_as_at(parser)}
    assert takes_as_at(build_walkthrough_parser())
    assert taking | {"walkthrough"} == set(AS_AT_COMMANDS)


@pytest.mark.parametrize("command", AS_AT_COMMANDS)
@pytest.mark.parametrize("text", ["21/11/2024", "21 Nov 2024", "21st November 2024", "2024-11-21"])
def test_as_at_takes_a_date_as_people_write_it_and_says_it_back_in_words(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str, text: str
) -> None:
    code, out, err = _run(capsys, monkeypatch, [*AS_AT_COMMANDS[command], "--as-at", text])
    assert code == 0, err
    assert "21 November 2024" in out


@pytest.mark.parametrize("command", AS_AT_COMMANDS)
@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("11/21/2024", "there is no month 21. Write the day first"),
        ("21/11/24", "write the year in full"),
        ("31/02/2024", "February 2024 has 29 days"),
        ("Nov 21 2024", "write the day before the month"),
        ("tomorrow", "is not a date"),
        ("9999-12-31", "out of range"),
    ],
)
def test_as_at_refuses_an_ambiguous_or_impossible_date_in_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str, text: str, why: str
) -> None:
    code, out, err = _run(capsys, monkeypatch, [*AS_AT_COMMANDS[command], "--as-at", text])
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "--as-at" in err and why in err
