"""Wales in its own words: the case file's optional ``nation`` (england | wales, england-wales only).

The rules it changes are in tests/rules/nation.yaml; here are the contract (the case file reads and
refuses it at its line, the JSON summary echoes it just after the jurisdiction, a case without it
reads exactly as before) and the walkthrough (asked right after the jurisdiction, England and
Wales only, carried into the case and out of a loaded one).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from screener.casefile.model import Case
from screener.content import Pack
from screener.walkthrough import UNKNOWN, Answers, Flow
from tests.clirun import in_this_process

CASE = """schema: screener-case/1
jurisdiction: {jurisdiction}
{nation}screening_date: 2026-12-01
child: {{age: 15, age_disputed: "no"}}
facts: {{trafficking_concern: "yes"}}
indicators: [missing-episodes]
"""


def write(tmp_path: Path, jurisdiction: str, nation: str | None) -> Path:
    path = tmp_path / "case.yaml"
    line = f"nation: {nation}\n" if nation else ""
    path.write_text(CASE.format(jurisdiction=jurisdiction, nation=line), encoding="utf-8")
    return path


def test_the_json_summary_echoes_the_nation_after_the_jurisdiction(tmp_path: Path) -> None:
    ran = in_this_process("summarise", str(write(tmp_path, "england-wales", "wales")), "--format", "json")
    assert ran.returncode == 0, ran.stderr
    data = json.loads(ran.stdout)
    keys = list(data)
    assert data["nation"] == "wales"
    assert keys.index("nation") == keys.index("jurisdiction") + 1


def test_a_case_without_a_nation_reads_as_before(tmp_path: Path) -> None:
    ran = in_this_process("summarise", str(write(tmp_path, "england-wales", None)), "--format", "json")
    assert ran.returncode == 0, ran.stderr
    data = json.loads(ran.stdout)
    assert "nation" not in data
    assert data["jurisdiction"] == "england-wales"


def test_a_nation_outside_england_and_wales_is_refused_at_its_line(tmp_path: Path) -> None:
    ran = in_this_process("summarise", str(write(tmp_path, "scotland", "wales")))
    assert ran.returncode == 2
    assert "case.yaml:3: nation: nation is for england-wales cases only, not scotland" in ran.stderr
    assert "Traceback" not in ran.stderr


def test_an_unknown_nation_is_refused_at_its_line(tmp_path: Path) -> None:
    ran = in_this_process("summarise", str(write(tmp_path, "england-wales", "cornwall")))
    assert ran.returncode == 2
    assert "case.yaml:3: nation: 'cornwall' is not a nation; use one of: england, wales" in ran.stderr


def test_a_saved_case_keeps_its_nation() -> None:
    case = Case.model_validate(
        {"schema": "screener-case/1", "jurisdiction": "england-wales", "nation": "england", "child": {"age": 15}}
    )
    data = case.to_data()
    assert list(data)[:3] == ["schema", "jurisdiction", "nation"]
    assert Case.model_validate(data).nation == "england"


def _start(flow: Flow, jurisdiction: str) -> Answers:
    return flow.new_answers(dt.date(2026, 12, 1)).with_answer(flow.jurisdiction_question(), jurisdiction)


def test_the_walkthrough_asks_the_nation_right_after_the_jurisdiction(pack: Pack) -> None:
    flow = Flow(pack)
    answers = _start(flow, "england-wales")
    ids = [q.id for q in flow.questions(answers)]
    assert ids[:3] == ["jurisdiction", "nation", "reference"]
    nation = flow.questions(answers)[1]
    assert [o.value for o in nation.options] == ["england", "wales", UNKNOWN]
    assert flow.why(nation, answers).sources  # cited from the signposts it changes
    for elsewhere in ("scotland", "northern-ireland"):
        assert "nation" not in [q.id for q in flow.questions(_start(flow, elsewhere))]


def test_the_walkthrough_carries_the_nation_into_the_case_and_back(pack: Pack) -> None:
    flow = Flow(pack)
    answers = _start(flow, "england-wales")
    nation = flow.questions(answers)[1]
    assert flow.to_case(answers).nation is None  # not known: both nations, as before
    answers = answers.with_answer(nation, "wales")
    case = flow.to_case(answers)
    assert case.nation == "wales"
    assert Answers.from_case(pack, case).nation == "wales"
    # Moved to Scotland, the answer stays behind: a nation is England and Wales's alone.
    moved = answers.with_answer(flow.jurisdiction_question(), "scotland")
    assert flow.to_case(moved).nation is None
