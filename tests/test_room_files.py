"""Room files that are not what they should be: refused in one line with exit 2, never a hang or a traceback.

The room reader looks at what it opens before it reads (a regular file, an SQLite
header, whole), checks the schema before it queries (a table, not a view), and
checks every row before the debrief uses it (fixed values, ids this pack knows).
Hypothesis fuzzes the rows and the bytes of a room file.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.cli import main
from screener.content import Pack, default_pack_path
from screener.errors import InputError
from screener.training import load_scenarios
from screener.training.debrief import build_debrief, render_debrief
from screener.training.room import open_room, read_rounds, record_rows, round_row
from screener.walkthrough import Answers
from tests.test_hostile import STRINGS, assert_safe

ROOT = Path(__file__).resolve().parent.parent
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def one_round(pack: Pack, room: Path, seat: str = "seat-000001") -> None:
    answers = Answers(
        screening_date=dt.date(2024, 11, 20), jurisdiction="england-wales", age=15, indicators=("county-lines",)
    )
    scenario = types.SimpleNamespace(id="ew-county-lines")
    row = round_row(seat, pack, scenario, answers, {"ictg-direct": "criteria-met"}, {"nrm-referral"}, "practice")  # type: ignore[arg-type]
    record_rows(room, [row])


def screener(*argv: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own, so that a hang fails the test instead of stopping the suite."""
    return subprocess.run(
        [sys.executable, "-m", "screener", *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=timeout,
        check=False,
    )


def debrief(capsys: pytest.CaptureFixture[str], room: Path) -> tuple[int, str, str]:
    code = main(["train", "--debrief", str(room), "--format", "md"])
    out, err = capsys.readouterr()
    return code, out, err


# -- what is opened -----------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["--debrief", "{room}", "--format", "md"], ["--room", "{room}", "--plain"]])
def test_a_pipe_as_the_room_is_refused_without_waiting(tmp_path: Path, argv: list[str]) -> None:
    room = tmp_path / "room.sqlite"
    os.mkfifo(room)
    result = screener("train", *(a.format(room=room) for a in argv))
    assert (result.returncode, result.stderr) == (2, f"{room}: is a pipe (FIFO), not a room file\n")


def test_a_view_named_rounds_is_refused_before_it_is_queried(tmp_path: Path) -> None:
    # A recursive view never ends: the room must be checked to be a table before a row is read.
    room = tmp_path / "room.sqlite"
    with contextlib.closing(sqlite3.connect(room)) as connection:
        connection.executescript(
            "PRAGMA application_id = 1396921426; PRAGMA user_version = 1;"
            "CREATE VIEW rounds AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)"
            " SELECT n AS id, 's' AS seat, 'x' AS scenario, 'guided' AS mode, '{}' AS answers,"
            " '{}' AS predictions FROM r;"
        )
    # The two commands at once, each in its own process (a hang fails the test rather than the suite).
    with concurrent.futures.ThreadPoolExecutor() as pool:
        results = list(
            pool.map(
                lambda argv: screener("train", *argv),
                (["--debrief", str(room), "--format", "md"], ["--room", str(room), "--plain"]),
            )
        )
    for result in results:
        assert (result.returncode, result.stderr) == (
            2,
            f"{room}: is not a Screener room file (its tables are not a room's)\n",
        )


def test_a_truncated_room_is_refused_before_a_round_is_recorded(
    pack: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    room = tmp_path / "room.sqlite"
    for n in range(40):
        one_round(pack, room, f"seat-{n:06d}")
    with contextlib.closing(sqlite3.connect(room)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = room.stat().st_size
    assert size > 8192
    os.truncate(room, size // 2)
    message = f"{room}: the room file is damaged (cut short: {size // 2} of {size} bytes)\n"
    with pytest.raises(InputError) as caught:
        open_room(room, create=True)
    assert f"{caught.value}\n" == message
    assert debrief(capsys, room) == (2, "", message)


def test_a_room_path_too_long_for_the_system_is_one_line_about_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    room = tmp_path / ("r" * 300)
    code, out, err = debrief(capsys, room)
    assert (code, out) == (2, "")
    assert err == f"{room}: cannot read the room file: the name is too long (at most 255 bytes a part)\n"


def test_a_folder_or_device_is_not_a_room(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert debrief(capsys, tmp_path) == (2, "", f"{tmp_path}: is a folder, not a room file\n")
    assert debrief(capsys, Path("/dev/null")) == (2, "", "/dev/null: is a device, not a room file\n")


@contextlib.contextmanager
def someone_else() -> Iterator[None]:
    """Run as an unprivileged user while inside (root reads and writes a read-only file regardless)."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


def test_reading_a_read_only_room_leaves_nothing_beside_it(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    # The folder must be one the unprivileged user can reach and write in: pytest's is private to root.
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o777)
        room = Path(folder) / "room.sqlite"
        one_round(pack, room)
        assert sorted(os.listdir(folder)) == ["room.sqlite"]
        os.chmod(room, 0o444)
        with someone_else():
            rounds = read_rounds(room, pack)
            code, out, err = debrief(capsys, room)
            refused = main(["train", "--room", str(room), "--plain"])
        assert [r.seat for r in rounds] == ["seat-000001"]
        assert (code, err) == (0, "") and "1 round" in out
        assert refused == 2
        assert capsys.readouterr().err == f"{room}: the room file is read-only; rounds cannot be recorded in it\n"
        assert sorted(os.listdir(folder)) == ["room.sqlite"]


# -- what is read ---------------------------------------------------------------------------


def set_answers(room: Path, change: Any) -> None:
    with contextlib.closing(sqlite3.connect(room)) as connection, connection:
        (text,) = connection.execute("SELECT answers FROM rounds").fetchone()
        connection.execute("UPDATE rounds SET answers = ?", (change(text),))


def test_a_round_naming_an_indicator_this_pack_does_not_know_is_refused(
    pack: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    room = tmp_path / "room.sqlite"
    one_round(pack, room)

    def add(text: str) -> str:
        data = json.loads(text)
        data["indicators"].append("renamed-in-another-edition")
        return json.dumps(data)

    set_answers(room, add)
    assert debrief(capsys, room) == (
        2,
        "",
        f"{room}: round 1 names indicator 'renamed-in-another-edition', which this content pack does not know"
        " (was the room recorded with another edition of the pack?)\n",
    )


def test_deeply_nested_json_in_a_round_is_a_damaged_round(
    pack: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    room = tmp_path / "room.sqlite"
    one_round(pack, room)
    set_answers(room, lambda text: "[" * 100_000 + "]" * 100_000)
    assert debrief(capsys, room) == (2, "", f"{room}: round 1 in the room file is damaged\n")


# -- fuzzing -------------------------------------------------------------------------------

_hostile = st.sampled_from(sorted(STRINGS.values()))
_text = st.text(max_size=12) | _hostile | st.sampled_from(["yes", "no", "unknown", "county-lines", "ew-county-lines"])
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=10,
)


@st.composite
def _answers(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return draw(st.text(max_size=30) | _json.map(json.dumps))
    data = {
        "age": draw(st.none() | st.integers(-5, 10**6) | _json),
        "age_disputed": draw(st.sampled_from(["yes", "no", "unknown"]) | _json),
        "facts": draw(st.dictionaries(st.sampled_from(["separated", "in_la_care", "x"]) | _text, _json, max_size=3)),
        "nrm_status": draw(st.sampled_from(["none", "referred", "unknown"]) | _json),
        "decision_on": draw(st.none() | st.dates().map(str) | _json),
        "indicators": draw(st.lists(st.sampled_from(["county-lines", "missing-episodes"]) | _text, max_size=3)),
    }
    for key in draw(st.sets(st.sampled_from(sorted(data)), max_size=2)):
        del data[key]  # a key missing, as in a room of another make
    return json.dumps(data)


@st.composite
def _predictions(draw: st.DrawFn) -> str:
    data = {
        "services": draw(st.dictionaries(st.sampled_from(["ictg-direct"]) | _text, _json, max_size=2)),
        "signposts": draw(st.lists(st.sampled_from(["nrm-referral"]) | _text, max_size=2) | _json),
    }
    return json.dumps(data) if draw(st.booleans()) else draw(_json.map(json.dumps))


_rows = st.lists(
    st.tuples(
        _text,
        st.sampled_from(["ew-county-lines", "ew-age-dispute-hotel"]) | _text,
        st.sampled_from(["practice", "guided"]),
        _answers(),
        _predictions(),
    ),
    min_size=1,
    max_size=3,
)


@pytest.fixture(scope="module")
def scenarios(pack: Pack) -> list[Any]:
    return load_scenarios(pack, default_pack_path())


@FUZZ
@given(rows=_rows)
def test_fuzz_the_rows_of_a_room(
    pack: Pack, scenarios: list[Any], empty_room: bytes, rows: list[tuple[str, ...]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        room = Path(folder) / "room.sqlite"
        room.write_bytes(empty_room)
        with contextlib.closing(sqlite3.connect(room)) as connection, connection:
            connection.execute("PRAGMA synchronous = OFF")  # a file for this example only: no fsync
            connection.executemany(
                "INSERT INTO rounds (seat, scenario, mode, answers, predictions) VALUES (?, ?, ?, ?, ?)", rows
            )
        # The room's live debrief reads what it can: a damaged row is left out and said, never raised.
        left_out: list[str] = []
        readable = read_rounds(room, pack, left_out=left_out)
        assert len(readable) + len(left_out) == len(rows)
        for line in left_out:
            assert_safe(line, "refusal")
        try:
            rounds = read_rounds(room, pack)
        except InputError as exc:
            (problem,) = exc.problems
            assert_safe(str(problem), "refusal")
            assert left_out and problem.message == left_out[0]
            return
        assert not left_out and rounds == readable
        result = build_debrief(pack, scenarios, rounds)
        for fmt in ("md", "txt", "html", "json"):
            assert_safe(render_debrief(result, fmt), fmt)


@pytest.fixture(scope="module")
def empty_room(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A new room, as bytes: made once for every example."""
    room = tmp_path_factory.mktemp("empty") / "room.sqlite"
    open_room(room, create=True).close()
    return room.read_bytes()


@pytest.fixture(scope="module")
def three_rounds(pack: Pack, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A room of three rounds, checkpointed into its one file, as bytes: made once for every example."""
    room = tmp_path_factory.mktemp("three") / "room.sqlite"
    for n in range(3):
        one_round(pack, room, f"seat-{n:06d}")
    with contextlib.closing(sqlite3.connect(room)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return room.read_bytes()


@FUZZ
@given(cut=st.integers(0, 12_000), junk=st.binary(max_size=200), at=st.integers(0, 12_000))
def test_fuzz_the_bytes_of_a_room(
    pack: Pack, scenarios: list[Any], three_rounds: bytes, cut: int, junk: bytes, at: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        room = Path(folder) / "room.sqlite"
        data = bytearray(three_rounds[:cut])
        data[at : at + len(junk)] = junk
        room.write_bytes(bytes(data))
        for name in ("room.sqlite-wal", "room.sqlite-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(Path(folder) / name)
        try:
            build_debrief(pack, scenarios, read_rounds(room, pack))
        except InputError as exc:
            assert len(exc.problems) == 1


def test_text_that_is_not_utf8_is_one_damaged_round_and_a_table_name_that_is_not_is_a_damaged_file(
    pack: Pack, tmp_path: Path, three_rounds: bytes
) -> None:
    # Found by test_fuzz_the_bytes_of_a_room: one byte 0x80 in the room's table name (SQLite reads it, Python
    # cannot decode it) ended the debrief in a UnicodeDecodeError traceback instead of one line.
    page_one = three_rounds[:4096]
    at = page_one.index(b"tableroundsrounds") + len(b"table")
    named = tmp_path / "named.sqlite"
    named.write_bytes(three_rounds[:at] + b"\x80" + three_rounds[at + 1 :])
    with pytest.raises(InputError) as raised:
        read_rounds(named, pack)
    assert str(raised.value) == f"{named}: the room file is damaged (not a readable SQLite database)"
    # A round whose seat is not UTF-8 is that round damaged: the others are still read, and it is said.
    room = tmp_path / "room.sqlite"
    room.write_bytes(three_rounds)
    with contextlib.closing(sqlite3.connect(room)) as connection:
        connection.execute("UPDATE rounds SET seat = CAST(X'80' AS TEXT) WHERE id = 2")
        connection.commit()
    with pytest.raises(InputError) as raised:
        read_rounds(room, pack)
    assert str(raised.value) == f"{room}: round 2 in the room file is damaged"
    left_out: list[str] = []
    assert [r.id for r in read_rounds(room, pack, left_out=left_out)] == [1, 3]
    assert left_out == ["round 2 in the room file is damaged"]
