"""Command-line help that teaches: every command and option described, with its default, and examples."""

from __future__ import annotations

import argparse

import pytest

from screener.cli import COMMANDS, EXAMPLES, build_parser, build_walkthrough_parser, main


def _sub(name: str) -> argparse.ArgumentParser:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices[name]  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_says_what_it_does_and_its_default(name: str) -> None:
    for action in _sub(name)._actions:
        if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
            continue  # a command's actions (area check, new, …) are listed with their own help
        assert action.help, (name, action.dest)
        if action.option_strings or action.nargs == "?":
            assert "(default: " in action.help, (name, action.dest)


def test_the_walkthrough_options_say_their_defaults() -> None:
    for action in build_walkthrough_parser()._actions:
        if not isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
            assert action.help and "(default: " in action.help, action.dest


@pytest.mark.parametrize("name", COMMANDS)
def test_help_command_explains_each_command_ending_with_examples(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["help", name])
    assert exit_.value.code == 0
    out = capsys.readouterr().out.rstrip()
    assert out.startswith(f"usage: screener {name}")
    examples = out.rsplit("Examples:\n", 1)[1].splitlines()
    assert 1 <= len(examples) <= 2
    assert [line.strip() for line in examples] == list(EXAMPLES[name])
    assert all(line.strip().startswith(f"screener {name}") for line in examples)


def test_help_alone_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["help"]) == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert f"\n  {name} " in out
    assert out.rstrip().rsplit("Examples:\n", 1)[1].startswith("  screener")


def test_help_for_no_such_command_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["help", "sumarise"]) == 2
    assert "no command 'sumarise'" in capsys.readouterr().err
