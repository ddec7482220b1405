"""What makes a page switch cheap must not change what it shows. The next question, or the next theme's
indicators, shows in the screen already up (``PageScreen.show_page``) or one kept from before: what it shows
must be what a new screen of that page would show, and a key pressed for the page before must not answer
the page after. The review readies the summary for the width it will be shown at."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.pilot import Pilot

from screener.content import Pack, default_pack_path
from screener.training import load_scenarios
from screener.tui.app import ScreenerApp
from screener.tui.screens.indicators import IndicatorsScreen
from screener.tui.screens.page import PageScreen
from screener.tui.screens.question import QuestionScreen
from screener.tui.screens.review import ReviewScreen
from screener.tui.screens.summary import SummaryScreen
from screener.tui.screens.training import PredictScreen
from screener.tui.training import TrainingApp
from screener.tui.widgets import markdown_lines
from screener.tui.widgets.choices import ChoiceList
from screener.tui.widgets.markdown_lines import MarkdownLines
from screener.walkthrough import Flow
from screener.walkthrough.session import Session

DAY = dt.date(2024, 11, 20)


def make_app(pack: Pack) -> ScreenerApp:
    return ScreenerApp(Session(Flow(pack), Flow(pack).new_answers(DAY)))


async def keys_for_the_page(pilot: Pilot, app: ScreenerApp, turn: int) -> None:
    """Answers as a practitioner would: typed boxes, choices in turn Yes, No and left as they are, marks."""
    key = app.current_key
    if key == "reference":
        await pilot.press(*"R-7", "enter")
    elif key == "age":
        await pilot.press(*"14/03/2011", "enter")
    elif isinstance(app.screen, IndicatorsScreen):
        await pilot.press(*(("space", "down", "down", "space", "enter"), ("enter",))[turn % 2])
    elif isinstance(app.screen, QuestionScreen) and app.screen.typed:
        await pilot.press("enter")
    else:
        await pilot.press(("1", "2", "n")[turn % 3])


async def test_a_page_shown_in_place_looks_as_a_new_screen_of_it_would(pack: Pack) -> None:
    app = make_app(pack)
    in_place: list[str] = []
    again: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        turn = 0
        seen: list[object] = []
        while app.current_key != "review":
            key, screen = app.current_key, app.screen
            seen.append(screen)
            await keys_for_the_page(pilot, app, turn)
            turn += 1
            await pilot.pause()
            assert app.current_key != key, f"stuck on {key}"
            if app.screen is screen:
                in_place.append(app.current_key)
            elif app.screen in seen:
                again.append(app.current_key)  # a kept screen of another kind, shown again
            else:
                continue
            await looks_as_a_new_screen(pilot, app, "shown in place")
    # Typed to typed, choice to choice and theme to theme were all shown in place; a question after
    # the indicators in a question's screen kept from before them.
    assert {"age", "theme:sexual-exploitation"} <= set(in_place) and len(in_place) >= 10, in_place
    assert again, "no screen was kept for its next page"


async def looks_as_a_new_screen(pilot: Pilot, app: ScreenerApp, how: str = "shown again") -> None:
    """What the page up shows is what a new screen of it shows."""
    shown = app.export_screenshot()
    page = app.session.page
    assert page is not None
    kept = app.screen
    app.switch_screen(app.screen_for(page))
    while app.screen is kept:
        await pilot.pause()
    await pilot.pause()
    assert app.export_screenshot() == shown, f"{app.current_key} {how} differs from a new screen"


async def test_the_review_shown_again_looks_as_a_new_one_would(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1", "1", *"R-7", "enter")
        await pilot.press("r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        # A change from the review: back to it, with what the change did.
        await pilot.press("home", "down", "enter")
        await pilot.pause()
        assert app.screen is not review and app.current_key == "nation"
        await pilot.press("2")
        await pilot.pause()
        assert app.screen is review and review.query_one("#review-changes").display
        await looks_as_a_new_screen(pilot, app)
        # From the new one: to a question, and r back to the review kept.
        await pilot.press("home", "enter")
        await pilot.pause()
        assert app.current_key == "jurisdiction"
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is review
        await looks_as_a_new_screen(pilot, app)


async def test_the_summary_shown_again_looks_as_a_new_one_would(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1", "1", *"R-7", "enter", "r", "n")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        first = summary.source
        await pilot.press("pagedown", "b", "n")  # scrolled, back to the review and on again: from the top
        await pilot.pause()
        assert app.screen is summary
        await looks_as_a_new_screen(pilot, app)
        # Another answer, another summary.
        await pilot.press("r", "home", "down", "enter", "2", "n")
        await pilot.pause()
        assert app.screen is summary and app.screen.query_one(MarkdownLines).source != first
        await looks_as_a_new_screen(pilot, app)


def a_late_choice(screen: PageScreen) -> ChoiceList.Changed:
    """What a second key, pressed before this page moved on, posts: a choice (its last option) on this
    page's list, made for this page."""
    choices = screen.query_one(ChoiceList)
    return ChoiceList.Changed(choices, frozenset({choices.choices[-1].value}), advance=True)


