"""Reading rule files and checking expected outcomes against the engine, at the file's own lines.

``read_rule_file`` reads one file with the project's safe YAML reader (no anchors,
no duplicate keys, a line for every key), validates it (``model.RuleFile``), merges
each case over the defaults and reads it as a case file would be read; every
problem in the file is reported at once as ``file:line: message`` (an InputError).
``unmet`` says which expected outcome the engine does not give; a scenario's
answer key is checked by the same function.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from screener.casefile.model import SCHEMA, Case
from screener.casefile.read import parse_case
from screener.content.pack import Pack
from screener.engine import screen
from screener.errors import InputError, Problem
from screener.render import render
from screener.rulecases.model import Expected, RuleFile
from screener.summary import Summary
from screener.textsafe import shown
from screener.vocabulary import INPUTS
from screener.yamlio import Document, Loc, load_document

# The parts of a case merged key by key over the defaults.
MERGED = ("child", "facts", "nrm", "dates")
# Either of these in a case's child replaces both of the default's: they are one answer, given two ways.
AGE_KEYS = ("age", "date_of_birth")


@dataclass(frozen=True)
class RuleCase:
    """One case of a rule file, read and validated: the case (with its date), the outcomes expected, and where."""

    name: str
    case: Case
    expect: Expected
    doc: Document
    loc: Loc  # ("cases", index) in its file

    @property
    def where(self) -> str:
        return f"{self.doc.path}:{self.doc.line_of(self.loc) or 1}"

    def run(self, pack: Pack) -> list[Problem]:
        """Each expected outcome the engine does not give for this case on its date."""
        return unmet(self.expect, screen(pack, self.case), self.doc, (*self.loc, "expect"))


def rule_files(path: Path) -> list[Path]:
    """The rule files at ``path``: the file itself, or every ``.yaml``/``.yml`` file under the folder."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputError.single(path, "no such file or folder")
    found = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    if not found:
        raise InputError.single(path, "no rule files (*.yaml) in this folder")
    return found


def read_rule_file(pack: Pack, path: Path, display: str | None = None) -> list[RuleCase]:
    doc = load_document(path, display)
    if not isinstance(doc.data, dict):
        raise InputError([doc.problem((), "a rule file is a mapping with a list under 'cases'")])
    try:
        model = RuleFile.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(doc.pydantic_problems(exc)) from None
    problems: list[Problem] = []
    cases: list[RuleCase] = []
    names: set[str] = set()
    defaults = doc.part(("defaults",))
    for index, entry in enumerate(model.cases):
        loc: Loc = ("cases", index)
        if entry.name in names:
            problems.append(doc.problem((*loc, "name"), f"name: a second case named '{shown(entry.name)}'"))
        names.add(entry.name)
        merged = _merged(defaults, doc.part((*loc, "case")))
        try:
            case = parse_case(merged, set(pack.questions), set(pack.indicators))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        found = expect_problems(pack, entry.expect, case.jurisdiction, doc, (*loc, "expect"))
        if case.screening_date is None:
            found.append(doc.problem((*loc, "case"), "case: needs a screening_date (here or in the defaults)"))
        problems.extend(found)
        if not found:
            cases.append(RuleCase(entry.name, case, entry.expect, doc, loc))
    if problems:
        raise InputError(sorted(set(problems), key=lambda p: (p.line or 0, p.message)))
    return cases


def _merged(defaults: Document, own: Document) -> Document:
    """A case's own parts over the defaults, each value keeping the line it was written on."""
    data: dict[str, Any] = {"schema": SCHEMA, **defaults.data, **own.data}
    for part in MERGED:
        under, over = defaults.data.get(part), own.data.get(part)
        if isinstance(under, dict) and isinstance(over, dict):
            if part == "child" and any(k in over for k in AGE_KEYS):
                under = {k: v for k, v in under.items() if k not in AGE_KEYS}
            data[part] = {**under, **over}
    lines = {**defaults.lines, **own.lines}
    # A default the case replaced keeps no line of its own in the merged case.
    lines = {loc: line for loc, line in lines.items() if _has(data, loc)}
    return Document(own.path, data, lines)


def _has(data: Any, loc: Loc) -> bool:
    for part in loc:
        if isinstance(data, dict):
            if part not in data:
                return False
        elif not (isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)):
            return False
        data = data[part]
    return True


