"""Load: 30 trainees at once against ``screener serve --train --room`` on loopback.

Starts the server on a free loopback port with a fresh room file, then opens 30
sessions at once through the same WebSocket protocol a browser tab uses
(textual-serve's ``/ws``: ``["stdin", keys]`` and ``["resize", ...]`` in, the
terminal's output out), with the Host, Origin and per-run token cookie a browser
on this machine sends. Each session finishes one practice round by keys (open the
first scenario, straight to the review, predict both services with one key each,
no signposts, the results), which records it in the room. The tabs stay open, as
in a room, until every round is in the room file or the time is up.

Before the room opens, one tab alone (three times, after one to warm the server up)
gives the time of a first screen with nothing else to do. Then it reports the time
to the last first screen of the room and its ratio to one tab alone (issue 24's aim:
at most 6 with 30 tabs). The ratio is not the whole story: tabs started warm
(``screener.serve_warm``) make one tab alone faster too, which raises the ratio, so
compare the two runs' times as well (``--cold`` starts every tab as a new Python,
``SCREENER_SERVE_COLD=1``, as where there is no ``fork``). It reports each tab's own
memory once every tab shows its first screen and again once every round is in (USS,
the pages no other process shares, and PSS, its fair share of the shared ones, from
``/proc/PID/smaps_rollup``; Linux only) and the warm parent's; the time until every
round is in the room file (watched from outside, by reading the file), and the time
to a complete debrief (``screener train --debrief FILE --format json``, run once
every round is in); the load average at the start and its peak (other work on the
machine slows every time here); and checks that the room holds exactly one round per
session, none lost and none duplicated.

    PYTHONPATH=$PWD python benchmarks/room_load.py [--sessions 30] [--cold] [--think S] [--timeout 900] [--dump DIR]

The tabs are tests/browser_tab.py's, the client tests/test_room.py plays a round with.
``--dump DIR`` writes each session's keys, each with the screen it was sent to, and
its last screen to ``DIR/session-N.txt``, to see where a session stopped. ``--think S`` has each
session wait S seconds before each key of its round, as a person reads the page first: by default
the keys go at once, so the first tabs' rounds take CPU from the tabs still starting. It reports
where the CPU went (the tabs, the server's relay, the warm parent, and this process's clients) for
one tab alone and for the room until its last first screen, and the floor that CPU sets. Bounded (an overall
timeout) and loopback only. Exit 0 when every check holds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from statistics import median

from tests.browser_tab import SCENARIO_LIST, Tab, open_tab
from tests.procmem import cpu_seconds, descendants, memory_of, parent_of

ROOT = Path(__file__).resolve().parent.parent
# The keys of one round, each with the text that shows the key was taken: text of the page
# the key leads to and of no page before it (see Tab.press). A number key
# records a prediction and goes on to the next page (issue 11's one-key answers).
STEPS: list[tuple[str, str]] = [
    ("\r", "— TRAINING, FICTIONAL CASE"),  # the first scenario opens on its vignette
    ("r", "Review every answer"),  # straight to the review: every answer left not known
    ("n", "What will the summary say"),  # the first prediction: direct support
    ("1", "indirect support?"),  # criteria met, and on to indirect support
    ("1", "Which signposts"),  # criteria met, and on to the signposts
    ("n", "against the key"),  # none: the results, and the round is recorded as they are shown
]
# The app's "Round recorded" notice is not waited for: it lasts a few seconds, and an app
# starved of CPU may never paint it. The room file itself is the proof.
POLL = 0.25  # seconds between two looks at the room file


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Session:
    def __init__(self, number: int) -> None:
        self.number = number
        self.tab: Tab | None = None
        self.first_screen: float | None = None
        self.results: float | None = None
        self.error: str | None = None
        self.step = "connecting"

    def dump(self) -> str:
        """Each key with the screen it was sent to, then the screen as it was last."""
        if self.tab is None:
            return f"not connected ({self.error})\n"
        return "\n".join(
            [*self.tab.transcript, f"--- the screen at the end ({self.error or 'finished'}):", self.tab.screen.text()]
        )


async def run_session(
    port: int,
    token: str,
    session: Session,
    t0: float,
    all_in: asyncio.Event,
    limit: float,
    last: Callable[[], None],
    think: float = 0.0,
) -> None:
    """One trainee's tab: its first screen, its round, then open until the room is full. ``last`` is
    called when this tab's first screen is the room's last."""
    try:
        async with open_tab(port, token) as tab:
            session.tab = tab
            session.step = "the first screen"
            await tab.wait_for(*SCENARIO_LIST, timeout=limit)
            session.first_screen = time.monotonic() - t0
            last()
            for key, marker in STEPS:
                await asyncio.sleep(think)  # a person reads the page before the key
                session.step = f"{key!r} until {marker!r}"
                await tab.press(key, marker, limit)
            session.results = time.monotonic() - t0
            session.step = "waiting, tab open, for the room to hold every round"
            while not all_in.is_set():
                await tab.receive(1.0)
    except asyncio.CancelledError:
        session.error = f"not finished in time, at {session.step}"
        raise
    except Exception as exc:
        session.error = f"{type(exc).__name__} at {session.step}: {str(exc).splitlines()[0]}"


def count_rounds(room: Path) -> int | None:
    """The rounds in the room file now, read-only; None while it cannot be read."""
    if not room.exists():
        return None
    try:
        with sqlite3.connect(f"file:{room}?mode=ro", uri=True, timeout=1.0) as connection:
            return int(connection.execute("SELECT count(*) FROM rounds").fetchone()[0])
    except sqlite3.Error:
        return None


class Memory:
    """Each tab's memory, and the warm parent's, looked at once while every tab is open."""

    def __init__(self, when: str) -> None:
        self.when = when
        self.tabs: list[tuple[float, float]] = []
        self.parent: tuple[float, float] | None = None

    def look(self, server: int) -> None:
        for pid in descendants(server):
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
                exe = os.path.realpath(f"/proc/{pid}/exe")
            except OSError:
                continue
            if exe != os.path.realpath(sys.executable):
                continue  # a cold tab's shell, which execs or waits for its Python
            measured = memory_of(pid)
            if measured is None:
                continue
            # The warm parent is the server's own child; a tab forked from it runs its command line too.
            if b"screener.cli.warm" in command and parent_of(pid) == server:
                self.parent = measured
            else:
                self.tabs.append(measured)

    def report(self) -> list[str]:
        if not self.tabs:
            return ["memory: not measured (needs Linux's /proc/PID/smaps_rollup)"]
        uss = [m[0] for m in self.tabs]
        pss = [m[1] for m in self.tabs]
        lines = [
            f"memory {self.when}, each of {len(self.tabs)} tabs' own (USS): median {median(uss):.1f} MB, "
            f"largest {max(uss):.1f} MB; its share (PSS): median {median(pss):.1f} MB; "
            f"all tabs' PSS together {sum(pss):.0f} MB"
        ]
        if self.parent is not None:
            lines.append(f"the warm parent: USS {self.parent[0]:.1f} MB, PSS {self.parent[1]:.1f} MB")
        return lines


def own_cpu() -> float:
    """The CPU this process (the benchmark's clients, each emulating a terminal) has used so far."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def is_warm_parent(pid: int, server: int) -> bool:
    try:
        return b"screener.cli.warm" in Path(f"/proc/{pid}/cmdline").read_bytes() and parent_of(pid) == server
    except OSError:
        return False


def tab_pids(server: int) -> set[int]:
    """The server's tabs now: its Python processes below it, but the warm parent."""
    python = os.path.realpath(sys.executable)
    found = set()
    for pid in descendants(server):
        try:
            if os.path.realpath(f"/proc/{pid}/exe") != python:
                continue  # a cold tab's shell, which execs or waits for its Python
        except OSError:
            continue
        if not is_warm_parent(pid, server):
            found.add(pid)
    return found


class Cpu:
    """Where the CPU went, in seconds, between ``start()`` and ``stop()``: the tabs (each forked or
    started after ``start``, so all its CPU counts), the server (textual-serve's relay, one asyncio
    loop for every tab), the warm parent (the forks) and this process (the clients)."""

    def __init__(self, server: int) -> None:
        self.server = server
        self.begun: dict[str, float] = {}
        self.spent: dict[str, float] = {}
        self.tabs: list[float] = []

    def _now(self) -> dict[str, float]:
        parent = next((p for p in descendants(self.server) if is_warm_parent(p, self.server)), None)
        return {
            "server": cpu_seconds(self.server) or 0.0,
            "warm parent": (cpu_seconds(parent) or 0.0) if parent is not None else 0.0,
            "clients": own_cpu(),
        }

    def start(self) -> None:
        self.begun = self._now()
        self.before = tab_pids(self.server)

    def stop(self) -> None:
        now = self._now()
        self.spent = {name: now[name] - self.begun[name] for name in now}
        self.tabs = [cpu for pid in tab_pids(self.server) - self.before if (cpu := cpu_seconds(pid)) is not None]

    @property
    def total(self) -> float:
        return sum(self.tabs) + sum(self.spent.values())

    def report(self, what: str, wall: float) -> str:
        if not self.spent:
            return f"CPU {what}: not measured"
        total = self.total
        tabs = f"{len(self.tabs)} tabs {sum(self.tabs):.2f} s (median {1000 * median(self.tabs):.0f} ms each)"
        others = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.spent.items())
        return (
            f"CPU {what}: {total:.2f} s in all, {total / wall:.2f} cores busy on average over "
            f"{wall:.2f} s; {tabs}, {others}"
        )


