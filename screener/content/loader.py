"""Load and check a content pack, reporting every problem as ``file:line: message``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from screener.content.conditions import NODES, AllOf, AnyOf, FactTest, IndicatorTest, NotOf, ThemeTest
from screener.content.derived import DERIVED_FACTS, DERIVED_JURISDICTIONS
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
    Statement,
    ThemeFile,
)
from screener.content.pack import Pack
from screener.content.versions import checked_after_review, signpost_wording, versions
from screener.content.wording import Wording
from screener.errors import InputError, Problem
from screener.provenance import pack_digest
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


class _Collector:
    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self.problems: list[Problem] = []
        # Kinds of id whose defining file could not be read at all: references to
        # them are not checked, or one bad file would bury its own error under
        # hundreds of "unknown" lines.
        self.incomplete: set[str] = set()
        # Ids of items that failed validation but name themselves plainly; they
        # count as defined, for the same reason.
        self.salvaged: list[tuple[str, str, Document, Loc]] = []
        self.docs: dict[Path, Document] = {}
        self.last: Document | None = None

    def display(self, path: Path) -> str:
        # Paths stay as the user gave the pack's, so they open from where they ran it.
        return str(path)

    def read(self, path: Path) -> Document | None:
        self.last = None
        if not path.exists() and not path.is_symlink():
            self.problems.append(Problem(self.display(path), None, "required file is missing"))
            return None
        problem = not_a_pack_file(path, self.root) if self.root is not None else None
        if problem is not None:
            self.problems.append(Problem(self.display(path), None, problem))
            return None
        try:
            doc = load_document(path, self.display(path))
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None
        self.docs[path] = self.last = doc
        return doc

    def salvage(self, kind: str, raw: Any, doc: Document, loc: Loc) -> None:
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            self.salvaged.append((kind, raw["id"], doc, (*loc, "id")))

    def parse(self, path: Path, model: type[M]) -> tuple[Document, M] | None:
        doc = self.read(path)
        if doc is None:
            return None
        if not isinstance(doc.data, dict):
            self.problems.append(doc.problem((), "expected a mapping of keys to values"))
            return None
        try:
            return doc, model.model_validate(doc.data)
        except ValidationError as exc:
            self.problems.extend(doc.pydantic_problems(exc))
            return None

    def parse_list(
        self, path: Path, model: type[M], key: str, kind: str | None = None
    ) -> list[tuple[Document, Loc, M]]:
        doc = self.read(path)
        if doc is None:
            if kind:
                self.incomplete.add(kind)
            return []
        data = doc.data
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            where: Loc = (key,) if isinstance(data, dict) and key in data else ()
            self.problems.append(doc.problem(where, f"expected a mapping with a list under '{key}'"))
            if kind:
                self.incomplete.add(kind)
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
                if kind:
                    self.salvage(kind, raw, doc, loc)
        return items


def _walk(value: Any, loc: Loc) -> list[tuple[Loc, Any]]:
    """Every model and condition nested in ``value``, with its location in the file."""
    found: list[tuple[Loc, Any]] = []
    _gather(value, loc, found)
    return found


def _gather(value: Any, loc: Loc, found: list[tuple[Loc, Any]]) -> None:
    if isinstance(value, BaseModel):
        found.append((loc, value))
        for name, key in _nesting_fields(type(value)):
            _gather(getattr(value, name), (*loc, key), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _gather(item, (*loc, index), found)
    elif isinstance(value, NODES):
        found.append((loc, value))
        if isinstance(value, AllOf):
            _gather(value.all, (*loc, "all"), found)
        elif isinstance(value, AnyOf):
            _gather(value.any, (*loc, "any"), found)
        elif isinstance(value, NotOf):
            _gather(value.not_, (*loc, "not"), found)


_NESTING: dict[type[BaseModel], tuple[tuple[str, str], ...]] = {}


def _nesting_fields(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(attribute, key in the file) of each field of ``model`` that can hold a model or condition."""
    fields = _NESTING.get(model)
    if fields is None:
        fields = tuple(
            (name, info.alias or name) for name, info in model.model_fields.items() if _can_nest(info.annotation)
        )
        _NESTING[model] = fields
    return fields


def _can_nest(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, (BaseModel, *NODES)):
        return True
    return any(_can_nest(arg) for arg in get_args(annotation))


