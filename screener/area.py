"""Area files: an area's own contacts, local notes and settled facts, kept apart from the pack.

The contract is ``shared/spec/area-file.md``. An area file is read with the
project's careful YAML reader, validated by the pydantic model below (extra keys
forbidden) and cross-checked against the pack; every problem is reported at
once as ``file:line: message``.

What an area does to a screening, all here so the engine's hook stays small:

- ``settle``: a fact the area settles for the screening date fills an answer the
  practitioner left not known; a yes or no given in the case always wins. Each
  settled fact carries a marker the summary shows ("from the area file (NAME,
  checked DATE)"), so it never reads as the practitioner's own answer.
- ``attach``: contacts and local notes go on the signposts they serve, the
  area's reference on the summary, and a stale area file becomes a notice.

The default area (one per machine) is the file named in ``SCREENER_AREA``, or
else in ``$XDG_CONFIG_HOME/screener/area`` (``~/.config/screener/area``), which
``screener area use FILE`` writes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import itertools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from screener.casefile.model import Answer, Case, Date, shown
from screener.content.models import JURISDICTIONS, JurisdictionId
from screener.errors import InputError, Problem
from screener.textsafe import refused
from screener.yamlio import Document, load_document

if TYPE_CHECKING:
    from screener.content.pack import Pack
    from screener.summary import Summary

SCHEMA = "screener-area/1"
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_TEXT = 500


def unsafe_text(text: str) -> str | None:
    """Why ``text`` is not safe to show, or None: the one sanitiser's rule for multi-line text."""
    return refused(text, one_line=False)


def _text(value: Any) -> Any:
    if isinstance(value, str):
        problem = unsafe_text(value)
        if problem is not None:
            raise PydanticCustomError("unsafe_text", problem)
        if not value.strip():
            raise PydanticCustomError("empty_text", "must not be empty")
        if len(value) > MAX_TEXT:
            raise PydanticCustomError("long_text", "is longer than {n} characters", {"n": MAX_TEXT})
    return value


def _slug(value: Any) -> Any:
    if isinstance(value, str) and not _SLUG.fullmatch(value):
        raise PydanticCustomError(
            "slug",
            "'{value}' is not an id (lower-case words and hyphens, like example-borough)",
            {"value": shown(value)},
        )
    return value


def _jurisdiction(value: Any) -> Any:
    if value not in JURISDICTIONS:
        raise PydanticCustomError(
            "choice",
            "'{value}' is not a jurisdiction; use one of: {allowed}",
            {"value": shown(value), "allowed": ", ".join(JURISDICTIONS)},
        )
    return value


Text = Annotated[str, BeforeValidator(_text)]
Slug = Annotated[str, BeforeValidator(_slug)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class FactRange(_Model):
    """One value of a fact over a range of days; ``until`` is the last day it holds."""

    value: Answer
    from_: Date = Field(alias="from")
    until: Date | None = None

    def covers(self, day: dt.date) -> bool:
        return self.from_ <= day and (self.until is None or day <= self.until)


class Contact(_Model):
    id: Slug
    name: Text
    phone: Text | None = None
    email: Text | None = None
    hours: Text | None = None
    for_: list[str] = Field(alias="for", min_length=1)


class Note(_Model):
    for_: str = Field(alias="for")
    text: Text


class AreaFile(_Model):
    schema_: Literal["screener-area/1"] = Field(alias="schema")
    id: Slug
    name: Text
    jurisdiction: Annotated[JurisdictionId, BeforeValidator(_jurisdiction)]
    verified_on: Date
    review_due: Date
    maintainer: Text
    facts: dict[str, list[FactRange]] = Field(default_factory=dict)
    contacts: list[Contact] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)

    @field_validator("facts", "contacts", "notes", mode="before")
    @classmethod
    def _empty(cls, value: Any, info: Any) -> Any:
        if value is None:
            return {} if info.field_name == "facts" else []
        return value


