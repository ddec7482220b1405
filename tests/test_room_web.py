"""``screener room`` tested as a trainee, a facilitator and an attacker would meet it: a real server on loopback.

The server is ``python -m screener room`` in its own process group, on a free port,
with its own HOME and working folder; every wait is bounded and the group is
always killed at the end. The pages are driven with plain form posts and no script.
"""

from __future__ import annotations

import re
import signal
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest

from screener.web.guard import Attempts
from tests.room_client import Client, fill, forms, play_round
from tests.test_serve_live import (
    START_TIMEOUT,
    _an_address_of_this_machine_that_is_not_loopback,
    _env,
    _read_line,
    _stop,
    free_port,
)

ROOM_LINE = re.compile(r"^screener: training room on http://localhost:(\d+)/ — join code ([A-Z0-9]{10})\n$")
FACILITATOR_LINE = re.compile(r"^screener: facilitator: http://localhost:(\d+)/f\?token=([A-Za-z0-9_-]+) ")


@dataclass
class Room:
    port: int
    code: str
    token: str
    path: Path
    proc: subprocess.Popen[bytes]

    def client(self) -> Client:
        return Client(self.port)

    def facilitator(self) -> Client:
        client = Client(self.port)
        assert client.get(f"/f?token={self.token}").status == 200
        return client


@contextmanager
def room_server(folder: Path, *args: str) -> Iterator[Room]:
    path = folder / "room.sqlite"
    for _attempt in range(3):
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "screener", "room", str(path), "--port", str(port), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            cwd=folder,
            env=_env(folder),
            start_new_session=True,
        )
        try:
            said = _read_line(proc.stderr, START_TIMEOUT)
            if "already in use" in said:
                continue
            if "facilitator" not in said:
                said += _read_line(proc.stderr, 10)
            first, rest = said.split("\n", 1)
            match = ROOM_LINE.match(first + "\n")
            assert match, said
            second = FACILITATOR_LINE.match(rest)
            assert second and int(second[1]) == port
            yield Room(port, match[2], second[2], path, proc)
            return
        finally:
            _stop(proc)
    pytest.fail("no free port after three tries")


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Room]:
    with room_server(tmp_path_factory.mktemp("room")) as r:
        yield r


