"""The room's server: aiohttp on loopback (or ``--listen``), every request through the guard.

Trainees: ``/`` (the join form) → ``/join?code=`` → ``/t`` (scenarios) → a
round's forms at ``/t/round/ID`` → its results. Each form post is checked for
its Origin and its form token, and answered with a redirect (post, redirect,
get), so a reload never posts twice; a round is handed to the room exactly once.
The facilitator: ``/f`` (join code, open or close, scenario, the live debrief).
The room's SQLite file is written in a worker thread, so a slow disk never
stalls the other trainees' pages.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import secrets
import signal
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from aiohttp import hdrs, web

from screener.content.pack import Pack
from screener.errors import InputError
from screener.serve_guard import TOKEN_PARAM, Handler
from screener.training.debrief import build_debrief
from screener.training.models import Scenario
from screener.training.room import GroupWriter, Recorder, read_rounds, recorder
from screener.web import pages
from screener.web.guard import Attempts, RoomGuard, own_names, same
from screener.web.rounds import FORM_FIELDS, Rounds, WebRound

HEADERS = {
    "X-Frame-Options": "DENY",
    # Scripts, styles and forms from the room itself only: no request leaves this machine.
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    # Not no-referrer: under it a browser's form post carries "Origin: null", which the guard refuses (a real
    # Chromium could not start a round). same-origin sends a referrer only to the room itself.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
HTML = "text/html"
TRAINEE_COOKIE = "screener-room-trainee"
MAX_TRAINEES = 5000
# Connections waiting to be accepted: a room of 300 joining at once overflowed aiohttp's 128, and a
# refused connection is tried again by the browser only after one, three, seven seconds.
BACKLOG = 1024
# Rounds waiting for their batch to be written, at once.
FINISHERS = 16


@dataclass
class Trainee:
    form_token: str
    record: Recorder


@dataclass
class Room:
    pack: Pack
    scenarios: list[Scenario]
    path: Path
    guard: RoomGuard
    is_open: bool = True
    scenario: str | None = None  # the one the facilitator chose; None: any
    trainees: dict[str, Trainee] = field(default_factory=dict)
    attempts: Attempts = field(default_factory=Attempts)
    facilitator_form: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    writing: dict[str, asyncio.Task[None]] = field(default_factory=dict)  # rounds being written, by id

    def __post_init__(self) -> None:
        self.rounds = Rounds(self.pack, self.scenarios)
        # Rounds are finished (marked, then written) in threads of their own, off the event loop, and
        # written in batches: rounds finished together share one transaction and one flush to disk
        # (GroupWriter). Each batch opens the room and closes it, so the file is whole, its WAL
        # checkpointed, between batches (a connection kept open was tried: SQLite cannot checkpoint
        # a room moved while open, and leaves its rows in a -wal file beside the old name).
        # The marking (the costliest work of a round) has one thread: more would take Python's lock from
        # the event loop in turn, and every page would wait. Waiting for the disk takes none.
        self.writer = GroupWriter(self.path)
        self.marker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="room-marker")
        self.finisher = ThreadPoolExecutor(max_workers=FINISHERS, thread_name_prefix="room-writer")

    def finishing(self, played: WebRound, record: Recorder) -> asyncio.Task[None]:
        """Mark the round, then write it, off the event loop; its task is known until it is done."""

        async def finish() -> None:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(self.marker, played.results)
            played.problem = await loop.run_in_executor(self.finisher, played.send, record)

        task = asyncio.ensure_future(finish())
        self.writing[played.id] = task
        task.add_done_callback(lambda _: self.writing.pop(played.id, None))
        return task

    def close(self) -> None:
        self.marker.shutdown(wait=True)
        self.finisher.shutdown(wait=True)

    @property
    def facilitator_cookie(self) -> str:
        return f"screener-room-facilitator-{self.guard.port}"

    def offered(self) -> list[Scenario]:
        return [s for s in self.scenarios if self.scenario is None or s.id == self.scenario]

    def new_trainee(self) -> str:
        trainee = secrets.token_urlsafe(24)
        if len(self.trainees) >= MAX_TRAINEES:
            self.trainees.pop(next(iter(self.trainees)))
        self.trainees[trainee] = Trainee(secrets.token_urlsafe(24), recorder(self.pack, self.path, self.writer))
        return trainee


def html(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type=HTML, charset="utf-8")


def refused(status: int, reason: str) -> web.Response:
    return html(pages.message("Refused", f"Refused: {reason}."), status)


def make_app(room: Room) -> web.Application:
    guard = room.guard

    @web.middleware
    async def guarded(request: web.Request, handler: Handler) -> web.StreamResponse:
        reason = guard.place_refusal(request.headers.get(hdrs.HOST), request.headers.get(hdrs.ORIGIN))
        if reason is not None:
            return refused(403, reason)
        if request.method == "POST" and request.headers.get("Sec-Fetch-Site", "same-origin") not in (
            "same-origin",
            "none",
        ):
            return refused(403, "another web page may not use this room")
        if request.path.startswith("/f"):
            if guard.token_ok(request.query.get(TOKEN_PARAM)) and request.method == "GET":
                response = web.HTTPSeeOther(location=request.path)
                response.set_cookie(room.facilitator_cookie, guard.token, httponly=True, samesite="Strict", path="/f")
                return response
            if not guard.token_ok(request.cookies.get(room.facilitator_cookie)):
                return refused(403, "the facilitator's pages need the address 'screener room' printed, with its token")
        return await handler(request)

    async def headers(request: web.Request, response: web.StreamResponse) -> None:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)

    def trainee_of(request: web.Request) -> tuple[str, Trainee] | None:
        key = request.cookies.get(TRAINEE_COOKIE)
        if key is None or key not in room.trainees:
            return None
        return key, room.trainees[key]

    async def posted(request: web.Request, token: str) -> dict[str, list[str]] | None:
        """The form's fields, or None when its form token is missing or wrong (or it is too large)."""
        if request.content_length is not None and request.content_length > 64_000:
            return None
        data = await request.post()
        if len(data) > FORM_FIELDS or not same(_one(data.getall("form_token", [])), token):
            return None
        out: dict[str, list[str]] = {}
        for key, value in data.items():
            if isinstance(value, str):
                out.setdefault(key, []).append(value)
        return out

    async def index(request: web.Request) -> web.StreamResponse:
        if trainee_of(request) is not None:
            raise web.HTTPSeeOther("/t")
        return html(pages.join_page())

    async def join(request: web.Request) -> web.StreamResponse:
        client = request.remote or "?"
        if room.attempts.blocked(client):
            return html(pages.join_page("Too many wrong codes: wait a minute, then try again."), 429)
        code = request.query.get("code", "").strip().upper().replace(" ", "")
        if not same(code, guard.join_code):
            room.attempts.wrong(client)
            return html(pages.join_page("That is not this room's code. Check it with the facilitator."), 403)
        response = web.HTTPSeeOther("/t")
        if trainee_of(request) is None:
            response.set_cookie(TRAINEE_COOKIE, room.new_trainee(), httponly=True, samesite="Strict", path="/")
        raise response

    def need_trainee(request: web.Request) -> tuple[str, Trainee]:
        found = trainee_of(request)
        if found is None:
            raise web.HTTPSeeOther("/")
        return found

    async def choose(request: web.Request) -> web.StreamResponse:
        _, trainee = need_trainee(request)
        names = {j: place.name for j, place in room.pack.jurisdictions.items()}
        return html(pages.scenarios_page(room.offered(), names, trainee.form_token, room.is_open))

    async def start(request: web.Request) -> web.StreamResponse:
        key, trainee = need_trainee(request)
        data = await posted(request, trainee.form_token)
        if data is None:
            return refused(403, "this form did not come from the room's own page; go back and reload it")
        chosen = _one(data.get("scenario", []))
        if not room.is_open or chosen not in {s.id for s in room.offered()}:
            raise web.HTTPSeeOther("/t")
        played = room.rounds.start(key, chosen)
        raise web.HTTPSeeOther(f"/t/round/{played.id}")

    async def show_round(request: web.Request) -> web.StreamResponse:
        key, trainee = need_trainee(request)
        played = room.rounds.get(request.match_info["round"], key)
        if played is None:
            raise web.HTTPSeeOther("/t")
        if (writing := room.writing.get(played.id)) is not None:
            await asyncio.shield(writing)  # a reload while the round is being written: "recorded" only once it is
        if played.done:
            return html(pages.results_page(played))
        return html(pages.step_page(played, trainee.form_token, {}, {}))

    async def answer_round(request: web.Request) -> web.StreamResponse:
        key, trainee = need_trainee(request)
        played = room.rounds.get(request.match_info["round"], key)
        if played is None:
            raise web.HTTPSeeOther("/t")
        data = await posted(request, trainee.form_token)
        if data is None:
            return refused(403, "this form did not come from the room's own page; go back and reload it")
        if played.done:  # a repeated post (a reload, a double click): the round is already in
            raise web.HTTPSeeOther(f"/t/round/{played.id}")
        problems = played.answer(data)
        if problems:
            return html(pages.step_page(played, trainee.form_token, problems, data), 400)
        if played.done and not played.finished:
            played.finished = True  # claimed before the write, so a post racing this one cannot record it again
            await asyncio.shield(room.finishing(played, trainee.record))
        raise web.HTTPSeeOther(f"/t/round/{played.id}")

    async def debrief_html() -> str:
        # The facilitator's page shows what it can: rounds that cannot be read are left out and said,
        # and a room file that cannot be read at all is one line, never an error page.
        left_out: list[str] = []
        try:
            rounds = await asyncio.to_thread(read_rounds, room.path, room.pack, left_out=left_out)
        except InputError as exc:
            return pages.unreadable_room(str(exc.problems[0].message))
        return pages.debrief_part(build_debrief(room.pack, room.scenarios, rounds), len(rounds), left_out)

    async def facilitator(request: web.Request) -> web.StreamResponse:
        return html(
            pages.facilitator_page(
                trainee_url=trainee_url(request.host),
                join_url=f"{trainee_url(request.host)}join?{urlencode({'code': guard.join_code})}",
                join_code=guard.join_code,
                is_open=room.is_open,
                scenario=room.scenario,
                scenarios=room.scenarios,
                form_token=room.facilitator_form,
                debrief=await debrief_html(),
            )
        )

    def trainee_url(host: str) -> str:
        return f"http://{host}/"

    async def debrief_part(request: web.Request) -> web.StreamResponse:
        return html(await debrief_html())

    async def control(request: web.Request) -> web.StreamResponse:
        data = await posted(request, room.facilitator_form)
        if data is None:
            return refused(403, "this form did not come from the facilitator's own page; go back and reload it")
        room.is_open = _one(data.get("state", [])) != "closed"
        chosen = _one(data.get("scenario", []))
        room.scenario = chosen if chosen in {s.id for s in room.scenarios} else None
        raise web.HTTPSeeOther("/f")

    async def css(request: web.Request) -> web.StreamResponse:
        return web.Response(text=pages.CSS, content_type="text/css", charset="utf-8")

    async def js(request: web.Request) -> web.StreamResponse:
        return web.Response(text=pages.REFRESH_JS, content_type="text/javascript", charset="utf-8")

    app = web.Application(middlewares=[guarded], client_max_size=64_000)
    app.add_routes(
        [
            web.get("/", index),
            web.get("/join", join),
            web.get("/t", choose),
            web.post("/t/start", start),
            web.get("/t/round/{round}", show_round),
            web.post("/t/round/{round}", answer_round),
            web.get("/f", facilitator),
            web.get("/f/debrief-part", debrief_part),
            web.post("/f/room", control),
            web.get("/room.css", css),
            web.get("/room.js", js),
        ]
    )
    app.on_response_prepare.append(headers)
    return app


