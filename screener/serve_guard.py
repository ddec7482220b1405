"""Who may talk to ``screener serve``: this machine's browser, on the page it printed, and nothing else.

textual-serve has no login: anything that can reach its port can open ``/ws``,
which starts an app and types into it. "Loopback only" is not enough on its own,
because every web page open in the trainer's browser can reach loopback too:

- cross-site WebSocket hijacking: a foreign page opens ``ws://localhost:PORT/ws``
  (browsers do not apply the same-origin policy to WebSockets; they only send an
  honest ``Origin`` header);
- DNS rebinding: a foreign name re-pointed at 127.0.0.1 makes the browser treat
  the server as that name's own origin; only the ``Host`` header tells;
- any other local client: only a secret tells.

So every request must (1) name this server in ``Host`` (a loopback name and the
port served), (2) come with no ``Origin`` or this server's own origin, and an
upgrade to a WebSocket must carry its own origin, and (3) carry the per-run
token, either in the query of the address printed (``?token=``) or in the cookie
set when that address is first opened. A request with the token in its query
is answered with a redirect that sets the cookie and drops the token from the
address bar, so the page, its static files, its WebSocket and its downloads all
carry the token without it showing on a projector.

The decision is ``refusal()``, a pure function so that it can be tested without a
server; ``guard_middleware()`` applies it to every request and
``add_security_headers`` adds the headers that stop other pages framing or
sniffing ours.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from aiohttp import hdrs, web
from aiohttp.typedefs import Middleware

# The ports ``screener serve`` and ``screener room`` may listen on: none that needs root.
PORTS = (1024, 65535)


def port_problem(port: int) -> str | None:
    """Why ``--port`` cannot be served on, in one line; None when it can."""
    low, high = PORTS
    return None if low <= port <= high else f"--port must be between {low} and {high}, not {port}"


# The names a browser on this machine may use for a loopback-bound server. No other
# name is accepted, so a rebound DNS name is refused even though it reaches us.
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
TOKEN_PARAM = "token"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def new_token() -> str:
    """A fresh secret for one run of the server (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Guard:
    port: int
    token: str = field(default_factory=new_token, repr=False)

    @property
    def cookie_name(self) -> str:
        # Browsers share cookies between ports of one host, so the name carries ours:
        # two servers on one machine never overwrite each other's token.
        return f"screener-token-{self.port}"

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset(f"{name}:{self.port}" for name in LOOPBACK_NAMES)

    def url(self, name: str = "localhost") -> str:
        """The address to print: the page with the token in its query."""
        return f"http://{name}:{self.port}/?{urlencode({TOKEN_PARAM: self.token})}"

    def token_ok(self, candidate: str | None) -> bool:
        return candidate is not None and hmac.compare_digest(candidate.encode(), self.token.encode())

    def refusal(
        self,
        *,
        host: str | None,
        origin: str | None,
        websocket: bool,
        query_token: str | None,
        cookie_token: str | None,
    ) -> str | None:
        """Why a request is refused, or None when it may be served.

        The reason is fixed text, never an echo of the request, and says what to do.
        """
        host = (host or "").lower()
        if host not in self.hosts:
            return "this server answers only to its own address on this machine"
        own_origin = f"http://{host}"
        if websocket and origin is None:
            return "a session must be opened from its own page"
        if origin is not None and origin.lower() != own_origin:
            return "another web page may not use this server"
        if not (self.token_ok(query_token) or self.token_ok(cookie_token)):
            return "open the address that 'screener serve' printed, with its token"
        return None

    def request_refusal(self, request: web.Request) -> str | None:
        return self.refusal(
            host=request.headers.get(hdrs.HOST),
            origin=request.headers.get(hdrs.ORIGIN),
            websocket=is_websocket_upgrade(request.headers),
            query_token=request.query.get(TOKEN_PARAM),
            cookie_token=request.cookies.get(self.cookie_name),
        )


def is_websocket_upgrade(headers: Mapping[str, str]) -> bool:
    return "websocket" in headers.get(hdrs.UPGRADE, "").lower()


def guard_middleware(guard: Guard) -> Middleware:
    """Refuse, before any handler runs (so before an upgrade or an app starts), what the guard refuses."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        reason = guard.request_refusal(request)
        if reason is not None:
            return web.Response(status=403, text=f"Forbidden: {reason}.\n")
        if TOKEN_PARAM in request.query and request.method == "GET" and not is_websocket_upgrade(request.headers):
            # The token came in the address: keep it in a cookie and take it out of the address.
            rest = {k: v for k, v in request.query.items() if k != TOKEN_PARAM}
            location = request.path + (f"?{urlencode(rest)}" if rest else "")
            response = web.HTTPSeeOther(location=location)
            response.set_cookie(guard.cookie_name, guard.token, httponly=True, samesite="Strict", path="/")
            return response
        return await handler(request)

    return middleware


SECURITY_HEADERS = {
    # No other page may frame ours (clickjacking), sniff a download into a script, or be told our address.
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """An ``on_response_prepare`` signal handler: the headers above on every response."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
