"""Screener's HTML as real checkers and a real browser see it: html-validate, the Nu HTML checker, axe-core in
headless Chromium (tests/browser_tools.py), and a trainee on a phone playing a room round by keyboard alone.

The pages: the summary (``summarise --format html``) of each typical case, which is also the print HTML a
PDF is made from (checked again in print media); the NRM preparation in every jurisdiction, for a child and
a young adult; the facilitator pack and the debrief; and every page of ``screener room``, served by a real
server on loopback. Each validator sees each batch in one call, and the worker's one browser serves every
axe run. Without the tools these tests skip, saying what to install; under CI a skip fails (conftest).
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from screener.casefile.read import load_case
from screener.cli import main
from screener.content import Pack
from screener.engine import screen
from screener.render.html import render as render_html
from screener.web.pages import CSS as ROOM_CSS
from tests.browser_tools import MARK, Driver, need_tools, nu, report
from tests.room_client import Client, fill, forms
from tests.test_nrm import case_text
from tests.test_room_web import Room, room_server

pytestmark = pytest.mark.validators

HERE = Path(__file__).resolve().parent
CASES = sorted((HERE / "cases").glob("*.yaml"))
AREA = HERE.parent / "indicators" / "areas" / "example-borough.yaml"
assert MARK == "validators"


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    """Skip (fail under CI) before any page is made when the checkers are missing."""
    need_tools()


def _cli(*args: str) -> None:
    assert main(list(args)) == 0, args


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, pack: Pack) -> dict[str, str]:
    """Every exported HTML page, by name, as the commands write them."""
    folder = tmp_path_factory.mktemp("exported")
    out: dict[str, str] = {}

    def write(name: str, *args: str) -> None:
        target = folder / f"{name}.html"
        _cli(*args, "--format", "html", "--output", str(target))
        out[name] = target.read_text(encoding="utf-8")

    for case in CASES:
        write(f"summary {case.stem}", "summarise", str(case))
    for jurisdiction in ("england-wales", "scotland", "northern-ireland"):
        for age in (15, 19):
            case = folder / f"nrm-{jurisdiction}-{age}.yaml"
            case.write_text(case_text(jurisdiction, age, record=True), encoding="utf-8")
            write(f"nrm {jurisdiction} age {age}", "nrm", str(case))
    # A case with the professional record, the same case with an area file's local contacts, and what changed
    # between two screenings of it.
    recorded = folder / "nrm-england-wales-15.yaml"
    write("summary with a record", "summarise", str(recorded))
    write("summary with an area file", "summarise", str(recorded), "--area", str(AREA))
    later = folder / "later.yaml"
    later.write_text(
        recorded.read_text(encoding="utf-8")
        .replace("screening_date: 2026-12-06", "screening_date: 2027-01-10")
        .replace("age: 15", "age: 16")
        .replace("missing-episodes]", "missing-episodes, carrying-knife]"),
        encoding="utf-8",
    )
    write("compare", "compare", str(recorded), str(later))
    # A summary in training (a practice round's export in the terminal): its banner and print margins.
    summary = screen(pack, load_case(CASES[0], set(pack.questions), set(pack.indicators)))
    out["summary in training"] = render_html(dataclasses.replace(summary, training=True))
    write("facilitator pack", "train", "--facilitator-pack")
    write("debrief", "train", "--debrief", str(_seeded_room(pack, folder)))
    return out


def _seeded_room(pack: Pack, folder: Path) -> Path:
    from screener.content import default_pack_path
    from screener.training.load import load_scenarios
    from tests.test_room import seed

    room = folder / "room.sqlite"
    seed(pack, load_scenarios(pack, default_pack_path()), room)
    return room


# -- the room -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Room]:
    with room_server(tmp_path_factory.mktemp("room")) as r:
        yield r


def _room_pages(room: Room) -> dict[str, tuple[str, str]]:
    """Every kind of page the room serves, by name: (its HTML, the address it was served at)."""
    pages: dict[str, tuple[str, str]] = {}
    base = f"http://localhost:{room.port}"

    def keep(name: str, client: Client, path: str, body: str) -> str:
        pages[name] = (body, base + path)
        return body

    trainee = room.client()
    keep("join", trainee, "/", trainee.get("/").body)
    keep("join, wrong code", trainee, "/join?code=WRONG", trainee.get("/join?code=WRONG").body)
    page = trainee.get(f"/join?{urlencode({'code': room.code})}").body
    keep("scenarios", trainee, "/t", page)
    action, fields = fill(page)
    page = trainee.post(action, fields).body
    [round_path] = [p for p in trainee.visited if p.startswith("/t/round/")][-1:]
    # A step with a problem to correct: an answer that is not one of the options.
    action, fields = fill(page)
    radio = next(iter(forms(page).radios))
    wrong = [(k, "not-an-option" if k == radio else v) for k, v in fields]
    keep("step with a problem", trainee, round_path, trainee.post(action, wrong, follow=False).body)
    for step in range(1, 30):
        title = re.search(r"<h1>(.*?)</h1>", page)
        assert title, page[:2000]
        if title[1].startswith("Results"):
            keep("results", trainee, round_path, page)
            break
        keep("predictions" if title[1] == "Predictions" else f"step {step}", trainee, round_path, page)
        action, fields = fill(page)
        page = trainee.post(action, fields).body
    else:
        raise AssertionError("no results after the forms")
    boss = room.facilitator()
    keep("facilitator", boss, "/f", boss.get("/f").body)
    keep("refused", Client(room.port), "/f", Client(room.port).get("/f").body)
    token = forms(boss.get("/f").body).hidden["form_token"]
    boss.post("/f/room", [("form_token", token), ("scenario", ""), ("state", "closed")])
    keep("room closed", trainee, "/t", trainee.get("/t").body)
    boss.post("/f/room", [("form_token", token), ("scenario", ""), ("state", "open")])
    return pages


@pytest.fixture(scope="module")
def served(room: Room) -> dict[str, tuple[str, str]]:
    return _room_pages(room)


def test_every_page_passes_html_validate(
    browser: Driver, exported: dict[str, str], served: dict[str, tuple[str, str]]
) -> None:
    assert len(exported) == len(CASES) + 6 + 3 + 3
    assert {"join", "scenarios", "step 1", "predictions", "results", "facilitator"} <= set(served)
    pages = exported | {f"room: {n}": h for n, (h, _) in served.items()}
    found = browser.html_validate(pages)
    assert set(found) == set(pages)
    assert not report(found), "html-validate:\n" + report(found)


def test_every_page_passes_the_nu_checker(exported: dict[str, str], served: dict[str, tuple[str, str]]) -> None:
    pages = exported | {f"room: {n}": h for n, (h, _) in served.items()}
    found = nu(pages, css={"room.css": ROOM_CSS})
    assert set(found) == set(pages) | {"room.css"}
    assert not report(found), "Nu:\n" + report(found)


def test_every_page_has_no_axe_violations(
    browser: Driver, exported: dict[str, str], served: dict[str, tuple[str, str]]
) -> None:
    # One layout each: the NRM preparation in one jurisdiction (a child's and an adult's), the typical
    # summaries, and of the room's pages one of each form (a step with a problem has the others' controls
    # and its error too; a wrong code's join page has the join page's and its error; a closed room's the
    # refusal's) are enough for axe; html-validate and Nu see the others.
    again = ("nrm england-wales", "nrm northern-ireland", "summary with")
    pages = {n: (h, "") for n, h in exported.items() if not n.startswith(again)}
    same = {"join", "step 1", "step 2", "step 4", "refused"}
    pages |= {f"room: {n}": page for n, page in served.items() if n not in same}
    # A flawed page among them, written into the page after another (as every page of one origin but the
    # first is): axe must find its faults, and the page after it must be judged on its own.
    names = list(pages)
    flawed = "<!doctype html><html><head></head><body><img src='x.png'><p style='color:#eee'>faint</p></body></html>"
    pages = {n: pages[n] for n in names[:2]} | {"flawed": (flawed, "")} | {n: pages[n] for n in names[2:]}
    found = browser.axe(pages)
    assert set(found) == set(pages)
    assert {"html-has-lang", "image-alt", "color-contrast"} <= {v.split(" ", 1)[0] for v in found.pop("flawed")}
    assert not report(found), "axe:\n" + report(found)
    # The print HTML a PDF is made from, as it prints: its print style sheet has its own sizes and colours.
    printed = {f"{n} (print)": (exported[n], "") for n in (f"summary {CASES[0].stem}", "nrm scotland age 19")}
    found = browser.axe(printed, media="print")
    assert not report(found), "axe, print media:\n" + report(found)


def test_a_trainee_on_a_phone_plays_a_round_by_keyboard_alone_with_no_script(browser: Driver, room: Room) -> None:
    """Tab, arrows, Space, Enter and digits only, at 360 x 740, script disabled: the round is recorded as the keys
    made it, and the facilitator's debrief shows it."""
    before = _rounds(room.path)
    walk = browser.call("keyboard_round", base=f"http://localhost:{room.port}/", code=room.code, width=360, height=740)
    pages = walk["pages"]
    assert walk["wide"] == [], walk["wide"]  # no page of the round scrolls sideways on the phone
    assert pages[:2] == ["Join the training room", "Choose a scenario"], pages
    assert pages[-1].startswith("Results: ") and "Predictions" in pages, pages
    title = pages[-1].removeprefix("Results: ")
    rows = _rounds(room.path)
    assert len(rows) == len(before) + 1
    # What the keys did is what the room holds: the age typed, the choices moved by arrow key, signs marked.
    answers = json.loads(rows[-1][2])
    assert answers["age"] == 15 and answers["age_disputed"] == "yes" and answers["indicators"], answers
    # The facilitator's page, in its debrief: the scenario played, by title and id, with its rounds.
    debrief = html.unescape(room.facilitator().get("/f").body.split('id="debrief"', 1)[1])
    assert re.search(r"<p>\d+ rounds? in the room\.</p>", debrief)
    assert f"{title} ({rows[-1][1]})" in debrief, debrief[:3000]
    # The facilitator's page, debrief tables and all, fits the narrowest phone too.
    boss = room.facilitator()
    jar = [{"name": k, "value": v, "domain": "localhost", "path": "/f"} for k, v in boss.cookies.items()]
    fits = browser.call("screenshot", url=f"http://localhost:{room.port}/f", width=320, height=640, cookies=jar)
    assert fits["scrollWidth"] <= fits["innerWidth"], fits


def _rounds(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT seat, scenario, answers FROM rounds ORDER BY id").fetchall()
