"""The age-only export: the child's age in years, and nothing in any format that gives the date of birth away.

Every sample case and shipped scenario with a date of birth is screened (with the
area file of its jurisdiction, so local notes and contacts are in it too) and
rendered in all four formats with the age-only option; none may show the date of
birth or the exact day of a key date worked out from it (the 18th birthday, the
pilot's 100-day mark, the end of Guardianship Scotland support after 18), in ISO
or in words. The JSON keeps every contract field and the outcomes do not move.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from screener.area.read import load_area
from screener.casefile.model import Case
from screener.casefile.read import load_case
from screener.cli import main
from screener.content import Pack, default_pack_path
from screener.engine import screen
from screener.privacy import AGE_ONLY_NOTICE, BIRTHDAY_DATES, age_only
from screener.render import render
from screener.render.document import long_date
from screener.training import load_scenarios
from screener.walkthrough import Flow
from screener.walkthrough.session import Session

HERE = Path(__file__).resolve().parent
AREAS = {
    "england-wales": HERE.parent / "indicators" / "areas" / "example-borough.yaml",
    "scotland": HERE.parent / "indicators" / "areas" / "example-shire-scotland.yaml",
    "northern-ireland": HERE.parent / "indicators" / "areas" / "example-district-ni.yaml",
}
CASE_FILES = sorted((HERE / "cases").glob("*.yaml"))
FORMATS = ("md", "txt", "html", "json")


def _cases(pack: Pack) -> list[tuple[str, Case]]:
    out = [(p.stem, load_case(p, set(pack.questions), set(pack.indicators))) for p in CASE_FILES]
    out += [(s.id, s.case) for s in load_scenarios(pack, default_pack_path())]
    return [(name, case) for name, case in out if case.child.date_of_birth is not None]


def _spellings(day: dt.date) -> list[str]:
    return [day.isoformat(), long_date(day), day.strftime("%d %B %Y"), day.strftime("%d/%m/%Y")]


def test_there_are_cases_with_each_birthday_date(pack: Pack) -> None:
    # The test below can only prove what the cases exercise: each date worked out from the birthday.
    seen = {d.id for _name, case in _cases(pack) for d in screen(pack, case).key_dates}
    assert seen >= BIRTHDAY_DATES
    assert len(_cases(pack)) >= 10


def test_no_format_gives_the_date_of_birth_away(pack: Pack) -> None:
    for name, case in _cases(pack):
        area = load_area(AREAS[case.jurisdiction], pack)
        full = screen(pack, case, area=area)
        hidden = [case.child.date_of_birth, *(d.date for d in full.key_dates if d.id in BIRTHDAY_DATES)]
        shown = age_only(full, case)
        for fmt in FORMATS:
            text = render(shown, fmt)
            for day in hidden:
                for spelling in _spellings(day):  # type: ignore[arg-type]
                    assert spelling not in text, f"{name} {fmt}: {spelling}"
            assert "whole years; the date of birth is left out" in text, f"{name} {fmt}"
            assert " ".join(AGE_ONLY_NOTICE.split()[:6]) in " ".join(text.split()), f"{name} {fmt}"
        # The check can fail: without the option the date of birth is shown.
        assert case.child.date_of_birth.isoformat() in render(full, "md")  # type: ignore[union-attr]


def test_the_key_dates_keep_their_month(pack: Pack) -> None:
    for name, case in _cases(pack):
        full = screen(pack, case)
        shown = age_only(full, case)
        for before, after in zip(
            sorted(full.key_dates, key=lambda d: d.id), sorted(shown.key_dates, key=lambda d: d.id), strict=True
        ):
            if before.id in BIRTHDAY_DATES:
                assert (after.date, after.precision) == (before.date.replace(day=1), "month"), name
                assert f"{before.date.strftime('%B %Y')} (month only)" in render(shown, "txt")
            else:
                assert after == before, name


def test_the_json_keeps_the_contract_and_the_outcomes(pack: Pack) -> None:
    for name, case in _cases(pack):
        full = json.loads(render(screen(pack, case), "json"))
        shown = json.loads(render(age_only(screen(pack, case), case), "json"))
        assert list(shown) == list(full), name
        assert shown["schema"] == "screener-summary/1"
        for key in ("reference", "jurisdiction", "as_at", "pack", "provenance"):
            assert shown[key] == full[key], name
        assert [(s["service"], s["status"], s["settle_by"]) for s in shown["guardianship"]] == [
            (s["service"], s["status"], s["settle_by"]) for s in full["guardianship"]
        ], name
        assert [s["id"] for s in shown["signposts"]] == [s["id"] for s in full["signposts"]], name
        for day in shown["key_dates"]:
            assert {"id", "date", "text"} <= set(day)
            dt.date.fromisoformat(day["date"])  # still a date, as the contract has it
            assert day.get("precision", "day") == ("month" if day["id"] in BIRTHDAY_DATES else "day")
        assert shown["notices"][-1] == AGE_ONLY_NOTICE


def test_a_case_with_only_an_age_is_unchanged(pack: Pack) -> None:
    case = next(
        load_case(p, set(pack.questions), set(pack.indicators))
        for p in CASE_FILES
        if load_case(p, set(pack.questions), set(pack.indicators)).child.date_of_birth is None
    )
    assert age_only(screen(pack, case), case) == screen(pack, case)


def test_summarise_age_only_in_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    case = HERE / "cases" / "scotland-labour.yaml"  # born 2007-06-02, so 18 on 2025-06-02
    for fmt in FORMATS:
        assert main(["summarise", str(case), "--format", fmt, "--age-only"]) == 0
        out = capsys.readouterr().out
        assert "2007-06-02" not in out and "2025-06-02" not in out and "2 June 2025" not in out
        assert ("June 2025 (month only)" in out) or fmt == "json"


def test_the_flag_says_what_it_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["summarise", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--age-only" in out and "never the date of birth" in out and "to the month" in out


# --- the walkthrough faces -----------------------------------------------------------------

SC_CASE = HERE / "cases" / "scotland-labour.yaml"  # born 2007-06-02, so 18 on 2025-06-02


def test_plain_mode_offers_the_age_only_summary(pack: Pack, tmp_path: Path) -> None:
    import io

    from screener.plain import run_plain
    from screener.walkthrough.session import Session

    target = tmp_path / "out.txt"
    case = load_case(SC_CASE, set(pack.questions), set(pack.indicators))
    from screener.walkthrough import Answers, Flow

    # Enter through the questions and the review; then 5, plain text, the file name, and finish.
    lines = [""] * (len(Flow(pack).questions(Answers.from_case(pack, case))) + 1)
    out = io.StringIO()
    run_plain(
        Session.open(pack, case, case_path=SC_CASE),
        stdin=io.StringIO("".join(f"{x}\n" for x in [*lines, "5", "2", str(target), "4"])),
        stdout=out,
    )
    text = out.getvalue()
    assert "5. Save the summary with the age in years, not the date of birth" in text
    written = target.read_text(encoding="utf-8")
    assert "2007-06-02" not in written and "2025-06-02" not in written
    assert "17 (whole years; the date of birth is left out)" in written and "June 2025 (month only)" in written


def test_plain_mode_offers_no_age_only_summary_without_a_date_of_birth(pack: Pack) -> None:
    import io

    from screener.plain import run_plain
    from screener.walkthrough.session import Session

    out = io.StringIO()
    run_plain(Session.open(pack, None, as_at=dt.date(2024, 11, 20)), stdin=io.StringIO("1\n" + "\n" * 40), stdout=out)
    assert "What next?" in out.getvalue() and "5. Save the summary with the age" not in out.getvalue()


async def test_the_export_page_writes_the_age_only_summary(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Checkbox, Input

    from screener.tui.app import ScreenerApp
    from screener.walkthrough import Answers

    monkeypatch.chdir(tmp_path)
    case = load_case(SC_CASE, set(pack.questions), set(pack.indicators))
    app = ScreenerApp(Session(Flow(pack), Answers.from_case(pack, case), case_path=SC_CASE))
    async with app.run_test(size=(100, 40)) as pilot:
        app.go_to("export")
        await pilot.pause()
        box = app.screen.query_one("#age-only", Checkbox)
        assert box.value is False and not box.can_focus
        await pilot.press("a")
        await pilot.pause()
        assert box.value is True
        await pilot.press("2")  # plain text; on to the button
        app.screen.query_one("#export-path", Input).value = "age.txt"
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
        # And the same page without the option writes the date of birth.
        await pilot.press("a")
        app.screen.query_one("#export-path", Input).value = "full.txt"
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
    written = (tmp_path / "age.txt").read_text(encoding="utf-8")
    assert "2007-06-02" not in written and "2025-06-02" not in written and "June 2025 (month only)" in written
    assert written == render(age_only(screen(pack, case), case), "txt")
    assert "2007-06-02" in (tmp_path / "full.txt").read_text(encoding="utf-8")