async def one_tab_alone(port: int, token: str, limit: float, server: int) -> tuple[float, Cpu]:
    """Seconds from opening one tab, with no other open, to its first screen; and the CPU it took."""
    cpu = Cpu(server)
    cpu.start()
    t0 = time.monotonic()
    async with open_tab(port, token) as tab:
        await tab.wait_for(*SCENARIO_LIST, timeout=limit)
        took = time.monotonic() - t0
        cpu.stop()
        return took, cpu


class Watch:
    """The room file and the load average, looked at every POLL seconds; the tabs' memory once every
    tab shows its first screen, and again once the room is full, before any tab closes."""

    def __init__(self, server: int, everyone: Sequence[Session]) -> None:
        self.rounds = 0
        self.all_in: float | None = None
        self.peak_load = os.getloadavg()[0]
        self.server = server
        self.everyone = everyone
        self.at_first = Memory("once every tab showed its first screen")
        self.memory = Memory("once every round was in")

    async def run(
        self, room: Path, sessions: int, t0: float, all_in: asyncio.Event, tasks: Sequence[asyncio.Future[None]]
    ) -> None:
        gone: float | None = None  # when every session had ended without the room full
        while True:
            self.peak_load = max(self.peak_load, os.getloadavg()[0])
            if not self.at_first.tabs and all(s.first_screen is not None for s in self.everyone):
                await asyncio.to_thread(self.at_first.look, self.server)
            found = await asyncio.to_thread(count_rounds, room)
            if found is not None:
                self.rounds = found
            if self.rounds >= sessions:
                self.all_in = time.monotonic() - t0
                await asyncio.to_thread(self.memory.look, self.server)
                all_in.set()
                return
            if all(t.done() for t in tasks):
                gone = gone or time.monotonic()
                if time.monotonic() - gone > 10:
                    return  # the sessions have all failed: the rounds still missing are not coming
            await asyncio.sleep(POLL)


