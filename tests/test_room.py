"""The training room: many processes write one SQLite file safely, a bad file is one clear line, and the
debrief of a seeded room matches its golden files in every format.

Rewrite the golden files with ``SCREENER_UPDATE_GOLDEN=1 pytest tests/test_room.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import multiprocessing
import re
import sqlite3
import stat
import threading
import time
import types
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from screener.cli import main
from screener.content import Pack, default_pack_path
from screener.errors import InputError
from screener.training import Scenario, load_scenarios
from screener.training import room as room_module
from screener.training.room import (
    APPLICATION_ID,
    GroupWriter,
    Row,
    open_room,
    read_rounds,
    record_rows,
    recorder,
    round_row,
)
from screener.tui.debrief import DebriefApp
from screener.walkthrough import Answers
from tests.golden import assert_golden
from tests.room_writer import write_when_told

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
WRITERS = 30


@pytest.fixture(scope="module")
def scenarios(pack: Pack) -> list[Scenario]:
    return load_scenarios(pack, default_pack_path())


def by_id(scenarios: list[Scenario], scenario_id: str) -> Scenario:
    return next(s for s in scenarios if s.id == scenario_id)


def _round(pack: Pack, n: int) -> Row:
    """Seat n's round of the county-lines scenario, as a trainee's tab records it."""
    answers = Answers(
        screening_date=dt.date(2024, 11, 20), jurisdiction="england-wales", age=15, indicators=("county-lines",)
    )
    scenario = types.SimpleNamespace(id="ew-county-lines")
    services = {"ictg-direct": "criteria-not-met"}
    return round_row(f"seat-{n:06d}", pack, scenario, answers, services, {"nrm-referral"}, "practice")  # type: ignore[arg-type]


def test_thirty_processes_writing_at_once_leave_exactly_thirty_rounds(pack: Pack, tmp_path: Path) -> None:
    # Thirty real processes, each with its own SQLite connection, all let go at once. Each round is
    # made here; the writers only write it, forked from a forkserver (a process without this one's
    # threads, which fork() from an xdist worker could deadlock on) that has imported the room once.
    room = tmp_path / "room.sqlite"
    rows = [_round(pack, n) for n in range(WRITERS)]
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.room_writer"])
    go = context.Event()
    writers = [context.Process(target=write_when_told, args=(room, go, row)) for row in rows]
    for w in writers:
        w.start()
    try:
        go.set()
        for w in writers:
            w.join(timeout=120)
    finally:
        for w in writers:
            if w.is_alive():
                w.kill()
    assert [w.exitcode for w in writers] == [0] * WRITERS
    rounds = read_rounds(room, pack)
    assert len(rounds) == WRITERS
    assert sorted(r.seat for r in rounds) == [f"seat-{n:06d}" for n in range(WRITERS)]
    assert stat.S_IMODE(room.stat().st_mode) == 0o600
    with sqlite3.connect(room) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_room_another_writer_is_creating_is_not_called_cut_short(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Seen once in CI among the thirty writers: one looked at the new room when it was still empty and
    # read its header a moment later, once another writer had made it whole, and refused it as "cut short:
    # 0 of 8192 bytes". Here the other writer finishes exactly between this one's two looks.
    made = tmp_path / "made.sqlite"
    record_rows(made, [_round(pack, 0)])
    whole = made.read_bytes()
    room = tmp_path / "room.sqlite"
    room.touch(mode=0o600)
    real_pread = room_module.os.pread

    def pread_after_the_other_writer(fd: int, n: int, offset: int) -> bytes:
        if not room.stat().st_size:
            room.write_bytes(whole)
        return real_pread(fd, n, offset)

    monkeypatch.setattr(room_module.os, "pread", pread_after_the_other_writer)
    record_rows(room, [_round(pack, 1)])
    monkeypatch.undo()
    assert sorted(r.seat for r in read_rounds(room, pack)) == ["seat-000000", "seat-000001"]


def test_a_round_waits_for_a_writer_while_a_new_room_turns_to_wal(pack: Pack, tmp_path: Path) -> None:
    # SQLite refuses the switch to WAL at once, without the busy timeout, while another process holds
    # a write lock: a round finished then was lost ("locked"), now and then in the thirty-writer test.
    room = tmp_path / "room.sqlite"
    open_room(room, create=True).close()
    with sqlite3.connect(room, isolation_level=None) as raw:
        raw.execute("PRAGMA journal_mode = DELETE")  # as a new room is, before its first round
    other = sqlite3.connect(room, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    releaser = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    releaser.start()
    try:
        record_rows(room, [_round(pack, 7)])
    finally:
        releaser.join()
        other.close()
    assert [r.seat for r in read_rounds(room, pack)] == ["seat-000007"]
    with sqlite3.connect(room) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_round_holds_ids_and_fixed_values_only(pack: Pack, scenarios: list[Scenario], tmp_path: Path) -> None:
    room = tmp_path / "room.sqlite"
    scenario = by_id(scenarios, "ew-county-lines")
    answers = dataclasses.replace(
        Answers_from(pack, scenario), notes="a note that must not be kept", reference="TRAIN-EW-01"
    )
    record_rows(
        room,
        [
            round_row(
                "seat-abcdef", pack, scenario, answers, {"ictg-direct": "criteria-met"}, {"nrm-referral"}, "guided"
            )
        ],
    )
    with sqlite3.connect(room) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(rounds)")]
        (row,) = connection.execute("SELECT * FROM rounds").fetchall()
    assert columns == ["id", "seat", "scenario", "mode", "answers", "predictions"]
    stored = json.loads(row[4])
    assert set(stored) == {"age", "age_disputed", "facts", "nrm_status", "decision_on", "indicators"}
    assert stored["age"] == 15  # whole years, never a date of birth
    assert "note" not in row[4] and "TRAIN-EW-01" not in row[4]
    assert json.loads(row[5]) == {"services": {"ictg-direct": "criteria-met"}, "signposts": ["nrm-referral"]}


def test_rounds_finished_at_once_are_written_in_batches_each_exactly_once(
    pack: Pack, scenarios: list[Scenario], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = tmp_path / "room.sqlite"
    writer = GroupWriter(room)
    scenario = by_id(scenarios, "ew-county-lines")
    answers = Answers_from(pack, scenario)
    transactions: list[int] = []
    real = room_module.record_rows

    def counted(path: Path, rows: Any) -> None:
        transactions.append(len(rows))
        time.sleep(0.05)  # a slow disk: the others arrive while a batch is written
        real(path, rows)

    monkeypatch.setattr(room_module, "record_rows", counted)
    go = threading.Barrier(40)

    def trainee(n: int) -> None:
        record = recorder(pack, room, writer)
        go.wait(timeout=60)
        record(scenario, answers, {"ictg-direct": "criteria-met"}, set(), "practice")

    threads = [threading.Thread(target=trainee, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    rounds = read_rounds(room, pack)
    assert len(rounds) == 40 and len({r.seat for r in rounds}) == 40
    assert sum(transactions) == 40 and len(transactions) < 40  # batched, and every round in one batch
    assert stat.S_IMODE(room.stat().st_mode) == 0o600


def test_every_round_of_a_batch_that_fails_is_told_and_none_is_kept(
    pack: Pack, scenarios: list[Scenario], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = tmp_path / "room.sqlite"
    writer = GroupWriter(room)
    scenario = by_id(scenarios, "ew-county-lines")
    answers = Answers_from(pack, scenario)
    entered = threading.Event()
    release = threading.Event()
    real = room_module.record_rows

    def locked_once(path: Path, rows: Any) -> None:
        if not entered.is_set():  # the first batch: one round, held while the others queue up
            entered.set()
            release.wait(timeout=60)
            real(path, rows)
            return
        raise room_module._problem(path, "the room file is locked by another program; try again")

    monkeypatch.setattr(room_module, "record_rows", locked_once)
    said: list[str | None] = []

    def trainee() -> None:
        record = recorder(pack, room, writer)
        try:
            record(scenario, answers, {}, set(), "practice")
            said.append(None)
        except InputError as exc:
            said.append(exc.problems[0].message)

    first = threading.Thread(target=trainee)
    first.start()
    assert entered.wait(timeout=60)
    others = [threading.Thread(target=trainee) for _ in range(5)]
    for thread in others:
        thread.start()
    while len(writer._waiting) < 5:
        time.sleep(0.01)
    release.set()
    for thread in [first, *others]:
        thread.join(timeout=60)
    assert sorted(said, key=str) == [None] + ["the room file is locked by another program; try again"] * 5
    assert len(read_rounds(room, pack)) == 1


def Answers_from(pack: Pack, scenario: Scenario):  # type: ignore[no-untyped-def]
    from screener.walkthrough import Answers

    return Answers.from_case(pack, scenario.case)


def debrief(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["train", "--debrief", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_missing_foreign_corrupt_or_locked_room_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "nope.sqlite"
    assert debrief(capsys, str(missing)) == (2, "", f"{missing}: no such room file\n")
    assert not missing.exists()

    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE t (x)")
    assert debrief(capsys, str(foreign)) == (
        2,
        "",
        f"{foreign}: is not a Screener room file (another program's SQLite database)\n",
    )

    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"not a database at all, just bytes" * 100)
    assert debrief(capsys, str(corrupt)) == (2, "", f"{corrupt}: is not a room file (not an SQLite database)\n")

    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    code, out, err = debrief(capsys, str(damaged))
    assert (code, out) == (2, "") and err.startswith(f"{damaged}: ") and err.count("\n") == 1

    locked = tmp_path / "locked.sqlite"
    open_room(locked, create=True).close()
    holder = sqlite3.connect(locked, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute(
        "INSERT INTO rounds (seat, scenario, mode, answers, predictions) VALUES ('s', 'x', 'guided', '{}', '{}')"
    )
    monkeypatch.setattr("screener.training.room.BUSY_TIMEOUT", 0.1)
    try:
        assert debrief(capsys, str(locked)) == (
            2,
            "",
            f"{locked}: the room file is locked by another program; try again\n",
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_an_empty_room_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    room = tmp_path / "room.sqlite"
    open_room(room, create=True).close()
    code, out, _err = debrief(capsys, str(room), "--format", "txt")
    assert code == 0
    assert out.startswith("TRAINING — FICTIONAL CASE.")
    assert "No rounds have been recorded in this room yet." in out


def seed(pack: Pack, scenarios: list[Scenario], room: Path) -> None:
    """Five rounds of two scenarios, with misses, extras and a spread of predictions."""
    county = by_id(scenarios, "ew-county-lines")
    hotel = by_id(scenarios, "ew-age-dispute-hotel")
    key = Answers_from(pack, county)
    hotel_key = Answers_from(pack, hotel)
    drop = tuple(i for i in key.indicators if i not in ("sees-it-as-own-choice", "threats-or-intimidation"))
    rounds = [
        ("seat-000001", county, key, {"ictg-direct": "criteria-not-met", "ictg-indirect": "criteria-met"}),
        (
            "seat-000002",
            county,
            dataclasses.replace(key, indicators=drop),
            {"ictg-direct": "criteria-met", "ictg-indirect": "criteria-met"},
        ),
        (
            "seat-000003",
            county,
            dataclasses.replace(key, indicators=drop[1:], facts={**key.facts, "pr_in_uk": "unknown"}),
            {"ictg-direct": "criteria-may-be-met"},
        ),
        (
            "seat-000001",
            hotel,
            dataclasses.replace(hotel_key, facts={**hotel_key.facts, "devolved_pilot_area": "yes"}),
            {"ictg-direct": "criteria-met", "ictg-indirect": "criteria-not-met"},
        ),
        ("seat-000004", hotel, blank(pack, hotel), {}),
    ]
    for seat, scenario, answers, services in rounds:
        record_rows(room, [round_row(seat, pack, scenario, answers, services, {"nrm-referral"}, "practice")])


def blank(pack: Pack, scenario: Scenario):  # type: ignore[no-untyped-def]
    from screener.training.practice import blank_answers

    return blank_answers(pack, scenario)


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "json"])
def test_the_debrief_of_a_seeded_room_matches_its_golden_file(
    pack: Pack, scenarios: list[Scenario], tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    room = tmp_path / "room.sqlite"
    seed(pack, scenarios, room)
    code, out, err = debrief(capsys, str(room), "--format", fmt)
    assert (code, err) == (0, "")
    golden = GOLDEN / f"debrief.{fmt}"
    assert_golden(golden, out)
    assert "TRAINING — FICTIONAL CASE" in out.split("\n", 1)[0] or fmt == "html" or fmt == "json"
    assert "TRAINING — FICTIONAL CASE" in out


def test_the_debrief_is_exported_privately(
    pack: Pack, scenarios: list[Scenario], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    room = tmp_path / "room.sqlite"
    seed(pack, scenarios, room)
    out_file = tmp_path / "debrief.html"
    code, out, err = debrief(capsys, str(room), "--format", "html", "--output", str(out_file))
    assert (code, out, err) == (0, "", f"screener: wrote {out_file}\n")
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    assert debrief(capsys, str(room), "--output", str(out_file))[0] == 2  # never overwritten unasked


async def test_the_live_debrief_shows_new_rounds(pack: Pack, scenarios: list[Scenario], tmp_path: Path) -> None:
    room = tmp_path / "room.sqlite"
    open_room(room, create=True).close()
    app = DebriefApp(pack, scenarios, room)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "TRAINING — FICTIONAL CASE" in str(app.query_one("#banner", Static).render())
        assert "No rounds have been recorded" in str(app.query_one("#debrief", Static).render())
        seed(pack, scenarios, room)
        app.action_reload()  # what the interval timer calls
        await pilot.pause()
        shown = str(app.query_one("#debrief", Static).render())
        assert "Found far from home with drugs and two phones (ew-county-lines)" in shown
        assert "3 rounds from 3 seats." in shown
        assert "5 rounds" in str(app.query_one("#status", Static).render())


# A practice round of the first scenario in a browser tab, each key with the text that shows it was
# taken: text of the page the key leads to, never of the page it leaves (tests/browser_tab.py).
BROWSER_ROUND: list[tuple[str, str | None]] = [
    ("\r", "— TRAINING, FICTIONAL CASE"),  # Found far from home with drugs and two phones: its vignette
    ("n", "How old is the child?"),  # nothing filled in
    ("1", None),  # the age typed as a browser sends it, each key at once
    ("5", None),
    ("\r", "age disputed?"),
    ("r", "Review every answer"),  # the rest left not known
    ("n", "What will the summary say"),
    ("3", "indirect support?"),  # direct: criteria not met
    ("n", "Which signposts"),  # indirect: no prediction
    ("n", "against the key"),  # none: the results, and the round is recorded
]
STEP_TIMEOUT = 60.0  # seconds for one page to show (a shared, slow machine); a timeout shows the screen


async def test_a_practice_round_in_the_browser_is_recorded_in_the_room(pack: Pack, tmp_path: Path) -> None:
    # The WebSocket a browser tab opens on `screener serve --train --room FILE` (see test_serve_live).
    from tests.browser_tab import SCENARIO_LIST, open_tab
    from tests.test_serve_live import serving

    folder = tmp_path / "server"
    folder.mkdir()
    room = tmp_path / "room.sqlite"
    with serving(folder, "--train", "--room", str(room)) as s:
        async with open_tab(s.port, s.token, width=100, height=40) as tab:
            await tab.wait_for(*SCENARIO_LIST, timeout=STEP_TIMEOUT)
            for key, then in BROWSER_ROUND:
                await tab.press(key, then, STEP_TIMEOUT)
            await tab.wait_for("Your reading: 1 of ", timeout=STEP_TIMEOUT)
            results = tab.screen.text()
            # The round is written as its results are shown; the tab stays open until it is in.
            deadline = time.monotonic() + STEP_TIMEOUT
            while not room.exists() or not read_rounds(room, pack):
                assert time.monotonic() < deadline, f"no round in the room; the tab shows:\n{tab.screen.text()}"
                await tab.receive(0.2)
    assert "TRAINING — FICTIONAL CASE" in results, results
    (recorded,) = read_rounds(room, pack)
    assert (recorded.scenario, recorded.mode, recorded.age) == ("ew-county-lines", "practice", 15)
    assert (recorded.indicators, recorded.facts, recorded.services) == ((), {}, {"ictg-direct": "criteria-not-met"})
    assert recorded.signposts == ()
    # Nothing but the seat label, ids and fixed values: no name, no free text, no time.
    with sqlite3.connect(room) as connection:
        (row,) = connection.execute("SELECT seat, scenario, mode, answers, predictions FROM rounds").fetchall()
    assert re.fullmatch(r"seat-[0-9a-f]{8}", row[0]) and row[1:3] == ("ew-county-lines", "practice")
    assert json.loads(row[3]) == {
        "age": 15,
        "age_disputed": "unknown",
        "decision_on": None,
        "facts": {},
        "indicators": [],
        "nrm_status": "unknown",
    }
    assert json.loads(row[4]) == {"services": {"ictg-direct": "criteria-not-met"}, "signposts": []}
    assert stat.S_IMODE(room.stat().st_mode) == 0o600
