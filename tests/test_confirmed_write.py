"""The one confirm-then-write decision every save and export goes through (``screener.confirmed_write``)."""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path

from screener.confirmed_write import write_confirmed, write_confirmed_now
from screener.safewrite import write_private


def writer(text: str):  # type: ignore[no-untyped-def]
    def write(path: Path, force: bool) -> Path:
        return write_private(path, text, force=force)

    return write


def never(path: Path) -> bool:
    raise AssertionError(f"asked about {path}")


def test_a_new_file_is_written_without_asking_and_privately(tmp_path: Path) -> None:
    target = tmp_path / "new.md"
    outcome = write_confirmed_now(target, writer("one"), never)
    assert outcome.written == target and not outcome.kept and outcome.problems == ()
    assert target.read_text() == "one"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_existing_file_is_kept_when_the_answer_is_no(tmp_path: Path) -> None:
    target = tmp_path / "old.md"
    target.write_text("old")
    asked: list[Path] = []

    def refuse(path: Path) -> bool:
        asked.append(path)
        return False

    outcome = write_confirmed_now(target, writer("new"), refuse)
    assert asked == [target]
    assert outcome.kept and outcome.written is None
    assert target.read_text() == "old"


def test_an_existing_file_is_replaced_when_the_answer_is_yes(tmp_path: Path) -> None:
    target = tmp_path / "old.md"
    target.write_text("old")
    outcome = write_confirmed_now(target, writer("new"), lambda p: True)
    assert outcome.written == target
    assert target.read_text() == "new"


def test_the_callers_own_file_is_replaced_without_asking(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("before")
    outcome = write_confirmed_now(target, writer("after"), never, ours=True)
    assert outcome.written == target and target.read_text() == "after"


def test_a_target_that_cannot_be_written_is_refused_before_asking(tmp_path: Path) -> None:
    outcome = write_confirmed_now(tmp_path, writer("x"), never)
    assert outcome.written is None and not outcome.kept
    assert outcome.problems and "folder" in outcome.problems[0]


def test_the_async_form_awaits_the_question(tmp_path: Path) -> None:
    target = tmp_path / "old.md"
    target.write_text("old")

    async def ask(path: Path) -> bool:
        await asyncio.sleep(0)  # a dialog takes its time
        return True

    outcome = asyncio.run(write_confirmed(target, writer("new"), ask))
    assert outcome.written == target and target.read_text() == "new"
