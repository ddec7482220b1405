"""The engine and `summarise` never open a network socket."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from screener.cli import main
from tests.rulecases import make_case, run


class _NoNetwork(Exception):
    pass


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise _NoNetwork("a socket was opened")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_engine_opens_no_socket(no_sockets: None, pack) -> None:  # type: ignore[no-untyped-def]
    for jurisdiction in ("england-wales", "scotland", "northern-ireland"):
        run(pack, make_case(jurisdiction, trafficking_concern="yes"))


def test_summarise_opens_no_socket(no_sockets: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(
        "schema: screener-case/1\njurisdiction: scotland\nscreening_date: 2024-11-20\n"
        "facts: {separated: yes, in_la_care: yes}\n"
    )
    for fmt in ("md", "txt", "html", "json"):
        assert main(["summarise", str(case), "--format", fmt]) == 0
    out = tmp_path / "out.html"
    assert main(["summarise", str(case), "--format", "html", "--output", str(out)]) == 0
    assert out.exists()
    capsys.readouterr()
