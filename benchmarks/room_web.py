"""Load: a room of 300 trainees against ``screener room`` on loopback, each finishing a practice round.

Starts ``python -m screener room`` on a free loopback port with a fresh room file;
the trainees are played from this process, apart from the server's, so the two
share the machine's cores as a room's phones and the facilitator's laptop do not
(they compete: this is harsher than a room). Each trainee is a thread with its
own cookie jar and one kept-alive connection, as a browser keeps one, and plays
as tests/room_client.py plays a round, with no script: plain GETs and form posts.
The trainees arrive spread over ``--ramp`` seconds (a room joining as the code
goes up), choose a scenario (spread over the pack's), and before each form post
think for a random time between ``--think`` seconds (2 to 5 by default: far
quicker than anyone reads a case and ticks its signs, so the room is busier than
a real one). Reports the median and 95th-percentile page time (a request and
each redirect it leads to count as a page each), the time from the first
trainee's arrival until every round is in the room file, the server's memory at
the end (USS and PSS, /proc/PID/smaps_rollup) and its CPU time (which other
work on the machine does not inflate as it does the times), the load average; checks that the
room holds exactly one round per trainee from as many seats.

Issue 24's aim, on a 2-core machine: every round recorded, 95th percentile under
250 ms, all 300 done within 60 s. ``--think 0 0 --ramp 0`` plays every trainee
at once with no pause (a flood, not a room) to see the server's throughput.

    PYTHONPATH=$PWD python benchmarks/room_web.py [--trainees 300] [--think 2 5] [--ramp 10] [--timeout 300]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from tests.procmem import cpu_seconds, memory_of
from tests.room_client import Client, Reply, play_round
from tests.test_serve_live import _read_line, free_port

ROOT = Path(__file__).resolve().parent.parent
LOCK = threading.Lock()


@dataclass
class Trainee(Client):
    """A trainee's browser: times every request; thinks before each form post."""

    times: list[float] = field(default_factory=list)
    think: tuple[float, float] = (0.0, 0.0)
    rng: random.Random = field(default_factory=random.Random)

    def request(self, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None) -> Reply:
        start = time.perf_counter()
        reply = super().request(method, path, body, headers)
        took = time.perf_counter() - start
        with LOCK:
            self.times.append(took)
        return reply

    def post(self, path: str, fields: list[tuple[str, str]], *, follow: bool = True, **headers: str) -> Reply:
        time.sleep(self.rng.uniform(*self.think))
        return super().post(path, fields, follow=follow, **headers)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share + 0.5) - 1)] if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=300)
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 5.0), metavar=("LEAST", "MOST"))
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which the trainees arrive")
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    trainees = min(max(args.trainees, 1), 1000)
    think = (max(0.0, min(args.think)), max(0.0, max(args.think)))
    load_start = os.getloadavg()[0]
    peak = [load_start]
    with tempfile.TemporaryDirectory() as folder:
        room = Path(folder) / "room.sqlite"
        port = free_port()
        env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": folder}
        proc = subprocess.Popen(
            [sys.executable, "-m", "screener", "room", str(room), "--port", str(port)],
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            cwd=folder,
            env=env,
            start_new_session=True,
        )
        try:
            said = _read_line(proc.stderr, 60)
            code = re.search(r"join code ([A-Z0-9]{10})", said)
            if code is None:
                print(f"the room did not start: {said!r}")
                return 1
            scenarios = sorted(set(re.findall(r'name="scenario" value="([^"]+)"', _scenario_page(port, code[1]))))
            times: list[float] = []
            failures: list[str] = []
            finished: list[float] = []
            cpu_start = cpu_seconds(proc.pid)
            start = time.perf_counter()

            def trainee(n: int) -> None:
                time.sleep(args.ramp * n / trainees)
                client = Trainee(port, keep_alive=True, times=times, think=think, rng=random.Random(n))
                try:
                    page = play_round(client, code[1], scenario=scenarios[n % len(scenarios)])
                    if "Round recorded in the room" not in page.body:
                        failures.append(f"trainee {n}: not recorded")
                    with LOCK:
                        finished.append(time.perf_counter() - start)
                        peak[0] = max(peak[0], os.getloadavg()[0])
                except Exception as exc:  # a benchmark reports every failure rather than stopping at one
                    failures.append(f"trainee {n}: {exc!r}"[:200])
                finally:
                    client.close()

            with ThreadPoolExecutor(max_workers=trainees) as pool:
                _done, pending = wait([pool.submit(trainee, n) for n in range(trainees)], timeout=args.timeout)
                for future in pending:
                    future.cancel()
            elapsed = time.perf_counter() - start
            memory = memory_of(proc.pid)
            cpu_end = cpu_seconds(proc.pid)
            with sqlite3.connect(room) as db:
                rows, seats = db.execute("SELECT COUNT(*), COUNT(DISTINCT seat) FROM rounds").fetchone()
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    p95 = percentile(times, 0.95)
    print(
        f"trainees: {trainees}, arriving over {args.ramp:.0f} s, thinking {think[0]:g}-{think[1]:g} s before each "
        f"post; {os.cpu_count()} cores"
    )
    print(f"load average (1 min): {load_start:.1f} at the start, {peak[0]:.1f} at its peak")
    print(
        f"pages: {len(times)}; median {median(times) * 1000:.0f} ms, 95th percentile {p95 * 1000:.0f} ms, "
        f"slowest {max(times) * 1000:.0f} ms"
    )
    print(f"every round in the room file {elapsed:.1f} s after the first trainee arrived")
    if cpu_start is not None and cpu_end is not None:
        # The server's own work, which other load on the machine does not inflate as it does the times.
        used = cpu_end - cpu_start
        per_round, per_page = used / trainees * 1000, used / len(times) * 1000
        print(f"server CPU: {used:.1f} s in all, {per_round:.0f} ms a round, {per_page:.1f} ms a page")
    if memory is not None:
        print(f"server memory at the end: USS {memory[0]:.0f} MB, PSS {memory[1]:.0f} MB")
    print(f"room: {rows} rounds from {seats} seats (expected {trainees} and {trainees})")
    for failure in failures[:10]:
        print(failure)
    ok = not failures and not pending and rows == trainees and seats == trainees
    aims = p95 < 0.25 and elapsed < 60
    print("OK" if ok else "FAILED", "- aims met (p95 < 250 ms, all in within 60 s)" if aims else "- aims NOT met")
    return 0 if ok else 1


def _scenario_page(port: int, code: str) -> str:
    return Client(port).get(f"/join?code={code}").body


if __name__ == "__main__":
    sys.exit(main())
