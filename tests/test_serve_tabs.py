"""The tabs of ``screener serve`` on a real server: every loopback name reaches it, a tab's size is
bounded, and stopping the server ends every tab, even one whose app will not quit when asked."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
import pytest

from screener.serve import COLUMNS, ROWS, bounded_size
from tests.test_serve_live import START_TIMEOUT, _env, _read_line, _stop, free_port

# A tab that never draws and ignores being asked to quit: only a kill ends it.
STUBBORN = f"{sys.executable} -c 'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)'"
SERVE = "import sys; from screener.serve import make_server; sys.exit(make_server(sys.argv[1], int(sys.argv[2])).run())"


@contextmanager
def serving(folder: Path, command: str) -> Iterator[tuple[subprocess.Popen[bytes], int, str]]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, command, str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=folder,
        env=_env(folder),
        start_new_session=True,
    )
    try:
        line = _read_line(proc.stderr, START_TIMEOUT)
        assert "serving" in line, line
        token = line.split("token=")[1].split()[0]
        yield proc, port, token
    finally:
        _stop(proc)


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def environment(pid: int) -> dict[str, str]:
    pairs = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(p.decode().split("=", 1) for p in pairs if b"=" in p)


async def open_tab(port: int, token: str, size: str) -> aiohttp.ClientSession:
    client = aiohttp.ClientSession(headers={"Cookie": f"screener-token-{port}={token}"})
    await client.ws_connect(f"ws://localhost:{port}/ws?{size}", origin=f"http://localhost:{port}")
    return client


def wait_for_children(pid: int, count: int) -> dict[int, dict[str, str]]:
    """The server's tabs, each with its environment, once each has started its app (before its exec a
    child still has the server's environment, which has no ROWS). Each environment is the one read
    here: read again, it can come back empty while the tab's shell execs its command."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            found = {child: environment(child) for child in children(pid)}
        except OSError:
            found = {}
        if len(found) >= count and all("ROWS" in env for env in found.values()):
            return found
        time.sleep(0.1)
    pytest.fail(f"no {count} tab(s) of server {pid} started within 30 s")


@pytest.mark.parametrize(
    ("width", "height", "size"),
    [("100000", "100000", (COLUMNS[1], ROWS[1])), ("0", "-5", (COLUMNS[0], ROWS[0])), ("x", "", (80, 24))],
)
def test_a_tab_size_is_bounded(width: str, height: str, size: tuple[int, int]) -> None:
    assert bounded_size(width, height) == size
    assert bounded_size(None, None) == (80, 24)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads a tab's environment from /proc")
async def test_stopping_the_server_ends_every_tab_even_one_that_will_not_quit(tmp_path: Path) -> None:
    with serving(tmp_path, STUBBORN) as (proc, port, token):
        client = await open_tab(port, token, "width=100000&height=100000")
        try:
            [(tab, shown)] = (await asyncio.to_thread(wait_for_children, proc.pid, 1)).items()
            assert (shown["COLUMNS"], shown["ROWS"]) == (str(COLUMNS[1]), str(ROWS[1]))
            proc.send_signal(signal.SIGTERM)
            assert await asyncio.to_thread(proc.wait, 30) == 0
        finally:
            await client.close()
        # Gone, not orphaned: the server killed it before it ended (its group is not yet killed here).
        assert not Path(f"/proc/{tab}").exists() or "zombie" in Path(f"/proc/{tab}/status").read_text()


def _has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _has_ipv6_loopback(), reason="this machine has no IPv6 loopback")
def test_ipv6_loopback_is_served_as_the_readme_lists_it(tmp_path: Path) -> None:
    with serving(tmp_path, STUBBORN) as (_proc, port, token), socket.create_connection(("::1", port), timeout=10) as s:
        s.sendall(f"GET /?token={token} HTTP/1.1\r\nHost: [::1]:{port}\r\nConnection: close\r\n\r\n".encode())
        reply = b""
        while chunk := s.recv(4096):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 303"), reply[:100]