def _files(folder: Path, collector: _Collector, kinds: tuple[str, ...]) -> list[Path]:
    if not folder.is_dir():
        collector.problems.append(Problem(collector.display(folder), None, "required folder is missing"))
        collector.incomplete.update(kinds)
        return []
    try:
        found = []
        for path in sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")):
            problem = not_a_pack_file(path, folder.parent)
            if problem is None:
                found.append(path)
            else:
                collector.problems.append(Problem(collector.display(path), None, problem))
                collector.incomplete.update(kinds)
    except OSError as exc:
        collector.problems.append(Problem(collector.display(folder), None, f"cannot read: {exc.strerror or exc}"))
        collector.incomplete.update(kinds)
        return []
    if not found:
        collector.problems.append(Problem(collector.display(folder), None, "folder has no .yaml files"))
    if len(found) > MAX_FILES:
        collector.problems.append(Problem(collector.display(folder), None, f"more than {MAX_FILES} files"))
        return found[:MAX_FILES]
    return found


def not_a_pack_file(path: Path, root: Path) -> str | None:
    """Why ``path`` cannot be one of the pack's files, or None: it must be a regular file inside the pack.

    A pipe or device would block or never end, and a link to a file outside the
    pack would make the pack's content something its digest and review never saw.
    """
    try:
        if path.is_symlink():
            inside = path.resolve().is_relative_to(root.resolve())
            if not inside:
                return "is a link to a file outside the pack; pack files must be inside the pack"
        if path.is_dir():
            return "is a folder, not a file"
        if not path.is_file():
            return "is not a regular file (a pipe, device or broken link)"
    except (OSError, RuntimeError) as exc:
        return f"cannot read: {getattr(exc, 'strerror', None) or exc}"
    return None


def _salvage_theme(collector: _Collector, path: Path) -> None:
    """Keep the ids of a theme file that did not validate, or mark them unknowable."""
    doc = collector.last
    if doc is None or doc.path != collector.display(path) or not isinstance(doc.data, dict):
        collector.incomplete.update(("theme", "indicator"))
        return
    collector.salvage("theme", doc.data.get("theme"), doc, ("theme",))
    indicators = doc.data.get("indicators")
    if isinstance(indicators, list):
        for index, raw in enumerate(indicators):
            collector.salvage("indicator", raw, doc, ("indicators", index))


def load_pack(root: Path, *, use_record: bool = True) -> Pack:
    """Load the pack in ``root``; raise InputError listing every problem found.

    The shipped pack, unchanged since the wheel was built, comes from the record made
    then (``screener.content.shipped``); ``use_record=False`` always runs the full checks.
    """
    if use_record:
        from screener.content.shipped import recorded

        pack = recorded(root)
        if pack is not None:
            return pack
    try:
        return _load_pack(root)
    except OSError as exc:
        # A path the system cannot look up (a part over 255 bytes), or a folder that vanished while it was read.
        from screener.safewrite import reason

        raise InputError.single(root, f"cannot read: {reason(exc)}") from None
    except ValueError as exc:
        if "null" not in str(exc):  # pydantic's errors are ValueErrors too, and are ours to see
            raise
        raise InputError.single(root, "cannot read: a path cannot contain a NUL character") from None


