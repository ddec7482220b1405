"""Write a file safely: whole or not at all, readable by its owner only, never over another unasked."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from screener.errors import InputError

MODE = 0o600


def write_private(path: Path, text: str, *, force: bool = False) -> Path:
    """Atomically write ``text`` to ``path`` with mode 0600.

    A temporary file in the same folder is written, flushed and synced, then
    renamed over the target, so a reader sees the old file or the new one and
    never half of either. Any failure removes the temporary file.
    """
    target = path.expanduser()
    folder = target.parent
    if target.is_dir():
        raise InputError.single(target, "is a folder; give a file name")
    if not folder.is_dir():
        raise InputError.single(target, f"the folder {folder} does not exist")
    if target.exists() and not force:
        raise InputError.single(target, "already exists; choose another name or replace it (--force)")
    data = text.encode("utf-8")
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if not force and target.exists():
            raise InputError.single(target, "already exists; choose another name or replace it (--force)")
        os.replace(tmp_name, target)
        tmp_name = None
        _sync_folder(folder)
    except OSError as exc:
        raise InputError.single(target, f"could not write: {exc.strerror or exc}") from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return target


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder entry is on disk too.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
