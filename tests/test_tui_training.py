"""Training mode in the TUI: a whole round with real key presses, a wrong prediction explained, and snapshots."""

from __future__ import annotations

import dataclasses
import io
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static

from screener.cli import main
from screener.content import Pack, default_pack_path
from screener.engine import screen
from screener.errors import InputError
from screener.render import render
from screener.training import Scenario, load_scenarios
from screener.tui.dialogs import TextDialog
from screener.tui.screens.export import ExportScreen
from screener.tui.screens.indicators import IndicatorsScreen
from screener.tui.screens.question import QuestionScreen
from screener.tui.screens.review import ReviewScreen
from screener.tui.screens.summary import SummaryScreen
from screener.tui.screens.training import PredictScreen, ResultsScreen, ScenarioListScreen, VignetteScreen
from screener.tui.training import TrainingApp
from screener.tui.widgets.indented import IndentedLines
from screener.walkthrough import Answers

SIZE = (80, 24)
HOTEL = "ew-age-dispute-hotel"
Snap = Callable[..., bool]


@pytest.fixture(scope="module")
def scenarios(pack: Pack) -> list[Scenario]:
    return load_scenarios(pack, default_pack_path())


def results_text(app: TrainingApp) -> str:
    return app.screen.query_one("#results", IndentedLines).text


def marked(app: TrainingApp) -> bool:
    """The page's title bar says TRAINING — FICTIONAL CASE (or CASES, on the list)."""
    return str(app.screen.query_one("#title-left", Static).render()).startswith("TRAINING — FICTIONAL CASE")


async def open_scenario(pilot: Pilot, app: TrainingApp, scenario_id: str) -> None:
    assert isinstance(app.screen, ScenarioListScreen) and marked(app)
    index = [s.id for s in app.training_flow.scenarios].index(scenario_id)
    await pilot.press(*["down"] * index, "enter")
    await pilot.pause()
    assert isinstance(app.screen, VignetteScreen) and marked(app)
    assert app.scenario is not None and app.scenario.id == scenario_id


