"""Area files: the contract's loader, the broken-file corpus, what a summary shows, the default area."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import stat
from pathlib import Path

import pytest

from screener.area.model import unsafe_text
from screener.area.read import load_area
from screener.casefile.read import load_case
from screener.cli import main
from screener.content import Pack
from screener.engine import screen
from screener.plain import run_plain
from screener.render import render
from screener.render.formats import TEXT_FORMATS
from screener.walkthrough import Flow
from screener.walkthrough.session import Session

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
AREAS = ROOT / "indicators" / "areas"
BOROUGH = AREAS / "example-borough.yaml"
BROKEN = sorted((HERE / "broken_areas").glob("*.yaml"))
EW_CASE = HERE / "cases" / "england-wales-county-lines.yaml"
SC_CASE = HERE / "cases" / "scotland-labour.yaml"
CHECKED = "from the area file (Example Borough (fictional), checked 2026-11-30)"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def ew_case(tmp_path: Path, **facts: str) -> Path:
    """The sample England and Wales case with some facts changed."""
    text = EW_CASE.read_text(encoding="utf-8")
    for name, value in facts.items():
        text, n = re.subn(rf"(?m)^(\s+{name}:) .*$", rf"\1 {value}", text)
        if n == 0:
            text = text.replace("facts:\n", f"facts:\n  {name}: {value}\n", 1)
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def write_area(tmp_path: Path, text: str, name: str = "area.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the shipped examples ----------------------------------------------------------------


def test_one_example_per_jurisdiction_and_each_passes_area_check(capsys: pytest.CaptureFixture[str]) -> None:
    examples = sorted(AREAS.glob("*.yaml"))
    jurisdictions = set()
    for path in examples:
        code, out, err = run(capsys, "area", "check", str(path))
        assert (code, err) == (0, "")
        assert re.fullmatch(r"[a-z-]+: ok: [a-z-]+, \d+ facts \(\d+ date ranges\), \d+ contacts, \d+ notes, .*\n", out)
        jurisdictions.add(out.split(", ")[0].split(": ")[-1])
    assert jurisdictions == {"england-wales", "scotland", "northern-ireland"}


def test_the_examples_use_only_drama_numbers_and_invalid_domains() -> None:
    for path in sorted(AREAS.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        phones = re.findall(r'phone: "([^"]*)"', text)
        assert phones, path.name
        for phone in phones:
            digits = phone.replace(" ", "")
            assert re.fullmatch(r"01632960\d{3}|07700900\d{3}", digits), (path.name, phone)
        for email in re.findall(r"email: (\S+)", text):
            assert email.endswith(".invalid"), (path.name, email)
        assert "fictional" in text


# --- broken files: every problem, exact line and message, all at once --------------------


def test_the_broken_corpus_is_large_enough() -> None:
    assert len(BROKEN) >= 12


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_every_broken_area_file_reports_its_exact_lines(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    expected = [
        f"{path}:{line[len('# expect: ') :]}"
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("# expect: ")
    ]
    assert expected, f"{path.name} names no expected problem"
    code, out, err = run(capsys, "area", "check", str(path))
    assert code == 2
    assert out == ""
    assert err.splitlines() == expected
    assert "Traceback" not in err


def test_a_missing_area_file_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, "summarise", str(EW_CASE), "--area", str(tmp_path / "nope.yaml"))
    assert (code, err) == (2, f"{tmp_path / 'nope.yaml'}: no such file\n")


def test_an_area_of_another_jurisdiction_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "summarise", str(SC_CASE), "--area", str(BOROUGH))
    assert code == 2 and out == ""
    assert err.startswith(f"{BOROUGH}:6: this area file is for england-wales, but the case is in scotland")


@pytest.mark.parametrize(
    ("text", "bad"),
    [("plain words", False), ("line one\nline two", False), ("a\u202eb", True), ("a\u2066b", True), ("a\x1bb", True)],
)
def test_unsafe_text(text: str, bad: bool) -> None:
    assert (unsafe_text(text) is not None) is bad


# --- what a summary shows -----------------------------------------------------------------


def test_contacts_are_listed_under_their_signposts_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "summarise", str(EW_CASE), "--format", "json", "--area", str(BOROUGH))
    assert code == 0
    data = json.loads(out)
    assert data["area"] == {
        "id": "example-borough",
        "name": "Example Borough (fictional)",
        "verified_on": "2026-11-30",
        "review_due": "2027-05-30",
    }
    contacts = {s["id"]: [c["id"] for c in s["contacts"]] for s in data["signposts"]}
    assert contacts["children-services"] == ["front-door", "out-of-hours"]
    assert contacts["information-sharing"] == ["front-door"]
    assert contacts["nrm-referral"] == ["pilot-panel"]
    assert contacts["non-punishment"] == []
    front = next(s for s in data["signposts"] if s["id"] == "children-services")["contacts"][0]
    assert front == {
        "id": "front-door",
        "name": "Children's Services Front Door",
        "phone": "01632 960001",
        "email": "frontdoor@example.invalid",
        "hours": "Monday to Friday, 9am to 5pm",
    }
    note = next(s for s in data["signposts"] if s["id"] == "nrm-referral")["local"]
    assert any(n.startswith("Send a copy of every NRM referral") for n in note)


def _signpost_item(text: str, title: str) -> str:
    """The one line (or paragraph) of a rendered summary that holds a signpost: page one's, for one to do
    today (who, and the local contacts, are said there once), else the signposts list's."""
    flat = " ".join(text.split())
    start = flat.index(title)
    return flat[start : start + 2000]


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_contacts_are_shown_under_who_in_every_format(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = run(capsys, "summarise", str(EW_CASE), "--format", fmt, "--area", str(BOROUGH))
    assert code == 0
    flat = " ".join(out.replace("\\", "").split())
    assert "Area file: Example Borough (fictional) (example-borough), checked 2026-11-30" in flat
    item = _signpost_item(out.replace("\\", ""), "Work with children")
    who = item.index("Who:")
    contacts = item.index("Local contacts (Example Borough (fictional)): Children")
    assert who < contacts < item.index("Then:", who)
    assert "Emergency Duty Team, 01632 960002 (evenings, weekends and bank holidays)" in item


def test_without_an_area_the_summary_has_no_area_or_contacts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "summarise", str(EW_CASE), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["area"] is None and data["provenance"]["area"] is None
    assert all(s["contacts"] == [] for s in data["signposts"])


def test_a_settled_fact_is_shown_as_the_area_files_never_as_the_answer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    case = ew_case(tmp_path, ictg_area="unknown")
    _code, out, _ = run(capsys, "summarise", str(case), "--format", "json", "--area", str(BOROUGH))
    data = json.loads(out)
    answers = {a["id"]: a["value"] for a in data["answers"]}
    assert answers["ictg_area"] == f"yes, {CHECKED}"
    criteria = [a for s in data["guardianship"] for c in s["criteria"] for a in c["answers"] if "ICTG service" in a]
    assert criteria and all(a.endswith(f": yes, {CHECKED}") for a in criteria)
    # Without the area the same answer is not known, and it is asked for.
    _code, out, _ = run(capsys, "summarise", str(case), "--format", "json")
    assert {a["id"]: a["value"] for a in json.loads(out)["answers"]}["ictg_area"] == "not known"


def test_the_practitioners_own_answer_overrides_the_area(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    case = ew_case(tmp_path, ictg_area="no")
    _code, out, _ = run(capsys, "summarise", str(case), "--format", "json", "--area", str(BOROUGH))
    answers = {a["id"]: a["value"] for a in json.loads(out)["answers"]}
    assert answers["ictg_area"] == "no"


def test_area_facts_are_dated(pack: Pack, tmp_path: Path) -> None:
    area_path = write_area(
        tmp_path,
        BOROUGH.read_text(encoding="utf-8").replace(
            '    - {value: "yes", from: 2023-02-01}',
            '    - {value: "no", from: 2023-02-01, until: 2024-06-30}\n    - {value: "yes", from: 2024-07-01}',
        ),
    )
    area = load_area(area_path, pack)
    case = load_case(ew_case(tmp_path, devolved_pilot_area="unknown"), set(pack.questions), set(pack.indicators))
    answers = {}
    for day in (dt.date(2023, 1, 31), dt.date(2024, 6, 30), dt.date(2024, 7, 1)):
        summary = screen(pack, case, day, area)
        answers[day] = next(a.value for a in summary.answers if a.id == "devolved_pilot_area")
    assert answers == {
        dt.date(2023, 1, 31): "not known",
        dt.date(2024, 6, 30): f"no, {CHECKED}",
        dt.date(2024, 7, 1): f"yes, {CHECKED}",
    }


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_a_stale_area_file_is_flagged_in_every_format(pack: Pack, fmt: str) -> None:
    area = load_area(BOROUGH, pack)
    case = load_case(EW_CASE, set(pack.questions), set(pack.indicators))
    stale = render(screen(pack, case, dt.date(2027, 5, 31), area), fmt)
    fresh = render(screen(pack, case, dt.date(2027, 5, 30), area), fmt)
    words = "The area file Example Borough (fictional) was due for review on 2027-05-30"
    assert words in " ".join(stale.replace("\\", "").split())
    assert words not in " ".join(fresh.replace("\\", "").split())


def test_the_walkthroughs_case_keeps_the_practitioners_answers(pack: Pack) -> None:
    """A walkthrough with an area saves 'not known' where the area settled the fact, never the area's value."""
    flow = Flow(pack)
    answers = flow.new_answers(dt.date(2024, 11, 20))
    answers = answers.with_answer(flow.jurisdiction_question(), "england-wales")
    case = flow.to_case(answers)
    area = load_area(BOROUGH, pack)
    summary = screen(pack, case, area=area)
    assert case.fact("ictg_area") == "unknown"
    assert next(a.value for a in summary.answers if a.id == "ictg_area") == f"yes, {CHECKED}"


# --- area new, area use, the default area ---------------------------------------------------


def test_area_new_writes_a_private_template_that_checks(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    code, _out, err = run(capsys, "area", "new", str(target))
    assert code == 0 and "wrote" in err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("# A Screener area file")
    code, out, _ = run(capsys, "area", "check", str(target))
    assert code == 0 and out.startswith("my-area: ok: england-wales")
    before = target.read_bytes()
    code, _out, err = run(capsys, "area", "new", str(target))
    assert code == 2 and "already exists" in err
    assert target.read_bytes() == before


def test_area_use_sets_the_machines_default(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    code, out, _ = run(capsys, "area", "use", str(BOROUGH))
    assert code == 0 and "Example Borough" in out
    recorded = config / "screener" / "area"
    assert stat.S_IMODE(recorded.stat().st_mode) == 0o600
    code, out, _ = run(capsys, "summarise", str(EW_CASE), "--format", "json")
    assert json.loads(out)["area"]["id"] == "example-borough"
    code, out, _ = run(capsys, "summarise", str(EW_CASE), "--format", "json", "--no-area")
    assert json.loads(out)["area"] is None
    code, out, _ = run(capsys, "area", "show")
    assert str(BOROUGH) in out
    code, out, _ = run(capsys, "area", "use", "--none")
    assert code == 0 and not recorded.exists()
    code, out, _ = run(capsys, "summarise", str(EW_CASE), "--format", "json")
    assert json.loads(out)["area"] is None


FIX = "set it again with 'screener area use FILE', or forget it with 'screener area use --none'"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"# written by screener area use\n\xff\xfe/tmp/area.yaml\n", ": is not UTF-8 text; "),
        (b"# written by screener area use\n/tmp/a.yaml\n/tmp/b.yaml\n", ":3: more than one area file path; "),
        (b"# written by screener area use\n", ": names no area file; "),
    ],
)
def test_a_corrupt_default_area_setting_is_reported_not_ignored(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, message: str
) -> None:
    # It used to be read as "no default area file" without a word: a screening then went
    # ahead without the local contacts the machine was set up with.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv("SCREENER_AREA", raising=False)
    recorded = tmp_path / "screener" / "area"
    recorded.parent.mkdir()
    recorded.write_bytes(content)
    expected = f"{recorded}{message}{FIX}\n"
    for argv in (["area", "show"], ["summarise", str(EW_CASE)]):
        assert run(capsys, *argv) == (2, "", expected)
    # Naming an area, or none, does not read the setting; --none mends it.
    assert run(capsys, "summarise", str(EW_CASE), "--no-area")[0] == 0
    assert run(capsys, "area", "use", "--none")[0] == 0
    assert run(capsys, "area", "show") == (0, "no default area file\n", "")


def test_area_use_refuses_a_broken_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, "area", "use", str(BROKEN[0]))
    assert code == 2 and err.startswith(str(BROKEN[0]))
    assert not (tmp_path / "screener" / "area").exists()


