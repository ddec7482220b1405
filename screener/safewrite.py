"""Write a file safely: whole or not at all, readable by its owner only, never over another unasked.

Nothing is left behind. On Linux the data is written to an unnamed file
(``O_TMPFILE``) that is given its name only once it is complete, so even a
SIGKILL mid-write leaves nothing to see. Elsewhere, or on a file system without
unnamed files, a short named temporary file is used, and removed on any failure
and on SIGTERM or SIGHUP before the process ends as the signal asks.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import signal
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from screener.errors import InputError, reason

MODE = 0o600
EXISTS = "already exists; choose another name or replace it (--force)"
# Signals that end the process politely; a temporary file is removed before they do.
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
# Temporary names that exist right now, removed by the signal handler.
_PENDING: set[str] = set()


def file_path(text: str) -> Path:
    """A file name as the user typed it, as a Path; InputError when it names a folder.

    ``Path("newdir/")`` is ``Path("newdir")``: the trailing separator, which says a
    folder is meant, would be dropped and a regular file of the folder's name written.
    """
    if text.endswith(tuple(filter(None, (os.sep, os.altsep)))):
        raise InputError.single(text, f"names a folder (it ends with {os.sep}); give a file name")
    return Path(text).expanduser()


# The keys of the walk (a number, a letter such as n or b, yes or no): typed where a file name is asked,
# they were meant for a menu or a question, not as a name.
_A_KEY = re.compile(r"(?i)(?:\d{1,3}|[a-z?]|yes|no)")


def typed_file(text: str, offered: Path) -> Path:
    """The file a user names where ``offered`` is the name given if they type none, as every face reads it.

    Nothing typed is ``offered``; a name without an extension takes ``offered``'s (``child`` for a plain-text
    summary is ``child.txt``); a lone key of the walk is refused, saying what Enter gives; a name that ends
    with a separator is refused as a folder (``file_path``).
    """
    text = text.strip()
    if not text:
        return offered
    if _A_KEY.fullmatch(text):
        raise InputError.single(text, f"looks like a key, not a file name: type a name, or nothing for {offered.name}")
    path = file_path(text)
    return path if path.suffix else path.with_name(path.name + offered.suffix)


def target_state(path: Path) -> str:
    """What is at ``path`` now: "free", "file" (a regular file, which ``force`` may replace).

    Anything else there (a folder, a device, a pipe, a socket) and any path the
    system cannot even look up (a NUL in it, a part over 255 bytes) is an
    InputError in one line, so callers ask "replace it?" only about real files.
    """
    target = path
    try:
        target = path.expanduser()
        try:
            info = os.lstat(target)
        except FileNotFoundError:
            folder = target.parent
            if not folder.is_dir():
                what = "is not a folder" if lexists(folder) else "does not exist"
                raise InputError.single(target, f"the folder {folder} {what}") from None
            return "free"
        if stat.S_ISLNK(info.st_mode):
            try:
                info = os.stat(target)
            except FileNotFoundError:
                return "file"  # a dangling link: a name we would be writing over, like a file
        if stat.S_ISDIR(info.st_mode):
            raise InputError.single(target, "is a folder; give a file name")
        if not stat.S_ISREG(info.st_mode):
            kind = special_kind(info.st_mode)
            raise InputError.single(target, f"is {kind}, not a regular file; it is never replaced")
        return "file"
    except (OSError, ValueError, RuntimeError) as exc:
        raise InputError.single(target, f"cannot use this path: {reason(exc)}") from None


def lexists(path: Path) -> bool:
    """Whether a name is taken, a dangling link included; a path the system refuses is not."""
    try:
        os.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def special_kind(mode: int) -> str:
    """What a file that is not a regular one or a folder is, in words: a pipe, a device, a socket."""
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def write_private(path: Path, text: str | bytes, *, force: bool = False) -> Path:
    """Atomically write ``text`` (UTF-8; or bytes, as they are) to ``path`` with mode 0600.

    The data is written, flushed and synced before the file gets the target's
    name (replacing it only with ``force``, and only if it is a regular file),
    so a reader sees the old file or the new one and never half of either. Any
    failure leaves the target as it was and no temporary file behind.
    """
    state = target_state(path)
    target = path.expanduser()
    if state == "file" and not force:
        raise InputError.single(target, EXISTS)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    try:
        with _cleanup_on_signal():
            _write(target, data, force)
    except InputError:
        raise
    except (OSError, ValueError) as exc:
        raise InputError.single(target, f"could not write: {reason(exc)}") from None
    return target


def _write(target: Path, data: bytes, force: bool) -> None:
    folder = target.parent
    fd = _unnamed(folder)
    if fd is not None:
        try:
            _fill(fd, data)
            if _link_unnamed(fd, target, force):
                _sync_folder(folder)
                return
        finally:
            os.close(fd)
    tmp = _named_temp(folder)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), MODE)
        try:
            _fill(fd, data)
        finally:
            os.close(fd)
        _place(tmp, target, force)
        _sync_folder(folder)
    finally:
        _discard(tmp)


def _fill(fd: int, data: bytes) -> None:
    os.fchmod(fd, MODE)
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.fsync(fd)


def _unnamed(folder: Path) -> int | None:
    """An unnamed file in ``folder`` (Linux's O_TMPFILE), or None where there is none."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), MODE)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return None  # the file system (or kernel) has no unnamed files
        raise


def _link_unnamed(fd: int, target: Path, force: bool) -> bool:
    """Give the unnamed file a name; False when links are not possible here (then use a named temp)."""
    source = f"/proc/self/fd/{fd}"
    try:
        folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
        try:
            # Only linkat(..., AT_SYMLINK_FOLLOW) follows the magic link to the open file; plain
            # link() fails with EXDEV. Python's os.link calls linkat only when given a folder's
            # descriptor, so the name is given relative to the folder, held open.
            if not force:
                # A link never replaces: a file that appeared since the check is kept.
                try:
                    os.link(source, target.name, dst_dir_fd=folder, follow_symlinks=True)
                except FileExistsError:
                    raise InputError.single(target, EXISTS) from None
                return True
            # Replacing: no call puts an unnamed file over a name, so a short-lived name first,
            # then an atomic rename over the target.
            tmp = _named_temp(target.parent)
            try:
                os.link(source, os.path.basename(tmp), dst_dir_fd=folder, follow_symlinks=True)
                os.replace(tmp, target)
            finally:
                _discard(tmp)
            return True
        finally:
            os.close(folder)
    except OSError as exc:
        if exc.errno in (
            errno.EPERM,
            errno.ENOTSUP,
            errno.EOPNOTSUPP,
            errno.EXDEV,
            errno.EMLINK,
            errno.ENOSYS,
            errno.ENOENT,
            errno.EACCES,
        ):
            return False
        raise


def _named_temp(folder: Path) -> str:
    """A short, unguessable temporary name in ``folder``, noted so that a signal removes it.

    Short, so that any legal target name works: the temporary one does not grow with it.
    """
    name = os.path.join(folder, f".screener-{secrets.token_hex(4)}.tmp")
    _PENDING.add(name)
    return name


def _discard(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)
    _PENDING.discard(tmp)


def _place(tmp: str, target: Path, force: bool) -> None:
    """Give the temporary file the target's name; without ``force`` only if that name is free.

    A hard link fails if the name exists, so a file that appeared since the
    first check is never replaced. Where links are not supported (some network
    and FAT file systems) the check and the rename are separate steps.
    """
    if force:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise InputError.single(target, EXISTS) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise
        if lexists(target):
            raise InputError.single(target, EXISTS) from None
        os.replace(tmp, target)


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder entry is on disk too.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _cleanup_on_signal() -> Iterator[None]:
    """While writing, SIGTERM and SIGHUP first remove any temporary file, then act as before.

    Handlers can only be set from the main thread; elsewhere the write goes on
    without them (the unnamed file, where there is one, needs none).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}
    for signum in _SIGNALS:
        with contextlib.suppress(ValueError, OSError):
            previous[signum] = signal.signal(signum, _make_handler(previous))
    try:
        yield
    finally:
        for signum, handler in previous.items():
            with contextlib.suppress(ValueError, OSError):
                signal.signal(signum, handler)


def _make_handler(previous: dict[int, Any]) -> Any:
    def handler(signum: int, frame: FrameType | None) -> None:
        for tmp in list(_PENDING):
            _discard(tmp)
        before = previous.get(signum, signal.SIG_DFL)
        if callable(before):
            before(signum, frame)
            return
        if before == signal.SIG_IGN:
            return
        # The default action: end the process by this very signal, so its exit status says so.
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    return handler
