"""Load: 300 trainees at once against ``screener room`` on loopback, each finishing a practice round.

Starts ``python -m screener room`` on a free loopback port with a fresh room file;
then N trainees (threads, each its own cookie jar, no script: plain GETs and form
posts, as tests/room_client.py plays a round) join with the code, choose a
scenario (spread over the pack's scenarios), answer every step's form and the
predictions, and reach their results. Reports the median and 95th-percentile
page time (one request and its redirect count as one page each), the time until
every round is in the room file, the server's resident memory at the end, the
load average at the start; checks that the room holds exactly N rounds from N
seats. Bounded: an overall timeout, loopback only. Exit 0 when every check holds.

    PYTHONPATH=$PWD python benchmarks/room_web.py [--trainees 300] [--timeout 300]
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path
from statistics import median

from tests.room_client import Client, Reply, play_round
from tests.test_serve_live import _read_line, free_port

ROOT = Path(__file__).resolve().parent.parent


class TimedClient(Client):
    times: list[float]
    lock = threading.Lock()

    def request(self, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None) -> Reply:
        start = time.perf_counter()
        reply = super().request(method, path, body, headers)
        with self.lock:
            self.times.append(time.perf_counter() - start)
        return reply


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=300)
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    trainees = min(max(args.trainees, 1), 1000)
    load_start = os.getloadavg()[0]
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
            start = time.perf_counter()

            def trainee(n: int) -> None:
                client = TimedClient(port)
                client.times = times
                try:
                    page = play_round(client, code[1], scenario=scenarios[n % len(scenarios)])
                    if "Round recorded in the room" not in page.body:
                        failures.append(f"trainee {n}: not recorded")
                except Exception as exc:  # a benchmark reports every failure rather than stopping at one
                    failures.append(f"trainee {n}: {exc!r}"[:200])

            with ThreadPoolExecutor(max_workers=trainees) as pool:
                _done, pending = wait([pool.submit(trainee, n) for n in range(trainees)], timeout=args.timeout)
                for future in pending:
                    future.cancel()
            elapsed = time.perf_counter() - start
            memory = rss_mb(proc.pid)
            with sqlite3.connect(room) as db:
                rows, seats = db.execute("SELECT COUNT(*), COUNT(DISTINCT seat) FROM rounds").fetchone()
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1] if times else float("nan")
    print(f"trainees: {trainees}; load average at the start: {load_start:.1f}, at the end: {os.getloadavg()[0]:.1f}")
    print(f"pages: {len(times)}; median {median(times) * 1000:.0f} ms, 95th percentile {p95 * 1000:.0f} ms")
    print(f"every round in the room file after {elapsed:.1f} s; server memory {memory:.0f} MB")
    print(f"room: {rows} rounds from {seats} seats (expected {trainees} and {trainees})")
    for failure in failures[:10]:
        print(failure)
    ok = not failures and not pending and rows == trainees and seats == trainees
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


def _scenario_page(port: int, code: str) -> str:
    return Client(port).get(f"/join?code={code}").body


if __name__ == "__main__":
    sys.exit(main())
