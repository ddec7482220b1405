"""Training scenarios: every answer key holds, the set covers what training needs, and a
broken scenario or quiz is reported as ``file:line: message`` by ``screener validate``.

Broken scenarios are patches to a copy of the shipped pack, written with the
``<<TEXT>>`` line markers of ``tests/packtools.py`` so they survive edits above the
patched line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from screener.cli import main
from screener.content import Pack, default_pack_path
from screener.engine import screen
from screener.errors import InputError
from screener.training import Scenario, load_quiz, load_scenarios
from screener.training.features import load_features
from screener.training.load import check_expectations, read_scenario
from screener.vocabulary import FEATURES
from screener.yamlio import load_document
from tests.packtools import apply, copy_pack, resolve
from tests.report import FIGURE, report_figures

PACK_ROOT = default_pack_path()
SCENARIO_FILES = sorted((PACK_ROOT / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def scenarios(pack: Pack) -> list[Scenario]:
    return load_scenarios(pack, PACK_ROOT)


def by_id(scenarios: list[Scenario], scenario_id: str) -> Scenario:
    return next(s for s in scenarios if s.id == scenario_id)


# --- the shipped scenarios --------------------------------------------------------------------


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=[p.stem for p in SCENARIO_FILES])
def test_every_scenario_matches_its_expectations(pack: Pack, path: Path) -> None:
    doc = load_document(path, str(path))
    scenario, problems = read_scenario(pack, doc, load_features(pack, PACK_ROOT))
    assert problems == []
    assert scenario is not None
    assert check_expectations(pack, scenario, doc) == []


def test_the_shipped_scenarios_load(scenarios: list[Scenario]) -> None:
    assert len(scenarios) == len(SCENARIO_FILES) >= 9
    counts = {j: sum(s.jurisdiction == j for s in scenarios) for j in ("england-wales", "scotland", "northern-ireland")}
    assert min(counts.values()) >= 3, counts
    # Teaching order follows the case references within each jurisdiction.
    assert [s.id for s in scenarios][:1] == ["ew-county-lines"]


def test_the_scenarios_cover_the_spread_training_needs(scenarios: list[Scenario]) -> None:
    forms = {e for s in scenarios for e in s.exploitation}
    assert {"criminal", "sexual", "online"} <= forms
    assert forms & {"labour", "domestic-servitude"}
    features = {f for s in scenarios for f in s.features}
    # Every tag the vocabulary knows is taught by at least one shipped scenario.
    assert features >= set(FEATURES)


def test_negative_decisions_fall_either_side_of_the_february_2024_change(scenarios: list[Scenario]) -> None:
    decided = [s.case.nrm.decision_on for s in scenarios if "negative-nrm" in s.features]
    change = dt.date(2024, 2, 1)
    assert any(d is not None and d < change for d in decided)
    assert any(d is not None and d >= change for d in decided)


def test_the_answer_keys_show_each_status_and_route_they_are_meant_to(pack: Pack, scenarios: list[Scenario]) -> None:
    statuses = {st for s in scenarios for st in (s.expect.guardianship or {}).values()}
    assert statuses == {"criteria-met", "criteria-may-be-met", "criteria-not-met"}
    met_routes = set()
    for scenario in scenarios:
        for service in screen(pack, scenario.case).guardianship:
            met_routes |= {(service.service, r.id) for r in service.routes if r.status == "met"}
    assert {
        ("ictg-direct", "direct"),
        ("ictg-direct", "exceptional"),
        ("ictg-indirect", "indirect"),
        ("guardianship-scotland", "standard"),
        ("guardianship-scotland", "ukraine"),
        ("guardianship-scotland", "after-18"),
        ("ni-igs", "trafficked"),
        ("ni-igs", "separated-at-risk"),
        ("ni-igs", "pr-implicated"),
    } <= met_routes


def test_every_case_is_marked_as_training_and_dated(scenarios: list[Scenario]) -> None:
    for scenario in scenarios:
        assert scenario.case.reference is not None and scenario.case.reference.startswith("TRAIN-")
        assert scenario.case.screening_date is not None
        assert "fictional" in scenario.narrative.lower()
        assert scenario.case.jurisdiction == scenario.jurisdiction


# --- what the facilitator notes claim, checked against the engine ------------------------------


def _what_if(pack: Pack, scenario: Scenario, **changes: Any) -> Any:
    data = scenario.case.to_data()
    for key, value in changes.items():
        section, _, name = key.partition("__")
        if name:
            data[section][name] = value
        else:
            data[section] = value
    from screener.casefile.model import Case

    return screen(pack, Case.model_validate(data))


def test_ni_risk_of_harm_not_yet_assessed_would_leave_the_criteria_open(pack: Pack, scenarios: list[Scenario]) -> None:
    summary = _what_if(pack, by_id(scenarios, "ni-online-separated"), facts__at_risk_of_harm="unknown")
    (service,) = summary.guardianship
    assert (service.status, service.settle_by) == ("criteria-may-be-met", ["at_risk_of_harm"])


def test_the_same_negative_decision_after_the_change_has_thirty_days(pack: Pack, scenarios: list[Scenario]) -> None:
    scenario = by_id(scenarios, "sc-sexual-negative-2023")
    # Screened after the decision: a case's dates are never after its screening date.
    summary = _what_if(pack, scenario, nrm__decision_on="2024-02-01", screening_date="2024-02-10")
    dates = {d.id: d.date for d in summary.key_dates}
    assert dates["reconsideration-deadline"] == dt.date(2024, 3, 2)


def test_ictg_exceptional_stays_open_even_with_every_answer_given(pack: Pack, scenarios: list[Scenario]) -> None:
    scenario = by_id(scenarios, "ew-online-exceptional")
    assert "unknown" not in scenario.case.facts.values()
    direct = next(s for s in screen(pack, scenario.case).guardianship if s.service == "ictg-direct")
    assert direct.status == "criteria-may-be-met"
    assert [r.discretionary for r in direct.routes if r.status == "met"] == [True]


# --- the quiz ---------------------------------------------------------------------------------


def test_the_quiz_cites_the_report_with_a_page_for_every_answer(pack: Pack) -> None:
    quiz = load_quiz(pack, PACK_ROOT)
    assert quiz is not None and len(quiz.questions) >= 10
    for question in quiz.questions:
        assert any(c.source == "snapshot-2024" and c.page for c in question.sources), question.id


def test_every_figure_in_the_quiz_is_in_the_report(pack: Pack) -> None:
    figures = report_figures()  # every figure the report gives (tests/report.py)
    quiz = load_quiz(pack, PACK_ROOT)
    assert quiz is not None
    for question in quiz.questions:
        for figure in FIGURE.findall(question.answer):
            assert figure in figures, f"{question.id}: {figure} is not in the report"


# --- broken scenarios, as validate reports them -----------------------------------------------

EW = "scenarios/ew-county-lines.yaml"
EW_SHOWN = f"indicators/{EW}"


@dataclass
class Broken:
    name: str
    patches: list[dict[str, Any]]
    expect: list[str] = field(default_factory=list)


def patch(file: str, find: str, replace: str) -> dict[str, Any]:
    return {"file": file, "find": find, "replace": replace}


BROKEN = [
    Broken(
        "status",
        [patch(EW, "    ictg-direct: criteria-not-met\n", "    ictg-direct: criteria-met\n")],
        [f"{EW_SHOWN}:<<^    ictg-direct:>>: expected ictg-direct criteria-met, the engine gives criteria-not-met"],
    ),
    Broken(
        "signpost-not-given",
        [patch(EW, "      - information-sharing\n", "      - information-sharing\n      - immigration-leave\n")],
        [f"{EW_SHOWN}:<<- immigration-leave>>: expected signpost immigration-leave, the engine does not give it"],
    ),
    Broken(
        "signpost-given",
        [
            patch(EW, "      - non-punishment\n", ""),
            patch(EW, "      - transition-to-adulthood\n", "      - transition-to-adulthood\n      - non-punishment\n"),
        ],
        [f"{EW_SHOWN}:<<- non-punishment>>: expected no signpost non-punishment, the engine gives it"],
    ),
    Broken(
        "key-date",
        [patch(EW, "      date: 2027-06-02\n", "      date: 2027-06-03\n")],
        [f"{EW_SHOWN}:<<2027-06-03>>: expected key date turns-18 2027-06-03, the engine gives 2027-06-02"],
    ),
    Broken(
        "key-date-not-given",
        [patch(EW, "    - id: turns-18\n", "    - id: reconsideration-deadline\n")],
        [
            f"{EW_SHOWN}:<<- id: reconsideration-deadline>>: expected key date reconsideration-deadline "
            "2027-06-02, the engine gives none"
        ],
    ),
    Broken(
        "settle-by",
        [patch("scenarios/sc-age-dispute-hotel.yaml", "[in_la_care]", "[separated]")],
        [
            "indicators/scenarios/sc-age-dispute-hotel.yaml:<<guardianship-scotland: [separated]>>: "
            "expected guardianship-scotland settled by [separated], the engine gives [in_la_care]"
        ],
    ),
    Broken(
        "service-left-out",
        [patch(EW, "    ictg-indirect: criteria-met\n", "")],
        [
            f"{EW_SHOWN}:<<^  guardianship:>>: guardianship: the answer key leaves out ictg-indirect; "
            "the engine gives criteria-met"
        ],
    ),
    Broken(
        "unknown-service",
        [patch(EW, "    ictg-indirect: criteria-met\n", "    ictg-indirect: criteria-met\n    ni-igs: criteria-met\n")],
        [f"{EW_SHOWN}:<<ni-igs>>: unknown service 'ni-igs' for england-wales (use one of: ictg-direct, ictg-indirect)"],
    ),
    Broken(
        "unknown-status",
        [patch(EW, "    ictg-indirect: criteria-met\n", "    ictg-indirect: eligible\n")],
        [
            f"{EW_SHOWN}:<<ictg-indirect: eligible>>: ictg-indirect: expected 'criteria-met', "
            "'criteria-may-be-met' or 'criteria-not-met', not 'eligible'"
        ],
    ),
    Broken(
        "unknown-signpost",
        [patch(EW, "      - information-sharing\n", "      - information-sharing\n      - no-such-signpost\n")],
        [f"{EW_SHOWN}:<<no-such-signpost>>: include: unknown signpost 'no-such-signpost'"],
    ),
    Broken(
        "included-and-excluded",
        [
            patch(
                EW,
                "      - transition-to-adulthood\n",
                "      - transition-to-adulthood\n      - nrm-referral  # both\n",
            )
        ],
        [f"{EW_SHOWN}:<<# both>>: exclude: 'nrm-referral' is also included"],
    ),
    Broken(
        "unknown-fact-in-case",
        [patch(EW, "    pr_in_uk: yes\n", "    pr_in_uk: yes\n    pr_in_uks: yes\n")],
        [f"{EW_SHOWN}:<<pr_in_uks>>: unknown fact 'pr_in_uks'"],
    ),
    Broken(
        "bad-answer-in-case",
        [patch(EW, "    ictg_area: yes\n", "    ictg_area: maybe\n")],
        [f"{EW_SHOWN}:<<ictg_area: maybe>>: ictg_area: 'maybe' is not an answer; use yes, no or unknown"],
    ),
    Broken(
        "no-screening-date",
        [patch(EW, "  screening_date: 2024-11-20\n", "")],
        [f"{EW_SHOWN}:<<^case:>>: case: needs a screening_date, so its answer key does not change with the day"],
    ),
    Broken(
        "reference",
        [patch(EW, "TRAIN-EW-01", "CASE-01")],
        [
            f"{EW_SHOWN}:<<CASE-01>>: reference: a training case's reference starts with 'TRAIN-', "
            "so anything saved from it reads as training"
        ],
    ),
    Broken(
        "duplicate-reference",
        [patch(EW, "TRAIN-EW-01", "TRAIN-EW-02")],
        [
            "indicators/scenarios/ew-county-lines.yaml:<<TRAIN-EW-02>>: reference: 'TRAIN-EW-02' is also used in "
            "indicators/scenarios/ew-age-dispute-hotel.yaml"
        ],
    ),
    Broken(
        "jurisdiction",
        [patch(EW, "  jurisdiction: england-wales\n", "  jurisdiction: scotland\n")],
        [f"{EW_SHOWN}:<<^  jurisdiction:>>: jurisdiction: the case is in scotland, the scenario in england-wales"],
    ),
    Broken(
        "not-marked-fictional",
        [patch(EW, "Fictional case for training. D is 15", "D is 15")],
        [f"{EW_SHOWN}:<<^narrative:>>: narrative: say in the narrative itself that the case is fictional"],
    ),
    Broken(
        "id-not-file-name",
        [patch(EW, "id: ew-county-lines\n", "id: ew-county\n")],
        [f"{EW_SHOWN}:<<^id:>>: id 'ew-county' should match the file name 'ew-county-lines'"],
    ),
    Broken(
        "feature-does-not-fit",
        [patch(EW, "features: [british-child, criminal-proceedings]", "features: [british-child, age-dispute]")],
        [f"{EW_SHOWN}:<<^features:>>: features: 'age-dispute' needs the case to have child.age_disputed: yes"],
    ),
    Broken(
        "feature-check-unknown-key",
        [patch("features.yaml", "  - id: age-dispute\n", "  - id: age-dispute\n    colour: red\n")],
        ["indicators/features.yaml:<<colour: red>>: unknown key 'colour'"],
    ),
    Broken(
        "feature-check-unknown-answer",
        [patch("features.yaml", "{criminal_proceedings: [yes]}", "{criminal_procedings: [yes]}")],
        ["indicators/features.yaml:<<criminal_procedings>>: unknown answer 'criminal_procedings'"],
    ),
    Broken(
        "unknown-source",
        [patch(EW, "{source: msa-2015, detail: s.45}", "{source: msa-2016, detail: s.45}")],
        [f"{EW_SHOWN}:<<msa-2016>>: source: unknown source 'msa-2016'"],
    ),
    Broken(
        "unknown-key",
        [patch(EW, "title: Found far", "colour: red\ntitle: Found far")],
        [f"{EW_SHOWN}:<<colour: red>>: unknown key 'colour'"],
    ),
    Broken(
        "exploitation-any",
        [patch(EW, "exploitation: [criminal]", "exploitation: [any]")],
        [f"{EW_SHOWN}:<<^exploitation:>>: exploitation: name the forms of exploitation; 'any' is for indicators"],
    ),
    Broken(
        # Python's date.fromisoformat reads an ISO week date; a key date is a day written YYYY-MM-DD.
        "key-date-a-week-date",
        [patch("scenarios/sc-after-18-criminal.yaml", "date: 2024-05-10", "date: 2024-W19-5")],
        [
            "indicators/scenarios/sc-after-18-criminal.yaml:<<date: 2024-W19-5>>: date: "
            "expected a date (YYYY-MM-DD), not '2024-W19-5'"
        ],
    ),
    Broken(
        "not-a-mapping",
        [{"file": "scenarios/zz-list.yaml", "write": "- one\n- two\n"}],
        ["indicators/scenarios/zz-list.yaml:1: a scenario must be a mapping of keys to values"],
    ),
    Broken(
        "case-not-a-mapping",
        [{"file": EW, "regex": True, "find": r"^case:\n(?:  .*\n)+", "replace": "case: TRAIN-EW-01\n"}],
        [f"{EW_SHOWN}:<<^case:>>: case: expected a case file (a mapping of keys to values)"],
    ),
    Broken(
        "invalid-yaml",
        [patch(EW, "title: Found far from home", "title: Found: far from home")],
        [f"{EW_SHOWN}:<<^title:>>: not valid YAML: a ':' inside a value (put the value in quotes)"],
    ),
    Broken(
        "quiz-unknown-source",
        [patch("quiz.yaml", "      - {source: ictg-tender-2025}\n", "      - {source: ictg-tender-2099}\n")],
        ["indicators/quiz.yaml:<<ictg-tender-2099>>: source: unknown source 'ictg-tender-2099'"],
    ),
    Broken(
        "quiz-missing-answer",
        [patch("quiz.yaml", "    answer: By 138%.\n", "")],
        ["indicators/quiz.yaml:<<^  - id: referrals-five-year-rise>>: missing required key 'answer'"],
    ),
    Broken(
        "quiz-duplicate-id",
        [patch("quiz.yaml", "  - id: referrals-five-year-rise\n", "  - id: children-referred-2023  # again\n")],
        ["indicators/quiz.yaml:<<# again>>: duplicate question id 'children-referred-2023'"],
    ),
]


def run_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple:
    monkeypatch.chdir(tmp_path)
    code = main(["validate", "indicators"])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


@pytest.mark.parametrize("broken", BROKEN, ids=[b.name for b in BROKEN])
def test_a_broken_scenario_is_reported_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], broken: Broken
) -> None:
    root = copy_pack(tmp_path)
    apply(root, broken.patches)
    expected = [resolve(line, tmp_path) for line in broken.expect]
    code, out, err = run_validate(tmp_path, monkeypatch, capsys)
    assert (code, out, err) == (2, "", expected)


def test_every_problem_in_every_file_is_reported_in_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_pack(tmp_path)
    chosen = [b for b in BROKEN if b.name in ("status", "settle-by", "quiz-unknown-source", "not-a-mapping")]
    for broken in chosen:
        apply(root, broken.patches)
    expected = sorted(
        (resolve(line, tmp_path) for b in chosen for line in b.expect),
        key=lambda line: (line.split(":")[0], int(line.split(":")[1])),
    )
    code, _out, err = run_validate(tmp_path, monkeypatch, capsys)
    assert code == 2
    assert sorted(err, key=lambda line: (line.split(":")[0], int(line.split(":")[1]))) == expected


def test_a_pack_without_scenarios_or_quiz_has_none(pack: Pack, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    for path in (root / "scenarios").glob("*.yaml"):
        path.unlink()
    (root / "scenarios").rmdir()
    (root / "quiz.yaml").unlink()
    assert load_scenarios(pack, root) == []
    assert load_quiz(pack, root) is None


def test_load_scenarios_raises_input_error_not_a_traceback(pack: Pack, tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    apply(root, BROKEN[0].patches)
    with pytest.raises(InputError) as caught:
        load_scenarios(pack, root)
    assert [p.message for p in caught.value.problems] == [
        "expected ictg-direct criteria-met, the engine gives criteria-not-met"
    ]


def test_a_scenario_that_does_not_read_is_not_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A malformed scenario's answer key means little, so only the malformation is reported.
    root = copy_pack(tmp_path)
    chosen = [b for b in BROKEN if b.name in ("status", "unknown-fact-in-case")]
    for broken in chosen:
        apply(root, broken.patches)
    code, _out, err = run_validate(tmp_path, monkeypatch, capsys)
    assert (code, err) == (2, [resolve(chosen[1].expect[0], tmp_path)])
