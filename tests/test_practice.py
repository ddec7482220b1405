"""Practice mode's core, without a screen: the key answers and their evidence, the comparison of a
trainee's reading with the key, and predictions marked on both their answers and the key's."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from screener.cli import main
from screener.content import Pack, default_pack_path
from screener.training import Scenario, load_scenarios
from screener.training.practice import (
    blank_answers,
    find_evidence,
    key_answers,
    key_answers_of,
    practice_lines,
    practice_marking,
    read_against_key,
)
from screener.walkthrough import UNKNOWN
from tests.packtools import copy_pack

HOTEL = "ew-age-dispute-hotel"


@pytest.fixture(scope="module")
def scenarios(pack: Pack) -> list[Scenario]:
    return load_scenarios(pack, default_pack_path())


def by_id(scenarios: list[Scenario], scenario_id: str) -> Scenario:
    return next(s for s in scenarios if s.id == scenario_id)


def test_every_key_answer_of_every_scenario_has_evidence_in_its_vignette(pack: Pack, scenarios: list[Scenario]) -> None:
    for scenario in scenarios:
        answers = key_answers(pack, scenario)
        assert {a.id for a in answers} == set(scenario.evidence), scenario.id
        assert {"age", "nrm_status", *scenario.case.indicators} <= {a.id for a in answers}
        for answer in answers:
            assert answer.evidence is not None, (scenario.id, answer.id)
            assert answer.evidence.phrase in answer.evidence.sentence


def test_the_key_s_own_answers_match_it_everywhere(pack: Pack, scenarios: list[Scenario]) -> None:
    for scenario in scenarios:
        reading = read_against_key(pack, scenario, key_answers_of(pack, scenario))
        assert reading.count("missed") == reading.count("extra") == 0, scenario.id
        assert reading.count("matched") == len(scenario.evidence)


def test_practice_starts_with_nothing_but_the_place_and_the_day(pack: Pack, scenarios: list[Scenario]) -> None:
    scenario = by_id(scenarios, "ew-county-lines")
    blank = blank_answers(pack, scenario)
    assert (blank.jurisdiction, blank.reference, blank.screening_date) == (
        "england-wales",
        "TRAIN-EW-01",
        scenario.case.screening_date,
    )
    assert (blank.date_of_birth, blank.age, blank.age_disputed, blank.nrm_status) == (None, None, UNKNOWN, UNKNOWN)
    assert blank.facts == {} and blank.indicators == ()
    reading = read_against_key(pack, scenario, blank)
    assert reading.count("matched") == 0 and reading.count("missed") == len(scenario.evidence)


def test_evidence_is_found_across_the_file_s_line_breaks() -> None:
    narrative = "Fictional case. D is 15 and lives\nwith his mother.\n\nHe was arrested for\n  possession. Then more.\n"
    found = find_evidence(narrative, "arrested for possession")
    assert found is not None
    assert found.sentence == "He was arrested for possession."
    assert find_evidence(narrative, "lives with his mother").sentence == "D is 15 and lives with his mother."  # type: ignore[union-attr]
    assert find_evidence(narrative, "not there") is None


def a_round(pack: Pack, scenario: Scenario):  # type: ignore[no-untyped-def]
    """The key's answers with one indicator missed and one fact the vignette does not give added."""
    key = key_answers_of(pack, scenario)
    return dataclasses.replace(
        key,
        indicators=tuple(i for i in key.indicators if i != "hotel-placement"),
        facts={**key.facts, "devolved_pilot_area": "yes"},
    )


def test_a_missed_indicator_and_an_extra_fact_are_marked_with_the_vignette_line(
    pack: Pack, scenarios: list[Scenario]
) -> None:
    scenario = by_id(scenarios, HOTEL)
    reading = read_against_key(pack, scenario, a_round(pack, scenario))
    (missed,) = reading.of("missed")
    (extra,) = reading.of("extra")
    assert (missed.id, missed.kind, missed.verdict) == ("hotel-placement", "indicator", "you did not note it")
    assert missed.evidence is not None
    assert missed.evidence.sentence.startswith("He says he is 16; an officer at the port recorded him")
    assert "placed in an asylum hotel for adult men" in missed.evidence.sentence
    assert (extra.id, extra.kind, extra.evidence) == ("devolved_pilot_area", "answer", None)
    assert extra.verdict == "you answered Yes; the vignette does not say"
    assert reading.count("matched") == len(scenario.evidence) - 1