def _load_pack(root: Path) -> Pack:
    if not root.exists():
        raise InputError.single(root, "no such folder")
    if not root.is_dir():
        raise InputError.single(root, "is a file; give the content pack's folder")
    if not (root / "pack.yaml").exists() and not (root / "themes").exists():
        raise InputError.single(root, "is not a content pack folder (it has no pack.yaml)")
    collector = _Collector(root)

    info = collector.parse(root / "pack.yaml", PackInfo)
    params = collector.parse(root / "parameters.yaml", Parameters)
    sources = collector.parse_list(root / "sources.yaml", Source, "sources", "source")
    questions = collector.parse_list(root / "questions.yaml", Question, "questions", "fact")
    signposts = collector.parse_list(root / "signposts.yaml", Signpost, "signposts", "signpost")
    framing = collector.parse_list(root / "framing.yaml", FramingPoint, "framing")
    wording = collector.parse(root / "wording.yaml", Wording)
    themes: list[tuple[Document, ThemeFile]] = []
    for path in _files(root / "themes", collector, ("theme", "indicator")):
        parsed = collector.parse(path, ThemeFile)
        if parsed is None:
            _salvage_theme(collector, path)
        else:
            themes.append(parsed)
    jurisdictions: list[tuple[Document, Jurisdiction]] = []
    for path in _files(root / "jurisdictions", collector, ()):
        parsed_j = collector.parse(path, Jurisdiction)
        if parsed_j is not None:
            jurisdictions.append(parsed_j)

    # Everything that parsed is now cross-checked, so one run reports all problems.
    checks = _CrossCheck(collector)
    for doc, loc, source in sources:
        checks.define("source", source.id, doc, (*loc, "id"))
    for doc, loc, question in questions:
        checks.define("fact", question.id, doc, (*loc, "id"))
    for doc, loc, signpost in signposts:
        checks.define("signpost", signpost.id, doc, (*loc, "id"))
    indicator_theme: dict[str, str] = {}
    indicators: dict[str, Indicator] = {}
    for doc, theme_file in themes:
        checks.define("theme", theme_file.theme.id, doc, ("theme", "id"))
        for index, indicator in enumerate(theme_file.indicators):
            if checks.define("indicator", indicator.id, doc, ("indicators", index, "id")):
                indicators[indicator.id] = indicator
                indicator_theme[indicator.id] = theme_file.theme.id
    for kind, ident, doc, loc in collector.salvaged:
        checks.define(kind, ident, doc, loc)
    jurisdiction_models: dict[str, Jurisdiction] = {}
    for doc, jurisdiction in jurisdictions:
        if checks.define("jurisdiction", jurisdiction.id, doc, ("id",)):
            jurisdiction_models[jurisdiction.id] = jurisdiction
        for index, service in enumerate(jurisdiction.services):
            checks.define("service", service.id, doc, ("services", index, "id"))

    if info is not None:
        doc, pack_info = info
        for index, source_id in enumerate(pack_info.source_documents):
            checks.need("source", source_id, doc, ("source_documents", index))
    everything: list[tuple[Document, Loc, Any]] = [*sources, *questions, *signposts, *framing]
    everything += [(doc, (), model) for doc, model in [*themes, *jurisdictions]]
    if params is not None:
        everything.append((params[0], (), params[1]))
    for doc, base, model in everything:
        checks.references(doc, base, model)
        if isinstance(model, ThemeFile):
            for index, indicator in enumerate(model.indicators):
                for s_index, signpost_id in enumerate(indicator.signposts):
                    checks.need("signpost", signpost_id, doc, (*base, "indicators", index, "signposts", s_index))
    for doc, jurisdiction in jurisdictions:
        checks.home_jurisdictions(doc, (), jurisdiction, (jurisdiction.id,))
    for doc, loc, signpost in signposts:
        checks.home_jurisdictions(doc, loc, signpost, tuple(signpost.jurisdictions))
    _dated(checks, info, sources, questions, signposts, framing, jurisdictions, everything)
    checks.contract("fact", CONTRACT_FACTS, root / "questions.yaml", "questions", "the contract's facts are not asked")
    checks.contract(
        "signpost", CONTRACT_SIGNPOSTS, root / "signposts.yaml", "signposts", "the contract's signposts are missing"
    )

    if collector.problems or info is None or params is None or wording is None:
        raise InputError(sorted(set(collector.problems), key=_order))
    return Pack(
        info=info[1],
        sources={s.id: s for _, _, s in sources},
        questions={q.id: q for _, _, q in questions},
        themes=sorted((t.theme for _, t in themes), key=lambda t: (t.order, t.id)),
        indicators=indicators,
        indicator_theme=indicator_theme,
        jurisdictions={j: jurisdiction_models[j] for j in sorted(jurisdiction_models)},
        signposts={s.id: s for _, _, s in signposts},
        parameters=params[1],
        framing=[f for _, _, f in framing],
        wording=wording[1],
        digest=pack_digest(root),
    )


