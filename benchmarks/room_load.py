"""Load: 30 trainees at once against ``screener serve --train --room`` on loopback.

Starts the server on a free loopback port with a fresh room file, then opens 30
sessions at once through the same WebSocket protocol a browser tab uses
(textual-serve's ``/ws``: ``["stdin", keys]`` and ``["resize", ...]`` in, the
terminal's output out), with the Host, Origin and per-run token cookie a browser
on this machine sends. Each session finishes one practice round by keys
(open the first scenario, review, predict both services, no signposts, results),
which records it in the room. Reports the time to the last first screen, the
time until every round is in, and the time to a complete debrief; checks that the
room holds exactly one round per session, none lost and none duplicated.

    PYTHONPATH=$PWD python benchmarks/room_load.py [--sessions 30] [--timeout 600]

Bounded (an overall timeout) and loopback only. Exit 0 when every check holds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
# The keys of one round, each with the text that shows the key was taken.
STEPS: list[tuple[str, str]] = [
    ("\r", "FICTIONAL CASE"),  # the first scenario opens on its vignette
    ("r", "Review"),
    ("n", "What will the summary say"),
    ("1", "Your prediction: Criteria met"),
    ("n", "indirect support?"),
    ("1", "Your prediction: Criteria met"),
    ("n", "Which signposts"),
    ("n", "against the key"),  # the results: the round is recorded as they are shown
]
FIRST_SCREEN = "fictional scenario"
STEP_LIMIT = 600.0  # seconds for one screen to follow a key; the overall --timeout bounds the run


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Session:
    def __init__(self, number: int) -> None:
        self.number = number
        self.seen = b""
        self.first_screen: float | None = None
        self.done: float | None = None
        self.error: str | None = None
        self.step = "connecting"

    def text(self) -> str:
        return ANSI.sub(b"", self.seen).decode("utf-8", "replace")


async def wait_for(ws: aiohttp.ClientWebSocketResponse, session: Session, marker: str, limit: float) -> None:
    start = len(session.seen)
    deadline = time.monotonic() + limit
    while True:
        tail = ANSI.sub(b"", session.seen[start:]).decode("utf-8", "replace")
        if marker in tail:
            return
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no '{marker}' within {limit:.0f}s")
        message = await ws.receive(timeout=remaining)
        if message.type == aiohttp.WSMsgType.BINARY:
            session.seen += message.data
        elif message.type == aiohttp.WSMsgType.TEXT:
            continue
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            raise ConnectionError("the server closed the session")


async def run_session(port: int, token: str, session: Session, t0: float, limit: float) -> None:
    origin = f"http://localhost:{port}"
    headers = {"Origin": origin, "Cookie": f"screener-token-{port}={token}"}
    url = f"ws://localhost:{port}/ws?width=100&height=40"
    try:
        async with aiohttp.ClientSession() as http, http.ws_connect(url, headers=headers, max_msg_size=0) as ws:
            await ws.send_str(json.dumps(["resize", {"width": 100, "height": 40}]))
            await wait_for(ws, session, FIRST_SCREEN, limit)
            session.first_screen = time.monotonic() - t0
            for key, marker in STEPS:
                session.step = f"{key!r} until {marker!r}"
                await ws.send_str(json.dumps(["stdin", key]))
                await wait_for(ws, session, marker, limit)
            session.done = time.monotonic() - t0
    except Exception as exc:
        session.error = f"{type(exc).__name__} at {session.step}: {exc}"


def start_server(port: int, room: Path) -> tuple[subprocess.Popen[bytes], str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "screener", "serve", "--train", "--room", str(room), "--port", str(port)]
    server = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert server.stderr is not None
    line = server.stderr.readline().decode()
    found = re.search(r"token=([A-Za-z0-9_\-]+)", line)
    if not found:
        server.kill()
        raise SystemExit(f"room_load: the server did not start: {line.strip()}")
    return server, found.group(1)


async def main_async(sessions: int, limit: float) -> int:
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        room = Path(folder) / "room.sqlite"
        server, token = start_server(port, room)
        try:
            t0 = time.monotonic()
            all_sessions = [Session(n) for n in range(sessions)]
            step_limit = min(limit, STEP_LIMIT)
            tasks = [asyncio.ensure_future(run_session(port, token, s, t0, step_limit)) for s in all_sessions]
            _done, pending = await asyncio.wait(tasks, timeout=limit)
            for task in pending:
                task.cancel()
            for s in all_sessions:
                if s.done is None and s.error is None:
                    s.error = f"not finished within {limit:.0f}s, at {s.step}"
            rounds_in = time.monotonic() - t0
            failed = [s for s in all_sessions if s.error]
            d0 = time.monotonic()
            debrief = subprocess.run(
                [sys.executable, "-m", "screener", "train", "--debrief", str(room), "--format", "json"],
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                capture_output=True,
                timeout=120,
                check=False,
            )
            debrief_time = time.monotonic() - d0
            import sqlite3

            with sqlite3.connect(room) as connection:
                rows = connection.execute("SELECT id, seat, scenario FROM rounds").fetchall()
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    firsts = [s.first_screen for s in all_sessions if s.first_screen is not None]
    seats = [r[1] for r in rows]
    data = json.loads(debrief.stdout or "{}")
    print(f"sessions: {sessions} at once, on loopback port {port}")
    print(f"time to the last first screen: {max(firsts):.1f} s" if firsts else "no first screen")
    print(f"time until every round was in: {rounds_in:.1f} s")
    print(f"debrief (json) of the room: {debrief_time:.2f} s, {data.get('rounds')} rounds")
    print(f"rounds in the room file: {len(rows)}; distinct seats: {len(set(seats))}; sessions failed: {len(failed)}")
    for s in failed[:5]:
        print(f"  session {s.number}: {s.error}")
    ok = not failed and len(rows) == sessions and len(set(seats)) == sessions and data.get("rounds") == sessions
    print("ok: every round in, none lost, none duplicated" if ok else "NOT OK")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--timeout", type=float, default=600.0, help="overall limit in seconds")
    args = parser.parse_args()
    if not 1 <= args.sessions <= 100:
        raise SystemExit("room_load: --sessions is between 1 and 100")
    return asyncio.run(main_async(args.sessions, args.timeout))


if __name__ == "__main__":
    raise SystemExit(main())
