"""A browser without script, for the room's tests and benchmark: GETs, form posts, cookies, redirects."""

from __future__ import annotations

import http.client
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

TIMEOUT = 20.0


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str
    location: str = ""


class Forms(HTMLParser):
    """The page's first post form: its action and its fields (radio/checkbox options, texts, hidden)."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.hidden: dict[str, str] = {}
        self.radios: dict[str, list[tuple[str, bool]]] = {}
        self.boxes: dict[str, list[tuple[str, bool]]] = {}
        self.texts: dict[str, str] = {}
        self._in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method") == "post" and self.action is None:
            self.action, self._in_form = a["action"], True
        elif tag == "input" and self._in_form:
            kind, name, value = a.get("type", "text"), a.get("name", ""), a.get("value", "")
            if kind == "hidden":
                self.hidden[name] = value
            elif kind == "radio":
                self.radios.setdefault(name, []).append((value, "checked" in a))
            elif kind == "checkbox":
                self.boxes.setdefault(name, []).append((value, "checked" in a))
            else:
                self.texts[name] = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False


def forms(page: str) -> Forms:
    parsed = Forms()
    parsed.feed(page)
    return parsed


@dataclass
class Client:
    port: int
    host: str = ""
    address: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)
    visited: list[str] = field(default_factory=list)
    # As a browser does: one connection for every request (the benchmark); else a new one each.
    keep_alive: bool = False
    _kept: http.client.HTTPConnection | None = field(default=None, repr=False)

    def request(self, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None) -> Reply:
        if self._kept is not None:
            try:
                return self._request(self._kept, method, path, body, headers)
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self._kept.close()  # the server closed an idle connection: ask again on a new one
        conn = http.client.HTTPConnection(self.address, self.port, timeout=TIMEOUT)
        self._kept = conn if self.keep_alive else None
        return self._request(conn, method, path, body, headers)

    def close(self) -> None:
        if self._kept is not None:
            self._kept.close()
            self._kept = None

    def _request(
        self, conn: http.client.HTTPConnection, method: str, path: str, body: str | None, headers: dict[str, str] | None
    ) -> Reply:
        self.visited.append(path)
        sent = {"Host": self.host or f"localhost:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            text = response.read().decode("utf-8")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    match = re.match(r"([^=]+)=([^;]*)", value)
                    if match:
                        self.cookies[match[1]] = match[2]
            location = response.getheader("Location") or ""
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, text, location)
        finally:
            if not self.keep_alive:
                conn.close()

    def get(self, path: str, **headers: str) -> Reply:
        reply = self.request("GET", path, headers=headers)
        while reply.status in (302, 303) and reply.location:
            reply = self.request("GET", urlsplit(reply.location).path or "/")
        return reply

    def post(self, path: str, fields: list[tuple[str, str]], *, follow: bool = True, **headers: str) -> Reply:
        reply = self.request("POST", path, body=urlencode(fields), headers=headers)
        if follow and reply.status in (302, 303) and reply.location:
            return self.get(urlsplit(reply.location).path)
        return reply


def fill(page: str, choose: int = 0) -> tuple[str, list[tuple[str, str]]]:
    """The page's form, filled as a trainee might: the option at ``choose`` (else the first) on every
    question, the first box of every list ticked, texts left empty (not known)."""
    found = forms(page)
    assert found.action is not None, page[:2000]
    fields = list(found.hidden.items())
    for name, options in found.radios.items():
        fields.append((name, options[min(choose, len(options) - 1)][0]))
    for name, options in found.boxes.items():
        fields.append((name, options[0][0]))
    fields.extend(found.texts.items())
    return found.action, fields


def play_round(client: Client, code: str, scenario: str | None = None, limit: int = 30) -> Reply:
    """Join, choose a scenario, answer every form until the results: the results page."""
    page = client.get(f"/join?{urlencode({'code': code})}")
    assert page.status == 200, page.body
    action, fields = fill(page.body)
    if scenario is not None:
        fields = [(k, scenario if k == "scenario" else v) for k, v in fields]
    page = client.post(action, fields)
    for _ in range(limit):
        if "<h1>Results" in page.body:
            return page
        assert page.status == 200, page.body[:3000]
        action, fields = fill(page.body)
        page = client.post(action, fields)
    raise AssertionError("no results after the forms")
