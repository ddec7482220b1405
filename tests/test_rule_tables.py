"""Rule tables as data: every case in ``tests/rules/*.yaml`` is one test.

In the style of OpenFisca's YAML tests: each case gives the inputs (a case file's parts), the
screening date and the outcomes expected, and nothing else. A file's ``defaults`` are merged
under each of its cases (``facts`` and ``child`` key by key; a case's ``date_of_birth`` replaces
the default age; ``age: null`` is an age not known). The ids are ``<file>::<case name>``.

What a case may expect:

- ``expect``: per guardianship service, its status (then nothing is left to settle) or
  ``{status, settle_by}``;
- ``services``: the services listed, exactly and in order;
- ``key_dates``: per key-date id, its date, or ``null`` for no such key date;
- ``signposts``: per signpost id, ``true`` for listed or ``false`` for not;
- ``notices``: words that some notice of the summary contains;
- ``says`` / ``never_says``: words the whole summary (as Markdown, spaces collapsed) contains, or
  must not contain anywhere, for the wording a jurisdiction (or a nation) reads.

A case with a key this file does not know, a fact the pack does not ask, or nothing expected
is refused, so a typo never passes as a case that proves nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from screener.casefile.model import Case
from screener.content import Pack
from screener.engine import screen
from screener.render import render
from screener.summary import Summary

RULES = Path(__file__).resolve().parent / "rules"
CASE_KEYS = {
    "name",
    "jurisdiction",
    "nation",
    "screening_date",
    "child",
    "facts",
    "nrm",
    "leave_granted_on",
    "indicators",
}
EXPECT_KEYS = {"expect", "services", "key_dates", "signposts", "notices", "says", "never_says"}
CHILD_KEYS = {"age", "date_of_birth", "age_disputed"}
NRM_KEYS = {"status", "decision_on"}
STATUSES = {"criteria-met", "criteria-may-be-met", "criteria-not-met"}


class _Loader(yaml.SafeLoader):
    """YAML 1.2's booleans: ``yes`` and ``no`` stay the answers they are, not true and false."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def _mapping_with_line(loader: _Loader, node: yaml.MappingNode) -> dict[str, Any]:
    data = loader.construct_mapping(node, deep=True)
    data["__line__"] = node.start_mark.line + 1
    return data


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)  # type: ignore[arg-type]


@dataclass(frozen=True)
class RuleCase:
    where: str  # file:line, for the failure message
    spec: dict[str, Any]


def _strip(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip(v) for k, v in data.items() if k != "__line__"}
    if isinstance(data, list):
        return [_strip(v) for v in data]
    return data


def _cases() -> Iterator[Any]:
    for path in sorted(RULES.glob("*.yaml")):
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        defaults = _strip(document.get("defaults", {}))
        names: set[str] = set()
        for raw in document["cases"]:
            where = f"{path.relative_to(RULES.parent.parent)}:{raw['__line__']}"
            case = _strip(raw)
            unknown = set(case) - CASE_KEYS - EXPECT_KEYS
            assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
            assert set(case) & EXPECT_KEYS, f"{where}: the case expects nothing"
            assert case["name"] not in names, f"{where}: a second case named {case['name']!r}"
            names.add(case["name"])
            merged = {**defaults, **case}
            for part in ("facts", "child", "nrm"):
                merged[part] = {**defaults.get(part, {}), **case.get(part, {})}
            if "date_of_birth" in case.get("child", {}):
                merged["child"].pop("age", None)
            yield pytest.param(RuleCase(where, merged), id=f"{path.stem}::{case['name']}")


CASES = list(_cases())


def build_case(pack: Pack, spec: dict[str, Any]) -> Case:
    child, nrm = spec["child"], spec["nrm"]
    assert set(child) <= CHILD_KEYS and set(nrm) <= NRM_KEYS
    assert set(spec["facts"]) <= set(pack.questions), sorted(set(spec["facts"]) - set(pack.questions))
    assert all(isinstance(v, str) for v in spec["facts"].values()), "facts are yes, no or unknown"
    return Case.model_validate(
        {
            "schema": "screener-case/1",
            "jurisdiction": spec["jurisdiction"],
            "nation": spec.get("nation"),
            "screening_date": spec["screening_date"],
            "child": {k: v for k, v in child.items() if v is not None},
            "facts": spec["facts"],
            "nrm": {"status": nrm.get("status", "none"), "decision_on": nrm.get("decision_on")},
            "dates": {"leave_granted_on": spec.get("leave_granted_on")},
            "indicators": spec.get("indicators", []),
        }
    )


def check(summary: Summary, spec: dict[str, Any]) -> None:
    services = {s.service: s for s in summary.guardianship}
    for service_id, want in spec.get("expect", {}).items():
        want = {"status": want, "settle_by": []} if isinstance(want, str) else {"settle_by": [], **want}
        assert want["status"] in STATUSES, want
        assert service_id in services, f"{service_id} not listed; listed: {list(services)}"
        got = services[service_id]
        assert {"status": got.status, "settle_by": got.settle_by} == want, service_id
    if "services" in spec:
        assert list(services) == spec["services"]
    dates = {d.id: d.date for d in summary.key_dates}
    for date_id, want in spec.get("key_dates", {}).items():
        assert dates.get(date_id) == want, date_id
    listed = {s.id for s in summary.signposts}
    for signpost_id, want in spec.get("signposts", {}).items():
        assert (signpost_id in listed) is want, signpost_id
    for words in spec.get("notices", []):
        assert any(words in notice for notice in summary.notices), words
    if "says" in spec or "never_says" in spec:
        text = " ".join(render(summary, "md").split())
        for words in spec.get("says", []):
            assert words in text, f"the summary does not say {words!r}"
        for words in spec.get("never_says", []):
            assert words not in text, f"the summary says {words!r}"


@pytest.mark.parametrize("rule_case", CASES)
def test_rule_case(pack: Pack, rule_case: RuleCase) -> None:
    spec = rule_case.spec
    assert isinstance(spec["screening_date"], dt.date), f"{rule_case.where}: screening_date is YYYY-MM-DD"
    try:
        check(screen(pack, build_case(pack, spec)), spec)
    except AssertionError as exc:
        raise AssertionError(f"{rule_case.where}: {spec['name']}: {exc}") from None


def test_the_rule_tables_are_collected() -> None:
    # A glob that finds nothing would pass every case it did not find.
    stems = {p.stem for p in RULES.glob("*.yaml")}
    for jurisdiction in ("england-wales", "scotland", "northern-ireland"):
        assert {jurisdiction, f"dated-{jurisdiction}"} <= stems
    assert len(CASES) >= 80