def _one(values: list[Any]) -> str:
    return values[0] if values and isinstance(values[0], str) else ""


def run_room(room: Room, listen: str | None) -> int:
    try:
        return asyncio.run(_serve(room, listen))
    except KeyboardInterrupt:
        return 130


async def _serve(room: Room, listen: str | None) -> int:
    port = room.guard.port
    runner = web.AppRunner(make_app(room), handle_signals=False, access_log=None)
    await runner.setup()
    addresses = [listen] if listen is not None else ["127.0.0.1", "::1"]
    for address in addresses:
        try:
            await web.TCPSite(runner, host=address, port=port, shutdown_timeout=2.0, backlog=BACKLOG).start()
        except OSError as exc:
            if listen is None and address == "::1" and exc.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
                continue
            await runner.cleanup()
            what = "already in use" if exc.errno == errno.EADDRINUSE else (exc.strerror or str(exc))
            sys.stderr.write(f"screener: cannot serve the room on {address} port {port}: {what}\n")
            return 2
    # Before the addresses are printed: whoever reads them may stop the room at once.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(signum, stop.set)
    name = "localhost" if listen is None else (f"[{listen}]" if ":" in listen else listen)
    if listen is not None and not ipaddress.ip_address(listen).is_loopback:
        sys.stderr.write(
            f"screener: warning: the room is open to the network on {listen}: anyone who can reach it and has the "
            "join code can play; only fictional scenarios and anonymous rounds are served or kept\n"
        )
    sys.stderr.write(
        f"screener: training room on http://{name}:{port}/ — join code {room.guard.join_code}\n"
        f"screener: facilitator: http://{name}:{port}/f?{urlencode({TOKEN_PARAM: room.guard.token})} "
        "(keep this address to yourself); ctrl+c stops the room\n"
    )
    sys.stderr.flush()
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        await asyncio.to_thread(room.close)
    return 0


def new_room(pack: Pack, scenarios: list[Scenario], path: Path, port: int, listen: str | None) -> Room:
    return Room(pack, scenarios, path, RoomGuard(port, names=own_names(listen)))
