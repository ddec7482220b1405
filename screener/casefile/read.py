"""Reading a case file: validate a read YAML document as a case, every problem at its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import ValidationError

from screener.casefile.model import AFTER_SCREENING, AGE_DISAGREES, SCHEMA, Case
from screener.content.derived import contradiction
from screener.errors import InputError, Problem
from screener.textsafe import shown
from screener.yamlio import Document, load_document


def parse_case(doc: Document, known_facts: set[str], known_indicators: set[str], as_at: dt.date | None = None) -> Case:
    """Validate a read document as a case; every problem carries its line.

    ``as_at`` is the date the case will be screened at when it is not the
    file's own screening date (``--as-at``); a child cannot be born after it.
    """
    data = doc.data
    if not isinstance(data, dict):
        raise InputError([Problem(doc.path, 1, "a case file must be a mapping of keys to values")])
    # Untrusted text first: a control or invisible character is reported where it is, alone.
    refused_text = doc.text_problems(multi_line=_is_notes, bidi_ok=_is_notes)
    if refused_text:
        raise InputError(refused_text)
    problems: list[Problem] = []
    if "schema" in data and data["schema"] != SCHEMA:
        problems.append(doc.problem(("schema",), f"schema must be '{SCHEMA}', not '{shown(data['schema'])}'"))
        data = {**data, "schema": SCHEMA}
    case: Case | None = None
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        # An after-validator runs only once every field is valid, so this error
        # comes alone; it belongs on the date it names rather than the file.
        after = [
            doc.problem(e["ctx"]["loc"], e["msg"])
            for e in exc.errors()
            if e["type"] in (AFTER_SCREENING, AGE_DISAGREES) and e.get("ctx")
        ]
        problems.extend(after or doc.pydantic_problems(exc))
    if case is not None:
        day = as_at or case.screening_date or dt.date.today()
        for loc, what, late in case.dates_before(day):
            message = f"{what} {late.isoformat()} is after the date the case is screened at ({day.isoformat()})"
            if not any(p.message.startswith(f"{what} ") for p in problems):
                problems.append(doc.problem(loc, message))
    facts = data.get("facts")
    if isinstance(facts, dict):
        for name in facts:
            if name not in known_facts:
                problems.append(doc.problem(("facts", name), f"unknown fact '{shown(name)}'"))
    clash = contradiction(case.facts) if case is not None else None
    if case is not None and clash is not None:
        whole, part = clash
        problems.append(
            doc.problem(
                ("facts", whole),
                f"{whole}: {case.fact(whole)} contradicts {part}: {case.fact(part)} "
                f"(the child is {whole.replace('_', ' ')} only when every one of its parts is yes); "
                "correct one, or give only the parts",
            )
        )
    indicators = data.get("indicators")
    if isinstance(indicators, list):
        for index, name in enumerate(indicators):
            if isinstance(name, str) and name not in known_indicators:
                problems.append(doc.problem(("indicators", index), f"unknown indicator '{shown(name)}'"))
    if problems or case is None:
        # A key missing from the top level has no line of its own: the file's first line stands for it.
        located = {Problem(p.path, p.line or 1, p.message) for p in problems}
        raise InputError(sorted(located, key=lambda p: (p.line or 0, p.message)))
    return case


def _is_notes(loc: tuple[str | int, ...]) -> bool:
    # Only free text may run over several lines (and hold right-to-left marks): the notes and
    # the record's professional judgement.
    return loc in (("notes",), ("record", "judgement"))


def load_case(path: Path, known_facts: set[str], known_indicators: set[str], as_at: dt.date | None = None) -> Case:
    return parse_case(
        load_document(path, multi_line=_is_notes, bidi_ok=_is_notes), known_facts, known_indicators, as_at
    )
