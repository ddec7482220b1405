"""SVG snapshots of the key walkthrough screens at 80x24.

After a deliberate change to a screen, look at the report of a failing run, then
rewrite the snapshots with ``pytest tests/test_tui_snapshots.py --snapshot-update``
and read the diff before committing it. Snapshots change with every Textual
release, which is why Textual is pinned exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from screener.casefile.read import load_case
from screener.content import Pack
from screener.tui.app import ScreenerApp
from screener.tui.themes import HIGH_CONTRAST
from screener.walkthrough import Answers, Flow
from screener.walkthrough.session import Session

HERE = Path(__file__).resolve().parent
EW_CASE = HERE / "cases" / "england-wales-county-lines.yaml"
DAY = dt.date(2024, 11, 20)
SIZE = (80, 24)
Snap = Callable[..., bool]


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor would make snapshots flake: keep it shown."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


def fresh(pack: Pack) -> ScreenerApp:
    return ScreenerApp(Session(Flow(pack), Flow(pack).new_answers(DAY)))


def opened(pack: Pack) -> ScreenerApp:
    case = load_case(EW_CASE, set(pack.questions), set(pack.indicators))
    # A relative name, so that the welcome page reads the same on every machine.
    return ScreenerApp(Session(Flow(pack), Answers.from_case(pack, case), case_path=Path(EW_CASE.name)))


def go(key: str, *keys: str) -> Callable[[Pilot], object]:
    async def run(pilot: Pilot) -> None:
        pilot.app.go_to(key)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run


def test_welcome(snap_compare: Snap, pack: Pack) -> None:
    assert snap_compare(fresh(pack), terminal_size=SIZE)


def test_jurisdiction_not_yet_chosen(snap_compare: Snap, pack: Pack) -> None:
    assert snap_compare(fresh(pack), press=["n"], terminal_size=SIZE)


def test_yes_no_question_answered(snap_compare: Snap, pack: Pack) -> None:
    assert snap_compare(opened(pack), run_before=go("pr_in_uk"), terminal_size=SIZE)


def test_age_with_an_inline_error(snap_compare: Snap, pack: Pack) -> None:
    async def run(pilot: Pilot) -> None:
        await pilot.press("n", "1", "n", "enter", *"2009-02-30")  # England and Wales, nation not known
        await pilot.pause()

    assert snap_compare(fresh(pack), run_before=run, terminal_size=SIZE)


def test_indicators_page(snap_compare: Snap, pack: Pack) -> None:
    assert snap_compare(opened(pack), run_before=go("theme:criminal-exploitation", "down"), terminal_size=SIZE)


def test_indicators_page_with_a_line_marked_from_an_answer(snap_compare: Snap, pack: Pack) -> None:
    # A child of 17: Approaching 18 is marked from the age answer, and says so.
    async def run(pilot: Pilot) -> None:
        await pilot.press("1", "n", "enter", "1", "7", "enter")  # England and Wales; aged 17
        pilot.app.go_to("theme:transitions")  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(fresh(pack), run_before=run, terminal_size=SIZE)


def test_a_concern_filled_in_from_the_nrm_answer(snap_compare: Snap, pack: Pack) -> None:
    async def run(pilot: Pilot) -> None:
        await pilot.press("1")  # England and Wales
        pilot.app.go_to("nrm_status")  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("2")  # referred
        await pilot.pause()

    assert snap_compare(fresh(pack), run_before=run, terminal_size=SIZE)


def test_why_dialog(snap_compare: Snap, pack: Pack) -> None:
    assert snap_compare(opened(pack), run_before=go("pr_in_uk", "w"), terminal_size=SIZE)


def test_review(snap_compare: Snap, pack: Pack) -> None:
    assert snap_compare(opened(pack), run_before=go("review"), terminal_size=SIZE)


def test_summary(snap_compare: Snap, pack: Pack) -> None:
    assert snap_compare(opened(pack), run_before=go("summary"), terminal_size=SIZE)


def test_export(snap_compare: Snap, pack: Pack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir("/")  # the page shows the folder: one that reads the same on every machine
    assert snap_compare(opened(pack), run_before=go("export"), terminal_size=SIZE)


def test_typed_question_waits_outside_the_box(snap_compare: Snap, pack: Pack) -> None:
    assert snap_compare(opened(pack), run_before=go("reference"), terminal_size=SIZE)


def test_review_after_a_change(snap_compare: Snap, pack: Pack) -> None:
    # From the review, change whether the age is disputed (after the nation, the reference and the
    # age): the answer returns to the review.
    keys = ("down", "down", "down", "down", "enter", "1")
    assert snap_compare(opened(pack), run_before=go("review", *keys), terminal_size=SIZE)


def test_quit_dialog(snap_compare: Snap, pack: Pack) -> None:
    async def run(pilot: Pilot) -> None:
        await pilot.press("n", "2", "ctrl+q")
        for _ in range(10):
            await pilot.pause()

    assert snap_compare(fresh(pack), run_before=run, terminal_size=SIZE)


def test_high_contrast_question(snap_compare: Snap, pack: Pack) -> None:
    async def run(pilot: Pilot) -> None:
        pilot.app.theme = HIGH_CONTRAST.name
        await go("age_disputed")(pilot)  # type: ignore[misc]

    assert snap_compare(opened(pack), run_before=run, terminal_size=SIZE)
