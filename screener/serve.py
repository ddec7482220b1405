"""``screener serve``: the app in a browser, for a training room, on this machine only.

textual-serve starts one app process per browser tab and has no login. Screener's
server is textual-serve's, with these changes (each small, none a monkeypatch):

- it binds to loopback only, and says so only once the port is really bound: a
  busy port or a name that is not loopback is one line and exit 2;
- every request passes ``screener.serve_guard``: its own Host, its own Origin, and
  the per-run token printed in the address (see that module for why);
- ``/static/`` lists no folder, the page is Screener's own template (no web font
  from Google, a title, ``lang="en"``, a question before a tab with a session in
  it is closed or reloaded), and its addresses are relative to the address the
  browser used, so ``http://127.0.0.1:PORT`` works as well as ``localhost``;
- ctrl+c, SIGTERM or SIGHUP close every session and stop the server.

Exports and case saves in a browser session are the app's business: see
``screener.tui.browser``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import ipaddress
import logging
import shlex
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

from screener.textsafe import printable

# textual-serve's page asks Google for a web font; ours is the same page without it.
TEMPLATES = Path(__file__).resolve().parent / "serve_templates"
# The name the printed URL uses; the server binds this machine's loopback addresses by number, so that
# every name the guard accepts (localhost, 127.0.0.1, [::1]) reaches it even where localhost means IPv4 only.
BIND_NAME = "localhost"
LOOPBACK_ADDRESSES = ("127.0.0.1", "::1")
# A tab's terminal size comes from the browser; beyond these a tab only costs memory (100000x100000 took 17.9 GB).
COLUMNS = (20, 400)
ROWS = (5, 200)
# Seconds the tabs have to end on SIGTERM when the server stops, before they are killed.
STOP_GRACE = 1.0


def bounded_size(width: object, height: object) -> tuple[int, int]:
    """A browser's terminal size (any values) as columns and rows within sane bounds."""

    def clamp(value: object, default: int, bounds: tuple[int, int]) -> int:
        try:
            number = int(str(value))
        except ValueError:
            number = default
        return min(max(number, bounds[0]), bounds[1])

    return clamp(width, 80, COLUMNS), clamp(height, 24, ROWS)


def tab_args(mode: str, options: Sequence[str] = ()) -> list[str]:
    """What each browser tab runs ``screener`` with: the walkthrough (none), or ``train`` and its options."""
    return ["train", *options] if mode == "train" else [*options]


def serve_command(mode: str, options: Sequence[str] = ()) -> str:
    """The shell command each browser tab runs, when it starts cold: this Python, this package."""
    return shlex.join([sys.executable, "-m", "screener", *tab_args(mode, options)])


def train_options(args: argparse.Namespace) -> list[str]:
    """``--guided`` and ``--room FILE``, passed on to every tab's ``screener train``."""
    options = ["--guided"] if getattr(args, "guided", False) else []
    room = getattr(args, "room", None)
    return [*options, "--room", str(room)] if room is not None else options


def run_serve(args: argparse.Namespace) -> int:
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        sys.stderr.write("screener: serving in a browser needs the extra: pip install 'screener[serve]'\n")
        return 2
    from screener.serve_guard import port_problem

    if (problem := port_problem(args.port)) is not None:
        sys.stderr.write(f"screener: {problem}\n")
        return 2
    mode = "train" if getattr(args, "train", False) else "walkthrough"
    what = "training mode" if mode == "train" else "the walkthrough"
    options = train_options(args) if mode == "train" else []
    return make_server(serve_command(mode, options), args.port, what=what, args=tab_args(mode, options)).run()


