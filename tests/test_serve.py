"""``screener serve``: what it runs and what the browser page asks for. textual-serve itself is optional."""

from __future__ import annotations

import re
import sys

import pytest

from screener.serve import TEMPLATES, serve_command
from screener.terminal import can_run_app


def test_each_tab_runs_this_python_and_this_package() -> None:
    assert serve_command("walkthrough").endswith("-m screener")
    assert serve_command("train").endswith("-m screener train")
    assert sys.executable in serve_command("train")


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
