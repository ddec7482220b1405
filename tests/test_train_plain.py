"""Training in plain mode: a practice round typed line by line, its comparison and marking printed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

from screener.content import Pack, default_pack_path
from screener.errors import InputError
from screener.plain.training import run_plain_training
from screener.training import Scenario, load_scenarios
from screener.training.walkthrough import TrainingFlow
from screener.walkthrough import Answers

HOTEL = "ew-age-dispute-hotel"


def typed_answers(flow: TrainingFlow, target: Answers) -> list[str]:
    """The lines a trainee types to give ``target``'s answers, question by question."""
    lines = []
    for question in flow.questions(target):
        value = target.get(question)
        same = flow.pack.questions[question.id].same_as if question.id in flow.pack.questions else None
        # The walk goes past a question an earlier answer answers (unaccompanied, after separated).
        if (
            same is not None
            and target.jurisdiction in flow.pack.questions[same.fact].jurisdictions
            and target.facts.get(same.fact, "unknown") != "unknown"
        ):
            assert value == target.facts[same.fact], question.id
            continue
        if question.id == "age":
            lines.append(str(value))
        elif question.kind == "indicators":
            numbers = [str(n) for n, o in enumerate(question.options, 1) if o.value in value]
            lines.append(" ".join(numbers) or "n")
        elif question.kind == "choice":
            lines.append(str([o.value for o in question.options].index(value) + 1))
        elif isinstance(value, dt.date):
            lines.append(value.isoformat())
        else:
            lines.append("")  # Enter keeps it
    return lines


def test_a_plain_practice_round_with_a_missed_indicator_and_an_extra_fact(pack: Pack) -> None:
    scenarios = load_scenarios(pack, default_pack_path())
    scenario = next(s for s in scenarios if s.id == HOTEL)
    key = Answers.from_case(pack, scenario.case)
    target = dataclasses.replace(
        key,
        indicators=tuple(i for i in key.indicators if i != "hotel-placement"),
        facts={**key.facts, "devolved_pilot_area": "yes"},
    )
    flow = TrainingFlow(pack, scenarios)
    signposts = [o.value for o in flow.predictions(target)[-1].options]
    chosen = " ".join(str(signposts.index(s) + 1) for s in ("nrm-referral", "devolved-decision-making"))
    lines = [
        str([s.id for s in scenarios].index(HOTEL) + 1),
        "v",  # the case again, then the first question
        *typed_answers(flow, target),
        "1",  # direct support: criteria met
        "3",  # indirect support: criteria not met
        chosen,
        "3",  # finish
    ]
    out = io.StringIO()
    records: list[tuple[str, Answers]] = []

    def record(s, answers, services, signs, mode):  # type: ignore[no-untyped-def]
        records.append((s.id, answers))

    code = run_plain_training(pack, scenarios, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out, record=record)
    text = out.getvalue()
    assert code == 0, text
    assert text.count("--- The case: ") == 2  # once on choosing, once for v
    assert "Question 1 of " in text
    assert "Now: not known." in text  # nothing is filled in
    total = len(scenario.evidence)
    assert f"Your reading: {total - 1} of {total} key answers matched, 1 missed, 1 extra." in text
    assert "✗ Missed — Indicator: Placed in a hotel: you did not note it" in text
    assert "The case says: “He says he is 16;" in text
    assert "+ Extra — Answer: The child's area is in the devolved decision-making pilot: you answered Yes" in text
    assert "it differs from the key because you added the answer" in text
    assert "--- Summary ---\nTRAINING — FICTIONAL CASE. Signposting summary — case TRAIN-EW-02" in text
    ((recorded_id, recorded),) = records
    assert recorded_id == HOTEL
    assert (set(recorded.indicators), recorded.facts["devolved_pilot_area"], recorded.age) == (
        set(target.indicators),
        "yes",
        16,
    )
    assert "Stopped" not in text and "Nothing was written" not in text


def key_round(flow: TrainingFlow, scenarios: list[Scenario], scenario: Scenario) -> list[str]:
    """The lines of a practice round that reads ``scenario`` exactly as its key does, predicting nothing."""
    key = Answers.from_case(flow.pack, scenario.case)
    return [str(scenarios.index(scenario) + 1), *typed_answers(flow, key), *["n"] * len(flow.predictions(key))]


def test_a_practice_round_of_every_shipped_scenario_in_plain_mode(pack: Pack) -> None:
    scenarios = load_scenarios(pack, default_pack_path())
    flow = TrainingFlow(pack, scenarios)
    lines: list[str] = []
    for scenario in scenarios:
        lines += [*key_round(flow, scenarios, scenario), "1"]  # another scenario
    lines[-1] = "3"  # finish
    out = io.StringIO()
    recorded: list[str] = []

    def record(s, answers, services, signs, mode):  # type: ignore[no-untyped-def]
        recorded.append(s.id)

    code = run_plain_training(pack, scenarios, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out, record=record)
    text = out.getvalue()
    assert code == 0, text[-2000:]
    assert recorded == [s.id for s in scenarios]
    rounds = text.split("--- Results (TRAINING — FICTIONAL CASE) ---")[1:]
    assert len(rounds) == len(scenarios)
    for scenario, shown in zip(scenarios, rounds, strict=True):
        total = len(scenario.evidence)
        assert f"Your reading: {total} of {total} key answers matched, 0 missed, 0 extra." in shown, scenario.id
        assert f"--- Summary ---\nTRAINING — FICTIONAL CASE. Signposting summary — case {scenario.case.reference}" in (
            shown
        ), scenario.id
    assert text.count("Round recorded in the room, anonymously.") == len(scenarios)
    assert "Nothing was written" not in text


def test_a_round_the_room_cannot_record_keeps_its_results_and_says_so(pack: Pack) -> None:
    scenarios = load_scenarios(pack, default_pack_path())
    flow = TrainingFlow(pack, scenarios)
    scenario = next(s for s in scenarios if s.id == HOTEL)

    def record(s, answers, services, signs, mode):  # type: ignore[no-untyped-def]
        raise InputError.single("room.sqlite", "the room file is locked by another program; try again")

    lines = [*key_round(flow, scenarios, scenario), "3"]
    out = io.StringIO()
    code = run_plain_training(pack, scenarios, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out, record=record)
    text = out.getvalue()
    assert code == 2  # the exit status says a round was not recorded
    results = text.index("--- End of results ---")
    assert "Your reading: " in text[:results]
    assert (
        "--- End of results ---\n"
        "Not recorded in the room: room.sqlite: the room file is locked by another program; try again\n"
    ) in text
    # The round goes on: its summary and the choice of what next, then the count of rounds not recorded.
    assert "--- Summary ---\nTRAINING — FICTIONAL CASE." in text[results:]
    assert "What next?" in text
    assert text.endswith(
        "1 round not recorded in the room (the results were shown; the debrief will not count them).\n"
    )
    assert "Round recorded" not in text


def test_stopping_after_a_recorded_round_does_not_say_nothing_was_written(pack: Pack) -> None:
    scenarios = load_scenarios(pack, default_pack_path())
    flow = TrainingFlow(pack, scenarios)
    lines = [*key_round(flow, scenarios, scenarios[0]), "1", "1", "q"]
    out = io.StringIO()
    code = run_plain_training(
        pack, scenarios, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out, record=lambda *a: None
    )
    text = out.getvalue()
    assert code == 0
    assert text.endswith("Stopped. Nothing else was written.\n")
