"""Exports: whole or not at all, mode 0600, never over another file unasked.

Tests run as root in CI, where a read-only folder does not stop a write, so
failures of the disk are simulated by making one system call fail.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from screener.cli import main
from screener.content import Pack
from screener.errors import InputError
from screener.safewrite import write_private

CASE = Path(__file__).resolve().parent / "cases" / "england-wales-county-lines.yaml"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def export(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    code = main(["summarise", str(CASE), "--format", "md", "--output", str(path), *extra])
    out, err = capsys.readouterr()
    return code, out, err


# --- write_private ----------------------------------------------------------------------------


def test_writes_the_text_with_mode_0600(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    old_umask = os.umask(0)  # even a permissive umask must not widen the mode
    try:
        assert write_private(target, "héllo\n") == target
    finally:
        os.umask(old_umask)
    assert target.read_bytes() == "héllo\n".encode()
    assert mode(target) == 0o600
    assert leftovers(tmp_path) == []


def test_replacing_with_force_also_narrows_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("old")
    target.chmod(0o644)
    write_private(target, "new", force=True)
    assert target.read_text() == "new"
    assert mode(target) == 0o600


def test_refuses_to_replace_without_force(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("keep me")
    with pytest.raises(InputError, match="already exists"):
        write_private(target, "new")
    assert target.read_text() == "keep me"
    assert leftovers(tmp_path) == []


def test_a_dangling_link_counts_as_existing(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.symlink_to(tmp_path / "nowhere")
    with pytest.raises(InputError, match="already exists"):
        write_private(target, "new")
    assert target.is_symlink() and not (tmp_path / "nowhere").exists()


def test_a_file_that_appears_during_the_write_is_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "summary.md"
    real_fsync = os.fsync

    def racing_fsync(fd: int) -> None:
        real_fsync(fd)
        if not target.exists():
            target.write_text("someone else's")

    monkeypatch.setattr(os, "fsync", racing_fsync)
    with pytest.raises(InputError, match="already exists"):
        write_private(target, "mine")
    assert target.read_text() == "someone else's"
    assert leftovers(tmp_path) == []


def test_without_hard_links_the_name_is_still_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src: str, dst: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "summary.md"
    write_private(target, "text")
    assert target.read_text() == "text" and mode(target) == 0o600
    assert leftovers(tmp_path) == []
    with pytest.raises(InputError, match="already exists"):
        write_private(target, "again")
    assert target.read_text() == "text"


@pytest.mark.parametrize("call", ["fsync", "replace", "link", "write"])
@pytest.mark.parametrize("force", [False, True])
def test_a_failed_write_leaves_no_temporary_file_and_the_target_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, force: bool
) -> None:
    target = tmp_path / "summary.md"
    if force:
        target.write_text("old summary")

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if call == "write":
        real_write = os.write

        def half_write(fd: int, data: bytes) -> int:  # as on a full disk: some bytes, then no space
            real_write(fd, bytes(data[:10]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "write", half_write)
    else:
        monkeypatch.setattr(os, call, no_space)
    # The data is linked into place in both cases (the unnamed file has no other way to get a name).
    if call == "replace" and not force:
        # This path never makes that call: the write succeeds.
        write_private(target, "new summary", force=force)
        assert target.read_text() == "new summary"
    else:
        with pytest.raises(InputError, match="could not write: No space left on device"):
            write_private(target, "new summary", force=force)
        assert (target.read_text() == "old summary") if force else (not target.exists())
    assert leftovers(tmp_path) == []


def test_missing_folder_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        write_private(tmp_path / "no" / "such" / "summary.md", "text")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_a_file_name(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        write_private(tmp_path, "text", force=True)
    assert list(tmp_path.iterdir()) == []


# --- summarise --output -----------------------------------------------------------------------


def test_summarise_output_writes_a_private_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "summary.md"
    code, out, err = export(target, capsys)
    assert code == 0
    assert out == ""  # the summary goes to the file only
    assert err == f"screener: wrote {target}\n"
    assert mode(target) == 0o600
    assert target.read_text(encoding="utf-8").startswith("# Signposting summary — case SAMPLE-EW-01\n")
    assert main(["summarise", str(CASE), "--format", "md"]) == 0
    assert capsys.readouterr().out == target.read_text(encoding="utf-8")


def test_summarise_refuses_an_existing_file_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "summary.md"
    target.write_text("earlier notes")
    code, out, err = export(target, capsys)
    assert (code, out) == (2, "")
    assert err == f"{target}: already exists; choose another name or replace it (--force)\n"
    assert target.read_text() == "earlier notes"
    assert leftovers(tmp_path) == []


def test_summarise_force_replaces(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "summary.md"
    target.write_text("earlier notes")
    target.chmod(0o666)
    code, _, _ = export(target, capsys, "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# Signposting summary")
    assert mode(target) == 0o600


def test_summarise_into_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "missing" / "summary.md"
    code, out, err = export(target, capsys)
    assert (code, out) == (2, "")
    assert err == f"{target}: the folder {target.parent} does not exist\n"
    assert list(tmp_path.iterdir()) == []


def test_summarise_to_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = export(tmp_path, capsys, "--force")
    assert code == 2
    assert err == f"{tmp_path}: is a folder; give a file name\n"
    assert list(tmp_path.iterdir()) == []


def test_summarise_when_the_disk_is_full(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "summary.html"
    target.write_text("previous export")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    code = main(["summarise", str(CASE), "--format", "html", "--output", str(target), "--force"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err == f"{target}: could not write: No space left on device\n"
    assert target.read_text() == "previous export"
    assert leftovers(tmp_path) == []


def test_a_bad_case_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: screener-case/1\njurisdiction: wales\n")
    target = tmp_path / "summary.md"
    code = main(["summarise", str(bad), "--output", str(target)])
    assert code == 2
    assert not target.exists()
    assert "bad.yaml:2:" in capsys.readouterr().err


# --- the unnamed file (Linux) -----------------------------------------------------------------

has_unnamed_files = pytest.mark.skipif(
    not hasattr(os, "O_TMPFILE") or not os.path.isdir("/proc/self/fd"), reason="Linux's O_TMPFILE only"
)


@has_unnamed_files
def test_an_export_on_linux_never_has_a_named_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The unnamed file gets its name through the /proc/self/fd magic link, which only
    # linkat(..., AT_SYMLINK_FOLLOW) follows; plain link() fails with EXDEV, and every
    # write used to fall back to a named temporary file that a SIGKILL leaves behind.
    import screener.safewrite as safewrite

    def no_named_temp(folder: Path) -> str:
        raise AssertionError(f"a named temporary file in {folder}")

    monkeypatch.setattr(safewrite, "_named_temp", no_named_temp)
    target = tmp_path / "summary.md"
    write_private(target, "whole")
    assert target.read_text() == "whole" and mode(target) == 0o600
    assert os.listdir(tmp_path) == ["summary.md"]


_WRITE_FOREVER = """
import sys
from pathlib import Path
from screener.safewrite import write_private
folder = Path(sys.argv[1])
text = "case details " * 200_000
print("ready", flush=True)
n = 0
while True:
    write_private(folder / f"out-{n}.md", text)
    n += 1
