"""``screener serve``: what it runs and what the browser page asks for. textual-serve itself is optional."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from screener.cli import main
from screener.serve import TEMPLATES, serve_command, train_options
from screener.terminal import can_run_app


def test_each_tab_runs_this_python_and_this_package() -> None:
    assert serve_command("walkthrough").endswith("-m screener")
    assert serve_command("train").endswith("-m screener train")
    assert sys.executable in serve_command("train")


def test_training_options_reach_every_tab(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    room = tmp_path / "a room" / "room.sqlite"
    options = train_options(argparse.Namespace(guided=True, room=room))
    assert serve_command("train", options).endswith(f" -m screener train --guided --room '{room}'")
    assert train_options(argparse.Namespace(guided=False, room=None)) == []
    # A room for the walkthrough means nothing; a bad room is one line before anything is served.
    assert main(["serve", "--room", str(room)]) == 2
    assert (
        capsys.readouterr().err == "screener serve: --room and --guided go with --train (try 'screener serve --help')\n"
    )
    assert main(["serve", "--train", "--room", str(room)]) == 2
    assert capsys.readouterr().err == f"{room}: the folder {room.parent} does not exist\n"


def test_the_page_asks_nothing_of_any_other_machine() -> None:
    page = (TEMPLATES / "app_index.html").read_text(encoding="utf-8")
    # Only the served app's own addresses (templated) and XML namespaces may appear.
    addresses = set(re.findall(r"(?:https?|wss?)://[^\s\"'<>)]+", page))
    assert {a for a in addresses if not a.startswith(("http://www.w3.org/", "{{"))} == set()
    assert "googleapis" not in page


def test_the_app_runs_under_textual_serve_without_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # Under pytest stdin is not a terminal; textual-serve names its web driver instead.
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert can_run_app() is False
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert can_run_app() is True


def test_the_guard_decides_by_host_origin_and_token() -> None:
    from screener.serve_guard import Guard

    guard = Guard(8123)
    good: dict[str, Any] = {"host": "localhost:8123", "origin": None, "websocket": False, "query_token": guard.token}
    assert guard.refusal(**good, cookie_token=None) is None
    assert guard.refusal(**{**good, "query_token": None}, cookie_token=guard.token) is None
    assert guard.refusal(**{**good, "host": "[::1]:8123"}, cookie_token=None) is None
    assert guard.refusal(**{**good, "websocket": True, "origin": "http://localhost:8123"}, cookie_token=None) is None
    refused = [
        {**good, "query_token": None},
        {**good, "query_token": guard.token + "x"},
        {**good, "host": "127.0.0.2:8123"},
        {**good, "host": None},
        {**good, "websocket": True},
        {**good, "websocket": True, "origin": "http://127.0.0.1:8123"},
        {**good, "origin": "http://localhost:8124"},
    ]
    for request in refused:
        assert guard.refusal(**request, cookie_token=None) is not None, request
    assert Guard(8123).token != guard.token
    assert guard.token not in repr(guard)


NODE_HARNESS = """
const doc = {}, win = {}, classes = new Set();
globalThis.document = {
  addEventListener: (type, f) => { doc[type] = f; },
  body: { classList: { contains: (c) => classes.has(c) }, dataset: {} },
};
globalThis.window = { addEventListener: (type, f) => { win[type] = f; }, location: { href: "http://x/" } };
SCRIPT
function asks() {
  const event = { prevented: false, preventDefault() { this.prevented = true; } };
  win.beforeunload(event);
  return event.prevented && event.returnValue === "";
}
const seen = [];
doc.keydown({}); seen.push(asks());          // a key before the session started
classes.add("-first-byte"); seen.push(asks()); // started, not yet used
doc.pointerdown({}); seen.push(asks());       // used: a reload would lose answers
classes.add("-closed"); seen.push(asks());     // ended: nothing left to lose
console.log(JSON.stringify(seen));
"""


def test_the_page_asks_before_a_used_session_is_closed_or_reloaded(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        pytest.skip("needs node to run the page's script")
    page = (TEMPLATES / "app_index.html").read_text(encoding="utf-8")
    [script] = [s for s in re.findall(r"<script>(.*?)</script>", page, re.S) if "beforeunload" in s]
    harness = tmp_path / "harness.js"
    harness.write_text(NODE_HARNESS.replace("SCRIPT", script), encoding="utf-8")
    result = subprocess.run([node, str(harness)], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[false,false,true,false]"
