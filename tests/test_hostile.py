"""Hostile text never reaches a terminal raw (issue 9).

The corpus in ``tests/hostile/`` (escape sequences, C1 controls, bidirectional
overrides, zero-width characters, line separators) is fed to every reader, which
must refuse it at ``file:line`` with exit 2, and, past the readers (a pack or case
built in memory), through every output path: ``summarise`` in all four formats,
``indicators``, ``--plain``, ``train --list``, ``validate``'s messages, the
"wrote …" messages and the review screen.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from screener.casefile.model import Case
from screener.casefile.read import load_case
from screener.cli import main
from screener.content import Pack
from screener.engine import screen
from screener.errors import InputError
from screener.render import render
from screener.textsafe import LINE_BREAKS, clean_line, is_unsafe, printable, refused, terminal_safe
from screener.walkthrough import AnswerError, Flow
from screener.walkthrough.session import Session
from tests.packtools import copy_pack

HERE = Path(__file__).resolve().parent
HOSTILE = HERE / "hostile"
EW_CASE = HERE / "cases" / "england-wales-county-lines.yaml"
DAY = dt.date(2024, 11, 20)
STRINGS: dict[str, str] = yaml.safe_load((HOSTILE / "strings.yaml").read_text(encoding="utf-8"))["strings"]
PROSE = {
    "title", "prompt", "why", "label", "yes", "no", "help", "summary", "text", "name", "provider",
    "legal_basis", "next_steps", "action", "who", "short", "publisher", "note", "detail", "description",
}  # fmt: skip
EVIL = "".join(STRINGS.values())


def unsafe_in(text: str) -> list[str]:
    return [c for c in text if c not in LINE_BREAKS and is_unsafe(c)]


def assert_safe(text: str, where: str) -> None:
    bad = unsafe_in(text)
    assert not bad, f"{where} let through {bad!r}"


def test_the_corpus_is_hostile() -> None:
    # Every string holds something the checks must catch; a corpus of harmless text proves nothing.
    for name, text in STRINGS.items():
        assert unsafe_in(text), name
        assert refused(text) is not None, name


# -- the sanitiser itself -----------------------------------------------------


@pytest.mark.parametrize("name", sorted(STRINGS))
def test_each_output_cleaner_makes_each_string_safe(name: str) -> None:
    text = STRINGS[name]
    for cleaned in (printable(text), clean_line(text), terminal_safe(text)):
        assert_safe(cleaned, name)
    # printable keeps the text readable: each character is shown, not dropped.
    assert "\\" in printable(text)


def test_notes_may_hold_lines_tabs_and_right_to_left_marks_but_no_control_character() -> None:
    assert refused("a\n\tb \u200f\u0645", one_line=False, bidi_ok=True) is None
    assert refused("a\nb", one_line=True) is not None
    assert refused("a\x1bb", one_line=False, bidi_ok=True) == "control character U+001B is not allowed"
    assert refused("T-1\u202egnp", one_line=True) is not None


# -- readers refuse it where it enters ------------------------------------------


def _lines(err: str, path: Path) -> list[tuple[int, str]]:
    found = []
    for text in err.splitlines():
        match = re.fullmatch(rf"{re.escape(str(path))}:(\d+): (.+)", text)
        assert match, f"not file:line: {text!r}"
        found.append((int(match[1]), match[2]))
    return found


@pytest.mark.parametrize(
    ("file", "line", "message"),
    [
        ("notes-escape.yaml", 5, "notes: control character U+001B is not allowed"),
        ("reference-bidi.yaml", 2, "reference: bidirectional control U+202E is not allowed"),
        ("reference-zero-width.json", 1, "reference: zero-width character U+200B is not allowed"),
        ("fact-key-escape.json", 5, r"the key '\x1b[2Jseparated': control character U+001B is not allowed"),
    ],
)
@pytest.mark.parametrize("fmt", ["md", "txt", "html", "json"])
def test_a_hostile_case_file_is_refused_at_its_line(
    capsys: pytest.CaptureFixture[str], file: str, line: int, message: str, fmt: str
) -> None:
    path = HOSTILE / file
    assert main(["summarise", str(path), "--format", fmt]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert_safe(err, file)
    assert any(n == line and m.startswith(message) for n, m in _lines(err, path)), err


@pytest.mark.parametrize("name", sorted(STRINGS))
def test_each_string_is_refused_in_a_reference_and_notes_at_its_line(tmp_path: Path, pack: Pack, name: str) -> None:
    text = STRINGS[name]
    for field in ("reference", "notes"):
        path = tmp_path / f"{field}.json"
        data = {"schema": "screener-case/1", "jurisdiction": "scotland", "screening_date": "2024-11-20"}
        # One key a line, so the line of the field is known.
        body = ",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in data.items())
        path.write_text("{\n" + f"{json.dumps(field)}: {json.dumps(text)},\n" + body + "\n}\n", encoding="utf-8")
        expect_refused = refused(text, one_line=field != "notes", bidi_ok=field == "notes") is not None
        if not expect_refused:
            # Only a right-to-left mark or joiner gets into notes; they are kept but never shown raw.
            assert load_case(path, set(pack.questions), set(pack.indicators)).notes == text
            continue
        with pytest.raises(InputError) as caught:
            load_case(path, set(pack.questions), set(pack.indicators))
        for problem in caught.value.problems:
            assert problem.line == 2, (name, field, str(problem))
            assert_safe(str(problem), name)


def test_plain_notes_in_right_to_left_script_are_accepted(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    path = HOSTILE / "notes-right-to-left.yaml"
    case = load_case(path, set(pack.questions), set(pack.indicators))
    assert "\u200f" in (case.notes or "")
    for fmt in ("md", "txt", "html", "json"):
        assert main(["summarise", str(path), "--format", fmt]) == 0
        out, _ = capsys.readouterr()
        assert_safe(out, fmt)


@pytest.mark.parametrize("name", sorted(STRINGS))
def test_each_string_is_refused_as_a_typed_reference(pack: Pack, name: str) -> None:
    flow = Flow(pack)
    answers = flow.new_answers(DAY)
    reference = next(q for q in flow.questions(answers) if q.kind == "text")
    with pytest.raises(AnswerError) as caught:
        flow.parse(reference, STRINGS[name], answers)
    assert_safe(str(caught.value), name)


def test_typed_dates_are_quoted_safely_when_refused(pack: Pack) -> None:
    flow = Flow(pack)
    answers = flow.new_answers(DAY)
    for question in flow.questions(answers.with_answer(flow.jurisdiction_question(), "scotland")):
        if question.kind in ("date", "age"):
            with pytest.raises(AnswerError) as caught:
                flow.parse(question, EVIL, answers)
            assert_safe(str(caught.value), question.id)


def test_a_pack_with_hostile_text_fails_validate_at_each_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_pack(tmp_path)
    theme = root / "themes" / "education.yaml"
    text = theme.read_text(encoding="utf-8")
    first_title = re.search(r"^(\s+)title: .*$", text, flags=re.M)
    assert first_title
    hostile = json.dumps(STRINGS["title-and-clear"])
    text = text[: first_title.start()] + f"{first_title[1]}title: {hostile}" + text[first_title.end() :]
    original = theme.read_text(encoding="utf-8"), (root / "questions.yaml").read_text(encoding="utf-8")
    theme.write_text(text, encoding="utf-8")
    line = text[: first_title.start()].count("\n") + 1
    scenario = sorted((root / "scenarios").glob("*.yaml"))[0]
    stext = scenario.read_text(encoding="utf-8")
    stext = re.sub(
        r"^title: .*$", lambda m: "title: " + json.dumps(STRINGS["bidi-override"]), stext, count=1, flags=re.M
    )
    scenario.write_text(stext, encoding="utf-8")
    sline = next(n for n, row in enumerate(stext.splitlines(), 1) if row.startswith("title: "))
    questions = root / "questions.yaml"
    qtext = questions.read_text(encoding="utf-8")
    qtext = re.sub(
        r"^(\s+)prompt: .*$", lambda m: m[1] + "prompt: " + json.dumps(STRINGS["c1-csi"]), qtext, count=1, flags=re.M
    )
    questions.write_text(qtext, encoding="utf-8")
    qline = next(n for n, row in enumerate(qtext.splitlines(), 1) if "prompt: " in row)

    for argv in (
        ["validate", str(root)],
        ["indicators", "--pack", str(root)],
        ["train", "--list", "--pack", str(root)],
    ):
        assert main(argv) == 2, argv
        out, err = capsys.readouterr()
        assert out == ""
        assert_safe(err, " ".join(argv))
        assert f"{theme}:{line}: title: control character U+001B is not allowed" in err.splitlines()
        assert f"{questions}:{qline}: prompt: control character U+009B is not allowed" in err.splitlines()
    assert main(["--plain", "--pack", str(root)]) == 2
    assert_safe(capsys.readouterr().err, "--plain")
    # Scenarios are read once the pack itself is sound.
    theme.write_text(original[0], encoding="utf-8")
    questions.write_text(original[1], encoding="utf-8")
    for argv in (["validate", str(root)], ["train", "--list", "--pack", str(root)]):
        assert main(argv) == 2, argv
        out, err = capsys.readouterr()
        assert out == ""
        assert err.startswith(f"{scenario}:{sline}: title: bidirectional control U+202E is not allowed")
        assert err.count("\n") == 1


# -- past the readers: every output path is safe on its own -----------------------


def _poison(value: Any) -> Any:
    """Every prose string in a model made hostile; ids and references left alone."""
    if isinstance(value, BaseModel):
        update = {}
        for name in type(value).model_fields:
            item = getattr(value, name)
            if isinstance(item, str) and name in PROSE:
                update[name] = f"{item} {EVIL}"
            elif isinstance(item, BaseModel | list | dict | tuple):
                update[name] = _poison(item)
        return value.model_copy(update=update)
    if isinstance(value, list):
        return [_poison(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_poison(v) for v in value)
    if isinstance(value, dict):
        return {k: _poison(v) for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def hostile_pack(pack: Pack) -> Pack:
    parts = {f.name: _poison(getattr(pack, f.name)) for f in dataclasses.fields(pack) if f.name != "indicator_theme"}
    return dataclasses.replace(pack, **parts)


@pytest.fixture(scope="module")
def hostile_case(pack: Pack) -> Case:
    case = load_case(EW_CASE, set(pack.questions), set(pack.indicators))
    # model_copy does not validate: the case as a reader would never give it.
    return case.model_copy(update={"reference": EVIL, "notes": EVIL})


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "json"])
def test_every_renderer_is_safe_with_hostile_content(hostile_pack: Pack, hostile_case: Case, fmt: str) -> None:
    text = render(screen(hostile_pack, hostile_case, DAY), fmt)
    assert_safe(text, fmt)
    if fmt == "json":
        json.loads(text)  # still valid JSON: unsafe characters written as escapes


def test_indicators_listing_is_safe(
    hostile_pack: Pack, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("screener.content.load_pack", lambda path: hostile_pack)
    for argv in (["indicators"], ["indicators", "--json"]):
        assert main(argv) == 0
        out, _ = capsys.readouterr()
        assert_safe(out, " ".join(argv))
        assert "pwned" in out  # shown, not dropped


def test_train_list_is_safe(pack: Pack, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from screener.cli import train as train_cli
    from screener.training.load import load_scenarios

    scenarios = [s.model_copy(update={"title": s.title + EVIL}) for s in load_scenarios(pack, Path("indicators"))]
    monkeypatch.setattr(train_cli, "load_scenarios", lambda pack, root: scenarios)
    for argv in (["train", "--list"], ["train", "--list", "--json"]):
        assert main(argv) == 0
        out, _ = capsys.readouterr()
        assert_safe(out, " ".join(argv))


def test_plain_mode_is_safe_with_hostile_content_and_input(hostile_pack: Pack, hostile_case: Case) -> None:
    from screener.plain import run_plain
    from screener.walkthrough.session import Session

    out = io.StringIO()
    # Hostile typed lines too: each is echoed, refused or quoted, never printed raw.
    typed = [EVIL, "1", STRINGS["osc-title"], "", "?", "q", "yes"]
    code = run_plain(
        Session.open(hostile_pack, hostile_case, as_at=DAY),
        stdin=io.StringIO("".join(f"{x}\n" for x in typed)),
        stdout=out,
    )
    assert code == 0
    assert_safe(out.getvalue(), "--plain")
    assert "pwned" in out.getvalue()


def test_wrote_messages_show_a_hostile_file_name_printably(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = "sum\x1b]0;pwned\x07\nmary\u202e.md"
    target = tmp_path / name
    assert main(["summarise", str(EW_CASE), "--output", str(target)]) == 0
    _, err = capsys.readouterr()
    assert target.exists()
    assert_safe(err, "wrote")
    assert err.count("\n") == 1 and err.startswith("screener: wrote ")
    assert main(["train", "--facilitator-pack", "--output", str(tmp_path / f"h{name}")]) == 0
    assert_safe(capsys.readouterr().err, "train wrote")
    # And a refusal names it printably too.
    assert main(["summarise", str(EW_CASE), "--output", str(target)]) == 2
    _, err = capsys.readouterr()
    assert_safe(err, "refusal")
    assert err.count("\n") == 1


async def test_the_review_screen_never_shows_a_raw_escape(hostile_pack: Pack, hostile_case: Case) -> None:
    from screener.tui.app import ScreenerApp
    from screener.tui.screens.review import ReviewScreen
    from screener.walkthrough import Answers

    answers = Answers.from_case(hostile_pack, hostile_case, DAY)
    app = ScreenerApp(Session(Flow(hostile_pack), answers))
    async with app.run_test(size=(100, 40)) as pilot:
        app.go_to("review")
        for _ in range(50):  # shown, composed and drawn: on a busy machine that takes a while
            await pilot.pause()
            if isinstance(app.screen, ReviewScreen) and app.screen.query("#review-list"):
                break
        assert isinstance(app.screen, ReviewScreen)
        await pilot.pause()
        strips = app.screen._compositor.render_strips()
        shown = "\n".join(strip.text for strip in strips)
        assert "pwned" in shown  # the notes are on the screen, escaped
        assert_safe(shown, "review screen")


# -- file names: every output path that names a file -------------------------------------------

# A file name can hold anything but "/" and NUL, so each string of the corpus is a file name too.
NAMES = {"osc-title": STRINGS["osc-title"], "c1-csi": STRINGS["c1-csi"], "all": EVIL.replace("\0", "")}
BOROUGH = HERE.parent / "indicators" / "areas" / "example-borough.yaml"


@pytest.mark.parametrize("which", sorted(NAMES))
def test_a_hostile_file_name_never_reaches_the_terminal_raw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], which: str
) -> None:
    evil = NAMES[which]
    case = tmp_path / f"case{evil}.yaml"
    case.write_bytes(EW_CASE.read_bytes())
    broken = tmp_path / f"broken{evil}.yaml"
    broken.write_text("schema: screener-case/1\njurisdiction: nowhere\n", encoding="utf-8")
    area = tmp_path / f"area{evil}.yaml"
    area.write_bytes(BOROUGH.read_bytes())
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("SCREENER_AREA", raising=False)
    runs: list[list[str]] = [
        ["summarise", str(case), "--area", str(area)],
        ["summarise", str(broken)],
        ["summarise", str(case), "--output", str(tmp_path / f"out{evil}.md")],
        ["compare", str(case), str(broken)],
        ["area", "check", str(area)],
        ["area", "use", str(area)],
        ["area", "show"],  # the recorded default, read back
        ["area", "new", str(tmp_path / f"new{evil}.yaml")],
        ["validate", str(tmp_path / f"pack{evil}")],
        ["train", "--debrief", str(tmp_path / f"room{evil}.sqlite"), "--format", "md"],
        [f"--x{evil}"],
        ["summarise", str(case), f"--x{evil}"],
        [f"summarise{evil}"],
        [str(tmp_path / f"missing{evil}.yaml")],
    ]
    for argv in runs:
        with contextlib.suppress(SystemExit):  # argparse's refusal, after its message
            main(argv)
        out, err = capsys.readouterr()
        assert_safe(out + err, printable(" ".join(argv)))
        assert "Traceback" not in err
    monkeypatch.setenv("SCREENER_AREA", str(area))
    assert main(["area", "show"]) == 0
    out, _ = capsys.readouterr()
    assert_safe(out, "area show from $SCREENER_AREA")
    assert "area" in out
    # Plain mode names the case and the area file on its welcome page.
    monkeypatch.setattr("sys.stdin", io.StringIO("q\nyes\n"))
    assert main(["--plain", str(case), "--area", str(area)]) == 0
    out, err = capsys.readouterr()
    assert_safe(out + err, "--plain")
    assert "Opened" in out


async def test_the_welcome_page_shows_hostile_case_and_area_file_names_escaped(pack: Pack, tmp_path: Path) -> None:
    from screener.area.read import load_area
    from screener.tui.app import ScreenerApp

    evil = NAMES["all"]
    case_path = tmp_path / f"case{evil}.yaml"
    case_path.write_bytes(EW_CASE.read_bytes())
    area_path = tmp_path / f"area{evil}.yaml"
    area_path.write_bytes(BOROUGH.read_bytes())
    case = load_case(case_path, set(pack.questions), set(pack.indicators))
    app = ScreenerApp(Session.open(pack, case, case_path=case_path, area=load_area(area_path, pack)))
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "Opened" in shown and "Example Borough" in shown
        assert_safe(shown, "welcome page")