@dataclass(frozen=True)
class Area:
    """A checked area file."""

    path: str
    model: AreaFile
    digest: str  # "sha256:<hex>" of the file's bytes

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def jurisdiction(self) -> str:
        return self.model.jurisdiction

    def checked(self) -> str:
        return f"from the area file ({self.name}, checked {self.model.verified_on.isoformat()})"

    def stale(self, day: dt.date) -> bool:
        return day > self.model.review_due

    def facts_on(self, day: dt.date) -> dict[str, str]:
        """The facts this area settles on ``day`` (yes or no; 'unknown' settles nothing)."""
        found: dict[str, str] = {}
        for fact, ranges in self.model.facts.items():
            for item in ranges:
                if item.covers(day) and item.value != "unknown":
                    found[fact] = item.value
        return found

    def settle(self, case: Case, day: dt.date) -> tuple[Case, dict[str, str]]:
        """The case with the area's facts filled in where its answer is not known, and a marker for each."""
        filled = {f: v for f, v in self.facts_on(day).items() if case.fact(f) == "unknown"}
        if not filled:
            return case, {}
        settled = case.model_copy(update={"facts": {**case.facts, **filled}})
        return settled, dict.fromkeys(filled, self.checked())

    def counts(self) -> str:
        m = self.model
        ranges = sum(len(r) for r in m.facts.values())
        return (
            f"{m.id}: ok: {m.jurisdiction}, {len(m.facts)} facts ({ranges} date ranges), "
            f"{len(m.contacts)} contacts, {len(m.notes)} notes, checked {m.verified_on.isoformat()}, "
            f"review due {m.review_due.isoformat()}"
        )


def parse_area(doc: Document, raw: bytes, pack: Pack, jurisdiction: str | None = None) -> Area:
    """Validate a read area file against the contract and the pack; every problem at once."""
    data = doc.data
    if not isinstance(data, dict):
        raise InputError([doc.problem((), "an area file must be a mapping of keys to values")])
    problems: list[Problem] = []
    if "schema" in data and data["schema"] != SCHEMA:
        problems.append(doc.problem(("schema",), f"schema must be '{SCHEMA}', not '{shown(data['schema'])}'"))
        data = {**data, "schema": SCHEMA}
    model: AreaFile | None = None
    try:
        model = AreaFile.model_validate(data)
    except ValidationError as exc:
        problems.extend(doc.pydantic_problems(exc))
    problems.extend(_cross_check(doc, data, pack, jurisdiction))
    if model is not None and model.review_due < model.verified_on:
        problems.append(
            doc.problem(
                ("review_due",),
                f"review_due {model.review_due.isoformat()} is before verified_on {model.verified_on.isoformat()}",
            )
        )
    if problems or model is None:
        located = {Problem(p.path, p.line or 1, p.message) for p in problems}
        raise InputError(sorted(located, key=lambda p: (p.line or 0, p.message)))
    return Area(doc.path, model, "sha256:" + hashlib.sha256(raw).hexdigest())


def _cross_check(doc: Document, data: dict[str, Any], pack: Pack, jurisdiction: str | None) -> list[Problem]:
    """The checks against the pack, read from the raw data so they run even when the model fails."""
    problems: list[Problem] = []
    own = data.get("jurisdiction")
    if jurisdiction is not None and own in JURISDICTIONS and own != jurisdiction:
        problems.append(
            doc.problem(
                ("jurisdiction",),
                f"this area file is for {own}, but the case is in {jurisdiction}; "
                "use an area file of the case's jurisdiction, or none (--no-area)",
            )
        )
    place = own if own in JURISDICTIONS else None
    facts = data.get("facts")
    if isinstance(facts, dict):
        for name, ranges in facts.items():
            question = pack.questions.get(name)
            if question is None:
                problems.append(doc.problem(("facts", name), f"'{shown(name)}' is not a question of the pack"))
                continue
            if place is not None and place not in question.jurisdictions:
                problems.append(doc.problem(("facts", name), f"'{name}' is not asked in {place}"))
            problems.extend(_overlaps(doc, name, ranges))
    signposts = {s.id: s for s in pack.signposts.values()}

    def need(target: Any, loc: tuple[str | int, ...]) -> None:
        if not isinstance(target, str):
            return
        signpost = signposts.get(target)
        if signpost is None:
            problems.append(doc.problem(loc, f"'{shown(target)}' names no signpost of the pack"))
        elif place is not None and place not in signpost.jurisdictions:
            problems.append(doc.problem(loc, f"the signpost '{target}' is not used in {place}"))

    contacts = data.get("contacts")
    if isinstance(contacts, list):
        seen: set[str] = set()
        for index, contact in enumerate(contacts):
            if not isinstance(contact, dict):
                continue
            ident = contact.get("id")
            if isinstance(ident, str):
                if ident in seen:
                    problems.append(doc.problem(("contacts", index, "id"), f"duplicate contact id '{shown(ident)}'"))
                seen.add(ident)
            targets = contact.get("for")
            if isinstance(targets, list):
                for t_index, target in enumerate(targets):
                    need(target, ("contacts", index, "for", t_index))
    notes = data.get("notes")
    if isinstance(notes, list):
        for index, note in enumerate(notes):
            if isinstance(note, dict):
                need(note.get("for"), ("notes", index, "for"))
    return problems


