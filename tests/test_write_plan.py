"""The one write decision every save and export goes through (``screener.writing.plan``)."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from screener.content import Pack
from screener.errors import InputError
from screener.privacy import Finding
from screener.render.formats import (
    BY_KEY,
    FORMATS,
    TABLE,
    comparison_formats,
    described,
    format_of,
    media_type,
)
from screener.writing.plan import Ask, Go, Refused, plan_write, refuse_unasked, write

FOUND = (Finding("reference", "an e-mail address", "a@b.example"),)


def test_a_new_file_goes_without_a_question(tmp_path: Path) -> None:
    target = tmp_path / "new.md"
    assert plan_write(target) == Go(target, replace=False)


def test_an_existing_file_is_asked_about_and_kept_unless_yes(tmp_path: Path) -> None:
    target = tmp_path / "old.md"
    target.write_text("old")
    plan = plan_write(target)
    assert isinstance(plan, Ask) and plan.question == "replace" and plan.path == target
    assert plan.yes() == Go(target, replace=True)
    assert target.read_text() == "old"  # planning writes nothing


def test_the_callers_own_file_is_replaced_without_asking(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("before")
    assert plan_write(target, ours=True) == Go(target, replace=True)


def test_a_target_that_cannot_be_written_is_refused_before_any_question(tmp_path: Path) -> None:
    plan = plan_write(tmp_path, go_on=True)
    assert isinstance(plan, Refused) and "folder" in plan.message()
    missing = plan_write(tmp_path / "no-such-folder" / "x.md")
    assert isinstance(missing, Refused) and "does not exist" in missing.message()


def test_the_privacy_question_comes_first_and_then_the_replace_question(tmp_path: Path) -> None:
    target = tmp_path / "old.md"
    target.write_text("old")
    first = plan_write(target, findings=FOUND)
    assert isinstance(first, Ask) and first.question == "privacy" and first.findings == FOUND
    second = first.yes()
    assert isinstance(second, Ask) and second.question == "replace"
    assert second.yes() == Go(target, replace=True)
    # Even a target that cannot be written waits until the privacy question is answered.
    assert isinstance(plan_write(tmp_path, findings=FOUND), Ask)


def test_with_no_path_yet_the_plan_says_go_on_and_ask_for_the_name() -> None:
    assert plan_write(None) == Go(None)
    asked = plan_write(None, findings=FOUND)
    assert isinstance(asked, Ask) and asked.yes() == Go(None)


def test_a_planned_write_is_whole_and_private_text_or_bytes(tmp_path: Path) -> None:
    text, data = tmp_path / "a.md", tmp_path / "a.bin"
    assert write(Go(text), "one") == text
    assert write(Go(data), b"\x00\xffbytes") == data
    assert text.read_text() == "one" and data.read_bytes() == b"\x00\xffbytes"
    assert stat.S_IMODE(text.stat().st_mode) == stat.S_IMODE(data.stat().st_mode) == 0o600


def test_a_file_that_appears_after_the_plan_is_still_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "late.md"
    plan = plan_write(target)
    assert isinstance(plan, Go)
    target.write_text("someone else's")
    result = write(plan, "mine")
    assert isinstance(result, Refused) and "already exists" in result.message()
    assert target.read_text() == "someone else's"


def test_the_command_line_refuses_what_it_cannot_ask(tmp_path: Path) -> None:
    target = tmp_path / "old.md"
    target.write_text("old")
    with pytest.raises(InputError, match="already exists"):
        refuse_unasked(plan_write(target))
    assert refuse_unasked(plan_write(target, replace=True)) == Go(target, replace=True)
    with pytest.raises(InputError, match="folder"):
        refuse_unasked(plan_write(tmp_path))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_pipe_is_refused_not_asked_about(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    plan = plan_write(pipe, replace=True)
    assert isinstance(plan, Refused) and "pipe" in plan.message()


# --- the table of formats ------------------------------------------------------------


def test_the_format_table_names_every_format_once() -> None:
    assert len(set(FORMATS)) == len(FORMATS)
    assert len({f.extension for f in TABLE}) == len(TABLE)
    assert all(f.extension.startswith(".") and f.media_type for f in TABLE)
    assert BY_KEY["html"].label == "HTML (.html): opens in a browser"


def test_a_file_ending_chooses_a_format_and_a_media_type() -> None:
    assert [format_of(Path(n)).key for n in ("a.md", "a.TXT", "a.htm", "a.json", "a.yaml", "a")] == [
        "md",
        "txt",
        "html",
        "json",
        "md",
        "md",
    ]
    assert [media_type(n) for n in ("a.md", "a.HTML", "case.yaml", "a.unknown")] == [
        "text/markdown",
        "text/html",
        "application/yaml",
        "text/plain",
    ]


def test_the_comparison_is_offered_in_the_formats_it_can_be_written_in() -> None:
    assert all(f.comparison for f in comparison_formats())
    assert described(comparison_formats()).startswith("md Markdown, txt plain text")


# --- a binary format (Word and PDF rows will be): rendered as bytes, written as they are --------


def test_a_binary_row_renders_bytes_and_every_writer_takes_them(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    import sys
    import types

    from screener import render
    from screener.cli.output import emit
    from screener.render import formats
    from screener.walkthrough.session import Session

    module = types.ModuleType("screener.render.fakebinary")
    module.render = lambda summary: b"\x00BIN" + summary.jurisdiction.encode()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "screener.render.fakebinary", module)
    row = formats.Format("bin", "Binary", ".bin", "application/octet-stream", "fakebinary", binary=True)
    monkeypatch.setitem(formats.BY_KEY, "bin", row)
    monkeypatch.setitem(render.BY_KEY, "bin", row)

    session = Session.open(pack, None, as_at=dt.date(2024, 11, 20))
    session.record(session.flow.jurisdiction_question(), "scotland")
    data = session.rendered("bin")
    assert isinstance(data, bytes) and data.startswith(b"\x00BIN")
    with pytest.raises(ValueError, match="binary"):
        render.render(session.summary(), "bin")
    assert session.default_export_path("bin").suffix == ".bin"
    target = session.default_export_path("bin")
    plan = session.plan_export(tmp_path / target)
    assert isinstance(plan, Go)
    assert write(plan, data) == tmp_path / target and (tmp_path / target).read_bytes() == data
    assert emit(data, tmp_path / "cli.bin", force=False) == 0
    assert (tmp_path / "cli.bin").read_bytes() == data
    capsysbinary.readouterr()
    assert emit(data, None, force=False) == 0
    assert capsysbinary.readouterr().out == data
