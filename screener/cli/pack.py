"""The commands about the content pack itself: ``validate``, ``test``, ``indicators`` and ``schema``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from screener.textsafe import clean_line, json_safe

if TYPE_CHECKING:
    from screener.content.pack import Pack


def load(path: Path | None) -> Pack:
    """The pack at ``path``, or the one shipped with Screener."""
    from screener.content import default_pack_path, load_pack

    return load_pack(path or default_pack_path())


def validate(args: argparse.Namespace) -> int:
    from screener.content import default_pack_path, load_pack
    from screener.training.load import load_training

    path = args.path or default_pack_path()
    pack = load_pack(path, use_record=False)  # validate always runs every check
    # Each scenario's answer key is checked against the engine, and the quiz's citations against the sources.
    scenarios, _quiz = load_training(pack, path)
    from screener.nrm.load import load_form

    nrm_form = load_form(path, pack)  # the NRM referral preparation's form, against the pack's ids
    themes = len({pack.indicator_theme[i] for i in pack.indicators})
    services = len(pack.services())
    print(
        f"{pack.info.id} {pack.info.version}: ok: {len(pack.indicators)} indicators, {themes} themes, "
        f"{len(pack.signposts)} signposts, {services} services, {len(scenarios)} scenarios, "
        f"NRM form of {len(nrm_form.sections)} sections; digest {pack.digest}"
    )
    return 0


def test(args: argparse.Namespace) -> int:
    """Every rule case under ``args.path`` against the pack: 0 all hold, 1 one fails, 2 (InputError) bad input."""
    from screener.errors import Problem
    from screener.rulecases.check import read_rule_file, rule_files

    pack = load(args.pack)
    files = rule_files(args.path)
    # Every file is read before any case runs: a broken file is bad input, reported whole, and nothing is run.
    cases = [case for path in files for case in read_rule_file(pack, path)]
    failed = 0
    for case in cases:
        problems = case.run(pack)
        failed += bool(problems)
        for problem in problems:
            print(Problem(problem.path, problem.line, f"{case.name}: {problem.message}"))
    count = (
        f"{len(cases)} rule case{'s' if len(cases) != 1 else ''} in {len(files)} file{'s' if len(files) != 1 else ''}"
    )
    print(f"{count}: {failed} failed" if failed else f"{count}: every expected outcome holds")
    return 1 if failed else 0


def _many(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


def indicators(args: argparse.Namespace) -> int:
    pack = load(args.pack)
    if args.json:
        rows = [
            {
                "id": i.id,
                "theme": pack.indicator_theme[i.id],
                "title": i.title,
                "kind": i.kind,
                "sources": [pack.cite(c) for c in i.sources],
            }
            for theme in pack.themes
            for i in pack.indicators_of(theme.id)
        ]
        print(json_safe(json.dumps(rows, indent=2, ensure_ascii=False)))
        return 0
    width = max(len(i) for i in pack.indicators)
    for theme in pack.themes:
        # Checked when the pack was read; cleaned again, since nothing printed may drive the terminal.
        print(clean_line(theme.title))
        for indicator in pack.indicators_of(theme.id):
            kind = clean_line(pack.wording.kind_label(indicator.kind).lower())
            print(f"  {clean_line(indicator.id):<{width}}  {kind:<11}  {clean_line(indicator.title)}")
    return 0


def schema(args: argparse.Namespace) -> int:
    if args.which == "case":
        from screener.casefile.model import Case

        schema = Case.model_json_schema(by_alias=True)
        schema["properties"]["facts"] = _facts_schema(load(None), schema["properties"]["facts"])
    else:
        from screener.summary import json_schema

        schema = json_schema()
    print(json.dumps(schema, indent=2))
    return 0


def _facts_schema(pack: Pack, generic: dict[str, object]) -> dict[str, object]:
    """The case's facts as the pack names them: an unknown fact is an error, so none other is allowed."""
    from screener.content.derived import IN_PARTS, PART_OF

    answer = generic["additionalProperties"]
    properties: dict[str, object] = {}
    for fact_id, question in pack.questions.items():
        description = question.label
        if fact_id in IN_PARTS:
            parts = " and ".join(IN_PARTS[fact_id])
            description += (
                f"; may be given whole, or left out and worked out from its parts {parts} "
                "(yes only when both are yes, no when either is no); given with them, it must agree"
            )
        elif fact_id in PART_OF:
            description += f"; a part of {PART_OF[fact_id]}"
        properties[fact_id] = {**answer, "description": description}  # type: ignore[dict-item]
    return {**generic, "properties": properties, "additionalProperties": False}
