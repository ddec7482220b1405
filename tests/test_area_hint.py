"""A question settled by the area file says so on its page, in the TUI and plain mode, and can be overridden."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from screener.area.read import load_area
from screener.area.show import settled_hint
from screener.casefile.read import load_case
from screener.content import Pack
from screener.plain import run_plain
from screener.walkthrough import Answers, Flow
from screener.walkthrough.session import Session

HERE = Path(__file__).resolve().parent
BOROUGH = HERE.parent / "indicators" / "areas" / "example-borough.yaml"
EW_CASE = HERE / "cases" / "england-wales-county-lines.yaml"
WHERE = "Example Borough (fictional), checked 2026-11-30"
DAY = dt.date(2024, 11, 20)


def _case(tmp_path: Path, ictg_area: str) -> Path:
    text = re.sub(r"(?m)^(\s+ictg_area:) .*$", rf"\1 {ictg_area}", EW_CASE.read_text(encoding="utf-8"))
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_hint_says_which_answer_holds(pack: Pack) -> None:
    area = load_area(BOROUGH, pack)
    hint = settled_hint(area, True, "england-wales", "ictg_area", "unknown", DAY)
    assert hint == (
        f"From the area file ({WHERE}): Yes. You can override it: answer here; Not known keeps the area file's answer."
    )
    assert settled_hint(area, True, "england-wales", "ictg_area", "no", DAY) == (
        f"Your answer overrides the area file ({WHERE}), which says Yes."
    )
    assert "same answer" in (settled_hint(area, True, "england-wales", "ictg_area", "yes", DAY) or "")
    # Not settled: no area, the area turned off, another jurisdiction, a fact it does not settle, before its date.
    assert settled_hint(None, True, "england-wales", "ictg_area", "unknown", DAY) is None
    assert settled_hint(area, False, "england-wales", "ictg_area", "unknown", DAY) is None
    assert settled_hint(area, True, "scotland", "ictg_area", "unknown", DAY) is None
    assert settled_hint(area, True, "england-wales", "pr_in_uk", "unknown", DAY) is None
    assert settled_hint(area, True, "england-wales", "ictg_area", "unknown", dt.date(2018, 12, 31)) is None


def _plain(pack: Pack, case_path: Path, lines: list[str], use_area: bool = True) -> str:
    out = io.StringIO()
    case = load_case(case_path, set(pack.questions), set(pack.indicators))
    run_plain(
        Session.open(pack, case, case_path=case_path, area=load_area(BOROUGH, pack) if use_area else None),
        stdin=io.StringIO("".join(f"{x}\n" for x in lines)),
        stdout=out,
    )
    return " ".join(out.getvalue().split())


def test_plain_mode_shows_the_hint_and_the_override(pack: Pack, tmp_path: Path) -> None:
    # Use the area, then Enter through every question to the end of input.
    text = _plain(pack, _case(tmp_path, "unknown"), ["yes"] + [""] * 40)
    assert f"From the area file ({WHERE}): Yes. You can override it" in text
    text = _plain(pack, _case(tmp_path, "no"), ["yes"] + [""] * 40)
    assert f"Your answer overrides the area file ({WHERE}), which says Yes." in text
    assert "From the area file (" not in _plain(pack, _case(tmp_path, "unknown"), ["no"] + [""] * 40)


async def test_the_tui_question_page_shows_the_hint_and_follows_an_override(pack: Pack, tmp_path: Path) -> None:
    from textual.widgets import Static

    from screener.tui.app import ScreenerApp

    path = _case(tmp_path, "unknown")
    case = load_case(path, set(pack.questions), set(pack.indicators))
    app = ScreenerApp(Session(Flow(pack), Answers.from_case(pack, case), case_path=path))
    app.session.area = load_area(BOROUGH, pack)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.go_to("ictg_area")
        await pilot.pause()
        hint = app.screen.query_one("#area-hint", Static)
        assert hint.display and str(hint.render()).startswith(f"From the area file ({WHERE}): Yes.")
        await pilot.press("2")  # No, and on to the next question
        await pilot.pause()
        assert app.answers.facts["ictg_area"] == "no"
        app.go_to("ictg_area")
        await pilot.pause()
        hint = app.screen.query_one("#area-hint", Static)
        assert str(hint.render()) == f"Your answer overrides the area file ({WHERE}), which says Yes."
        # A question the area does not settle shows no hint.
        app.go_to("pr_in_uk")
        await pilot.pause()
        assert not app.screen.query_one("#area-hint", Static).display
