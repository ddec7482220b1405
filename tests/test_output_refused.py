"""A broken or unwritable output is one line and exit 2, and nothing is left behind: for Word and PDF
(the binary formats), on every command that writes a file with --output.

Each command (``summarise``, ``compare``, ``nrm``, ``train --facilitator-pack``, ``train
--debrief``) writes into a folder that is missing, that cannot be written, or that the disk fills
up, or to a path that is a folder. The inputs live in a folder of their own, so the folder written
to must be exactly as it was. Laying out a PDF is not what is tested here (``test_pdf.py`` does
that, and the facilitator pack takes a while), so WeasyPrint's part, and the facilitator pack's
Word layout, are stand-ins. A folder that
is missing, or a folder given as the file, is refused before anything is laid out.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from screener.content import Pack
from tests.clirun import in_this_process
from tests.test_compare import saved_pair
from tests.test_render import EW_CASE

FORMATS = ("docx", "pdf")
FAILURES = ("missing-folder", "unwritable-folder", "is-a-folder", "disk-full")


def commands(pack: Pack, inputs: Path) -> dict[str, Callable[[str, str], list[str]]]:
    """Each command that writes a file, as argv for a format and an output path."""
    from screener.training.room import open_room

    old, new = saved_pair(pack, inputs)
    room = inputs / "room.sqlite"
    open_room(room, create=True).close()
    return {
        "summarise": lambda fmt, out: ["summarise", str(EW_CASE), "--format", fmt, "--output", out],
        "compare": lambda fmt, out: ["compare", str(old), str(new), "--format", fmt, "--output", out],
        "nrm": lambda fmt, out: ["nrm", str(EW_CASE), "--format", fmt, "--output", out],
        "facilitator-pack": lambda fmt, out: ["train", "--facilitator-pack", "--format", fmt, "--output", out],
        "debrief": lambda fmt, out: ["train", "--debrief", str(room), "--format", fmt, "--output", out],
    }


def unwritable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``folder`` refuses new files: by its mode, or (as root, whom modes do not stop) by the system call."""
    if os.geteuid() != 0:
        folder.chmod(0o500)
        return
    real_open = os.open

    def refusing(path: str | os.PathLike[str], flags: int, *args: object, **kwargs: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR) and Path(os.fsdecode(path)).resolve().is_relative_to(folder.resolve()):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing)


def disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up after the first few bytes are written."""
    real_write = os.write

    def filling(fd: int, data: bytes | memoryview) -> int:
        if len(data) > 64:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", filling)


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", ["summarise", "compare", "nrm", "facilitator-pack", "debrief"])
def test_an_output_that_cannot_be_written_is_one_line_exit_2_and_nothing_left(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, fmt: str, failure: str
) -> None:
    import screener.render.pdf
    import screener.training.facilitator

    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    out.mkdir()
    argv = commands(pack, inputs)[command]
    laid_out: list[str] = []

    def stand_in(page: str) -> bytes:
        laid_out.append(page)
        return b"%PDF-1.7\n" + page.encode() + b"\n%%EOF\n"

    monkeypatch.setattr(screener.render.pdf, "html_pdf", stand_in)
    # The facilitator pack as Word takes seconds to lay out; what it is does not matter here.
    monkeypatch.setattr(screener.training.facilitator, "render_docx", lambda blocks: b"PK\x03\x04" + bytes(4096))
    target = {
        "missing-folder": out / "no" / "such" / f"x.{fmt}",
        "is-a-folder": out,
        "unwritable-folder": out / f"x.{fmt}",
        "disk-full": out / f"x.{fmt}",
    }[failure]
    before = sorted(os.listdir(out))
    if failure == "unwritable-folder":
        unwritable(out, monkeypatch)
    if failure == "disk-full":
        disk_full(monkeypatch)
    try:
        ran = in_this_process(*argv(fmt, str(target)))
    finally:
        monkeypatch.undo()
        out.chmod(0o700)
    assert (ran.returncode, ran.stdout) == (2, ""), ran
    assert ran.stderr.endswith("\n") and ran.stderr.count("\n") == 1, ran.stderr
    assert "Traceback" not in ran.stderr and str(target) in ran.stderr, ran.stderr
    expected = {
        "missing-folder": "does not exist",
        "is-a-folder": "is a folder",
        "unwritable-folder": "Permission denied",
        "disk-full": "No space left",
    }[failure]
    assert expected in ran.stderr, ran.stderr
    assert sorted(os.listdir(out)) == before == []
    if failure in ("missing-folder", "is-a-folder"):
        assert laid_out == []  # refused before any work: nothing was laid out for a file that could not be
    elif fmt == "pdf":
        assert laid_out  # the stand-in is the one used, so the write (not the layout) is what failed
