"""A browser tab on ``screener serve``, without a browser: textual-serve's WebSocket protocol.

The page's script opens ``ws://localhost:PORT/ws?width=W&height=H`` with the page's origin and
the per-run token cookie, sends ``["resize", {...}]`` and ``["stdin", KEYS]`` as JSON, and gets
the app's terminal output as binary frames. ``Tab`` does the same and keeps the screen those
frames draw (a grid of characters: the output only places text and styles it), so a wait can
ask what the screen shows *now*, as a person looking at the tab would, and a failed wait can
show it.

Every wait is bounded: ``ScreenTimeout`` says what was waited for and carries the screen.
Used by tests/test_room.py and benchmarks/room_load.py.
"""

from __future__ import annotations

import codecs
import functools
import json
import re
import time
import unicodedata
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp

# What Textual writes: CSI sequences (styles, cursor moves, modes), OSC strings (the pointer's
# shape), and a few two-character escapes. Only the cursor move changes what the grid shows.
ESCAPE = re.compile(rb"\x1b(?:\[([0-9;:?<>=]*)[ -/]*([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)|[ -~])")
# An escape sequence cut off at the end of a frame: kept until the next frame completes it.
UNFINISHED = re.compile(rb"\x1b(?:\[[0-9;:?<>=]*[ -/]*|\][^\x07\x1b]*\x1b?)?\Z")
# The first screen of ``screener serve --train``, whole: the list, then its title line.
SCENARIO_LIST = ("Choose a fictional scenario", "TRAINING — FICTIONAL CASES")


@functools.cache
def _width(char: str) -> int:
    """Columns ``char`` takes: two for East Asian wide and full-width characters."""
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


class ScreenTimeout(AssertionError):
    """A wait that ended without its text on the screen; the message holds the screen."""


class Screen:
    """The characters a terminal of ``width`` × ``height`` shows after the output so far."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.rows = [[" "] * width for _ in range(height)]
        self.row = self.col = 0
        self._carry = b""
        self._decode = codecs.getincrementaldecoder("utf-8")("replace")

    def feed(self, data: bytes) -> None:
        data = self._carry + data
        cut = UNFINISHED.search(data)
        data, self._carry = (data[: cut.start()], data[cut.start() :]) if cut else (data, b"")
        at = 0
        for escape in ESCAPE.finditer(data):
            if escape.start() > at:  # most escapes follow one another, with no text between
                self._write(self._decode.decode(data[at : escape.start()]))
            at = escape.end()
            if escape[2] == b"H":  # the cursor to row;column, counted from 1
                row, _, col = escape[1].decode().partition(";")
                self.row = min(max(int(row or 1), 1), self.height) - 1
                self.col = min(max(int(col or 1), 1), self.width) - 1
        self._write(self._decode.decode(data[at:]))

    def _write(self, text: str) -> None:
        # A run of plain ASCII (nearly all of Textual's output) is placed at once; anything else a
        # character at a time. The benchmark's thirty clients share the machine with the tabs.
        if text.isascii() and text.isprintable():
            if self.col < self.width:
                end = min(self.col + len(text), self.width)
                self.rows[self.row][self.col : end] = text[: end - self.col]
                self.col = end
            return
        for char in text:
            if char == "\n":
                self.row, self.col = min(self.row + 1, self.height - 1), 0
            elif char == "\r":
                self.col = 0
            elif char.isprintable() and self.col < self.width:
                self.rows[self.row][self.col] = char
                self.col += _width(char)

    def text(self) -> str:
        return "\n".join("".join(row).rstrip() for row in self.rows).rstrip("\n")

    def shows(self, text: str) -> bool:
        """Whether ``text`` is on one row of the screen (spaces at a row's end do not count)."""
        return any(text in "".join(row) for row in self.rows)


class Tab:
    """One tab's session: keys in, the screen out."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, width: int, height: int) -> None:
        self.ws = ws
        self.screen = Screen(width, height)
        self.transcript: list[str] = []  # each key sent and the screen it was sent to, for a dump

    async def receive(self, timeout: float) -> bool:
        """Take the next message within ``timeout`` seconds; False if none came. The server ending
        the session is an error."""
        try:
            message = await self.ws.receive(timeout=timeout)
        except TimeoutError:
            return False
        if message.type == aiohttp.WSMsgType.BINARY:
            self.screen.feed(message.data)
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            raise ConnectionError(f"the server ended the session; the screen was:\n{self.screen.text()}")
        return True

    async def wait_for(self, *texts: str, timeout: float) -> None:
        """Until the screen shows every one of ``texts``; ScreenTimeout with the screen after ``timeout``
        seconds."""
        deadline = time.monotonic() + timeout
        while missing := [text for text in texts if not self.screen.shows(text)]:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ScreenTimeout(
                    f"{missing} not on the screen after {timeout:.0f} s; it shows:\n{self.screen.text()}"
                )
            await self.receive(left)

    async def send(self, keys: str) -> None:
        await self.ws.send_str(json.dumps(["stdin", keys]))

    async def press(self, key: str, then: str | None, timeout: float) -> None:
        """Send ``key``; then, if given, wait until the screen shows ``then``.

        ``then`` must be text of the page the key leads to and of no page before it: the page being
        left can still be painting (its title line comes after its body) and is painted once more
        after the key, so a text it shows too is found before the key is taken, and the next key
        reaches a page that does not offer it (the scenario list's "TRAINING — FICTIONAL CASES"
        holds "FICTIONAL CASE": waiting for that after Enter lost the next key). Hence the check
        below, and a first screen waited for whole (``SCENARIO_LIST``).
        """
        if then is not None and self.screen.shows(then):
            raise AssertionError(
                f"{then!r} is on the screen before {key!r}; wait for text of the next page:\n{self.screen.text()}"
            )
        self.transcript.append(f"--- the screen, then {key!r}:\n{self.screen.text()}")
        await self.send(key)
        if then is not None:
            await self.wait_for(then, timeout=timeout)

    async def drain(self, seconds: float) -> None:
        """Keep taking output for ``seconds`` (the tab stays open, as in a room)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            await self.receive(min(left, 1.0))


@asynccontextmanager
async def open_tab(port: int, token: str, *, width: int = 100, height: int = 40) -> AsyncIterator[Tab]:
    """A tab on ``screener serve`` at ``port``, as the page it printed opens it: Host and Origin
    localhost:PORT, the token as the cookie, the terminal's size in the address and a resize."""
    origin = f"http://localhost:{port}"
    headers = {"Origin": origin, "Cookie": f"screener-token-{port}={token}"}
    url = f"ws://localhost:{port}/ws?width={width}&height={height}"
    async with aiohttp.ClientSession() as http, http.ws_connect(url, headers=headers, max_msg_size=0) as ws:
        await ws.send_str(json.dumps(["resize", {"width": width, "height": height}]))
        yield Tab(ws, width, height)