def _overlaps(doc: Document, name: str, ranges: Any) -> list[Problem]:
    if not isinstance(ranges, list):
        return []
    parsed: list[tuple[dt.date, dt.date | None, int]] = []
    for index, raw in enumerate(ranges):
        try:
            item = FactRange.model_validate(raw)
        except ValidationError:
            continue  # reported by the model
        parsed.append((item.from_, item.until, index))
        if item.until is not None and item.until < item.from_:
            problems = [doc.problem(("facts", name, index, "until"), "until comes before from")]
            return problems
    parsed.sort()
    problems = []
    for (start, end, first), (next_start, _end, second) in itertools.pairwise(parsed):
        if end is None or end >= next_start:
            problems.append(
                doc.problem(
                    ("facts", name, second),
                    f"'{name}': the range from {next_start.isoformat()} overlaps the one from {start.isoformat()} "
                    f"(line {doc.line_of(('facts', name, first))})",
                )
            )
    return problems


def load_area(path: Path, pack: Pack, jurisdiction: str | None = None) -> Area:
    """Read and check the area file at ``path``; InputError listing every problem."""
    doc = load_document(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:  # read a moment ago; gone since
        raise InputError.single(path, f"cannot read: {exc.strerror or exc}") from None
    return parse_area(doc, raw, pack, jurisdiction)


# --- the summary -------------------------------------------------------------------------


def attach(summary: Summary, area: Area | None, pack: Pack) -> Summary:
    """The summary with the area's contacts, notes, reference and stale notice, and its provenance."""
    from screener.provenance import provenance
    from screener.summary import AreaRef, ContactRef

    if area is None:
        return dataclasses.replace(summary, provenance=provenance(pack, None, summary.as_at))
    if area.jurisdiction != summary.jurisdiction:
        # The walkthrough can change jurisdiction after an area was chosen: never mix them.
        notice = f"The area file {area.name} is for {area.jurisdiction}, so it was not used for this case."
        return dataclasses.replace(
            summary, notices=[*summary.notices, notice], provenance=provenance(pack, None, summary.as_at)
        )
    m = area.model
    signposts = []
    for signpost in summary.signposts:
        contacts = [
            ContactRef(id=c.id, name=c.name, phone=c.phone, email=c.email, hours=c.hours)
            for c in m.contacts
            if signpost.id in c.for_
        ]
        notes = [f"{n.text} ({area.name}, area file)" for n in m.notes if n.for_ == signpost.id]
        signposts.append(dataclasses.replace(signpost, contacts=contacts, local=[*signpost.local, *notes]))
    notices = list(summary.notices)
    if area.stale(summary.as_at):
        notices.insert(
            0,
            f"The area file {area.name} was due for review on {m.review_due.isoformat()}: "
            "check its contacts and local facts before relying on them.",
        )
    return dataclasses.replace(
        summary,
        signposts=signposts,
        notices=notices,
        area=AreaRef(id=m.id, name=m.name, verified_on=m.verified_on, review_due=m.review_due),
        provenance=provenance(pack, area, summary.as_at),
    )


def contact_text(contact: Any) -> str:
    """One contact in words: name, phone, e-mail, hours."""
    parts = [contact.name]
    parts += [p for p in (contact.phone, contact.email) if p]
    text = ", ".join(parts)
    if contact.hours:
        text += f" ({contact.hours})"
    return text


# --- the default area, one per machine ---------------------------------------------------

ENV = "SCREENER_AREA"


def config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "screener"


def config_file() -> Path:
    return config_dir() / "area"


def default_area_path() -> Path | None:
    """The machine's default area file: ``$SCREENER_AREA``, else the one ``screener area use`` chose."""
    env = os.environ.get(ENV)
    if env:
        return Path(env).expanduser()
    path = config_file()
    try:
        text = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return Path(lines[0].strip()).expanduser() if lines else None


def use_area(path: Path | None) -> Path:
    """Record ``path`` (absolute) as the default area, or forget the default when None; mode 0600."""
    from screener.safewrite import write_private

    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = config_file()
    if path is None:
        if target.exists():
            target.unlink()
        return target
    text = f"# The default area file for Screener, written by 'screener area use'.\n{path.resolve()}\n"
    return write_private(target, text, force=True)


def resolve(option: Path | None, no_area: bool, pack: Pack, jurisdiction: str | None = None) -> Area | None:
    """The area to screen with: ``--area``, else none with ``--no-area``, else the machine's default."""
    if no_area:
        return None
    path = option or default_area_path()
    if path is None:
        return None
    return load_area(path, pack, jurisdiction)


TEMPLATE = """\
# A Screener area file: your area's own contacts, local notes and settled facts.
# The national content pack stays as it is; this file adds what is local.
# Check it with:  screener area check THIS-FILE
# Use it with:    screener --area THIS-FILE   or   screener area use THIS-FILE
# Every entry must be true: check each one, then set verified_on to the day you did.

schema: screener-area/1
id: my-area                          # lower-case words and hyphens
name: My Area                        # shown in every summary that uses this file
jurisdiction: england-wales          # england-wales | scotland | northern-ireland
verified_on: {today}                 # when someone last checked every entry
review_due: {review}                 # after this, summaries say the file is due for review
maintainer: My Safeguarding Partnership, business unit   # who to tell when it is wrong

# Answers this area settles for every case, dated. A practitioner's own yes or no
# still wins. Values: yes | no | unknown. 'until' (optional) is the last day.
facts:
  devolved_pilot_area:
    - {{value: "no", from: 2023-02-01}}

# Who to call, attached to national signposts by id (see: screener indicators, or
# the signposts of the pack). Phone numbers are text: keep the quotes.
contacts:
  - id: front-door
    name: Children's Services Front Door
    phone: "01632 960000"
    email: frontdoor@example.invalid
    hours: Monday to Friday, 9am to 5pm
    for: [children-services, information-sharing]

# Local pathways, each tied to one signpost.
notes:
  - for: missing-from-care
    text: Describe the local return-conversation arrangements here.
"""


def template(today: dt.date) -> str:
    review = today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) else today
    return TEMPLATE.format(today=today.isoformat(), review=review.isoformat())