def start_server(port: int, room: Path, cold: bool) -> tuple[subprocess.Popen[bytes], str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if cold:
        env["SCREENER_SERVE_COLD"] = "1"
    command = [sys.executable, "-m", "screener", "serve", "--train", "--room", str(room), "--port", str(port)]
    server = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert server.stderr is not None
    line = server.stderr.readline().decode()
    found = re.search(r"token=([A-Za-z0-9_\-]+)", line)
    if not found:
        server.kill()
        raise SystemExit(f"room_load: the server did not start: {line.strip()}")
    return server, found.group(1)


def spread(values: list[float]) -> str:
    return f"{max(values):.1f} s (first {min(values):.1f} s, median {median(values):.1f} s)"


async def main_async(sessions: int, limit: float, dump: Path | None, cold: bool, think: float = 0.0) -> int:
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        room = Path(folder) / "room.sqlite"
        server, token = start_server(port, room, cold)
        debrief: subprocess.CompletedProcess[bytes] | None = None
        debrief_time = 0.0
        try:
            await one_tab_alone(port, token, limit, server.pid)  # the server's first tab (and its warm parent) warm up
            singles = sorted(
                [await one_tab_alone(port, token, limit, server.pid) for _ in range(3)], key=lambda r: r[0]
            )
            alone, alone_cpu = singles[1]
            await asyncio.sleep(1.0)  # the last single tab's end is not counted in the room's CPU
            load_start = os.getloadavg()[0]
            everyone = [Session(n) for n in range(sessions)]
            room_cpu = Cpu(server.pid)

            def last_first_screen() -> None:
                if all(s.first_screen is not None for s in everyone):
                    room_cpu.stop()

            room_cpu.start()
            t0 = time.monotonic()
            all_in = asyncio.Event()
            watch = Watch(server.pid, everyone)
            tasks = [
                asyncio.ensure_future(run_session(port, token, s, t0, all_in, limit, last_first_screen, think))
                for s in everyone
            ]
            watcher = asyncio.ensure_future(watch.run(room, sessions, t0, all_in, tasks))
            _done, pending = await asyncio.wait([*tasks, watcher], timeout=limit)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            if watch.all_in is not None:
                d0 = time.monotonic()
                debrief = await asyncio.to_thread(
                    subprocess.run,
                    [sys.executable, "-m", "screener", "train", "--debrief", str(room), "--format", "json"],
                    env={**os.environ, "PYTHONPATH": str(ROOT)},
                    capture_output=True,
                    timeout=300,
                    check=False,
                )
                debrief_time = time.monotonic() - d0
            with sqlite3.connect(f"file:{room}?mode=ro", uri=True) as connection:
                rows = connection.execute("SELECT id, seat, scenario FROM rounds").fetchall()
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    if dump is not None:
        dump.mkdir(parents=True, exist_ok=True)
        for s in everyone:
            (dump / f"session-{s.number}.txt").write_text(s.dump(), encoding="utf-8")
    firsts = [s.first_screen for s in everyone if s.first_screen is not None]
    results = [s.results for s in everyone if s.results is not None]
    failed = [s for s in everyone if s.error]
    seats = [r[1] for r in rows]
    data = json.loads(debrief.stdout or b"{}") if debrief is not None and debrief.returncode == 0 else {}
    started = "cold (a new Python each)" if cold else "warm where fork exists"
    print(f"sessions: {sessions} at once, tabs started {started}, on loopback port {port}, {os.cpu_count()} cores")
    if think:
        print(f"each key of a round sent {think:.1f} s after its page showed (--think), as a person reads it first")
    print(f"load average (1 min): {load_start:.1f} at the start, {watch.peak_load:.1f} at its peak during the run")
    print(f"one tab alone, its first screen: {alone:.2f} s (median of 3)")
    print(alone_cpu.report("of that tab alone, to its first screen", alone))
    if firsts:
        print(f"time to the last first screen: {spread(firsts)}")
        ratio = max(firsts) / alone
        print(f"ratio, the last first screen of {sessions} to one tab alone: {ratio:.1f} (aim: at most 6)")
        print(room_cpu.report("of the room until its last first screen (the rounds begun by then too)", max(firsts)))
        # The floor the CPU sets: every tab's first screen costs what one alone does, shared by the cores.
        cores = os.cpu_count() or 1
        floor = sessions * alone_cpu.total / cores
        print(
            f"the floor: {sessions} first screens x {alone_cpu.total:.2f} s of CPU (one tab alone, every process) "
            f"/ {cores} cores = {floor:.1f} s, a ratio of {floor / alone:.1f}"
            + (
                f" (a ratio of 6 needs one tab alone to compute for at most {6 * cores / sessions:.0%} of its time, "
                "and wait the rest)"
                if sessions > 6 * cores
                else ""
            )
        )
    else:
        print("no session reached its first screen")
    for line in [*watch.at_first.report(), *watch.memory.report()]:
        print(line)
    print(f"time to the last results screen: {spread(results)}" if results else "no session reached its results")
    if watch.all_in is not None:
        print(f"time until every round was in the room file: {watch.all_in:.1f} s")
        print(
            f"debrief (json) of the room: {debrief_time:.1f} s, {data.get('rounds')} rounds; "
            f"time to a complete debrief: {watch.all_in + debrief_time:.1f} s"
        )
    else:
        print(f"after {limit:.0f} s the room file held {watch.rounds} of {sessions} rounds; no debrief")
    print(f"rounds in the room file: {len(rows)}; distinct seats: {len(set(seats))}; sessions failed: {len(failed)}")
    for s in failed[:5]:
        print(f"  session {s.number}: {s.error}")
    ok = not failed and len(rows) == sessions and len(set(seats)) == sessions and data.get("rounds") == sessions
    print("ok: every round in, none lost, none duplicated" if ok else "NOT OK")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--timeout", type=float, default=900.0, help="overall limit in seconds")
    parser.add_argument("--dump", type=Path, default=None, help="write each session's screen text here")
    parser.add_argument("--cold", action="store_true", help="start every tab as a new Python, to compare")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="seconds each session waits before each key of its round, as a person reading (default 0: at once)",
    )
    args = parser.parse_args()
    if not 1 <= args.sessions <= 100:
        raise SystemExit("room_load: --sessions is between 1 and 100")
    if not 0 <= args.think <= 30:
        raise SystemExit("room_load: --think is between 0 and 30 seconds")
    return asyncio.run(main_async(args.sessions, args.timeout, args.dump, args.cold, args.think))


if __name__ == "__main__":
    raise SystemExit(main())
