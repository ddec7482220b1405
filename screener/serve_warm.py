"""``screener serve``'s tabs started warm: forked from a parent that has already started.

textual-serve starts every browser tab as a new ``python -m screener ...``: each one
imports Textual and Screener and loads the pack again, about half a second of CPU,
so thirty tabs opened at once queue for the CPU behind thirty Python starts. Where
the platform has ``fork``, the server instead starts one *warm parent* (a fork
server, as in Python's multiprocessing ``forkserver``) that does all that once, and
asks it for a process per tab; the fork shares the parent's memory until written, so
a tab costs its own screen and not a Python start.

What does not change: each tab is still its own process, with its own state, its own
standard input and output (given by the server, as textual-serve would), and its own
environment (the terminal's size); nothing is shared between tabs but pages of memory
that no one writes. The guard and the token stay in the server, which alone listens.

The two sides:

- the server (``WarmParent``) starts the parent with ``python -m screener.cli.warm``
  before it serves, with a private socket pair as its only link: no listening socket
  is ever open in it, as it starts from a fresh ``exec``. For each tab it makes three
  socket pairs (standard input, output, error), sends one end of each over the link
  with the tab's environment, and gets the tab's process id back (``WarmStart``, a
  mixin for textual-serve's ``AppService``, does this where it would start a process);
- the parent (``serve_forks``) forks per request; the child puts the three ends in
  place of its standard streams, takes the environment, closes the link and runs the
  tab; the parent reaps its children, and when the link closes (the server stopped,
  or died) it ends every tab still running, then itself.

Where there is no ``fork`` (or ``SCREENER_SERVE_COLD=1``, which
``benchmarks/room_load.py`` uses to compare), tabs start as textual-serve starts them; a
warm parent that fails is left, and tabs start cold from then on.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import time
import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual_serve.app_service import AppService
else:
    AppService = object

log = logging.getLogger("screener.serve")

FDS_PER_TAB = 3  # standard input, output and error, in that order
HEADER = struct.Struct("!I")  # a request's length, and a reply: the tab's process id
MAX_REQUEST = 1 << 20  # an environment, as JSON: far smaller
REPLY_TIMEOUT = 120.0  # seconds: the parent may still be starting, on a loaded machine
END_GRACE = 3.0  # seconds a tab has to end on SIGTERM before SIGKILL, when the server stops


def fork_available() -> bool:
    """Whether tabs can start warm here."""
    return hasattr(os, "fork") and hasattr(socket, "send_fds") and os.environ.get("SCREENER_SERVE_COLD") != "1"


# --- the server's side -------------------------------------------------------------------


class WarmProcess:
    """A tab's process as textual-serve's ``AppService`` uses one: its three streams, ``returncode``
    and ``kill()``. Its exit code is the warm parent's to collect, so ``returncode`` says only
    whether it has ended (-1) or not (None)."""

    def __init__(
        self,
        pid: int,
        stdin: asyncio.StreamWriter,
        stdout: asyncio.StreamReader,
        stderr: asyncio.StreamReader,
        keep: Sequence[asyncio.StreamWriter],
    ) -> None:
        self.pid = pid
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        self._keep = keep  # the unused halves of the stream pairs, closed with the tab
        # A pidfd names this process and no later one with its number, so a kill never hits a stranger.
        self._pidfd: int | None = None
        with contextlib.suppress(AttributeError, OSError):
            self._pidfd = os.pidfd_open(pid)
            weakref.finalize(self, os.close, self._pidfd)

    @property
    def returncode(self) -> int | None:
        if self._pidfd is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                return -1
            return None
        ended, _, _ = select.select([self._pidfd], [], [], 0)
        return -1 if ended else None

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def send_signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError, OSError):
            if self._pidfd is not None:
                signal.pidfd_send_signal(self._pidfd, signum)
            elif self.returncode is None:
                os.kill(self.pid, signum)


class WarmParent:
    """The warm parent of a server's tabs, and the server's end of the link to it."""

    def __init__(self, tab_args: Sequence[str], env: Mapping[str, str]) -> None:
        here, there = socket.socketpair()
        try:
            # A fresh exec (not a fork of the server): it holds no socket of the server's, and its
            # own session, so ctrl+c at the server's terminal reaches only the server, which then
            # ends every tab in order.
            self.process = subprocess.Popen(
                [sys.executable, "-m", "screener.cli.warm", str(there.fileno()), *tab_args],
                env=dict(env),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                pass_fds=(there.fileno(),),
                start_new_session=True,
            )
        finally:
            there.close()
        self.link = here
        self.link.settimeout(REPLY_TIMEOUT)
        self.failed = False
        self._turn = asyncio.Lock()  # one request on the link at a time

    async def spawn(self, env: Mapping[str, str]) -> WarmProcess:
        """A new tab's process, with ``env`` as its environment."""
        pairs = [socket.socketpair() for _ in range(FDS_PER_TAB)]
        try:
            async with self._turn:
                pid = await asyncio.to_thread(self._ask, env, [theirs.fileno() for _, theirs in pairs])
        except BaseException:
            for ours, _ in pairs:
                ours.close()
            raise
        finally:
            for _, theirs in pairs:
                theirs.close()  # the tab holds them now; ours closed, its end sees the tab's end
        streams = [await asyncio.open_connection(sock=ours) for ours, _ in pairs]
        (_, stdin), (stdout, out_writer), (stderr, err_writer) = streams
        return WarmProcess(pid, stdin, stdout, stderr, keep=(out_writer, err_writer))

    def _ask(self, env: Mapping[str, str], fds: list[int]) -> int:
        body = json.dumps(dict(env)).encode("utf-8")
        try:
            socket.send_fds(self.link, [HEADER.pack(len(body)) + body], fds)
            reply = _receive_exactly(self.link, HEADER.size)
        except OSError:
            self.failed = True
            raise
        if reply is None:
            self.failed = True
            raise ConnectionError("the warm parent of the tabs has ended")
        (pid,) = HEADER.unpack(reply)
        return int(pid)

    def stop(self) -> None:
        """Close the link: the parent ends every tab still running, then itself; wait for that."""
        self.link.close()
        try:
            self.process.wait(timeout=END_GRACE + 10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class WarmStart(AppService):
    """A mixin for textual-serve's ``AppService``: the tab's process comes from ``warm``, when set and
    working, instead of a new Python."""

    warm: WarmParent | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        warm = self.warm
        if warm is None or warm.failed:
            return await super()._open_app_process(width, height)
        try:
            process = await warm.spawn(self._build_environment(width=width, height=height))
        except (OSError, ConnectionError) as exc:
            log.warning("tabs start cold from now on: the warm parent failed (%s)", exc)
            return await super()._open_app_process(width, height)
        self._process = process  # type: ignore[assignment]  # the streams and kill() AppService uses
        self._stdin = process.stdin
        return process


def start_warm_parent(tab_args: Sequence[str], env: Mapping[str, str]) -> WarmParent | None:
    """A warm parent for tabs that run ``screener`` with ``tab_args``, or None where tabs start cold."""
    if not fork_available():
        return None
    try:
        return WarmParent(tab_args, env)
    except OSError as exc:
        log.warning("tabs start cold: no warm parent (%s)", exc)
        return None


# --- the warm parent's side --------------------------------------------------------------


def serve_forks(link: socket.socket, run: Callable[[], int]) -> None:
    """Fork a tab for each request on ``link``, until it closes; then end the tabs still running.

    Each child runs ``run()`` with its own standard streams and environment, and exits with its code.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when tabs end
    children: set[int] = set()
    try:
        while True:
            _reap(children)
            readable, _, _ = select.select([link], [], [], 0.5)
            if not readable:
                continue
            request = _receive_request(link)
            if request is None:
                return
            env, fds = request
            pid = os.fork()
            if pid == 0:
                _become_tab(link, env, fds, run)
            for fd in fds:
                os.close(fd)
            children.add(pid)
            link.sendall(HEADER.pack(pid))
    finally:
        _end(children)


def _receive_request(link: socket.socket) -> tuple[dict[str, str], list[int]] | None:
    """The next request: the tab's environment and its three streams; None when the link has closed."""
    while True:
        try:
            header, fds, _flags, _address = socket.recv_fds(link, HEADER.size, FDS_PER_TAB)
        except OSError:
            return None
        if not header:
            for fd in fds:
                os.close(fd)
            return None
        rest = _receive_exactly(link, HEADER.size - len(header))
        if rest is None:
            for fd in fds:
                os.close(fd)
            return None
        (length,) = HEADER.unpack(header + rest)
        body = _receive_exactly(link, length) if length <= MAX_REQUEST else None
        env = json.loads(body) if body is not None else None
        if isinstance(env, dict) and len(fds) == FDS_PER_TAB:
            return {str(k): str(v) for k, v in env.items()}, fds
        for fd in fds:
            os.close(fd)
        if body is None:
            return None


def _receive_exactly(link: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = link.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _become_tab(link: socket.socket, env: dict[str, str], fds: list[int], run: Callable[[], int]) -> None:
    """In the forked child: become the tab, run it, and exit (never return to the parent's loop)."""
    code = 70  # EX_SOFTWARE, if the tab cannot even start
    try:
        link.close()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.environ.clear()
        os.environ.update(env)
        code = run()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException as exc:  # a tab's failure is its own: one line on its standard error
        with contextlib.suppress(Exception):
            sys.stderr.write(f"screener: the tab failed: {type(exc).__name__}: {exc}\n")
    finally:
        for output in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                output.flush()
        os._exit(code)


def _reap(children: set[int]) -> None:
    for pid in list(children):
        with contextlib.suppress(ChildProcessError):
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done == 0:
                continue
        children.discard(pid)


def _end(children: set[int]) -> None:
    """Ask every tab still running to end; kill those that have not within END_GRACE seconds."""
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + END_GRACE
    while children and time.monotonic() < deadline:
        _reap(children)
        time.sleep(0.05)
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    for pid in children:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
