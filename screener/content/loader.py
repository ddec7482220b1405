"""Load a content pack: read its files, check them against each other, and put the Pack together.

Every problem found anywhere is reported, as ``file:line: message``, before the
pack is refused; a pack with none is returned whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from screener.content.conditions import facts_in
from screener.content.crosscheck import CrossCheck
from screener.content.derived import PART_OF
from screener.content.digest import digest_or_none, pack_digest
from screener.content.files import PackFiles, salvage_theme, yaml_files
from screener.content.models.framing import FramingPoint
from screener.content.models.jurisdictions import Jurisdiction
from screener.content.models.parameters import Parameters
from screener.content.models.questions import AGE_FACTS, STEP_ORDER, PackQuestion
from screener.content.models.signposts import Signpost
from screener.content.models.sources import PackInfo, Source
from screener.content.models.themes import Indicator, ThemeFile
from screener.content.pack import Pack
from screener.content.versions import dated
from screener.content.wording import Wording
from screener.errors import InputError, Problem
from screener.vocabulary import CONTRACT_FACTS, CONTRACT_SIGNPOSTS
from screener.yamlio import Document, Loc

# Packs loaded once by a process that forks many short-lived ones (``screener serve``'s warm
# parent, ``screener.serve_warm``), each with the digest of its files when it was loaded.
_kept: dict[Path, tuple[str, Pack]] = {}


def keep_loaded(root: Path) -> None:
    """Load the pack in ``root`` now and keep it: a later ``load_pack(root)`` here, or in a process
    forked from here, takes it while the folder's files still have the digest they had."""
    digest = pack_digest(root)  # before loading: a file changed meanwhile only makes the digest stale
    _kept[root] = (digest, load_pack(root))


def load_pack(root: Path, *, use_record: bool = True) -> Pack:
    """Load the pack in ``root``; raise InputError listing every problem found.

    The shipped pack, unchanged since the wheel was built, comes from the record made
    then (``screener.content.shipped``), and a pack kept by ``keep_loaded`` from memory while
    its files are unchanged; ``use_record=False`` always runs the full checks.
    """
    kept = _kept.get(root) if use_record else None
    if kept is not None and digest_or_none(root) == kept[0]:
        return kept[1]
    if use_record:
        from screener.content.shipped import from_record

        pack = from_record(root)
        if pack is not None:
            return pack
    try:
        return _load_pack(root)
    except OSError as exc:
        # A path the system cannot look up (a part over 255 bytes), or a folder that vanished while it was read.
        from screener.errors import reason

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
    collector = PackFiles(root)

    info = collector.parse(root / "pack.yaml", PackInfo)
    params = collector.parse(root / "parameters.yaml", Parameters)
    sources = collector.parse_list(root / "sources.yaml", Source, "sources", "source")
    questions = collector.parse_list(root / "questions.yaml", PackQuestion, "questions", "fact")
    signposts = collector.parse_list(root / "signposts.yaml", Signpost, "signposts", "signpost")
    framing = collector.parse_list(root / "framing.yaml", FramingPoint, "framing")
    wording = collector.parse(root / "wording.yaml", Wording)
    themes: list[tuple[Document, ThemeFile]] = []
    for path in yaml_files(root / "themes", collector, ("theme", "indicator")):
        parsed = collector.parse(path, ThemeFile)
        if parsed is None:
            salvage_theme(collector, path)
        else:
            themes.append(parsed)
    jurisdictions: list[tuple[Document, Jurisdiction]] = []
    for path in yaml_files(root / "jurisdictions", collector, ()):
        parsed_j = collector.parse(path, Jurisdiction)
        if parsed_j is not None:
            jurisdictions.append(parsed_j)

    # Everything that parsed is now cross-checked, so one run reports all problems.
    checks = CrossCheck(collector)
    for doc, loc, source in sources:
        checks.define("source", source.id, doc, (*loc, "id"))
    for doc, loc, question in questions:
        checks.define("fact", question.id, doc, (*loc, "id"))
    asked_before(collector, questions)
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
    if wording is not None:
        # The built-in questions' conditions (when immigration leave is asked) read facts too.
        everything += [(wording[0], ("questions", qid), words) for qid, words in wording[1].questions.items()]
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
    dated(collector, info, sources, questions, signposts, framing, jurisdictions, everything)
    checks.contract("fact", CONTRACT_FACTS, root / "questions.yaml", "questions", "the contract's facts are not asked")
    checks.contract(
        "fact", tuple(PART_OF), root / "questions.yaml", "questions", "a fact asked as its parts needs them asked"
    )
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


def _order(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line or 0, problem.message)


def asked_before(collector: PackFiles, questions: list[tuple[Document, Loc, PackQuestion]]) -> None:
    """A question's ``asked_when`` reads the age facts and facts asked before it: nothing else is known yet.
    Its ``same_as`` names a question asked before it, whose answer is there to take."""
    order = sorted(range(len(questions)), key=lambda n: (STEP_ORDER.index(questions[n][2].step), n))
    earlier: set[str] = set()
    for n in order:
        doc, loc, question = questions[n]
        if question.asked_when is not None:
            later = [f for f in facts_in(question.asked_when) if f not in AGE_FACTS and f not in earlier]
            if later:
                collector.problems.append(
                    doc.problem(
                        (*loc, "asked_when"),
                        f"asked_when: may test only the age facts ({', '.join(AGE_FACTS)}) or facts asked before it, "
                        f"not {later[0]}",
                    )
                )
        if question.same_as is not None and question.same_as.fact not in earlier:
            collector.problems.append(
                doc.problem(
                    (*loc, "same_as"), f"same_as: must name a question asked before it, not {question.same_as.fact}"
                )
            )
        earlier.add(question.id)