async def test_a_whole_round_with_a_wrong_prediction_explained(
    pack: Pack, scenarios: list[Scenario], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = TrainingApp(pack, scenarios, mode="guided")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_scenario(pilot, app, HOTEL)
        vignette = str(app.screen.query_one("#vignette", Static).render())
        assert "Fictional case for training." in vignette and "asylum hotel" in vignette

        # Walk every question with n, as a trainee reading the case would.
        await pilot.press("n")
        walked = []
        while not isinstance(app.screen, ReviewScreen):
            walked.append(app.current_key)
            assert marked(app), app.current_key
            if isinstance(app.screen, QuestionScreen) and app.screen.typed:
                await pilot.press("enter")  # the typed answer as given; Enter goes on
            else:
                await pilot.press("n")
            await pilot.pause()
        assert walked[0] == "age" and "nrm_status" in walked and "jurisdiction" not in walked
        assert app.round is not None and app.answers == app.round.start  # walking changed nothing

        assert marked(app)
        await pilot.press("n")
        assert isinstance(app.screen, PredictScreen) and app.current_key == "predict:ictg-direct"
        assert marked(app)
        await pilot.press("3")  # criteria not met: wrong, the rules give criteria met; a number goes on
        await pilot.press("3")  # indirect: criteria not met, as the rules give
        assert app.current_key == "predict:signposts"
        options = [o.value for o in app.screen.question.options]  # type: ignore[attr-defined]
        for wanted in ("nrm-referral", "non-punishment"):
            await pilot.press(str(options.index(wanted) + 1))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        shown = results_text(app)

        assert "Guardianship: 1 of 2 predicted as the rules give." in shown
        assert (
            "✗ Miss — Independent Child Trafficking Guardian, direct support: "
            "you predicted criteria not met; the rules give criteria met" in shown
        )
        # The miss is explained by the criterion and its answer, and sourced.
        assert "No one with parental responsibility for the child is in the UK: met" in shown
        assert "(someone with parental responsibility is in the UK: no)" in shown
        assert 'Snapshot 2024, ch.4, "Independent Child Trafficking Guardians", p.27' in shown
        assert "✓ Match — Independent Child Trafficking Guardian, indirect support" in shown
        assert "✓ Match — Consider an NRM referral through a first responder" in shown
        assert "+ Extra — Raise the protections against punishing child victims" in shown
        assert "suspected, arrested, charged or prosecuted for an offence: no" in shown
        assert "✗ Miss — Treat as a child while the age dispute is resolved" in shown
        assert "? Open — The NRM decision may be made by the local pilot panel" in shown

        assert marked(app)
        await pilot.press("n")
        assert isinstance(app.screen, SummaryScreen) and marked(app)
        await pilot.press("n")
        assert isinstance(app.screen, ExportScreen) and marked(app)
        await pilot.press("enter", "enter")  # Markdown, then the Export button
        await app.workers.wait_for_complete()
        await pilot.pause()

    # Named from the screening date only, never from the case.
    (written,) = tmp_path.glob("screening-????-??-??-summary.md")
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# TRAINING — FICTIONAL CASE.")
    scenario = next(s for s in scenarios if s.id == HOTEL)
    expected = render(dataclasses.replace(screen(pack, scenario.case), training=True), "md")
    assert text == expected


async def test_a_changed_answer_is_marked_for_the_trainee_s_answers(pack: Pack, scenarios: list[Scenario]) -> None:
    app = TrainingApp(pack, scenarios, mode="guided")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_scenario(pilot, app, HOTEL)
        app.go_to("pr_in_uk")
        await pilot.pause()
        await pilot.press("1")  # yes: someone with parental responsibility is in the UK
        app.go_to("results")
        await pilot.pause()
        shown = results_text(app)
    assert "You changed some of the scenario's answers: this key is for your answers." in shown
    # With someone holding parental responsibility in the UK, the key moves to indirect support.
    assert "indirect support: no prediction; the rules give criteria met" in shown
    assert "direct support: no prediction; the rules give criteria may be met" in shown


async def test_choosing_again_starts_afresh_and_nothing_is_saved(pack: Pack, scenarios: list[Scenario]) -> None:
    app = TrainingApp(pack, scenarios, mode="guided")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_scenario(pilot, app, HOTEL)
        assert app.round is not None
        app.round.predict("predict:ictg-direct", {"criteria-met"})
        await pilot.press("b")
        assert isinstance(app.screen, ScenarioListScreen)
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.scenario is not None and app.scenario.id != HOTEL
        assert app.round is not None and app.round.predicted_services == {}
        assert app.check_action("save", ()) is False
        await pilot.press("ctrl+q")  # fictional: quitting never asks
        await pilot.pause()
    assert app.return_code == 0


async def answer_with_keys(pilot: Pilot, app: TrainingApp, question_id: str, target: Answers) -> None:
    """Go to one page and answer it with keys, as a trainee giving ``target``'s answers would."""
    app.go_to(question_id)
    await pilot.pause()
    screen_ = app.screen
    assert isinstance(screen_, (QuestionScreen, IndicatorsScreen))
    question = screen_.page.question
    assert question is not None and question.id == question_id
    assert marked(app), question.id
    # Nothing is filled in: the page starts empty or not known.
    assert app.answers.get(question) in (None, "unknown", frozenset()), question.id
    wanted = target.get(question)
    if question.id == "age":
        await pilot.press(*str(wanted), "enter")
    elif question.kind == "indicators":
        values = [o.value for o in question.options]
        await pilot.press(*[str(values.index(v) + 1) for v in sorted(wanted, key=values.index)], "n")
    else:
        values = [o.value for o in question.options]
        await pilot.press(str(values.index(wanted) + 1))  # a number records the answer and goes on
    await pilot.pause()
    assert app.answers.get(question) == wanted, question.id
    assert app.current_key != question_id, question.id


async def test_a_practice_round_with_a_missed_indicator_and_an_extra_fact(
    pack: Pack, scenarios: list[Scenario], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    scenario = next(s for s in scenarios if s.id == HOTEL)
    key = Answers.from_case(pack, scenario.case)
    # The trainee reads the case well but misses the hotel and adds a pilot the case does not mention.
    target = dataclasses.replace(
        key,
        age=16,
        indicators=tuple(i for i in key.indicators if i != "hotel-placement"),
        facts={**key.facts, "devolved_pilot_area": "yes"},
    )
    app = TrainingApp(pack, scenarios)
    assert app.mode == "practice"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_scenario(pilot, app, HOTEL)
        assert app.answers.indicators == () and app.answers.facts == {} and app.answers.age is None
        # Each kind of page with keys (the guided round above walks every page with keys; the plain
        # round in tests/test_train_plain.py types every answer); the others recorded as their pages do.
        questions = app.flow.questions(target)
        asked = [q.id for q in questions]
        assert asked[0] == "age" and "devolved_pilot_area" in asked and "nrm_status" in asked
        theme = next(q.id for q in questions if q.kind == "indicators" and target.get(q))
        by_keys = {"age", "devolved_pilot_area", theme}  # an age, a choice and a theme
        for question in questions:
            if question.id in by_keys:
                await answer_with_keys(pilot, app, question.id, target)
            elif question.kind in ("choice", "indicators"):
                app.session.record(question, target.get(question))
            # A typed date is kept as the page starts, as Enter keeps it.
        for question in questions:
            if question.kind != "date":
                assert app.answers.get(question) == target.get(question), question.id
        app.go_to("review")
        await pilot.pause()
        await pilot.press("v")  # the case again, over any page after the vignette
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        assert "asylum hotel" in str(app.screen.query_one("#dialog-body", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("n")
        assert isinstance(app.screen, PredictScreen)
        await pilot.press("1")  # direct: criteria met, as the rules give on the key
        await pilot.press("3")  # indirect: criteria not met
        options = [o.value for o in app.screen.question.options]  # type: ignore[attr-defined]
        at = 0  # the pilot's signpost is beyond 9, so the cursor and space mark it
        for wanted in sorted(("nrm-referral", "devolved-decision-making"), key=options.index):
            await pilot.press(*["down"] * (options.index(wanted) - at), "space")
            at = options.index(wanted)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.round is not None
        assert app.round.predictions["predict:signposts"] == {"nrm-referral", "devolved-decision-making"}
        shown = results_text(app)
        prompt = str(app.screen.query_one(".prompt", Static).render())
    assert "TRAINING — FICTIONAL CASE" in prompt
    total = len(scenario.evidence)
    assert f"Your reading: {total - 1} of {total} key answers matched, 1 missed, 1 extra." in shown
    assert "✗ Missed — Indicator: Placed in a hotel: you did not note it" in shown
    assert "The case says: “He says he is 16; an officer at the port recorded him as over 18" in shown
    assert "+ Extra — Answer: The child's area is in the devolved decision-making pilot: you answered Yes" in shown
    # The prediction followed the trainee's own answers, and the difference is put down to the extra fact.
    assert (
        "Signpost: The NRM decision may be made by the local pilot panel: on your answers it applies; "
        "on the key's answers it may apply" in shown
    )
    assert (
        "Your prediction follows your own answers; it differs from the key because you added the answer "
        "'The child's area is in the devolved decision-making pilot'." in shown
    )
    assert "Your predictions, marked against the rules on the key's answers" in shown
    assert "✓ Match — The NRM decision may be made by the local pilot panel: you listed it, and it applies" in shown


def test_bare_train_without_a_terminal_is_plain_practice(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Under pytest stdin is not a terminal: training runs as numbered questions instead.
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    assert main(["train"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Screener training (plain mode) — TRAINING — FICTIONAL CASE")
    assert "Practice: read the case" in out


@pytest.fixture
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


def test_snapshot_scenario_list(snap_compare: Snap, pack: Pack, scenarios: list[Scenario], steady_cursor: None) -> None:
    assert snap_compare(TrainingApp(pack, scenarios), press=["down"], terminal_size=SIZE)


def test_snapshot_results(snap_compare: Snap, pack: Pack, scenarios: list[Scenario], steady_cursor: None) -> None:
    async def run(pilot: Pilot) -> None:
        app = pilot.app
        assert isinstance(app, TrainingApp)
        app.choose(next(s for s in scenarios if s.id == HOTEL))
        assert app.round is not None
        app.round.predict("predict:ictg-direct", {"criteria-not-met"})
        app.round.predict("predict:ictg-indirect", {"criteria-not-met"})
        app.round.predict("predict:signposts", {"nrm-referral", "non-punishment"})
        app.go_to("results")
        await pilot.pause()

    assert snap_compare(TrainingApp(pack, scenarios, mode="guided"), run_before=run, terminal_size=SIZE)


def test_snapshot_results_whole_page_narrow(
    snap_compare: Snap, pack: Pack, scenarios: list[Scenario], steady_cursor: None
) -> None:
    # Practice, with some answers given: every kind of line at every depth, wrapped at 70 columns under its indent.
    async def run(pilot: Pilot) -> None:
        app = pilot.app
        assert isinstance(app, TrainingApp)
        scenario = next(s for s in scenarios if s.id == HOTEL)
        app.choose(scenario)
        key = Answers.from_case(pack, scenario.case)
        app.answers = dataclasses.replace(key, indicators=(*key.indicators[1:], "county-lines"))
        assert app.round is not None
        app.round.predict("predict:ictg-direct", {"criteria-met"})
        app.go_to("results")
        await pilot.pause()

    assert snap_compare(TrainingApp(pack, scenarios), run_before=run, terminal_size=(70, 170))


async def test_a_practice_round_of_a_scenario_of_each_jurisdiction_in_the_tui(
    pack: Pack, scenarios: list[Scenario]
) -> None:
    # The keys of a round are proven above. Every shipped scenario is played through the same
    # Round (screener.training.round) in plain mode (tests/test_train_plain.py); here the first of
    # each jurisdiction opens on its vignette with nothing filled in, and its comparison is shown
    # and recorded, in one app (one start-up).
    recorded: list[str] = []

    def record(s, answers, services, signs, mode):  # type: ignore[no-untyped-def]
        recorded.append(s.id)

    played = list({s.jurisdiction: s for s in reversed(scenarios)}.values())
    assert len(played) == 3
    app = TrainingApp(pack, scenarios, record=record)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for scenario in played:
            app.choose(scenario)
            await pilot.pause()
            assert isinstance(app.screen, VignetteScreen), scenario.id
            assert app.answers.indicators == () and app.answers.facts == {}, scenario.id
            app.answers = Answers.from_case(pack, scenario.case)  # the trainee reads it as the key does
            app.go_to("results")
            await pilot.pause()
            assert isinstance(app.screen, ResultsScreen) and marked(app), scenario.id
            assert "TRAINING — FICTIONAL CASE" in str(app.screen.query_one(".prompt", Static).render())
            shown = results_text(app)
            total = len(scenario.evidence)
            assert f"Your reading: {total} of {total} key answers matched, 0 missed, 0 extra." in shown, scenario.id
            assert "The case says: “" in shown, scenario.id
    assert recorded == [s.id for s in played]


async def test_a_round_the_room_cannot_record_keeps_its_results_and_shows_a_notice(
    pack: Pack, scenarios: list[Scenario]
) -> None:
    def record(s, answers, services, signs, mode):  # type: ignore[no-untyped-def]
        raise InputError.single("room.sqlite", "the room file is locked by another program; try again")

    app = TrainingApp(pack, scenarios, record=record)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.choose(next(s for s in scenarios if s.id == HOTEL))
        app.go_to("results")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)  # the results stay shown
        assert "Your reading: " in results_text(app)
        (notice,) = app._notifications
        assert (notice.title, notice.message, notice.severity) == (
            "Not recorded",
            "room.sqlite: the room file is locked by another program; try again",
            "error",
        )
    assert app.not_recorded == 1


async def test_an_age_typed_fast_keeps_every_digit(pack: Pack, scenarios: list[Scenario]) -> None:
    # A browser tab sends each key as it is typed: the second digit reaches the app before the
    # first has given the box the focus. Both must land in the box (it was "1" for "15").
    app = TrainingApp(pack, scenarios)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_scenario(pilot, app, HOTEL)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.current_key == "age"
        for digit in "16":
            app.post_message(events.Key(digit, digit))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert app.answers.age == 16


async def test_enter_then_n_typed_in_one_burst_opens_the_scenario_and_goes_on(
    pack: Pack, scenarios: list[Scenario]
) -> None:
    # A terminal delivers fast typing as one burst: the n after Enter was sent to the list before the
    # list had opened the scenario, and the list dropped it. Enter now opens as the app reads it.
    app = TrainingApp(pack, scenarios)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ScenarioListScreen)
        app.post_message(events.Key("enter", "\r"))
        app.post_message(events.Key("n", "n"))
        await pilot.pause()
        await pilot.pause()
        assert app.scenario is scenarios[0]
        assert app.current_key == app.flow.questions(app.answers)[0].id


@pytest.mark.parametrize("scenario_id", ["ew-age-dispute-hotel", "ni-labour-not-in-touch"])
async def test_the_signposts_question_stays_on_screen_at_80x24(
    pack: Pack, scenarios: list[Scenario], scenario_id: str
) -> None:
    # Found walking a Northern Ireland round: arriving at the signposts prediction from the last service's,
    # the page had scrolled to its list and the question itself was off the top. The list scrolls within the
    # page instead, and the highlighted signpost's action shows whole beneath it.
    app = TrainingApp(pack, scenarios, mode="guided")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_scenario(pilot, app, scenario_id)
        app.go_to("review")
        await pilot.pause()
        await pilot.press("n")
        while app.current_key != "predict:signposts":
            await pilot.press("1")
            await pilot.pause()
        await pilot.pause()
        page = app.screen
        assert isinstance(page, PredictScreen)
        screen_rows = range(1, SIZE[1] - 1)  # under the title line, above the footer
        prompt = page.query_one("#prompt", Static)
        assert prompt.region.y in screen_rows and str(prompt.render()).startswith("Which signposts")
        for down in range(len(page.question.options)):
            detail = page.query_one("#indicator-detail", Static)
            shown = detail.region
            assert shown.y in screen_rows and shown.bottom - 1 in screen_rows, down
            needed = detail.get_content_height(shown.size, app.size, detail.content_region.width)
            assert shown.height >= needed > 1, down
            assert prompt.region.y in screen_rows, down
            await pilot.press("down")
            await pilot.pause()
