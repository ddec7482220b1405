"""One training round (``screener.training.round``), as both training faces play it, without a face."""

from __future__ import annotations

import pytest

from screener.content import Pack, default_pack_path
from screener.errors import InputError
from screener.training import Scenario, load_scenarios
from screener.training.round import Round, unwrap
from screener.training.walkthrough import PREDICT_SIGNPOSTS, TrainingFlow
from screener.walkthrough import Answers
from screener.walkthrough.session import Session

HOTEL = "ew-age-dispute-hotel"


@pytest.fixture(scope="module")
def scenarios(pack: Pack) -> list[Scenario]:
    return load_scenarios(pack, default_pack_path())


def hotel(scenarios: list[Scenario]) -> Scenario:
    return next(s for s in scenarios if s.id == HOTEL)


def test_a_round_starts_from_the_key_when_guided_and_blank_in_practice(pack: Pack, scenarios: list[Scenario]) -> None:
    scenario = hotel(scenarios)
    guided = Round(pack, scenario, "guided")
    practice = Round(pack, scenario, "practice")
    assert guided.start == Answers.from_case(pack, scenario.case)
    assert practice.start != guided.start
    assert practice.start.jurisdiction == scenario.jurisdiction  # given with the scenario, not asked
    assert practice.practice and not guided.practice


def test_predictions_become_services_and_signposts(pack: Pack, scenarios: list[Scenario]) -> None:
    played = Round(pack, hotel(scenarios), "guided")
    played.predict("predict:ictg-direct", {"criteria-met"})
    played.predict("predict:ictg-indirect", set())  # no prediction
    played.predict(PREDICT_SIGNPOSTS, {"nrm-referral"})
    assert played.predicted_services == {"ictg-direct": "criteria-met"}
    assert played.predicted_signposts == {"nrm-referral"}


def test_guided_results_mark_predictions_and_practice_results_the_reading(
    pack: Pack, scenarios: list[Scenario]
) -> None:
    flow = TrainingFlow(pack, scenarios)
    for mode, heading in (("guided", "Guardianship"), ("practice", "reading")):
        played = Round(pack, hotel(scenarios), mode)  # type: ignore[arg-type]
        session = Session(flow, played.start, training=True)
        lines = played.result_lines(flow, session.answers, session.summary())
        assert lines and any(heading.lower() in text.lower() for _, text in lines), mode


def test_the_room_is_given_a_round_once_and_a_refusal_is_said(pack: Pack, scenarios: list[Scenario]) -> None:
    played = Round(pack, hotel(scenarios), "practice")
    given: list[tuple[str, str]] = []

    def keep(scenario: Scenario, answers: Answers, services: object, signposts: object, mode: str) -> None:
        given.append((scenario.id, mode))

    assert played.send_to_room(keep, played.start) is None
    assert played.sent_to_room and given == [(HOTEL, "practice")]

    def refuse(*_args: object) -> None:
        raise InputError.single("room.sqlite", "the room is full")

    again = Round(pack, hotel(scenarios), "guided")
    assert again.send_to_room(refuse, again.start) == "room.sqlite: the room is full"
    assert again.sent_to_room


def test_the_vignette_is_read_as_paragraphs() -> None:
    assert unwrap("One line\n  and its rest.\n\nNext  paragraph.\n") == "One line and its rest.\n\nNext  paragraph."