async def test_a_choice_made_for_the_page_before_does_not_answer_the_page_shown_in_its_place(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1", "1", *"R-7", "enter", *"14/03/2011", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and not screen.typed
        first = app.current_key
        late = a_late_choice(screen)
        await pilot.press("1")
        await pilot.pause()
        assert app.screen is screen and app.current_key != first
        second = app.session.page
        assert second is not None and second.question is not None
        before = app.answers.get(second.question)
        late.choice_list.post_message(late)
        await pilot.pause()
        assert app.current_key == second.key and app.answers.get(second.question) == before


async def test_a_new_page_and_an_answer_each_draw_the_title_line_once(
    pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Textual calls the on_mount of every class in a screen's MRO: a page that called super().on_mount()
    # ran the frame's twice.
    calls: list[str] = []
    show = PageScreen.refresh_title

    def counted(self: PageScreen) -> None:
        calls.append(self.page.key)
        show(self)

    monkeypatch.setattr(PageScreen, "refresh_title", counted)
    app = make_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        calls.clear()
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert calls == ["jurisdiction"]
        app.session.record(screen.question, "scotland")
        await pilot.pause()
        assert calls == ["jurisdiction", "jurisdiction"]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_reading_the_review_lays_the_summary_out_for_the_width_it_is_shown_at(
    pack: Pack, size: tuple[int, int]
) -> None:
    app = make_app(pack)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n", "1")
        app.go_review()
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        review._ready_the_summary()  # what the page does once it has been read a moment
        ready = {key for kept, laid in markdown_lines._LAID_OUT.items() if kept is app for key in laid}
        await pilot.press("n")
        await pilot.pause()
        shown = app.screen.query_one(MarkdownLines)
        assert (shown.source, shown.scrollable_content_region.width) in ready


async def test_a_training_review_lays_out_no_summary_where_the_predictions_come_next(pack: Pack) -> None:
    app = TrainingApp(pack, load_scenarios(pack, default_pack_path()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen) and app.answers.jurisdiction is not None
        review._ready_the_summary()  # what the page does once it has been read a moment
        following = app.session.following(review.page.key)
        assert following is not None and following.step == "predict"
        assert not any(kept is app for kept in [*markdown_lines._PARSED, *markdown_lines._LAID_OUT])


async def test_the_next_prediction_shows_in_place_as_a_new_screen_of_it_would(pack: Pack) -> None:
    app = TrainingApp(pack, load_scenarios(pack, default_pack_path()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "r", "n")
        await pilot.pause()
        direct = app.screen
        assert isinstance(direct, PredictScreen) and not direct.multiple
        first = app.current_key
        late = a_late_choice(direct)
        await pilot.press("1")
        await pilot.pause()
        assert app.screen is direct and app.current_key != first
        await looks_as_a_new_screen(pilot, app, "shown in place")
        second = app.current_key
        choices = app.screen.query_one(ChoiceList)
        choices.post_message(late)
        await pilot.pause()
        assert app.current_key == second and app.round is not None and second not in app.round.predictions
        # On to the signposts (marked, not chosen: a screen of their own), and back to the outcome's screen, kept.
        await pilot.press("1")
        await pilot.pause()
        signposts = app.screen
        assert isinstance(signposts, PredictScreen) and signposts.multiple
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, PredictScreen) and not app.screen.multiple and app.current_key == second
        await looks_as_a_new_screen(pilot, app)
