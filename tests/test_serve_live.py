"""``screener serve`` tested as a browser and an attacker would meet it: a real server on loopback.

Each server is ``python -m screener serve`` in its own process group, on a free
port, with its own HOME and working folder; every wait is bounded, and the
group is always killed at the end.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from tests.clirun import in_this_process

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60.0  # seconds until the server says it is serving (a shared, slow machine)
REQUEST_TIMEOUT = 10.0
SERVING = re.compile(
    r"^screener: serving (the walkthrough|training mode|a case) on (http://localhost:(\d+)/\?token=([A-Za-z0-9_-]+))"
    r" \(this machine only\); ctrl\+c stops it\n$"
)


def _env(home: Path, warm: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    if not warm:
        env["SCREENER_SERVE_COLD"] = "1"
    else:
        env.pop("SCREENER_SERVE_COLD", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env["HOME"] = str(home)
    env.pop("TEXTUAL_DRIVER", None)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _read_line(stream, timeout: float) -> str:  # type: ignore[no-untyped-def]
    """One line from a pipe, or what came before the timeout or the end."""
    deadline = time.monotonic() + timeout
    data = b""
    with selectors.DefaultSelector() as sel:
        sel.register(stream, selectors.EVENT_READ)
        while b"\n" not in data and (left := deadline - time.monotonic()) > 0:
            if not sel.select(left):
                break
            chunk = os.read(stream.fileno(), 4096)
            if not chunk:
                break
            data += chunk
    return data.decode("utf-8", "replace")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=10)
            break
        except subprocess.TimeoutExpired:
            continue
    # The apps the server started for its sessions are in its group too.
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


@dataclass
class Served:
    url: str
    port: int
    token: str
    proc: subprocess.Popen[bytes]
    folder: Path

    @property
    def cookie(self) -> str:
        return f"screener-token-{self.port}={self.token}"

    @property
    def origin(self) -> str:
        return f"http://localhost:{self.port}"


# The server of `screener serve`, serving a walkthrough opened on a case file (which the command cannot).
SERVE_CASE = (
    "import shlex, sys; from screener.serve import make_server; "
    "command = f'{shlex.quote(sys.executable)} -m screener {shlex.quote(sys.argv[1])}'; "
    "sys.exit(make_server(command, int(sys.argv[2]), what='a case').run())"
)


def _start(
    folder: Path, *args: str, case: Path | None = None, warm: bool = True
) -> tuple[subprocess.Popen[bytes], str]:
    if case is not None:
        port = args[args.index("--port") + 1]
        argv = ["-c", SERVE_CASE, str(case), port]
    else:
        argv = ["-m", "screener", "serve", *args]
    proc = subprocess.Popen(
        [sys.executable, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=folder,
        env=_env(folder, warm),
        start_new_session=True,
    )
    return proc, _read_line(proc.stderr, START_TIMEOUT)


@contextmanager
def serving(folder: Path, *args: str, case: Path | None = None, warm: bool = True) -> Iterator[Served]:
    """A real server on a free loopback port. ``warm=False`` starts its tabs as new processes
    (``SCREENER_SERVE_COLD``): for the tests of what the server itself does (its guard, its console,
    its stopping), which open a tab at most, so the warm parent's start (about a second of CPU) is left out.
    tests/test_serve_warm.py tests the warm parent."""
    for _attempt in range(3):  # another process may take the free port first
        port = free_port()
        proc, line = _start(folder, "--port", str(port), *args, case=case, warm=warm)
        try:
            if "already in use" in line:
                continue
            match = SERVING.match(line)
            assert match, f"not serving: {line!r}"
            assert match[1] == ("a case" if case else "training mode" if "--train" in args else "the walkthrough")
            assert int(match[3]) == port
            yield Served(match[2], port, match[4], proc, folder)
            return
        finally:
            _stop(proc)
    pytest.fail("no free port after three tries")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(tmp_path_factory.mktemp("served"), warm=False) as s:
        yield s


def get(
    served: Served, path: str, *, host: str | None = None, cookie: bool = True, headers: dict[str, str] | None = None
) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=REQUEST_TIMEOUT)
    sent = {"Host": f"localhost:{served.port}" if host is None else host, **(headers or {})}
    if cookie:
        sent["Cookie"] = served.cookie
    conn.request("GET", path, headers=sent)
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


def upgrade_headers(**extra: str) -> dict[str, str]:
    return {
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version": "13",
        **extra,
    }


# -- the address printed -------------------------------------------------------------


def test_the_printed_address_carries_a_fresh_token_each_run(served: Served, tmp_path: Path) -> None:
    assert served.url == f"http://localhost:{served.port}/?token={served.token}"
    assert len(served.token) >= 40
    with serving(tmp_path, "--train", warm=False) as other:
        assert other.token != served.token


def test_the_token_in_the_address_becomes_a_cookie_and_leaves_the_address_bar(served: Served) -> None:
    response = get(served, f"/?token={served.token}&fontsize=20", cookie=False)
    assert response.status == 303
    assert response.getheader("Location") == "/?fontsize=20"
    cookie = response.getheader("Set-Cookie") or ""
    assert cookie.startswith(served.cookie + ";")
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    # The cookie alone then opens the page.
    assert get(served, "/").status == 200


# -- refused ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/static/js/textual.js", "/ws", "/download/0123abcd"])
def test_a_request_without_the_token_is_refused(served: Served, path: str) -> None:
    response = get(served, path, cookie=False)
    assert response.status == 403
    assert b"open the address that 'screener serve' printed" in response.body  # type: ignore[attr-defined]


def test_a_wrong_token_is_refused(served: Served) -> None:
    wrong = served.token[:-1] + ("A" if served.token[-1] != "A" else "B")
    assert get(served, f"/?token={wrong}", cookie=False).status == 403
    assert get(served, "/", cookie=False, headers={"Cookie": f"screener-token-{served.port}={wrong}"}).status == 403
    # Another server's cookie on this machine is not ours.
    assert get(served, "/", cookie=False, headers={"Cookie": f"screener-token-1={served.token}"}).status == 403


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:{port}",  # DNS rebinding: a foreign name pointed at 127.0.0.1
        "localhost.evil.example:{port}",
        "localhost:1",  # our name, another port
        "localhost",
        "",
    ],
)
def test_a_foreign_host_is_refused_even_with_the_token(served: Served, host: str) -> None:
    response = get(served, f"/?token={served.token}", host=host.format(port=served.port))
    assert response.status == 403
    assert b"only to its own address" in response.body  # type: ignore[attr-defined]


@pytest.mark.parametrize("host", ["localhost:{port}", "127.0.0.1:{port}", "LOCALHOST:{port}"])
def test_every_loopback_name_for_this_port_is_served(served: Served, host: str) -> None:
    assert get(served, "/", host=host.format(port=served.port)).status == 200


@pytest.mark.parametrize(
    "origin",
    ["http://evil.example", "http://localhost:1", "https://localhost:{port}", "null", "http://127.0.0.1:{port}"],
)
def test_a_websocket_from_another_origin_is_refused(served: Served, origin: str) -> None:
    # Host localhost, so http://127.0.0.1:PORT is another origin too: the page's own origin only.
    response = get(served, "/ws", headers=upgrade_headers(Origin=origin.format(port=served.port)))
    assert response.status == 403
    assert b"another web page may not use this server" in response.body  # type: ignore[attr-defined]


def test_a_websocket_without_an_origin_is_refused(served: Served) -> None:
    response = get(served, "/ws", headers=upgrade_headers())
    assert response.status == 403


def test_a_foreign_origin_is_refused_for_plain_requests_too(served: Served) -> None:
    assert get(served, "/", headers={"Origin": "http://evil.example"}).status == 403


def test_the_static_folder_is_not_listed(served: Served) -> None:
    listing = get(served, "/static/")
    assert listing.status in (403, 404)
    assert b"textual.js" not in listing.body  # type: ignore[attr-defined]
    assert get(served, "/static/js/textual.js").status == 200


def _an_address_of_this_machine_that_is_not_loopback() -> str | None:
    # Connecting a UDP socket sends nothing; it only picks the interface a packet would leave by.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 9))
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def test_the_server_listens_on_loopback_only(served: Served) -> None:
    address = _an_address_of_this_machine_that_is_not_loopback()
    if address is None:
        pytest.skip("this machine has no address but loopback")
    with pytest.raises(ConnectionRefusedError), socket.create_connection((address, served.port), timeout=5):
        pass
    with socket.create_connection(("127.0.0.1", served.port), timeout=5):
        pass


# -- the page --------------------------------------------------------------------------


def test_the_page_has_a_title_a_language_and_guards_its_tab(served: Served) -> None:
    response = get(served, "/")
    assert response.status == 200
    page = response.body.decode("utf-8")  # type: ignore[attr-defined]
    assert '<html lang="en">' in page
    assert "<title>Screener</title>" in page
    assert 'addEventListener("beforeunload"' in page
    # Its addresses are its own, relative to the name the browser used.
    assert f'data-session-websocket-url="ws://localhost:{served.port}/ws"' in page
    assert 'src="/static/js/textual.js"' in page
    assert response.getheader("X-Frame-Options") == "DENY"
    assert "frame-ancestors 'none'" in (response.getheader("Content-Security-Policy") or "")
    assert response.getheader("X-Content-Type-Options") == "nosniff"


async def test_a_websocket_from_the_page_starts_a_session(served: Served) -> None:
    async def session() -> bytes:
        async with (
            aiohttp.ClientSession() as client,
            client.ws_connect(
                f"ws://localhost:{served.port}/ws?width=80&height=24",
                origin=served.origin,
                headers={"Cookie": served.cookie},
            ) as ws,
        ):
            await ws.send_json(["resize", {"width": 80, "height": 24}])
            screen = b""
            while b"Screener" not in screen:
                message = await ws.receive()
                assert message.type == aiohttp.WSMsgType.BINARY, message
                screen += message.data
            return screen

    screen = await asyncio.wait_for(session(), timeout=60)
    assert b"\x1b[" in screen  # a terminal's drawing, from the app the session started


async def test_aiohttp_is_refused_the_same_way(served: Served) -> None:
    # The same refusal seen by a real WebSocket client (not only a hand-made request).
    async def attempt() -> int:
        async with aiohttp.ClientSession() as client:
            try:
                async with client.ws_connect(
                    f"ws://localhost:{served.port}/ws", origin="http://evil.example", headers={"Cookie": served.cookie}
                ):
                    return 101
            except aiohttp.WSServerHandshakeError as exc:
                return exc.status

    assert await asyncio.wait_for(attempt(), timeout=REQUEST_TIMEOUT) == 403


# -- start-up problems -----------------------------------------------------------------


def test_a_busy_port_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc, first = _start(tmp_path, "--port", str(port))
        try:
            out, rest = proc.communicate(timeout=START_TIMEOUT)
        finally:
            _stop(proc)
    assert proc.returncode == 2
    in_use = f"screener: port {port} is already in use on this machine; choose another with --port\n"
    assert first + rest.decode() == in_use
    assert out == b""


@pytest.mark.parametrize("command", [["serve"], ["room", "room.sqlite"]])
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "80"], "screener: --port must be between 1024 and 65535, not 80\n"),
        (["--port", "eighty"], None),
        (["--bind", "0.0.0.0"], None),
    ],
)
def test_a_bad_option_is_one_line_and_exit_2(
    tmp_path: Path, command: list[str], args: list[str], message: str | None
) -> None:
    # In this process: refused before anything is served or imported for serving (one check of
    # --port for both commands, in screener.serve_guard).
    result = in_this_process(*command, *args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert "serving" not in result.stderr and "training room" not in result.stderr
    if message is not None:
        assert result.stderr == message
    assert list(tmp_path.iterdir()) == []  # no room file made


def test_sigterm_stops_the_server(tmp_path: Path) -> None:
    with serving(tmp_path, warm=False) as s:
        s.proc.send_signal(signal.SIGTERM)
        assert s.proc.wait(timeout=20) == 0
        assert s.proc.stderr is not None
        assert b"Traceback" not in s.proc.stderr.read()


# -- downloads -------------------------------------------------------------------------

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


async def test_ctrl_s_in_the_browser_is_a_download_and_nothing_is_written_on_the_server(tmp_path: Path) -> None:
    case = ROOT / "tests" / "cases" / "england-wales-county-lines.yaml"
    folder = tmp_path / "server"
    folder.mkdir()
    with serving(folder, case=case) as s:

        async def save() -> tuple[int, dict[str, str], bytes]:
            async with (
                aiohttp.ClientSession(headers={"Cookie": s.cookie}) as client,
                client.ws_connect(f"ws://localhost:{s.port}/ws?width=100&height=30", origin=s.origin) as ws,
            ):

                async def screen_until(text: bytes) -> None:
                    seen = b""
                    while text not in ANSI.sub(b"", seen):
                        message = await ws.receive()
                        if message.type == aiohttp.WSMsgType.BINARY:
                            seen += message.data

                await ws.send_json(["resize", {"width": 100, "height": 30}])
                await screen_until(b"Press n or Enter")
                await ws.send_json(["stdin", "\x13"])  # ctrl+s
                await screen_until(b"Download the answers as a case file")
                await ws.send_json(["stdin", "y"])
                while True:
                    message = await ws.receive()
                    if message.type == aiohttp.WSMsgType.TEXT and message.json()[0] == "deliver_file_start":
                        key = message.json()[1]
                        break
                async with client.get(f"http://localhost:{s.port}/download/{key}") as response:
                    body = await response.read()
                    return response.status, dict(response.headers), body

        status, headers, body = await asyncio.wait_for(save(), timeout=90)
    assert status == 200
    assert headers["Content-Disposition"] == "attachment; filename=england-wales-county-lines.yaml"
    assert headers["Content-Type"] == "application/yaml; charset=utf-8"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert body.decode("utf-8").startswith("#")
    assert "reference: SAMPLE-EW-01" in body.decode("utf-8")
    # Nothing in the server's folder or its HOME (where Textual would put a Downloads folder).
    assert sorted(p.name for p in folder.iterdir()) == []


def test_malformed_http_is_one_line_on_the_console_not_a_traceback(tmp_path: Path) -> None:
    requests = [
        b"GARBAGE\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\r\n\r\n",
        b"GET /\x00\x1b]0;pwned\x07 HTTP/1.1\r\n\r\n",
        b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03",  # a TLS hello to a plain HTTP port
    ]
    with serving(tmp_path, warm=False) as s:
        for raw in requests:
            with socket.create_connection(("127.0.0.1", s.port), timeout=REQUEST_TIMEOUT) as sock:
                sock.sendall(raw)
                assert sock.recv(64).startswith(b"HTTP/1.0 400 Bad Request")
    assert s.proc.stderr is not None
    console = s.proc.stderr.read().decode("utf-8", "replace")
    assert "Traceback" not in console and "\x1b" not in console
    lines = console.splitlines()
    assert len(lines) >= 2, console  # aiohttp answers some (a bare word, a TLS hello) without a word
    for line in lines:
        assert line.startswith("screener serve: Error handling request from 127.0.0.1: 400, message:"), line
