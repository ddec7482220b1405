"""A training room: every finished round, anonymously, in one SQLite file that many processes write.

``screener train --room FILE`` (and every browser tab of ``screener serve --train
--room FILE``) adds one row per finished round: a random seat label, the scenario,
the mode, and the trainee's answers and predictions as ids and fixed values only —
no names, no free text, no times. The file is created with mode 0600, marked with
an ``application_id`` so that a foreign SQLite file is recognised, and written in
WAL mode with a busy timeout and one ``BEGIN IMMEDIATE`` transaction per round, so
that thirty processes writing at once all land. Nothing here imports Textual.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import secrets
import sqlite3
import stat
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screener.content.pack import Pack
from screener.errors import InputError, reason
from screener.isodate import MAX_YEAR, MIN_YEAR, parse_iso
from screener.safewrite import lexists, special_kind
from screener.textsafe import shown
from screener.training.models import Scenario
from screener.vocabulary import NRM_STATUSES, SERVICE_STATUSES
from screener.walkthrough import UNKNOWN, Answers
from screener.walkthrough.parse import MAX_AGE

# What a face calls at the end of each round: scenario, answers, predicted services and signposts, mode.
Recorder = Callable[[Scenario, Answers, Mapping[str, str], Set[str], str], None]

APPLICATION_ID = 0x53435452  # "SCTR": a Screener training room
SCHEMA_VERSION = 1
BUSY_TIMEOUT = 30.0  # seconds a writer waits for another to finish
MODE = 0o600
SQLITE_HEADER = b"SQLite format 3\x00"
SCHEMA = """
CREATE TABLE IF NOT EXISTS rounds (
    id INTEGER PRIMARY KEY,
    seat TEXT NOT NULL,
    scenario TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('practice', 'guided')),
    answers TEXT NOT NULL,
    predictions TEXT NOT NULL
)
"""
STATUSES = SERVICE_STATUSES
COLUMNS = ["id", "seat", "scenario", "mode", "answers", "predictions"]


@dataclass(frozen=True)
class RoundRecord:
    """One finished round as the room keeps it."""

    id: int
    seat: str
    scenario: str
    mode: str
    age: int | None
    age_disputed: str
    facts: dict[str, str]
    nrm_status: str
    decision_on: dt.date | None
    indicators: tuple[str, ...]
    services: dict[str, str]
    signposts: tuple[str, ...]

    def answers(self, scenario: Scenario) -> Answers:
        """The trainee's answers again, on the scenario's day and place."""
        case = scenario.case
        return Answers(
            screening_date=case.screening_date or dt.date.today(),
            jurisdiction=case.jurisdiction,
            reference=case.reference,
            age=self.age,
            age_disputed=self.age_disputed,
            facts=dict(self.facts),
            nrm_status=self.nrm_status,
            decision_on=self.decision_on,
            indicators=self.indicators,
        )


def _problem(path: Path, message: str) -> InputError:
    return InputError.single(path, message)


def seat_label() -> str:
    """A random label for this trainee's seat: no name, nothing that identifies anyone.

    32 bits: with 24, two of a room of 300 share a label about once in 370 rooms (it happened in
    benchmarks/room_web.py), and the debrief would count them as one seat."""
    return f"seat-{secrets.token_hex(4)}"


def open_room(path: Path, *, create: bool) -> sqlite3.Connection:
    """An open, checked room file; created (0600, empty) when ``create`` and it does not exist.

    ``create`` is for a writer: the room must be writable, and it is turned to WAL.
    A reader (``create=False``) changes nothing: a room it may not write is read as
    it is, without the -wal and -shm files SQLite would otherwise leave beside it.
    Raises InputError with one clear line for a missing, locked, corrupt or foreign file.
    """
    path = path.expanduser()
    writable = _inspect(path, create)
    if create and not writable:
        raise _problem(path, "the room file is read-only; rounds cannot be recorded in it")
    try:
        if writable:
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        else:
            # Read-only: with no -wal beside it, nobody is writing it, so it is read as an immutable
            # file (no locks, no -wal or -shm made); with one, SQLite reads it as it stands.
            extra = "" if lexists(Path(f"{path}-wal")) else "&immutable=1"
            uri = f"file:{urllib.parse.quote(os.fspath(path.absolute()))}?mode=ro{extra}"
            connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)
    except sqlite3.Error as exc:
        raise _problem(path, f"cannot open the room file: {exc}") from None
    try:
        _check(connection, path, create)
    except BaseException:
        connection.close()
        raise
    return connection


def _inspect(path: Path, create: bool) -> bool:
    """Look at what is at ``path`` before SQLite reads it; whether this process may write it.

    It must be a regular file (a pipe would block every read for ever, a device never
    end), start as an SQLite file does (or be empty, as a room another process is
    creating is), and be as long as its header says. Opened without blocking, so a
    pipe is seen for what it is. Created empty, mode 0600, when ``create`` and missing.
    """
    flags = os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        try:
            fd, writable = os.open(path, os.O_RDWR | flags), True
        except FileNotFoundError:
            if not create:
                raise _problem(path, "no such room file") from None
            if not path.parent.is_dir():
                raise _problem(path, f"the folder {path.parent} does not exist") from None
            with contextlib.suppress(FileExistsError):  # another process created it a moment ago
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | flags, MODE))
            fd, writable = os.open(path, os.O_RDWR | flags), True
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS, errno.EISDIR):
                raise
            fd, writable = os.open(path, os.O_RDONLY | flags), False
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise _problem(path, "is a folder, not a room file")
            if not stat.S_ISREG(info.st_mode):
                raise _problem(path, f"is {special_kind(info.st_mode)}, not a room file")
            head = os.pread(fd, 100, 0)
            # The length after the header was read: a room another process is creating can be empty at
            # the first look and hold a whole header at the next (30 writers at once, found in CI).
            size = os.fstat(fd).st_size
        finally:
            os.close(fd)
    except InputError:
        raise
    except (OSError, ValueError) as exc:
        raise _problem(path, f"cannot read the room file: {reason(exc)}") from None
    if head and head[: len(SQLITE_HEADER)] != SQLITE_HEADER[: len(head)]:
        raise _problem(path, "is not a room file (not an SQLite database)")
    # Checked only while no -wal or -journal is beside it: a checkpoint or a rollback-mode write in
    # another process writes page 1 (with the new length) before the pages that make the file that long.
    if head and not _being_written(path):
        whole = _length_in_header(head)
        if len(head) < 100 or (whole is not None and size < whole):
            raise _problem(path, f"the room file is damaged (cut short: {size} of {whole or 100} bytes)")
    # WAL needs the folder too: a -wal file is made beside the room.
    return writable and os.access(path.parent, os.W_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids)


def _length_in_header(head: bytes) -> int | None:
    """The length an SQLite file says it has (page size times pages), or None when its header does not say."""
    if len(head) < 100 or head[24:28] != head[92:96]:
        return None  # the page count is valid only when the two change counters agree
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    return page_size * pages if pages else None


def _being_written(path: Path) -> bool:
    return any(lexists(Path(f"{path}{suffix}")) for suffix in ("-wal", "-journal"))


def _sqlite_problem(path: Path, exc: sqlite3.Error) -> InputError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return _problem(path, "the room file is locked by another program; try again")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return _problem(path, "the room file is damaged (not a readable SQLite database)")
    return _problem(path, f"cannot use the room file: {text}")


def _to_wal(connection: sqlite3.Connection) -> None:
    """Switch a new room to WAL. SQLite refuses the switch at once, without waiting out the busy
    timeout, while another process holds a write lock: two trainees finishing together on a new room
    would lose one round. So wait here, as long as a writer would."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _check(connection: sqlite3.Connection, path: Path, create: bool) -> None:
    try:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        if app_id == 0:
            tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            # Another process may have set the room up between the two reads: it adds the table and
            # the id in one transaction, so with tables there, the id read again tells.
            if tables and connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise _problem(path, "is not a Screener room file (another program's SQLite database)")
            if tables:
                app_id = APPLICATION_ID
            elif not create:
                raise _problem(path, "is not a Screener room file (an empty file)")
        if app_id == 0 and create:
            connection.execute("BEGIN IMMEDIATE")
            try:
                # Checked again inside the lock: another process may have set it up meanwhile.
                if connection.execute("PRAGMA application_id").fetchone()[0] == 0:
                    connection.execute(SCHEMA)
                    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                connection.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    connection.execute("ROLLBACK")
                raise
            app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise _problem(path, "is not a Screener room file (another program's SQLite database)")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise _problem(path, f"is a room file of version {version}; this screener reads version {SCHEMA_VERSION}")
        # Before any row is read: a view or a trigger named like the room's table could run
        # for ever (a recursive view) or do anything, so the schema must be exactly the room's.
        objects = connection.execute("SELECT type, name FROM sqlite_master").fetchall()
        columns = [row[1] for row in connection.execute("PRAGMA table_info(rounds)")]
        if objects != [("table", "rounds")] or columns != COLUMNS:
            raise _problem(path, "is not a Screener room file (its tables are not a room's)")
        if create and connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            _to_wal(connection)
        connection.execute("SELECT count(*) FROM rounds").fetchone()
    except sqlite3.Error as exc:
        raise _sqlite_problem(path, exc) from None
    except UnicodeDecodeError:
        # A table's name that is not UTF-8 (found by fuzzing the file's bytes): SQLite reads it, Python cannot.
        raise _problem(path, "the room file is damaged (not a readable SQLite database)") from None


