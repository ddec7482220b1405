"""``screener serve``'s tabs started warm (``screener.serve_warm``): a real server on loopback.

Each tab is still its own process, now forked from the server's warm parent; these
tests find the processes in /proc (Linux), so they say which process a tab is, what
it holds open, and that it is gone when the server is.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from screener import serve_warm
from tests.browser_tab import SCENARIO_LIST, Tab, open_tab
from tests.test_serve_live import Served, serving

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

TIMEOUT = 60.0  # seconds for a screen to show on a shared, slow machine
OPENED = "— TRAINING, FICTIONAL CASE"  # the page Enter opens from the scenario list


def parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def children_of(pid: int) -> set[int]:
    return {int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and parent_of(int(p.name)) == pid}


def command_of(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    except OSError:  # ended since it was listed
        return []


def warm_parent(served: Served) -> int:
    # The server starts its warm parent just after its port opens, so the port can answer first.
    deadline = time.monotonic() + TIMEOUT
    while not (found := [p for p in children_of(served.proc.pid) if "screener.cli.warm" in command_of(p)]):
        assert time.monotonic() < deadline, "no warm parent"
        time.sleep(0.05)
    (parent,) = found
    return parent


def alive(pid: int) -> bool:
    """Running (a zombie, ended but not yet reaped, counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def tab_pids(served: Served, count: int) -> set[int]:
    """The warm parent's children once there are ``count`` of them (a tab is forked as it opens)."""
    deadline = time.monotonic() + TIMEOUT
    while len(found := children_of(warm_parent(served))) < count:
        assert time.monotonic() < deadline, f"{len(found)} tabs forked, not {count}"
        time.sleep(0.05)
    return found


def sockets_of(pid: int) -> dict[int, str]:
    """Each open descriptor of ``pid`` that is a socket, with its inode."""
    found = {}
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            found[int(fd.name)] = target[len("socket:[") : -1]
    return found


def listening_inodes() -> set[str]:
    """The inodes of every listening TCP socket (state 0A) and listening Unix socket on the machine."""
    inodes = set()
    for table in ("tcp", "tcp6"):
        lines = Path(f"/proc/net/{table}").read_text().splitlines()[1:]
        inodes |= {fields[9] for fields in (line.split() for line in lines) if fields[3] == "0A"}
    for line in Path("/proc/net/unix").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "00010000":  # __SO_ACCEPTCON: a listening Unix socket
            inodes.add(fields[6])
    return inodes


@pytest.fixture
def train_server(tmp_path: Path) -> Iterator[Served]:
    with serving(tmp_path, "--train") as s:
        yield s


async def first_screen(tab: Tab) -> None:
    await tab.wait_for(*SCENARIO_LIST, timeout=TIMEOUT)


async def test_two_tabs_are_two_forked_processes_that_hold_only_their_own_streams_and_share_no_state(
    train_server: Served,
) -> None:
    # One server for what a tab is, holds and shares: each start of one costs a second of CPU.
    async with open_tab(train_server.port, train_server.token) as one:
        await first_screen(one)
        (pid,) = tab_pids(train_server, 1)
        # A fork runs the parent's own command line: the tab did not start a new Python.
        parent = warm_parent(train_server)
        assert command_of(pid) == command_of(parent)
        listening = listening_inodes()
        server_sockets = set(sockets_of(train_server.proc.pid).values())
        assert server_sockets & listening, "the server's own listening socket was not found"
        parent_sockets = set(sockets_of(parent).values())
        tab_sockets = sockets_of(pid)
        # Its standard input, output and error are sockets, given by the server for this tab alone;
        # any other is its own (its event loop's wake-up pair): none is a listener, the server's, or
        # the link between the server and the warm parent.
        assert {0, 1, 2} <= set(tab_sockets)
        assert not set(tab_sockets.values()) & (listening | server_sockets | parent_sockets)
        # The warm parent holds its link to the server and nothing else.
        assert len(parent_sockets) == 1 and not parent_sockets & listening

        async with open_tab(train_server.port, train_server.token) as two:
            await first_screen(two)
            assert len(tab_pids(train_server, 2)) == 2
            await one.press("\r", OPENED, TIMEOUT)  # the first opens a scenario...
            await two.drain(1.0)
            assert two.screen.shows(SCENARIO_LIST[0]) and not two.screen.shows(OPENED)  # ...the second did not
            await two.press("\r", OPENED, TIMEOUT)  # the second opens one of its own
            await one.press("r", "Review every answer", TIMEOUT)  # the first goes on to its review...
            await two.drain(1.0)
            assert two.screen.shows(OPENED) and not two.screen.shows("Review every answer")  # ...the second stays


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL])
async def test_every_tab_ends_when_the_server_stops(tmp_path: Path, stop: signal.Signals) -> None:
    # SIGTERM: the server ends its sessions and its warm parent. SIGKILL: the server cannot, but the
    # warm parent sees its link close and ends the tabs itself.
    with serving(tmp_path, "--train") as s:
        async with open_tab(s.port, s.token) as one, open_tab(s.port, s.token) as two:
            await first_screen(one)
            await first_screen(two)
            pids = {*tab_pids(s, 2), warm_parent(s)}
            s.proc.send_signal(stop)
            s.proc.wait(timeout=TIMEOUT)
            deadline = time.monotonic() + TIMEOUT
            while running := {p for p in pids if alive(p)}:
                assert time.monotonic() < deadline, f"still running after the server stopped: {running}"
                time.sleep(0.1)


