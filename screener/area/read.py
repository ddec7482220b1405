"""Reading an area file: the contract checked, then cross-checked against the pack; every problem at once."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from screener.area.model import SCHEMA, Area, AreaFile, FactRange
from screener.content.models.base import JURISDICTIONS
from screener.errors import InputError, Problem
from screener.textsafe import shown
from screener.yamlio import Document, load_document

if TYPE_CHECKING:
    from screener.content.pack import Pack


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