def test_a_different_answer_is_a_miss_that_names_both(pack: Pack, scenarios: list[Scenario]) -> None:
    scenario = by_id(scenarios, "ew-county-lines")
    key = key_answers_of(pack, scenario)
    reading = read_against_key(pack, scenario, dataclasses.replace(key, facts={**key.facts, "pr_in_uk": "no"}, age=15))
    (missed,) = reading.of("missed")
    assert (missed.id, missed.verdict) == ("pr_in_uk", "you answered No; the vignette shows Yes")
    # An age in whole years matches a date of birth that gives it.
    assert "age" in {m.id for m in reading.of("matched")}


def test_predictions_are_marked_on_both_answers_and_a_difference_is_explained(
    pack: Pack, scenarios: list[Scenario]
) -> None:
    scenario = by_id(scenarios, HOTEL)
    answers = a_round(pack, scenario)
    # The trainee predicts what the rules give on their own answers.
    marking = practice_marking(
        pack,
        scenario,
        answers,
        {"ictg-direct": "criteria-met", "ictg-indirect": "criteria-not-met"},
        {"nrm-referral", "devolved-decision-making"},
    )
    pilot = next(d for d in marking.differences if d.subject.endswith("local pilot panel"))
    assert (pilot.own, pilot.key) == ("it applies", "it may apply")
    assert pilot.causes == ["you added the answer 'The child's area is in the devolved decision-making pilot'"]
    assert pilot.predicted_own
    own = {m.subject: m.outcome for m in marking.own.signposts}
    key = {m.subject: m.outcome for m in marking.key.signposts}
    assert own["The NRM decision may be made by the local pilot panel"] == "match"
    assert key["The NRM decision may be made by the local pilot panel"] == "open"
    text = "\n".join(line for _style, line in practice_lines(marking))
    assert "✗ Missed — Indicator: Placed in a hotel: you did not note it" in text
    assert "+ Extra — Answer: The child's area is in the devolved decision-making pilot" in text
    assert "Your prediction follows your own answers; it differs from the key because you added the answer" in text
    assert "Your predictions, marked against the rules on the key's answers" in text
    assert "Your predictions, marked against the rules on your own answers" in text


def broken_copy(tmp_path: Path, find: str, replace: str) -> Path:
    root = copy_pack(tmp_path)
    path = root / "scenarios" / "ew-county-lines.yaml"
    text = path.read_text()
    assert find in text
    path.write_text(text.replace(find, replace))
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_evidence_not_in_the_vignette_is_reported_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = broken_copy(
        tmp_path, "  missing-episodes: reported missing three times", "  missing-episodes: reported lost three times"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "indicators"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"indicators/scenarios/ew-county-lines.yaml:{line_of(path, 'missing-episodes: reported')}: "
        "evidence: 'reported lost three times in six weeks' is not in the narrative"
    ]


def test_a_key_answer_without_evidence_and_evidence_for_no_key_answer_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = broken_copy(tmp_path, "  exclusion-or-suspension: excluded", "  exclusion-or-suspensions: excluded")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "indicators"]) == 2
    err = capsys.readouterr().err.splitlines()
    shown = "indicators/scenarios/ew-county-lines.yaml"
    assert sorted(err) == sorted(
        [
            f"{shown}:{line_of(path, '    - exclusion-or-suspension')}: evidence: the key answer "
            "'exclusion-or-suspension' needs evidence (a short exact phrase of the narrative)",
            f"{shown}:{line_of(path, 'exclusion-or-suspensions:')}: evidence: 'exclusion-or-suspensions' is not "
            "one of the case's key answers",
        ]
    )


@pytest.mark.parametrize(
    ("find", "replace", "message"),
    [
        # Part of a word is not evidence: "arrest" is only inside "arrested" in the vignette.
        (
            "  arrested-or-charged: He was arrested for possession with intent to supply",
            "  arrested-or-charged: He was arrest",
            "evidence: 'He was arrest' is not in the narrative",
        ),
        # One word shows nothing on its own.
        (
            "  exclusion-or-suspension: excluded from school last term",
            "  exclusion-or-suspension: excluded",
            "evidence: 'excluded' is too short to show anything; quote at least 2 words",
        ),
        # A phrase found in two places would show the trainee whichever line comes first.
        (
            "  missing-episodes: reported missing three times in six weeks",
            "  missing-episodes: He was",
            "evidence: 'He was' is in the narrative 2 times; quote enough to pick out one",
        ),
    ],
    ids=["part-of-a-word", "one-word", "two-places"],
)
def test_evidence_must_be_whole_words_at_least_two_in_one_place(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    find: str,
    replace: str,
    message: str,
) -> None:
    path = broken_copy(tmp_path, find, replace)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "indicators"]) == 2
    line = line_of(path, replace)
    assert capsys.readouterr().err.splitlines() == [f"indicators/scenarios/ew-county-lines.yaml:{line}: {message}"]