def rounds_in(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT seat, scenario FROM rounds ORDER BY id").fetchall()


def test_a_trainee_finishes_a_round_with_plain_form_posts_and_the_room_holds_it_once(room: Room) -> None:
    before = len(rounds_in(room.path))
    trainee = room.client()
    results = play_round(trainee, room.code, scenario="ew-age-dispute-hotel")
    assert "Round recorded in the room, anonymously." in results.body
    assert 'role="status" aria-live="polite"' in results.body
    assert "<h2>" in results.body and "Snapshot 2024" in results.body  # the marking, with its evidence cited
    rows = rounds_in(room.path)
    assert len(rows) == before + 1 and rows[-1][1] == "ew-age-dispute-hotel"
    # The same post again (a reload, a double click) does not record it twice.
    [round_path] = {p for p in trainee.visited if p.startswith("/t/round/")}
    token = forms(trainee.get("/t").body).hidden["form_token"]
    again = trainee.post(round_path, [("form_token", token)])
    assert "Round recorded in the room" in again.body
    assert len(rounds_in(room.path)) == before + 1
    # Another trainee cannot open (or post to) this trainee's round.
    other = room.client()
    other.get(f"/join?{urlencode({'code': room.code})}")
    assert "Results" not in other.get(round_path).body


def test_every_question_is_a_fieldset_with_a_legend_and_every_control_has_a_label(room: Room) -> None:
    trainee = room.client()
    page = trainee.get(f"/join?{urlencode({'code': room.code})}")
    action, fields = fill(page.body)
    page = trainee.post(action, fields)
    body = page.body
    assert body.count("<fieldset") == body.count("<legend>") > 0
    inputs = re.findall(r"<input (?![^>]*type=\"hidden\")[^>]*>", body)
    for control in inputs:
        control_id = re.search(r'id="([^"]+)"', control)
        # Labelled by a label that names it, or by the label it sits in.
        assert control_id and (f'for="{control_id[1]}"' in body or f"<label>{control}" in body), control
    assert body.count("<h1>") == 1
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in body
    assert "<script" not in body  # a trainee's round needs no script


def test_the_facilitator_debrief_shows_the_rounds(room: Room) -> None:
    play_round(room.client(), room.code, scenario="sc-ukraine-domestic")
    page = room.facilitator().get("/f")
    assert page.status == 200
    assert room.code in page.body
    assert 'id="debrief" aria-live="polite"' in page.body
    assert "A host who kept her passport" in page.body
    part = room.facilitator().get("/f/debrief-part")
    assert re.search(r"<p>\d+ rounds? in the room\.</p>", part.body)


def modules_of(svg: str) -> set[tuple[int, int]]:
    """The dark modules (row, column) an SVG from segno draws: each run is ``h`` along a row, ``m`` moves."""
    path = re.search(r' d="([^"]+)"', svg)
    assert path, svg[:200]
    x = y = 0.0
    dark = set()
    for command, numbers in re.findall(r"([MmHh])([-\d. ]+)", path[1]):
        values = [float(v) for v in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            dark |= {(int(y), int(x) + n) for n in range(int(values[0]))}
            x += values[0]
    return dark


def test_the_facilitator_page_shows_the_join_address_as_a_qr_code_and_as_text(room: Room) -> None:
    import segno

    page = room.facilitator().get("/f").body
    address = f"http://localhost:{room.port}/join?code={room.code}"
    svg = re.search(r"<svg [^>]*>.*?</svg>", page, re.S)
    assert svg and 'role="img"' in svg[0] and f"<title>QR code for {address}</title>" in svg[0]
    # Drawn here (inline SVG: nothing fetched): its modules are those of the exact address, with the join code.
    expected = segno.make_qr(address, error="m", boost_error=False)
    border = 4  # segno's quiet zone, in modules
    drawn = {(r - border, c - border) for r, c in modules_of(svg[0])}
    assert drawn == {(r, c) for r, row in enumerate(expected.matrix) for c, bit in enumerate(row) if bit}
    assert drawn != {
        (r, c) for r, row in enumerate(segno.make_qr(address + "X", error="m").matrix) for c, b in enumerate(row) if b
    }
    # Its text alternative: the same address, as a link beside it.
    assert f'<a href="{address}">{address}</a>' in page
    # The address works: it joins the room.
    assert "Choose a scenario" in room.client().get(address.removeprefix(f"http://localhost:{room.port}")).body


def test_a_damaged_round_leaves_the_facilitator_page_showing_the_rest_and_saying_so_and_sigterm_stops_it(
    tmp_path: Path,
) -> None:
    with room_server(tmp_path) as r:
        play_round(r.client(), r.code, scenario="sc-ukraine-domestic")
        with sqlite3.connect(r.path) as db:
            db.execute(
                "INSERT INTO rounds (seat, scenario, mode, answers, predictions) VALUES (?, ?, ?, ?, ?)",
                ("seat-x", "sc-ukraine-domestic", "practice", "{not json", "{}"),
            )
            (damaged,) = db.execute("SELECT max(id) FROM rounds").fetchone()
        boss = r.facilitator()
        page = boss.get("/f")
        assert page.status == 200
        assert "<p>1 round in the room.</p>" in page.body
        assert "A host who kept her passport" in page.body  # the round that can be read is debriefed
        said = f"1 round in the room file could not be read and is left out of this debrief (the first: round {damaged}"
        assert page.body.count(said) == 1
        assert said in boss.get("/f/debrief-part").body
        # A room file that cannot be read at all: the page, with one line in the debrief's place.
        (tmp_path / "not-a-room").write_text("hello")
        (tmp_path / "not-a-room").replace(r.path)
        page = boss.get("/f")
        assert page.status == 200
        assert "The debrief cannot be shown: is not a room file" in page.body
        # Its room file gone bad, the room still stops cleanly when told to.
        r.proc.send_signal(signal.SIGTERM)
        assert r.proc.wait(timeout=20) == 0


def test_the_facilitator_chooses_the_scenario_and_closes_the_room(room: Room) -> None:
    boss = room.facilitator()
    token = forms(boss.get("/f").body).hidden["form_token"]
    origin = f"http://localhost:{room.port}"
    try:
        boss.post(
            "/f/room", [("form_token", token), ("scenario", "sc-forced-marriage"), ("state", "open")], Origin=origin
        )
        trainee = room.client()
        page = trainee.get(f"/join?{urlencode({'code': room.code})}")
        assert [v for v, _ in forms(page.body).radios["scenario"]] == ["sc-forced-marriage"]
        boss.post("/f/room", [("form_token", token), ("scenario", ""), ("state", "closed")])
        assert "The room is closed" in trainee.get("/t").body
    finally:  # the room as the other tests expect it: open, any scenario
        boss.post("/f/room", [("form_token", token), ("scenario", ""), ("state", "open")])


# -- refused -----------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example:{port}", "localhost:1", "attacker.localhost:{port}", ""])
def test_a_foreign_host_is_refused(room: Room, host: str) -> None:
    client = Client(room.port, host=host.format(port=room.port) or " ")
    reply = client.request("GET", f"/join?code={room.code}")
    assert reply.status == 403
    assert "screener-room-trainee" not in client.cookies
    reply = client.request("GET", f"/f?token={room.token}")
    assert reply.status == 403


def test_a_cross_site_form_post_is_refused(room: Room) -> None:
    trainee = room.client()
    page = trainee.get(f"/join?{urlencode({'code': room.code})}")
    action, fields = fill(page.body)
    before = len(rounds_in(room.path))
    # Another site's page posting with the trainee's cookie: a foreign Origin, or no form token.
    assert trainee.post(action, fields, follow=False, Origin="http://evil.example").status == 403
    assert trainee.post(action, fields, follow=False, **{"Sec-Fetch-Site": "cross-site"}).status == 403
    no_token = [(k, v) for k, v in fields if k != "form_token"]
    assert trainee.post(action, no_token, follow=False).status == 403
    wrong = [(k, "x" if k == "form_token" else v) for k, v in fields]
    assert trainee.post(action, wrong, follow=False).status == 403
    # The facilitator's form too.
    boss = room.facilitator()
    token = forms(boss.get("/f").body).hidden["form_token"]
    assert (
        boss.post(
            "/f/room", [("form_token", token), ("state", "closed")], follow=False, Origin="http://evil.example"
        ).status
        == 403
    )
    assert "The room is closed" not in trainee.get("/t").body
    assert len(rounds_in(room.path)) == before


def test_a_wrong_join_code_is_refused_and_rate_limited(tmp_path: Path) -> None:
    with room_server(tmp_path) as r:
        client = r.client()
        for _ in range(10):
            reply = client.get("/join?code=AAAAAAAAAA")
            assert reply.status == 403 and "not this room" in reply.body
        assert "screener-room-trainee" not in client.cookies
        assert client.get("/t").status == 200 and "Join the training room" in client.get("/t").body
        # Now even the right code waits.
        assert client.get(f"/join?code={r.code}").status == 429


def test_the_rate_limit_forgets_after_its_window() -> None:
    attempts = Attempts(limit=2, window=10)
    attempts.wrong("a", now=0)
    attempts.wrong("a", now=1)
    assert attempts.blocked("a", now=5)
    assert not attempts.blocked("b", now=5)
    assert not attempts.blocked("a", now=12)


@pytest.mark.parametrize("path", ["/f", "/f/debrief-part", "/f?token=wrong"])
def test_a_facilitator_page_without_its_token_is_refused(room: Room, path: str) -> None:
    trainee = room.client()
    trainee.get(f"/join?{urlencode({'code': room.code})}")
    reply = trainee.request("GET", path)
    assert reply.status == 403
    assert room.code not in reply.body


def test_the_room_listens_on_loopback_only_by_default(room: Room) -> None:
    address = _an_address_of_this_machine_that_is_not_loopback()
    if address is None:
        pytest.skip("this machine has no address but loopback")
    with pytest.raises(ConnectionRefusedError), socket.create_connection((address, room.port), timeout=5):
        pass


def test_listen_opens_the_room_to_that_address_with_one_warning(tmp_path: Path) -> None:
    address = _an_address_of_this_machine_that_is_not_loopback()
    if address is None:
        pytest.skip("this machine has no address but loopback")
    path = tmp_path / "room.sqlite"
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "screener", "room", str(path), "--port", str(port), "--listen", address],
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
        env=_env(tmp_path),
        start_new_session=True,
    )
    try:
        said = _read_line(proc.stderr, START_TIMEOUT)
        assert said.startswith(f"screener: warning: the room is open to the network on {address}"), said
        while "facilitator" not in said:
            said += _read_line(proc.stderr, 10)
        assert said.count("warning") == 1
        code = re.search(r"join code ([A-Z0-9]{10})", said)
        assert code
        trainee = Client(port, host=f"{address}:{port}", address=address)
        assert "Choose a scenario" in trainee.get(f"/join?code={code[1]}").body
        assert Client(port, host=f"evil.example:{port}", address=address).request("GET", "/").status == 403
    finally:
        _stop(proc)