def expect_problems(pack: Pack, expect: Expected, jurisdiction: str, doc: Document, loc: Loc) -> list[Problem]:
    """What the model cannot check alone: every service, answer and signpost named is the pack's."""
    problems: list[Problem] = []
    known = pack.jurisdictions.get(jurisdiction)
    services = [s.id for s in known.services] if known else []
    expected = expect.guardianship or {}
    for service in expected:
        if service not in services:
            problems.append(
                doc.problem(
                    (*loc, "guardianship", service),
                    f"unknown service '{shown(service)}' for {jurisdiction} (use one of: {', '.join(services)})",
                )
            )
    inputs = set(pack.questions) | set(INPUTS)
    for service, names in expect.settle_by.items():
        if service not in expected:
            problems.append(
                doc.problem((*loc, "settle_by", service), f"settle_by: '{shown(service)}' has no expected status")
            )
        for index, name in enumerate(names):
            if name not in inputs:
                problems.append(
                    doc.problem((*loc, "settle_by", service, index), f"settle_by: unknown answer '{shown(name)}'")
                )
    for key in ("include", "exclude"):
        for index, signpost in enumerate(getattr(expect.signposts, key)):
            if signpost not in pack.signposts:
                problems.append(
                    doc.problem((*loc, "signposts", key, index), f"{key}: unknown signpost '{shown(signpost)}'")
                )
    both = set(expect.signposts.include) & set(expect.signposts.exclude)
    for index, signpost in enumerate(expect.signposts.exclude):
        if signpost in both:
            problems.append(
                doc.problem((*loc, "signposts", "exclude", index), f"exclude: '{signpost}' is also included")
            )
    dates = [d.id for d in expect.key_dates]
    for index, date_id in enumerate(dates):
        if date_id in dates[:index]:
            problems.append(doc.problem((*loc, "key_dates", index), f"key_dates: '{date_id}' is listed twice"))
    return problems


def unmet(expect: Expected, summary: Summary, doc: Document, loc: Loc) -> list[Problem]:
    """Each expected outcome the summary does not give, at the line that expects it."""
    return [doc.problem((*loc, *where), message) for where, message in _unmet(expect, summary)]


def _unmet(expect: Expected, summary: Summary) -> Iterator[tuple[Loc, str]]:
    results = {s.service: s for s in summary.guardianship}
    expected = expect.guardianship
    if expected is not None:
        for service, result in results.items():
            if service not in expected:
                yield (
                    ("guardianship",),
                    f"guardianship: the answer key leaves out {service}; the engine gives {result.status}",
                )
    for service, status in (expected or {}).items():
        found = results.get(service)
        if found is None:
            day = summary.as_at.isoformat()
            yield ("guardianship", service), f"expected {service} {status}, the engine does not list it on {day}"
        elif found.status != status:
            yield ("guardianship", service), f"expected {service} {status}, the engine gives {found.status}"
        elif service not in expect.settle_by and found.settle_by:
            open_on = ", ".join(found.settle_by)
            yield ("guardianship", service), f"expected {service} settled, the engine gives it open on [{open_on}]"
    for service, names in expect.settle_by.items():
        found = results.get(service)
        given = found.settle_by if found is not None else []
        if set(names) != set(given):
            yield (
                ("settle_by", service),
                f"expected {service} settled by [{', '.join(names)}], the engine gives [{', '.join(given)}]",
            )
    signposts = {s.id for s in summary.signposts}
    for index, signpost in enumerate(expect.signposts.include):
        if signpost not in signposts:
            yield ("signposts", "include", index), f"expected signpost {signpost}, the engine does not give it"
    for index, signpost in enumerate(expect.signposts.exclude):
        if signpost in signposts:
            yield ("signposts", "exclude", index), f"expected no signpost {signpost}, the engine gives it"
    dates = {d.id: d.date for d in summary.key_dates}
    for index, wanted in enumerate(expect.key_dates):
        got = dates.get(wanted.id)
        if got != wanted.date:
            shown_got = got.isoformat() if got else "none"
            shown_want = wanted.date.isoformat() if wanted.date else "none"
            yield (
                ("key_dates", index, "date" if got or wanted.date is None else "id"),
                f"expected key date {wanted.id} {shown_want}, the engine gives {shown_got}",
            )
    for index, text in enumerate(expect.notices):
        if not any(text in notice for notice in summary.notices):
            yield ("notices", index), f"expected a notice saying '{text}', the summary has none"
    if expect.says or expect.never_says:
        said = " ".join(render(summary, "md").split())
        for index, text in enumerate(expect.says):
            if text not in said:
                yield ("says", index), f"expected the summary to say '{text}'; it does not"
        for index, text in enumerate(expect.never_says):
            if text in said:
                yield ("never_says", index), f"expected the summary never to say '{text}'; it does"