def welcome_area_lines(area: Area | None, in_use: bool, day: dt.date) -> list[str]:
    """What the welcome page says about the area file: which one is in use, and how to choose none."""
    if area is None:
        return ["Area file: none (add local contacts with --area FILE)."]
    m = area.model
    if not in_use:
        return [f"Area file: none chosen for this screening ({area.name} is available: {area.path})."]
    lines = [
        f"Area file: {area.name}, checked {m.verified_on.isoformat()}, for {area.jurisdiction} ({area.path}). "
        "Its contacts and local facts are added to the summary; your own answers win."
    ]
    if area.stale(day):
        lines.append(f"This area file was due for review on {m.review_due.isoformat()}: check it before relying on it.")
    return lines


def settled_hint(
    area: Area | None, in_use: bool, jurisdiction: str | None, fact_id: str, answer: str, day: dt.date
) -> str | None:
    """What a question page says when the area file settles its fact; None when it does not.

    The area's value fills only a not-known answer (``settle``), so the hint says which
    holds: the area's, or the practitioner's own answer over it.
    """
    if area is None or not in_use or jurisdiction != area.jurisdiction:
        return None
    value = area.facts_on(day).get(fact_id)
    if value is None:
        return None
    said = {"yes": "Yes", "no": "No"}[value]
    where = f"{area.name}, checked {area.model.verified_on.isoformat()}"
    if answer == "unknown":
        return (
            f"From the area file ({where}): {said}. You can override it: answer here; "
            "Not known keeps the area file's answer."
        )
    if answer == value:
        return f"The area file ({where}) gives the same answer: {said}."
    return f"Your answer overrides the area file ({where}), which says {said}."
