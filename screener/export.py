"""Write a file safely: whole or not at all, readable by its owner only, never over another unasked."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from screener.errors import InputError

MODE = 0o600


def write_private(path: Path, text: str, *, force: bool = False) -> Path:
    """Atomically write ``text`` to ``path`` with mode 0600.

    A temporary file in the same folder is written, flushed and synced, then
    given the target's name (renamed over it with ``force``), so a reader sees
    the old file or the new one and never half of either. Any failure removes
    the temporary file and leaves the target as it was.
    """
    target = path.expanduser()
    folder = target.parent
    if target.is_dir():
        raise InputError.single(target, "is a folder; give a file name")
    if not folder.is_dir():
        reason = "is not a folder" if folder.exists() else "does not exist"
        raise InputError.single(target, f"the folder {folder} {reason}")
    if _exists(target) and not force:
        raise InputError.single(target, _EXISTS)
    data = text.encode("utf-8")
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(tmp_name, target)
            tmp_name = None
        else:
            _place_new(tmp_name, target)
        _sync_folder(folder)
    except OSError as exc:
        raise InputError.single(target, f"could not write: {exc.strerror or exc}") from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return target


_EXISTS = "already exists; choose another name or replace it (--force)"


def _exists(path: Path) -> bool:
    # A dangling symbolic link is still a name we would be writing over.
    return path.exists() or path.is_symlink()


def _place_new(tmp_name: str, target: Path) -> None:
    """Give the temporary file the target's name only if that name is free.

    A hard link fails if the name exists, so a file that appeared since the
    first check is never replaced. Where links are not supported (some network
    and FAT file systems) the check and the rename are separate steps.
    """
    try:
        os.link(tmp_name, target)
    except FileExistsError:
        raise InputError.single(target, _EXISTS) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise
        if _exists(target):
            raise InputError.single(target, _EXISTS) from None
        os.replace(tmp_name, target)
    # The temporary name is removed by the caller's cleanup either way.


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder entry is on disk too.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
