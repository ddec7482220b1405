"""Marking predictions against the engine, with no Textual: the answer key is each scenario's expectation."""

from __future__ import annotations

import pytest

from screener.content import Pack, default_pack_path
from screener.engine import screen
from screener.training import Scenario, load_scenarios
from screener.training.marking import mark, marking_lines
from screener.training.walkthrough import PREDICT_SIGNPOSTS, TrainingFlow
from screener.walkthrough import Answers
from tests.packtools import shipped_pack

SCENARIOS = load_scenarios(shipped_pack(), default_pack_path())


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_predicting_the_expectation_matches_it(pack: Pack, scenario: Scenario) -> None:
    summary = screen(pack, scenario.case)
    expected = set(scenario.expect.signposts.include)
    marking = mark(pack, scenario.case, summary, dict(scenario.expect.guardianship or {}), expected)
    assert [m.outcome for m in marking.services] == ["match"] * len(summary.guardianship)
    matched = {m.subject for m in marking.signposts if m.outcome == "match"}
    # Each signpost is named as its jurisdiction names it on the day.
    day = summary.as_at
    assert {pack.signposts[s].texts(scenario.jurisdiction, day)[0] for s in expected} <= matched
    assert marking.signpost_count("extra") == 0
    # Every mark is explained and sourced.
    for m in [*marking.services, *marking.signposts]:
        assert m.explanation and m.sources, m.subject


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_predicting_the_excluded_signposts_marks_them_extra(pack: Pack, scenario: Scenario) -> None:
    excluded = set(scenario.expect.signposts.exclude)
    marking = mark(pack, scenario.case, screen(pack, scenario.case), {}, excluded)
    extras = {m.subject for m in marking.signposts if m.outcome == "extra"}
    # A signpost of another jurisdiction is never offered, so it cannot be an extra.
    day = scenario.case.screening_date
    assert day is not None
    offered = {s for s in excluded if pack.signposts[s].shown_in(scenario.jurisdiction, day)}
    assert extras == {pack.signposts[s].texts(scenario.jurisdiction, day)[0] for s in offered}
    # With no outcome predicted, every service is a miss that names what the rules give.
    assert all(m.outcome == "miss" and m.verdict.startswith("no prediction") for m in marking.services)


def test_a_wrong_status_names_both_and_the_criteria(pack: Pack) -> None:
    scenario = next(s for s in SCENARIOS if s.id == "ew-age-dispute-hotel")
    marking = mark(pack, scenario.case, screen(pack, scenario.case), {"ictg-direct": "criteria-not-met"}, set())
    direct = marking.services[0]
    assert direct.outcome == "miss"
    assert direct.verdict == "you predicted criteria not met; the rules give criteria met"
    assert any("No one with parental responsibility for the child is in the UK: met" in e for e in direct.explanation)
    lines = [text for _style, text in marking_lines(marking)]
    assert lines[-1].endswith("a summary only signposts.")


def test_the_training_flow_asks_a_prediction_per_service_in_force(pack: Pack) -> None:
    scenario = next(s for s in SCENARIOS if s.jurisdiction == "northern-ireland")
    flow = TrainingFlow(pack, SCENARIOS)
    answers = Answers.from_case(pack, scenario.case)
    ids = [q.id for q in flow.predictions(answers)]
    services = [s.id for s in pack.jurisdictions["northern-ireland"].services]
    assert ids == [f"predict:{s}" for s in services] + [PREDICT_SIGNPOSTS]
    keys = [p.key for p in flow.pages(answers)]
    assert keys[:2] == ["scenarios", "vignette"] and keys[-4:] == [PREDICT_SIGNPOSTS, "results", "summary", "export"]
    assert "jurisdiction" not in keys and "reference" not in keys
