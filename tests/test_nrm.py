"""``screener nrm``: the NRM referral prepared in the prompt sheet's order, filled in where Screener holds
the answer, in every jurisdiction, for a child and for a young adult."""

from __future__ import annotations

import json
import re
import shutil
import stat
from pathlib import Path

import pytest

from screener.cli import main
from screener.content import Pack, default_pack_path
from screener.content.models.base import JURISDICTIONS
from screener.nrm.load import load_form
from screener.nrm.model import FILLS

HERE = Path(__file__).resolve().parent
SHEET = HERE / "nrm_source" / "first-responder-offline-prompt-sheet-2026-04-27.txt"
ADULT_SECTIONS = {"consent-and-support", "duty-to-notify"}


def _plain(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def sheet_contents() -> list[tuple[str, int]]:
    """The prompt sheet's own contents list: (section title, page), in its order, up to the form's end."""
    text = SHEET.read_text(encoding="utf-8")
    listing = text.split("Contents", 1)[1].split("Further support and links", 1)[0]
    rows = []
    for line in listing.splitlines():
        match = re.fullmatch(r"(.+?) ([0-9]+)", line.strip())
        if match:
            rows.append((_plain(match[1]), int(match[2])))
    return rows


def test_the_sections_are_the_prompt_sheets_in_its_order(pack: Pack) -> None:
    form = load_form(default_pack_path(), pack)
    assert [(_plain(s.title), s.page) for s in form.sections] == sheet_contents()
    assert len(form.sections) == 11


def test_the_form_questions_keep_the_sheets_order(pack: Pack) -> None:
    """Every prompt worded as the sheet words it appears in the sheet, and after the one before it."""
    sheet = _plain(SHEET.read_text(encoding="utf-8")).split("Contents", 1)[1].split("Contents", 1)[-1]
    body = sheet.split("Decision Making and Contact 28", 1)[1]
    at = 0
    verbatim = 0
    for section in load_form(default_pack_path(), pack).sections:
        start = body.index(_plain(section.title), at)
        at = start
        for prompt in section.prompts:
            found = body.find(_plain(prompt.text), at)
            if found >= 0:
                at = found
                verbatim += 1
    assert verbatim >= 40  # nearly every prompt is the form's own words; the rest group several of its boxes


def case_text(jurisdiction: str, age: int, record: bool = False) -> str:
    text = f"""\
schema: screener-case/1
reference: NRM-{jurisdiction}-{age}
jurisdiction: {jurisdiction}
screening_date: 2026-12-06
child:
  age: {age}
  age_disputed: no
facts:
  trafficking_concern: yes
nrm:
  status: referred
  referred_on: 2026-12-04
indicators: [county-lines, labour-exploitation, missing-episodes]
"""
    if record:
        text += """\
record:
  completed_by: Designated safeguarding lead
  agency: Example High School
  judgement: The account and the money found fit criminal exploitation.
  discussed_with: Team manager
  discussed_on: 2026-12-05
  review_on: 2027-01-10
"""
    return text


def run_nrm(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, *extra: str) -> tuple[int, str, str]:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    code = main(["nrm", str(path), *extra])
    out, err = capsys.readouterr()
    return code, out, err


SEPARATE = {
    "england-wales": ("Children's services", "ICTG"),
    "scotland": ("Social work and police", "NRM paperwork"),
    "northern-ireland": ("HSC Trust", "Independent Guardian Service"),
}
NATION = {"england-wales": None, "scotland": "☒ Scotland", "northern-ireland": "☒ Northern Ireland"}


@pytest.mark.parametrize("age", [15, 19])
@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_every_jurisdiction_for_a_child_and_a_young_adult(
    pack: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str], jurisdiction: str, age: int
) -> None:
    code, out, err = run_nrm(tmp_path, capsys, case_text(jurisdiction, age), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == "screener-nrm/1"
    form = load_form(default_pack_path(), pack)
    expected = [s.id for s in form.sections if age >= 18 or s.id not in ADULT_SECTIONS]
    assert [s["id"] for s in data["sections"]] == expected
    assert data["adult"] is (age >= 18)
    prompts = {p["text"]: p for s in data["sections"] for p in s["prompts"]}
    under = prompts["Is the potential victim under 18?"]
    assert under["ticked"] == (["Yes"] if age < 18 else ["No"])
    assert ("Which local authority have you contacted about the child?" in prompts) is (age < 18)
    assert ("Were they under 18 at any time during the exploitation?" in prompts) is (age >= 18)
    # The indicators noted, each with its sources, under the form's indicators question.
    indicators = prompts["Did you identify any modern slavery indicators?"]
    assert indicators["ticked"] == ["Yes"]
    assert [line.split(" (")[0] for line in indicators["answer"]] == [
        "Going missing from home or care",
        "Moving or selling drugs for others",
        "Working for others for little or no pay",
    ]
    assert all("Sources: Snapshot 2024" in line for line in indicators["answer"])
    assert prompts["How were they exploited?"]["ticked"] == [
        "Labour and financial exploitation",
        "Criminal exploitation",
    ]
    # What Screener never holds is left to write: names, the narrative, places, exploiters.
    for blank in (
        "What is the name of the potential victim?",
        "How did the exploitation start?",
        "Where was the potential victim exploited?",
        "Who exploited the potential victim?",
    ):
        assert prompts[blank]["answer"] == [] and prompts[blank]["ticked"] == []
    assert (
        "NRM referral made on 4 December 2026." in prompts["Has the potential victim reported this before?"]["answer"]
    )
    nation = prompts["Where are you making this referral?"]
    ticked = NATION[jurisdiction]
    assert nation["ticked"] == ([] if ticked is None else [ticked[2:]])

    code, text, _ = run_nrm(tmp_path, capsys, case_text(jurisdiction, age), "--format", "txt")
    assert code == 0
    for step in SEPARATE[jurisdiction]:
        assert step in text, step
    assert "completing the online form" in text and "Screener decides nothing" in text
    # The Toolkit's checklist is the last thing before the documents it cites.
    assert text.index("quality checklist") > text.index("Decision Making and Contact")
    assert "Write here:" in text
    assert " ".join(text.split()).count("confirm locally, last checked 2026-12-06") == 1


def test_the_record_fills_in_the_first_responders_parts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_nrm(tmp_path, capsys, case_text("scotland", 16, record=True), "--format", "md")
    assert code == 0
    head = out[: out.index("## Separate steps")]
    assert "Professional record" in head and "Designated safeguarding lead" in head
    assert "- Example High School" in out  # What organisation do you work for?
    assert "- The account and the money found fit criminal exploitation." in out  # Your professional insight
    assert "- Role: Designated safeguarding lead" in out  # What are your contact details?
    assert "- Discussed with Team manager on 5 December 2026." in out


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "json"])
def test_a_screening_before_the_sheet_was_updated_is_told_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    before = case_text("england-wales", 15).replace("2026-12-06", "2026-04-26").replace("2026-12-04", "2026-04-20")
    on = case_text("england-wales", 15).replace("2026-12-06", "2026-04-27").replace("2026-12-04", "2026-04-20")
    code, old, _ = run_nrm(tmp_path, capsys, before, "--format", fmt)
    assert code == 0 and "the online form may have asked other questions then" in old
    code, new, _ = run_nrm(tmp_path, capsys, on, "--format", fmt)
    assert code == 0 and "the online form may have asked other questions then" not in new


