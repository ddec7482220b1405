"""Who may use a room: serve's Host and Origin checks, a join code for trainees, a token for the facilitator.

- Host: one of this machine's own names or addresses with the port served (so a
  rebound DNS name is refused), as ``screener.serve_guard`` decides it for serve;
- Origin: none, or the room's own; a form post also carries a per-trainee form
  token, so another site cannot post into the room (cross-site request forgery);
- trainees join with a code of ten characters from 31 (about 50 bits), and a
  client that gets it wrong too often is refused for a while;
- the facilitator's pages need the facilitator's own token (256 bits), carried
  as serve carries its token: in the printed address, then in a cookie.
"""

from __future__ import annotations

import hmac
import secrets
import socket
import time
from collections import deque
from dataclasses import dataclass, field

from screener.serve_guard import LOOPBACK_NAMES, Guard

# No 0/O, 1/I/L: read aloud and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
# A client (by address) may get the join code wrong this often in this many seconds, then waits.
WRONG_CODES = 10
WRONG_WINDOW = 60.0


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def same(a: str | None, b: str) -> bool:
    return a is not None and hmac.compare_digest(a.encode(), b.encode())


def own_names(listen: str | None) -> tuple[str, ...]:
    """The names a browser may use for this room: loopback's, and with ``--listen`` that address and this
    machine's own name (an IPv6 address in brackets, as it appears in a Host header)."""
    names = list(LOOPBACK_NAMES)
    if listen is not None and listen not in ("127.0.0.1", "::1", "localhost"):
        names.append(f"[{listen}]" if ":" in listen else listen)
        hostname = socket.gethostname().lower()
        names.extend(n for n in (hostname, f"{hostname}.local") if n)
    return tuple(dict.fromkeys(names))


@dataclass(frozen=True)
class RoomGuard(Guard):
    names: tuple[str, ...] = LOOPBACK_NAMES
    join_code: str = field(default_factory=new_join_code)

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset(f"{name.lower()}:{self.port}" for name in self.names)

    def place_refusal(self, host: str | None, origin: str | None) -> str | None:
        """Serve's Host and Origin checks alone: the token is asked only of the facilitator's pages."""
        return self.refusal(host=host, origin=origin, websocket=False, query_token=self.token, cookie_token=None)


@dataclass
class Attempts:
    """Wrong join codes by client address, in a sliding window (bounded: old addresses are forgotten)."""

    limit: int = WRONG_CODES
    window: float = WRONG_WINDOW
    seen: dict[str, deque[float]] = field(default_factory=dict)

    def blocked(self, client: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        times = self.seen.get(client)
        while times and now - times[0] > self.window:
            times.popleft()
        return times is not None and len(times) >= self.limit

    def wrong(self, client: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        if len(self.seen) > 10_000:
            self.seen.clear()
        self.seen.setdefault(client, deque()).append(now)
