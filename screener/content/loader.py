"""Load and check a content pack, reporting every problem as ``file:line: message``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from screener.content.conditions import FactTest, IndicatorTest, ThemeTest
from screener.content.derived import DERIVED_FACTS
from screener.content.models import (
    Citation,
    FramingPoint,
    Indicator,
    Jurisdiction,
    PackInfo,
    Parameters,
    Question,
    Signpost,
    Source,
    ThemeFile,
)
from screener.content.pack import Pack
from screener.errors import InputError, Problem
from screener.yamlio import Document, Loc, load_document

M = TypeVar("M", bound=BaseModel)

# The facts of the case-file contract; the pack must ask every one of them.
CONTRACT_FACTS = (
    "trafficking_concern",
    "pr_in_uk",
    "in_touch_with_pr",
    "pr_implicated",
    "separated",
    "unaccompanied_asylum_seeking",
    "from_ukraine",
    "in_la_care",
    "at_risk_of_harm",
    "ictg_area",
    "exceptional_circumstances",
    "ni_under21_circumstances",
    "devolved_pilot_area",
    "criminal_proceedings",
)
CONTRACT_SIGNPOSTS = (
    "nrm-referral",
    "non-punishment",
    "legal-advice",
    "age-assessment",
    "nrm-reconsideration",
    "transition-to-adulthood",
    "missing-from-care",
    "devolved-decision-making",
    "immigration-leave",
    "information-sharing",
    "children-services",
)
MAX_FILES = 500


@dataclass
class _Parsed:
    doc: Document
    model: Any


class _Collector:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def read(self, path: Path) -> Document | None:
        try:
            return load_document(path, self.display(path))
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None

    def parse(self, path: Path, model: type[M], key: str | None = None) -> tuple[Document, M] | None:
        doc = self.read(path)
        if doc is None:
            return None
        data = doc.data
        if not isinstance(data, dict):
            self.problems.append(Problem(doc.path, 1, "expected a mapping of keys to values"))
            return None
        if key is not None:
            if set(data) != {key}:
                extra = sorted(set(data) - {key})
                where = (extra[0],) if extra else ()
                what = f"unknown key '{extra[0]}'" if extra else f"missing required key '{key}'"
                self.problems.append(doc.problem(where, what))
                return None
            data = data[key]
        try:
            return doc, model.model_validate(data)
        except ValidationError as exc:
            self.problems.extend(doc.pydantic_problems(exc, (key,) if key else ()))
            return None

    def parse_list(self, path: Path, model: type[M], key: str) -> list[tuple[Document, Loc, M]]:
        doc = self.read(path)
        if doc is None:
            return []
        data = doc.data
        if not isinstance(data, dict) or key not in data or not isinstance(data[key], list):
            self.problems.append(Problem(doc.path, 1, f"expected a mapping with a list under '{key}'"))
            return []
        for extra in sorted(set(data) - {key}):
            self.problems.append(doc.problem((extra,), f"unknown key '{extra}'"))
        items = []
        for index, raw in enumerate(data[key]):
            loc: Loc = (key, index)
            try:
                items.append((doc, loc, model.model_validate(raw)))
            except ValidationError as exc:
                self.problems.extend(doc.pydantic_problems(exc, loc))
        return items


def _walk(value: Any, loc: Loc) -> Iterator[tuple[Loc, Any]]:
    """Every model nested in ``value``, with its location in the file."""
    if isinstance(value, BaseModel):
        yield loc, value
        for name, info in type(value).model_fields.items():
            yield from _walk(getattr(value, name), loc + (info.alias or name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, loc + (index,))


def _files(folder: Path, collector: _Collector) -> list[Path]:
    if not folder.is_dir():
        collector.problems.append(Problem(collector.display(folder), None, "folder is missing"))
        return []
    found = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    if len(found) > MAX_FILES:
        collector.problems.append(Problem(collector.display(folder), None, f"more than {MAX_FILES} files"))
        return found[:MAX_FILES]
    return found


def load_pack(root: Path) -> Pack:
    """Load the pack in ``root``; raise InputError listing every problem found."""
    root = root.resolve() if root.exists() else root
    collector = _Collector(root)
    if not root.is_dir():
        raise InputError.single(root, "is not a content pack folder")

    info = collector.parse(root / "pack.yaml", PackInfo)
    params = collector.parse(root / "parameters.yaml", Parameters)
    sources = collector.parse_list(root / "sources.yaml", Source, "sources")
    questions = collector.parse_list(root / "questions.yaml", Question, "questions")
    signposts = collector.parse_list(root / "signposts.yaml", Signpost, "signposts")
    framing = collector.parse_list(root / "framing.yaml", FramingPoint, "framing")
    themes = [(p, collector.parse(p, ThemeFile)) for p in _files(root / "themes", collector)]
    jurisdictions = [(p, collector.parse(p, Jurisdiction)) for p in _files(root / "jurisdictions", collector)]

    # Everything that parsed is now cross-checked, so one run reports all problems.
    checks = _CrossCheck(collector)
    for doc, loc, source in sources:
        checks.define("source", source.id, doc, loc + ("id",))
    for doc, loc, question in questions:
        checks.define("fact", question.id, doc, loc + ("id",))
    for doc, loc, signpost in signposts:
        checks.define("signpost", signpost.id, doc, loc + ("id",))
    indicator_theme: dict[str, str] = {}
    indicators: dict[str, Indicator] = {}
    for _, parsed in themes:
        if parsed is None:
            continue
        doc, theme_file = parsed
        checks.define("theme", theme_file.theme.id, doc, ("theme", "id"))
        for index, indicator in enumerate(theme_file.indicators):
            if checks.define("indicator", indicator.id, doc, ("indicators", index, "id")):
                indicators[indicator.id] = indicator
                indicator_theme[indicator.id] = theme_file.theme.id
    jurisdiction_models: dict[str, Jurisdiction] = {}
    for path, parsed in jurisdictions:
        if parsed is None:
            continue
        doc, jurisdiction = parsed
        if checks.define("jurisdiction", jurisdiction.id, doc, ("id",)):
            jurisdiction_models[jurisdiction.id] = jurisdiction
        for index, service in enumerate(jurisdiction.services):
            checks.define("service", service.id, doc, ("services", index, "id"))

    if info is not None:
        doc, pack_info = info
        for index, source_id in enumerate(pack_info.source_documents):
            checks.need("source", source_id, doc, ("source_documents", index))
    everything: list[tuple[Document, Loc, Any]] = [(d, lc, m) for d, lc, m in sources + questions + signposts + framing]
    everything += [(p[0], (), p[1]) for _, p in themes + jurisdictions if p is not None]
    if params is not None:
        everything.append((params[0], (), params[1]))
    for doc, base, model in everything:
        checks.references(doc, base, model)
        if isinstance(model, ThemeFile):
            for index, indicator in enumerate(model.indicators):
                for s_index, signpost_id in enumerate(indicator.signposts):
                    checks.need("signpost", signpost_id, doc, base + ("indicators", index, "signposts", s_index))
    for doc, _, _ in questions[:1]:
        missing = [f for f in CONTRACT_FACTS if f not in checks.known["fact"]]
        if missing:
            collector.problems.append(Problem(doc.path, 1, f"the contract's facts are not asked: {', '.join(missing)}"))
    for doc, _, _ in signposts[:1]:
        missing = [s for s in CONTRACT_SIGNPOSTS if s not in checks.known["signpost"]]
        if missing:
            collector.problems.append(Problem(doc.path, 1, f"the contract's signposts are missing: {', '.join(missing)}"))

    if collector.problems or info is None or params is None:
        raise InputError(sorted(set(collector.problems), key=_order))
    return Pack(
        info=info[1],
        sources={s.id: s for _, _, s in sources},
        questions={q.id: q for _, _, q in questions},
        themes=sorted((p[1].theme for _, p in themes if p is not None), key=lambda t: (t.order, t.id)),
        indicators=indicators,
        indicator_theme=indicator_theme,
        jurisdictions={j: jurisdiction_models[j] for j in sorted(jurisdiction_models)},
        signposts={s.id: s for _, _, s in signposts},
        parameters=params[1],
        framing=[f for _, _, f in framing],
    )


def _order(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line or 0, problem.message)


class _CrossCheck:
    def __init__(self, collector: _Collector) -> None:
        self.collector = collector
        self.known: dict[str, set[str]] = {
            k: set() for k in ("source", "fact", "signpost", "theme", "indicator", "jurisdiction", "service")
        }
        self.known["fact"].update(DERIVED_FACTS)

    def define(self, kind: str, ident: str, doc: Document, loc: Loc) -> bool:
        if ident in self.known[kind]:
            self.collector.problems.append(doc.problem(loc, f"duplicate {kind} id '{ident}'"))
            return False
        self.known[kind].add(ident)
        return True

    def need(self, kind: str, ident: str, doc: Document, loc: Loc) -> None:
        if ident not in self.known[kind]:
            self.collector.problems.append(doc.problem(loc, f"unknown {kind} '{ident}'"))

    def references(self, doc: Document, base: Loc, model: Any) -> None:
        for loc, node in _walk(model, base):
            if isinstance(node, Citation):
                self.need("source", node.source, doc, loc + ("source",))
            elif isinstance(node, FactTest):
                self.need("fact", node.fact, doc, loc + ("fact",))
            elif isinstance(node, IndicatorTest):
                self.need("indicator", node.indicator, doc, loc + ("indicator",))
            elif isinstance(node, ThemeTest):
                self.need("theme", node.theme, doc, loc + ("theme",))