async def test_without_fork_tabs_start_as_textual_serve_starts_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "fork")
    assert serve_warm.fork_available() is False
    assert serve_warm.start_warm_parent([], {}) is None
    monkeypatch.undo()
    # The server is another process: the same switch reaches it through its environment.
    monkeypatch.setenv("SCREENER_SERVE_COLD", "1")
    assert serve_warm.fork_available() is False
    with serving(tmp_path, "--train", warm=False) as s:
        async with open_tab(s.port, s.token) as tab:
            await first_screen(tab)
            assert not [p for p in children_of(s.proc.pid) if "screener.cli.warm" in command_of(p)]
            (tab_process,) = children_of(s.proc.pid)
            assert "screener" in " ".join(command_of(tab_process))
            await tab.press("\r", OPENED, TIMEOUT)


async def test_tabs_start_cold_once_the_warm_parent_has_gone(train_server: Served) -> None:
    os.kill(warm_parent(train_server), signal.SIGKILL)
    async with open_tab(train_server.port, train_server.token) as tab:
        await first_screen(tab)
        await tab.press("\r", OPENED, TIMEOUT)
    assert train_server.proc.poll() is None  # the server goes on serving


def test_a_kept_pack_and_its_scenarios_are_taken_while_its_files_are_unchanged(tmp_path: Path) -> None:
    from screener.content import default_pack_path, load_pack
    from screener.content.loader import keep_loaded
    from screener.training.load import keep_loaded_scenarios, load_scenarios

    root = tmp_path / "pack"
    shutil.copytree(default_pack_path(), root)
    keep_loaded(root)
    kept = load_pack(root)
    assert load_pack(root) is kept
    assert load_pack(root, use_record=False) is not kept  # validation always runs every check
    keep_loaded_scenarios(kept, root)
    scenarios = load_scenarios(kept, root)
    assert scenarios and all(a is b for a, b in zip(load_scenarios(kept, root), scenarios, strict=True))
    other = load_pack(root, use_record=False)
    assert load_scenarios(other, root)[0] is not scenarios[0]  # kept for the pack they were checked with
    scenario_file = sorted((root / "scenarios").glob("*.yaml"))[0]
    scenario_file.write_text(scenario_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert load_pack(root) is not kept
    assert load_scenarios(kept, root)[0] is not scenarios[0]