"""


@has_unnamed_files
def test_a_kill_at_any_moment_of_an_export_leaves_only_whole_files(tmp_path: Path) -> None:
    import random
    import signal
    import subprocess
    import sys
    import time

    root = Path(__file__).resolve().parent.parent
    whole = len("case details " * 200_000)
    rng = random.Random(22)
    for run in range(6):
        folder = tmp_path / f"run-{run}"
        folder.mkdir()
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRITE_FOREVER, str(folder)],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(root)},
        )
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=20) == -signal.SIGKILL
        for name in os.listdir(folder):
            assert name.startswith("out-") and name.endswith(".md"), f"left behind: {name}"
            assert (folder / name).stat().st_size == whole, f"a partial file: {name}"


# --- a name ending in "/" names a folder --------------------------------------------------------


@pytest.mark.parametrize("existing", [False, True])
def test_an_output_ending_in_a_slash_names_a_folder_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: bool
) -> None:
    # Path("newdir/") is Path("newdir"): the slash, which says a folder is meant, was dropped
    # and a regular file named newdir written.
    folder = tmp_path / "newdir"
    if existing:
        folder.mkdir()
    with pytest.raises(SystemExit) as caught:
        main(["summarise", str(CASE), "--output", f"{folder}/"])
    assert caught.value.code == 2
    _, err = capsys.readouterr()
    assert err == (
        f"screener summarise: argument --output: {folder}/: names a folder (it ends with /); give a file name"
        " (try 'screener summarise --help')\n"
    )
    assert list(tmp_path.iterdir()) == ([folder] if existing else [])


def test_a_file_name_typed_in_plain_mode_ending_in_a_slash_writes_nothing(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from screener.plain import run_plain
    from screener.walkthrough.session import Session

    monkeypatch.chdir(tmp_path)
    lines = ["1", "T-1", *[""] * 60, "2", "newdir/", "4", "yes"]
    out = io.StringIO()
    stdin = io.StringIO("".join(f"{x}\n" for x in lines))
    assert run_plain(Session.open(pack, None), stdin=stdin, stdout=out) == 0
    assert "Could not write the case file: newdir/: names a folder (it ends with /); give a file name" in out.getvalue()
    assert list(tmp_path.iterdir()) == []