def round_data(
    pack: Pack,
    scenario: Scenario,
    answers: Answers,
    services: Mapping[str, str],
    signposts: Set[str],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The answers and predictions as the room stores them: ids and fixed values only."""
    from screener.engine.dates import age_on

    age = age_on(answers.date_of_birth, answers.screening_date) if answers.date_of_birth else answers.age
    data = {
        "age": age,
        "age_disputed": answers.age_disputed,
        "facts": {k: v for k, v in sorted(answers.facts.items()) if k in pack.questions and v in ("yes", "no")},
        "nrm_status": answers.nrm_status if answers.nrm_status in NRM_STATUSES else UNKNOWN,
        "decision_on": answers.decision_on.isoformat() if answers.decision_on else None,
        "indicators": [i for i in answers.indicators if i in pack.indicators],
    }
    predictions = {
        "services": {k: v for k, v in sorted(services.items()) if v in STATUSES},
        "signposts": sorted(s for s in signposts if s in pack.signposts),
    }
    return data, predictions


# One row of the rounds table, as the room stores it: seat, scenario, mode, answers and predictions (JSON).
Row = tuple[str, str, str, str, str]


def round_row(
    seat: str,
    pack: Pack,
    scenario: Scenario,
    answers: Answers,
    services: Mapping[str, str],
    signposts: Set[str],
    mode: str,
) -> Row:
    data, predictions = round_data(pack, scenario, answers, services, signposts)
    return (seat, scenario.id, mode, json.dumps(data, sort_keys=True), json.dumps(predictions, sort_keys=True))


def record_rows(room: Path, rows: Sequence[Row]) -> None:
    """Add finished rounds to the room in one transaction: every one of them, or (raising) none."""
    connection = open_room(room, create=True)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(
            "INSERT INTO rounds (seat, scenario, mode, answers, predictions) VALUES (?, ?, ?, ?, ?)", rows
        )
        connection.execute("COMMIT")
    except sqlite3.Error as exc:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise _sqlite_problem(room, exc) from None
    finally:
        connection.close()


@dataclass
class _Waiting:
    row: Row
    done: bool = False
    problem: InputError | None = None


class GroupWriter:
    """Rounds finished at once in many threads (``screener room``'s), written a batch at a time.

    Each write of a room is a transaction that ends with a flush to disk, and the room's
    lock makes them one after another: a room of 300 finishing together queued behind
    300 flushes (seconds each on a busy disk). Here a thread that records a round hands
    it over and waits: whichever thread finds no batch being written writes every round
    waiting, its own included, in one transaction, then wakes the others. A round is in
    exactly one batch, and a batch is in the room whole or not at all: every round of
    a batch that failed is told why, and none is kept.
    """

    def __init__(self, room: Path) -> None:
        self.room = room.expanduser().resolve()
        self._turn = threading.Condition()
        self._waiting: list[_Waiting] = []
        self._writing = False

    def record(self, row: Row) -> None:
        mine = _Waiting(row)
        with self._turn:
            self._waiting.append(mine)
            while self._writing and not mine.done:
                self._turn.wait()
            if not mine.done:
                batch, self._waiting, self._writing = self._waiting, [], True
        if not mine.done:
            # Until the write has returned, the batch is not in: an error of any kind tells every round so.
            problem: InputError | None = _problem(self.room, "the round could not be written to the room file")
            try:
                record_rows(self.room, [w.row for w in batch])
                problem = None
            except InputError as exc:
                problem = exc
            finally:
                with self._turn:
                    for waiting in batch:
                        waiting.done, waiting.problem = True, problem
                    self._writing = False
                    self._turn.notify_all()
        if mine.problem is not None:
            raise InputError(list(mine.problem.problems))  # one exception each: each thread has its own traceback


def recorder(pack: Pack, room: Path, writer: GroupWriter | None = None) -> Recorder:
    """The recording callback for one trainee's session: one seat label for all its rounds.
    With ``writer``, the round is written in a batch with others finished at the same time."""
    seat = seat_label()
    room = room.expanduser().resolve()

    def record(
        scenario: Scenario, answers: Answers, services: Mapping[str, str], signposts: Set[str], mode: str
    ) -> None:
        row = round_row(seat, pack, scenario, answers, services, signposts, mode)
        if writer is None:
            record_rows(room, [row])
        else:
            writer.record(row)

    return record


def _utf8_or_none(data: bytes) -> str | None:
    """A TEXT value as SQLite holds it; None (never a round's text) when it is not UTF-8."""
    try:
        return data.decode()
    except UnicodeDecodeError:
        return None


def _text(value: Any, allowed: Any = None) -> str:
    if not isinstance(value, str) or (allowed is not None and value not in allowed):
        raise ValueError(value)
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError("not a list")
    return value


def _row(row: tuple[Any, ...]) -> RoundRecord:
    rid, seat, scenario, mode, answers_json, predictions_json = row
    answers = json.loads(_text(answers_json))
    predictions = json.loads(_text(predictions_json))
    age = answers["age"]
    if age is not None and (not isinstance(age, int) or isinstance(age, bool) or not 0 <= age <= MAX_AGE):
        raise ValueError(age)
    decision = answers["decision_on"]
    facts = answers["facts"]
    services = predictions["services"]
    if not isinstance(facts, dict) or not isinstance(services, dict):
        raise ValueError("not a mapping")
    decided = parse_iso(_text(decision)) if decision is not None else None
    if decision is not None and (decided is None or not MIN_YEAR <= decided.year <= MAX_YEAR):
        raise ValueError(decision)
    return RoundRecord(
        id=int(rid),
        seat=_text(seat),
        scenario=_text(scenario),
        mode=_text(mode, ("practice", "guided")),
        age=age,
        age_disputed=_text(answers["age_disputed"], ("yes", "no", UNKNOWN)),
        facts={_text(k): _text(v, ("yes", "no")) for k, v in facts.items()},
        nrm_status=_text(answers["nrm_status"], NRM_STATUSES),
        decision_on=decided,
        indicators=tuple(_text(i) for i in _list(answers["indicators"])),
        services={_text(k): _text(v, STATUSES) for k, v in services.items()},
        signposts=tuple(_text(s) for s in _list(predictions["signposts"])),
    )


def _unknown_id(pack: Pack, record: RoundRecord) -> str | None:
    """What in a round this pack does not know (recorded with another edition of it), or None."""
    for kind, ids, known in (
        ("indicator", record.indicators, pack.indicators),
        ("question", record.facts, pack.questions),
        ("signpost", record.signposts, pack.signposts),
    ):
        for item in ids:
            if item not in known:
                return f"{kind} '{item}'"
    return None


def read_rounds(room: Path, pack: Pack, *, left_out: list[str] | None = None) -> list[RoundRecord]:
    """Every round in the room, oldest first. A damaged row is reported, never skipped.

    A round is also refused when it names an indicator, question or signpost that
    ``pack`` does not know: the debrief could not say what it was. With ``left_out``
    (the room's live debrief, which shows what it can), such a round is left out
    instead and what is wrong with it is added there.
    """
    connection = open_room(room, create=False)
    # Text that is not UTF-8 makes that round damaged (it is read as no text at all), not the whole query fail.
    connection.text_factory = _utf8_or_none
    try:
        rows = connection.execute(
            "SELECT id, seat, scenario, mode, answers, predictions FROM rounds ORDER BY id"
        ).fetchall()
    except sqlite3.Error as exc:
        raise _sqlite_problem(room, exc) from None
    finally:
        connection.close()
    out = []
    for row in rows:
        try:
            record = _row(row)
        except (ValueError, KeyError, TypeError, RecursionError, json.JSONDecodeError):
            # RecursionError: JSON nested thousands deep is no round Screener wrote.
            problem = _problem(room, f"round {shown(row[0])} in the room file is damaged")
        else:
            unknown = _unknown_id(pack, record)
            if unknown is None:
                out.append(record)
                continue
            problem = _problem(
                room,
                f"round {record.id} names {shown(unknown)}, which this content pack does not know"
                " (was the room recorded with another edition of the pack?)",
            )
        if left_out is None:
            raise problem from None
        left_out.extend(p.message for p in problem.problems)
    return out