def test_html_is_one_self_contained_page_with_space_to_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_nrm(tmp_path, capsys, case_text("northern-ireland", 17), "--format", "html")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in out
    assert "<script" not in out and 'http-equiv="Content-Security-Policy"' in out
    assert out.count('<p class="write">') > 20


def test_output_is_written_privately_and_never_over_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "nrm.md"
    code, _, err = run_nrm(tmp_path, capsys, case_text("scotland", 15), "--output", str(target))
    assert code == 0 and f"wrote {target}" in err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    code, _, err = run_nrm(tmp_path, capsys, case_text("scotland", 15), "--output", str(target))
    assert code == 2 and "already exists" in err and len(err.strip().splitlines()) == 1
    code, _, err = run_nrm(tmp_path, capsys, case_text("scotland", 15), "--output", str(tmp_path / "no" / "x.md"))
    assert code == 2 and "does not exist" in err and not (tmp_path / "no").exists()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    page: 3\n", "    page: 3\n    colour: red\n", "colour"),
        (
            "  - title: Domestic servitude\n    indicators: [domestic-servitude,",
            "  - title: Domestic servitude\n    indicators: [no-such-indicator,",
            "unknown indicator 'no-such-indicator'",
        ),
        ("        fill: judgement\n", "        fill: everything\n", "fill"),
        ("  checked_on: 2026-12-06\n", "  checked_on: last week\n", "date"),
    ],
)
def test_a_broken_nrm_file_is_one_line_at_its_place_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, message: str
) -> None:
    pack_dir = tmp_path / "pack"
    shutil.copytree(default_pack_path(), pack_dir)
    nrm = pack_dir / "nrm.yaml"
    text = nrm.read_text(encoding="utf-8")
    assert old in text
    nrm.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, out, err = run_nrm(tmp_path, capsys, case_text("scotland", 15), "--pack", str(pack_dir))
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{nrm}:") and message in lines[0], err
    line = int(lines[0].split(":")[1])
    assert (
        new.splitlines()[-1].strip()[:12] in nrm.read_text(encoding="utf-8").splitlines()[line - 1]
        or message == "colour"
    )


def test_every_fill_is_used_by_the_shipped_form(pack: Pack) -> None:
    used = {p.fill for s in load_form(default_pack_path(), pack).sections for p in s.prompts if p.fill}
    assert used == set(FILLS)
