"""The real validators and a real browser, for the tests that check Screener's HTML as browsers and checkers see it.

- html-validate, axe-core and puppeteer-core (driving the system's ``chromium``) run in one Node process
  per pytest worker (``tests/browser/driver.mjs``), started on first use and kept: one browser a worker.
- The Nu HTML checker (``vnu.jar`` from the npm package ``vnu-jar``) runs in one JVM for a whole batch.

``.ci/run`` installs them all (``tests/browser/package.json`` pins the npm packages). Where any is
missing, ``missing()`` says which and the tests that need them skip with that reason; under CI
(``CI=true``) conftest turns those skips into failures, so CI cannot pass without the checks.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent / "browser"
MODULES = HERE / "node_modules"
VNU = MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The marker on every test that needs these tools: under CI its skip is a failure (tests/conftest.py).
MARK = "validators"
TIMEOUT = 120.0  # one request to the driver (a whole batch through axe); a hang fails, never stalls the suite


def chromium() -> str | None:
    named = os.environ.get("SCREENER_CHROMIUM")
    names = (named,) if named else ("chromium", "chromium-browser")
    return next((found for name in names if (found := shutil.which(name))), None)


def missing() -> str | None:
    """Why the browser checks cannot run here (what to install), or None when everything is present."""
    wanted = []
    if shutil.which("node") is None:
        wanted.append("node")
    if not (MODULES / "puppeteer-core").is_dir() or not (MODULES / "html-validate").is_dir() or not VNU.is_file():
        wanted.append("the npm packages (cd tests/browser && npm ci --ignore-scripts)")
    if shutil.which("java") is None:
        wanted.append("java (apt-get install default-jre-headless)")
    if chromium() is None:
        wanted.append("chromium (apt-get install chromium)")
    return ("the browser checks need " + ", ".join(wanted) + "; .ci/run installs them") if wanted else None


def need_tools() -> None:
    why = missing()
    if why is not None:
        pytest.skip(why)


class Driver:
    """tests/browser/driver.mjs: requests as JSON lines, one answer a line."""

    def __init__(self) -> None:
        env = {**os.environ, "SCREENER_CHROMIUM": chromium() or "chromium"}
        self.proc = subprocess.Popen(
            ["node", str(HERE / "driver.mjs")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=HERE,
            env=env,
            text=True,
            start_new_session=True,
        )
        self.count = 0
        self.lock = threading.Lock()

    def call(self, op: str, **args: Any) -> Any:
        with self.lock:
            assert self.proc.stdin is not None and self.proc.stdout is not None
            self.count += 1
            self.proc.stdin.write(json.dumps({"id": self.count, "op": op, "args": args}) + "\n")
            self.proc.stdin.flush()
            timer = threading.Timer(TIMEOUT, self.proc.kill)
            timer.start()
            try:
                line = self.proc.stdout.readline()
            finally:
                timer.cancel()
        if not line:
            raise AssertionError(f"the browser driver ended (or took over {TIMEOUT:.0f} s) during {op}")
        answer = json.loads(line)
        if not answer["ok"]:
            raise AssertionError(f"the browser driver failed during {op}:\n{answer['error']}")
        return answer["result"]

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def html_validate(self, docs: dict[str, str]) -> dict[str, list[str]]:
        """html-validate's recommended rules over each named page: its messages by page."""
        found: dict[str, list[str]] = self.call("htmlvalidate", docs=[{"name": n, "html": h} for n, h in docs.items()])
        return found

    def axe(self, docs: dict[str, tuple[str, str]], media: str = "screen") -> dict[str, list[str]]:
        """axe-core's violations on each named page, given as (html, the address it was served at, or "" for a
        file's page), in screen or print media."""
        found = self.call("axe", docs=[{"name": n, "html": h, "url": u} for n, (h, u) in docs.items()], media=media)
        return {
            name: [f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in violations]
            for name, violations in found.items()
        }


def nu(docs: dict[str, str], css: dict[str, str] | None = None) -> dict[str, list[str]]:
    """The Nu HTML checker's errors and warnings on each named page (and style sheet), in one JVM."""
    with tempfile.TemporaryDirectory(prefix="screener-nu-") as folder:
        paths: dict[str, str] = {}
        for n, (name, text) in enumerate([*docs.items(), *(css or {}).items()]):
            path = Path(folder) / (f"{n}.css" if name in (css or {}) else f"{n}.html")
            path.write_text(text, encoding="utf-8")
            paths[f"file:{path}"] = name  # as the checker names it
        run = subprocess.run(
            # C1 alone and the serial collector: a batch checks in half the CPU; C1 needs the deeper stack.
            ["java", "-Xss16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU), "--format", "json"]
            + (["--also-check-css"] if css else [])
            + ["--exit-zero-always", *(p.removeprefix("file:") for p in paths)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        report = json.loads(run.stderr)
    out: dict[str, list[str]] = {name: [] for name in paths.values()}
    for message in report["messages"]:
        name = paths.get(message.get("url", ""), message.get("url", "?"))
        kind = message.get("subType", message["type"])
        where = f"{message.get('lastLine', '?')}:{message.get('firstColumn', message.get('lastColumn', '?'))}"
        out.setdefault(name, []).append(f"{where} {kind}: {message['message']}")
    return out


def report(found: dict[str, list[str]]) -> str:
    """What a validator found, by page, for an assertion message."""
    return "\n".join(f"{name}:\n  " + "\n  ".join(messages) for name, messages in found.items() if messages)