class _OneLine(logging.Formatter):
    """A log record as one printable line: its message and, instead of a traceback, what was raised."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        raised = record.exc_info[1] if record.exc_info else None
        if raised is not None:
            # aiohttp's message for a malformed request spans lines and quotes the request's bytes.
            text += f": {' '.join(str(raised).split()) or type(raised).__name__}"
        return printable(f"screener serve: {text}")


def make_server(command: str, port: int, *, what: str = "Screener", args: Sequence[str] | None = None) -> Any:
    """A guarded server for ``command`` on ``port`` (textual-serve is imported only here).

    With ``args`` (what ``command`` runs ``screener`` with), tabs start warm where they can
    (``screener.serve_warm``); without, every tab runs ``command``."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server, to_int

    from screener.serve_guard import Guard, add_security_headers, guard_middleware
    from screener.serve_warm import WarmParent, WarmStart, start_warm_parent

    class TabService(WarmStart, AppService):
        """One tab's app: forked from the warm parent when there is one, else a new process; its size
        stays within bounds, and it can be ended for certain."""

        async def start(self, width: int, height: int) -> None:
            await super().start(*bounded_size(width, height))

        async def set_terminal_size(self, width: int, height: int) -> None:
            await super().set_terminal_size(*bounded_size(width, height))

        def kill(self) -> None:
            self._signal(signal.SIGKILL)

        def terminate(self) -> None:
            self._signal(signal.SIGTERM)

        def _signal(self, signum: int) -> None:
            process = getattr(self, "_process", None)
            if process is not None and process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.send_signal(signum)

    class ScreenerServer(Server):
        def __init__(self) -> None:
            # exec: a cold tab's shell becomes its app, so that ending the process ends the app itself.
            super().__init__(f"exec {command}", host=BIND_NAME, port=port, title="Screener", templates_path=TEMPLATES)
            self.guard = Guard(port)
            self.what = what
            self.sessions: set[asyncio.Task[Any]] = set()
            self.tabs: set[TabService] = set()
            self.warm: WarmParent | None = None

        def initialize_logging(self) -> None:
            # textual-serve's rich handler prints tracebacks with their local variables; a
            # server error here is one plain line on stderr, a malformed request's included.
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(_OneLine())
            logging.basicConfig(level=logging.WARNING, handlers=[handler])

        async def _make_app(self) -> web.Application:
            app = web.Application(middlewares=[guard_middleware(self.guard)])
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
            app.add_routes(
                [
                    web.get("/", self.handle_index, name="index"),
                    web.get("/ws", self.handle_websocket, name="websocket"),
                    web.get("/download/{key}", self.handle_download, name="download"),
                    # textual-serve lists the folder (show_index=True); we do not.
                    web.static("/static", self.statics_path, show_index=False, name="static"),
                ]
            )
            app.on_response_prepare.append(add_security_headers)
            app.on_shutdown.append(self.close_sessions)
            return app

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            # request.host has passed the guard: it is one of this server's own loopback names.
            context = {
                "font_size": min(max(to_int(request.query.get("fontsize", "16"), 16), 8), 48),
                "app_websocket_url": f"ws://{request.host}/ws",
                "config": {"static": {"url": "/static/"}},
                "application": {"name": self.title},
                "ping_url": "",
            }
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            # Known while it runs, so that stopping the server can end it (and its app).
            task = asyncio.current_task()
            assert task is not None
            self.sessions.add(task)
            try:
                return await self.run_tab(request)
            finally:
                self.sessions.discard(task)

        async def run_tab(self, request: web.Request) -> web.WebSocketResponse:
            # textual-serve's handle_websocket, with a TabService (warm where it can be) for its AppService.
            # timeout: how long closing waits for the browser's own close frame (aiohttp's default,
            # 10 s, held every tab's session, and so the server, that long when it stopped).
            websocket = web.WebSocketResponse(heartbeat=15, timeout=STOP_GRACE)
            tab: TabService | None = None
            try:
                await websocket.prepare(request)
                tab = TabService(
                    self.command,
                    write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    close=websocket.close,  # type: ignore[arg-type]  # as textual-serve passes it
                    download_manager=self.download_manager,
                    debug=self.debug,
                )
                tab.warm = self.warm
                self.tabs.add(tab)
                await tab.start(*bounded_size(request.query.get("width"), request.query.get("height")))
                await self._process_messages(websocket, tab)
            except asyncio.CancelledError:
                await websocket.close()
            except Exception as error:
                logging.getLogger("screener.serve").warning("a session ended with an error: %s", error)
            finally:
                if tab is not None:
                    # An app that does not quit when told is killed: it must not outlive its tab.
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(tab.stop(), timeout=5)
                    tab.kill()
                    self.tabs.discard(tab)
            return websocket

        def start_warm(self) -> None:
            """The warm parent, where tabs can start warm, with the environment textual-serve gives a tab."""
            if args is None:
                return
            # AppService builds a tab's environment from nothing but its debug flag.
            environment = AppService._build_environment(cast(AppService, SimpleNamespace(debug=self.debug)))
            self.warm = start_warm_parent(args, environment)

        def stop_warm(self) -> None:
            if self.warm is not None:
                self.warm.stop()
                self.warm = None

        async def close_sessions(self, app: web.Application) -> None:
            # The server is stopping: every tab's app is told to end now (SIGTERM), not asked to quit
            # through its session and waited for (a loaded machine took seconds a tab). A tab's app
            # writes nothing on its way out: its answers are in the browser's download, if saved.
            # Each session then ends as its app's output closes; a tab not gone within STOP_GRACE is killed.
            for tab in list(self.tabs):
                tab.terminate()
            sessions = list(self.sessions)
            for task in sessions:
                task.cancel()
            if sessions:
                await asyncio.wait(sessions, timeout=STOP_GRACE)
            for tab in list(self.tabs):
                tab.kill()

        def run(self) -> int:
            """Serve until ctrl+c, SIGTERM or SIGHUP; the exit code."""
            self.initialize_logging()
            try:
                return asyncio.run(self._run())
            except KeyboardInterrupt:
                return 130

        async def _run(self) -> int:
            runner = web.AppRunner(await self._make_app(), handle_signals=False, access_log=None)
            await runner.setup()
            for address in LOOPBACK_ADDRESSES:
                try:
                    await web.TCPSite(runner, host=address, port=port, shutdown_timeout=5.0).start()
                except OSError as exc:
                    if address != LOOPBACK_ADDRESSES[0] and exc.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
                        continue  # a machine without IPv6 serves on 127.0.0.1 alone
                    await runner.cleanup()
                    sys.stderr.write(f"screener: {_bind_problem(exc, port)}\n")
                    return 2
            bound = [address[0] for address in runner.addresses]
            if not bound or not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in bound):
                await runner.cleanup()
                sys.stderr.write(f"screener: '{BIND_NAME}' does not name this machine's loopback; not serving\n")
                return 2
            self.start_warm()
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(signum, stop.set)
            sys.stderr.write(
                f"screener: serving {self.what} on {self.guard.url(BIND_NAME)} (this machine only); ctrl+c stops it\n"
            )
            sys.stderr.flush()
            try:
                await stop.wait()
            finally:
                await runner.cleanup()
                await asyncio.to_thread(self.stop_warm)
            return 0

    return ScreenerServer()


def _bind_problem(exc: OSError, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} is already in use on this machine; choose another with --port"
    if exc.errno == errno.EACCES:
        return f"not allowed to serve on port {port}; choose another with --port"
    return f"cannot serve on {BIND_NAME}:{port}: {exc.strerror or exc}"