def _dated(
    checks: _CrossCheck,
    info: tuple[Document, PackInfo] | None,
    sources: list[tuple[Document, Loc, Source]],
    questions: list[tuple[Document, Loc, Question]],
    signposts: list[tuple[Document, Loc, Signpost]],
    framing: list[tuple[Document, Loc, FramingPoint]],
    jurisdictions: list[tuple[Document, Jurisdiction]],
    everything: list[tuple[Document, Loc, Any]],
) -> None:
    """Dated statements: no two versions of one in force at once; checks no later than the review."""
    found: list[tuple[Document, list[tuple[Loc, str]]]] = []
    if framing:
        doc = framing[0][0]
        found.append((doc, versions([(loc, f, f.id, f.id) for _, loc, f in framing], "framing point")))
    for doc, loc, question in questions:
        presumed = [((*loc, "presumed", i), p, question.id, None) for i, p in enumerate(question.presumed)]
        found.append((doc, versions(presumed, "presumption for")))
    names: dict[str, str] = {j.id: j.name for _, j in jurisdictions}
    for doc, loc, signpost in signposts:
        found.append((doc, signpost_wording(loc, signpost, names)))
        local = [((*loc, "local", i), x, x.id, x.id) for i, x in enumerate(signpost.local)]
        found.append((doc, versions(local, "paragraph")))
    for doc, jurisdiction in jurisdictions:
        found.append((doc, versions([(("notes", i), n, n.id, n.id) for i, n in enumerate(jurisdiction.notes)], "note")))
        for s_index, service in enumerate(jurisdiction.services):
            base: Loc = ("services", s_index)
            routes = [((*base, "routes", i), r, r.id, r.id) for i, r in enumerate(service.routes)]
            found.append((doc, versions(routes, "route")))
            for r_index, route in enumerate(service.routes):
                criteria = [
                    ((*base, "routes", r_index, "criteria", i), c, c.id, c.id) for i, c in enumerate(route.criteria)
                ]
                found.append((doc, versions(criteria, "criterion")))
            notes = [((*base, "notes", i), n, n.id, n.id) for i, n in enumerate(service.notes)]
            found.append((doc, versions(notes, "note")))
            wording = [((*base, "wording", i), w, service.id, w.id) for i, w in enumerate(service.wording)]
            found.append((doc, versions(wording, "the wording of service")))
    if info is not None:
        reviewed = info[1].reviewed_on
        for doc, loc, source in sources:
            found.append((doc, checked_after_review([(loc, source.checked_on)], reviewed)))
        for doc, base, model in everything:
            dated = [(loc, node.checked_on) for loc, node in _walk(model, base) if isinstance(node, Statement)]
            found.append((doc, checked_after_review(dated, reviewed)))
    for doc, problems in found:
        for loc, message in problems:
            checks.collector.problems.append(doc.problem(loc, message))


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
        if ident not in self.known[kind] and kind not in self.collector.incomplete:
            self.collector.problems.append(doc.problem(loc, f"unknown {kind} '{ident}'"))

    def references(self, doc: Document, base: Loc, model: Any) -> None:
        for loc, node in _walk(model, base):
            if isinstance(node, Citation):
                self.need("source", node.source, doc, (*loc, "source"))
            elif isinstance(node, FactTest):
                self.need("fact", node.fact, doc, (*loc, "fact"))
            elif isinstance(node, IndicatorTest):
                self.need("indicator", node.indicator, doc, (*loc, "indicator"))
            elif isinstance(node, ThemeTest):
                self.need("theme", node.theme, doc, (*loc, "theme"))

    def home_jurisdictions(self, doc: Document, base: Loc, model: Any, used_in: tuple[str, ...]) -> None:
        """A derived fact worked out for some parts of the UK only is used only there."""
        for loc, node in _walk(model, base):
            if isinstance(node, FactTest) and node.fact in DERIVED_JURISDICTIONS:
                home = DERIVED_JURISDICTIONS[node.fact]
                elsewhere = [j for j in used_in if j not in home]
                if elsewhere:
                    self.collector.problems.append(
                        doc.problem(
                            (*loc, "fact"),
                            f"'{node.fact}' is worked out for {', '.join(home)} only, not {', '.join(elsewhere)}",
                        )
                    )

    def contract(self, kind: str, required: tuple[str, ...], path: Path, key: str, message: str) -> None:
        """Every id the case-file contract names must be defined."""
        if kind in self.collector.incomplete:
            return
        missing = [i for i in required if i not in self.known[kind]]
        doc = self.collector.docs.get(path)
        if missing and doc is not None:
            self.collector.problems.append(doc.problem((key,), f"{message}: {', '.join(missing)}"))