def test_the_environment_variable_names_the_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCREENER_AREA", str(BOROUGH))
    _code, out, _ = run(capsys, "summarise", str(EW_CASE), "--format", "json")
    assert json.loads(out)["area"]["id"] == "example-borough"


# --- the walkthrough faces -----------------------------------------------------------------


def _plain(pack: Pack, lines: list[str], area_path: Path | None) -> str:
    out = io.StringIO()
    area = load_area(area_path, pack) if area_path else None
    run_plain(
        Session.open(pack, None, as_at=dt.date(2024, 11, 20), area=area),
        stdin=io.StringIO("".join(f"{x}\n" for x in lines)),
        stdout=out,
    )
    return out.getvalue()


def test_plain_mode_names_the_area_and_can_do_without_it(pack: Pack) -> None:
    used = _plain(pack, ["", "1"], BOROUGH)
    assert "Area file: Example Borough (fictional), checked 2026-11-30" in used
    # The listening summary is wrapped, so a heading may run over a line end.
    assert "Local contacts (Example Borough (fictional))" in " ".join(used.split())
    unused = _plain(pack, ["no", "1"], BOROUGH)
    assert "No area file: the summary has no local contacts" in unused
    assert "Local contacts" not in unused
    assert "Area file: none" in _plain(pack, ["1"], None)


async def test_the_welcome_page_names_the_area_and_a_chooses_none(pack: Pack) -> None:
    from textual.widgets import Static

    from screener.tui.app import ScreenerApp

    app = ScreenerApp(Session(Flow(pack), Flow(pack).new_answers(dt.date(2024, 11, 20))))
    app.session.area = load_area(BOROUGH, pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("#welcome-area", Static).render())
        assert "Area file: Example Borough (fictional), checked 2026-11-30" in text
        assert "Press a for no area file." in text
        await pilot.press("a")
        await pilot.pause()
        text = str(app.screen.query_one("#welcome-area", Static).render())
        assert "none chosen for this screening" in text
        assert app.session.area_in_use is False
    answers = Flow(pack).new_answers(dt.date(2024, 11, 20))
    answers = answers.with_answer(Flow(pack).jurisdiction_question(), "england-wales")
    app.answers = answers
    assert app.summary().area is None
    app.session.area_in_use = True
    assert app.summary().area is not None
