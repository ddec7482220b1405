"""Rule tables as data: every case in ``tests/rules/*.yaml`` is one test.

In the style of OpenFisca's YAML tests: each case gives a case file's parts, the screening
date and the outcomes expected, and nothing else. The format is ``screener.rulecases.model``'s
(a training scenario's ``expect:`` is the same), read by the project's own safe YAML reader;
``screener test tests/rules`` runs the same cases for a content editor. The ids are
``<file>::<case name>``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.content import Pack
from screener.rulecases.check import RuleCase, read_rule_file, rule_files
from tests.packtools import shipped_pack

RULES = Path(__file__).resolve().parent / "rules"


def _params() -> list[object]:
    # Collected before any fixture exists; the session's pack fixture gives this same pack later.
    pack = shipped_pack()
    return [
        pytest.param(case, id=f"{path.stem}::{case.name}")
        for path in rule_files(RULES)
        for case in read_rule_file(pack, path, str(path.relative_to(RULES.parent.parent)))
    ]


CASES = _params()


@pytest.mark.parametrize("rule_case", CASES)
def test_rule_case(pack: Pack, rule_case: RuleCase) -> None:
    problems = rule_case.run(pack)
    assert not problems, f"{rule_case.name}:\n" + "\n".join(map(str, problems))


def test_the_rule_tables_are_collected() -> None:
    # A glob that finds nothing would pass every case it did not find.
    stems = {p.stem for p in RULES.glob("*.yaml")}
    for jurisdiction in ("england-wales", "scotland", "northern-ireland"):
        assert {jurisdiction, f"dated-{jurisdiction}"} <= stems
    assert len(CASES) >= 80
