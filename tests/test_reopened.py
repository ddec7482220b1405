"""A saved case reopened and changed: the walkthrough offers the comparison with the case as opened.

The comparison is ``screener compare``'s own (``screener.compare``): the same answers,
outcomes, signposts and key dates as ``screener compare OPENED SAVED`` gives for the file
as opened and the same answers saved.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from screener.casefile.model import Case
from screener.casefile.read import load_case
from screener.casefile.write import save_case, stamped
from screener.cli import main
from screener.compare import compare_screenings, render_comparison
from screener.content import Pack
from screener.engine import screen
from screener.plain import run_plain
from screener.render.formats import comparison_formats, format_of
from screener.reopened import compare_with_opened
from screener.walkthrough import Answers, Flow
from screener.walkthrough.session import Session

HERE = Path(__file__).resolve().parent
SC_CASE = HERE / "cases" / "scotland-labour.yaml"  # age_disputed: no


def _load(pack: Pack, path: Path = SC_CASE) -> Case:
    return load_case(path, set(pack.questions), set(pack.indicators))


def _disputed(pack: Pack) -> tuple[Flow, Answers]:
    flow = Flow(pack)
    answers = Answers.from_case(pack, _load(pack))
    question = next(q for q in flow.questions(answers) if q.id == "age_disputed")
    return flow, answers.with_answer(question, "yes")


def test_the_comparison_is_screener_compares(pack: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flow, answers = _disputed(pack)
    now = stamped(flow.to_case(answers), pack, None)
    saved = save_case(tmp_path / "after.yaml", now)
    ours = compare_with_opened(pack, None, SC_CASE, _load(pack), now)
    old, new = _load(pack), _load(pack, saved)
    theirs = compare_screenings(SC_CASE, old, screen(pack, old), saved, new, screen(pack, new))
    for part in ("answers", "outcomes", "signposts_added", "signposts_dropped", "key_dates", "indicators_added"):
        assert getattr(ours, part) == getattr(theirs, part), part
    assert [a.id for a in ours.answers] == ["age_disputed"]
    assert [s.id for s in ours.signposts_added] == ["age-assessment"]
    # And the command gives the same lines for them.
    assert main(["compare", str(SC_CASE), str(saved), "--format", "txt"]) == 0
    cli = capsys.readouterr().out
    mine = render_comparison(ours, "txt")
    assert mine.split("Answers\n", 1)[1] == cli.split("Answers\n", 1)[1]


def test_a_changed_reference_is_a_changed_answer_not_a_refusal(pack: Pack) -> None:
    opened = _load(pack)
    now = opened.model_copy(update={"reference": "SAMPLE-SC-03"})
    result = compare_with_opened(pack, None, SC_CASE, opened, now)
    assert [(a.id, a.old, a.new) for a in result.answers] == [("reference", "SAMPLE-SC-02", "SAMPLE-SC-03")]


def test_the_file_ending_chooses_the_format() -> None:
    assert [
        format_of(Path(n), comparison_formats()).key
        for n in ("a.md", "a.TXT", "a.html", "a.htm", "a.json", "a.yaml", "a")
    ] == [
        "md",
        "txt",
        "html",
        "html",
        "json",
        "md",
        "md",
    ]


# --- plain mode ------------------------------------------------------------------------------


def _plain(pack: Pack, lines: list[str]) -> str:
    out = io.StringIO()
    run_plain(
        Session.open(pack, _load(pack), case_path=SC_CASE),
        stdin=io.StringIO("".join(f"{x}\n" for x in lines)),
        stdout=out,
    )
    return out.getvalue()


def test_plain_mode_offers_and_saves_the_comparison(pack: Pack, tmp_path: Path) -> None:
    count = len(Flow(pack).questions(Answers.from_case(pack, _load(pack))))
    number = next(
        n for n, q in enumerate(Flow(pack).questions(Answers.from_case(pack, _load(pack))), 1) if q.id == "age_disputed"
    )
    target = tmp_path / "changes.json"
    # Enter through the questions; change "age disputed" to yes from the review; the summary;
    # 5 compares; save it as JSON; finish without saving the case.
    script = [""] * count + [str(number), "1", "", "5", "yes", "4", str(target), "4", "yes"]
    text = _plain(pack, script)
    assert "5. Compare with the case as opened (an answer has changed)" in text
    listened = text.split("--- Changes since the case was opened ---", 1)[1].split("--- End of changes ---")[0]
    assert "Age disputed\n    before: no\n    after: yes" in listened
    assert "Added: Treat as a child while the age dispute is resolved" in listened
    assert target.exists() and '"schema": "screener-compare/1"' in target.read_text(encoding="utf-8")


def test_plain_mode_offers_no_comparison_when_nothing_changed(pack: Pack) -> None:
    count = len(Flow(pack).questions(Answers.from_case(pack, _load(pack))))
    text = _plain(pack, [""] * (count + 1) + ["4"])
    assert "What next?" in text and "Compare with the case as opened" not in text


# --- the Textual walkthrough -----------------------------------------------------------------


async def test_the_summary_offers_the_comparison_and_exports_it(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input, Static

    from screener.tui.app import ScreenerApp
    from screener.tui.screens.comparison import OFFER, CompareDialog

    monkeypatch.chdir(tmp_path)
    opened = _load(pack)
    app = ScreenerApp(Session(Flow(pack), Answers.from_case(pack, opened), case_path=SC_CASE, opened_case=opened))
    async with app.run_test(size=(100, 40)) as pilot:
        app.go_to("summary")
        await pilot.pause()
        assert OFFER not in str(app.screen.query(".hint").first().render())
        await pilot.press("c")  # not offered: nothing changed
        await pilot.pause()
        assert not isinstance(app.screen, CompareDialog)
        _flow, changed = _disputed(pack)
        app.answers = changed
        app.go_to("summary")
        await pilot.pause()
        assert OFFER in str(app.screen.query(".hint").first().render())
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareDialog)
        body = app.screen.source
        assert "Age disputed" in body and "Treat as a child while the age dispute is resolved" in body
        await pilot.press("e")
        await pilot.pause()
        box = app.screen.query_one("#path", Input)
        assert box.value == "screening-2024-11-20-changes.md"
        box.value = "changes.html"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CompareDialog)
        status = str(app.screen.query_one("#compare-status", Static).render())
        assert status.startswith("Wrote ") and "changes.html" in status
        await pilot.press("escape")
        await pilot.pause()
        # The export page offers it too.
        app.go_to("export")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareDialog)
    written = (tmp_path / "changes.html").read_text(encoding="utf-8")
    expected = compare_with_opened(pack, None, SC_CASE, opened, stamped(app.flow.to_case(changed), pack, None))
    assert written == render_comparison(expected, "html")
    assert (tmp_path / "changes.html").stat().st_mode & 0o777 == 0o600


async def test_the_comparison_window_never_replaces_a_file_unasked(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input, Static

    from screener.tui.app import ScreenerApp
    from screener.tui.dialogs import ConfirmDialog
    from screener.tui.screens.comparison import CompareDialog

    monkeypatch.chdir(tmp_path)
    existing = tmp_path / "changes.md"
    existing.write_text("kept", encoding="utf-8")
    opened = _load(pack)
    _flow, changed = _disputed(pack)
    session = Session.open(pack, opened, case_path=SC_CASE)
    session.answers = changed
    app = ScreenerApp(session)
    async with app.run_test(size=(100, 40)) as pilot:

        async def export_to(name: str, answer: str) -> str:
            await pilot.press("e")
            await pilot.pause()
            app.screen.query_one("#path", Input).value = name
            await pilot.press("enter")
            for _ in range(20):
                await pilot.pause()
                if isinstance(app.screen, ConfirmDialog):
                    break
            assert isinstance(app.screen, ConfirmDialog), "no question before replacing the file"
            await pilot.press(answer)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, CompareDialog)
            return str(app.screen.query_one("#compare-status", Static).render())

        app.go_to("summary")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareDialog)
        status = await export_to("changes.md", "n")
        assert status == "Not written: the existing file is kept."
        assert existing.read_text(encoding="utf-8") == "kept"
        status = await export_to("changes.md", "y")
        assert status.startswith("Wrote ")
    assert existing.read_text(encoding="utf-8").startswith("#")
