"""A page left for good is released: a tab of ``screener serve`` keeps only the screens it shows or keeps
on purpose (the app's one screen of each kind shown in place), not every page it has passed."""

from __future__ import annotations

import datetime as dt
import gc
import weakref

from screener.content import Pack, default_pack_path
from screener.training import load_scenarios
from screener.tui.app import ScreenerApp
from screener.tui.screens.page import PageScreen
from screener.tui.screens.training import ScenarioListScreen, VignetteScreen
from screener.tui.training import TrainingApp
from screener.walkthrough import Flow
from screener.walkthrough.session import Session

DAY = dt.date(2024, 11, 20)


async def test_the_welcome_page_is_released_once_left(pack: Pack) -> None:
    app = ScreenerApp(Session(Flow(pack), Flow(pack).new_answers(DAY)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        welcome = weakref.ref(app.screen)
        await pilot.press("n")
        await pilot.pause()
        assert app.current_key != "welcome"
        gc.collect()
        assert welcome() is None


async def test_a_round_s_pages_left_behind_are_released(pack: Pack) -> None:
    # No answer changes between these pages (predictions are the round's, not the session's): a page that
    # watched the app's revision stayed in Textual's list of watchers, and so in memory, until one did.
    app = TrainingApp(pack, load_scenarios(pack, default_pack_path()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        left: list[weakref.ref[PageScreen]] = []
        for key in ("enter", "r", "n", "1", "1", "n"):
            left.append(weakref.ref(app.screen))  # type: ignore[arg-type]
            await pilot.press(key)
            await pilot.pause()
        assert app.current_key == "results"
        gc.collect()
        alive = [screen for ref in left if (screen := ref()) is not None]
        kept = list(app._kept.values())
        assert {type(screen) for screen in alive} & {ScenarioListScreen, VignetteScreen} == set()
        assert all(any(screen is k for k in kept) for screen in alive)  # only the screens kept on purpose
