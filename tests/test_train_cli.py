"""``screener train``: the listing, the facilitator pack (golden files), output safety and usage.

After a deliberate change to the scenarios, the quiz, the pack or the engine,
rewrite the golden files with ``SCREENER_UPDATE_GOLDEN=1 pytest tests/test_train_cli.py``
and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import types
from html.parser import HTMLParser
from pathlib import Path

import pytest

from screener.cli import main
from screener.content import Pack, default_pack_path
from screener.training import load_scenarios
from tests.golden import assert_golden
from tests.packtools import apply, copy_pack

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLDEN = HERE / "golden"
HOSTILE = "<script>alert(1)</script> [bold] **x** _y_ `z` |t| &amp; # [/]"


def train(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["train", *args])
    out, err = capsys.readouterr()
    return code, out, err


# --- listing ----------------------------------------------------------------------------------


def test_list_shows_every_scenario_in_teaching_order(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = train(capsys, "--list")
    assert (code, err) == (0, "")
    scenarios = load_scenarios(pack, default_pack_path())
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == [s.id for s in scenarios]
    for line, scenario in zip(lines, scenarios, strict=True):
        assert line.split()[1] == scenario.jurisdiction
        assert line.endswith(scenario.title)


def test_list_json_is_id_title_jurisdiction(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = train(capsys, "--list", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    scenarios = load_scenarios(pack, default_pack_path())
    assert rows == [{"id": s.id, "title": s.title, "jurisdiction": s.jurisdiction} for s in scenarios]
    assert {r["jurisdiction"] for r in rows} == {"england-wales", "scotland", "northern-ireland"}


def test_a_broken_scenario_stops_the_listing_with_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_pack(tmp_path)
    apply(
        root,
        [
            {
                "file": "scenarios/ni-online-separated.yaml",
                "find": "    ni-igs: criteria-met\n",
                "replace": "    ni-igs: criteria-not-met\n",
            }
        ],
    )
    monkeypatch.chdir(tmp_path)
    code, out, err = train(capsys, "--list", "--pack", "indicators")
    lines = (root / "scenarios" / "ni-online-separated.yaml").read_text(encoding="utf-8").splitlines()
    line = lines.index("    ni-igs: criteria-not-met") + 1
    assert (code, out) == (2, "")
    assert err == (
        f"indicators/scenarios/ni-online-separated.yaml:{line}: "
        "expected ni-igs criteria-not-met, the engine gives criteria-met\n"
    )


# --- the facilitator pack ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_facilitator_pack_matches_its_golden_file(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, err = train(capsys, "--facilitator-pack", "--format", fmt)
    assert (code, err) == (0, "")
    golden = GOLDEN / f"facilitator-pack.{fmt}"
    assert_golden(golden, out)


def test_facilitator_pack_says_training_first(capsys: pytest.CaptureFixture[str]) -> None:
    _code, md, _err = train(capsys, "--facilitator-pack")
    assert md.splitlines()[0] == "**TRAINING — FICTIONAL CASES**"
    _code, page, _err = train(capsys, "--facilitator-pack", "--format", "html")
    body = page.split("<main>\n", 1)[1]
    assert body.startswith('<p class="training" role="note"><strong>TRAINING — FICTIONAL CASES</strong></p>')
    assert "<title>TRAINING — FICTIONAL CASES." in page


def test_facilitator_pack_holds_every_scenario_key_and_the_quiz(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    _code, md, _err = train(capsys, "--facilitator-pack")
    scenarios = load_scenarios(pack, default_pack_path())
    for number, scenario in enumerate(scenarios, start=1):
        assert f"## Scenario {number}: " in md
        assert f"scenario {scenario.id} · case {scenario.case.reference}" in md
    assert md.count("### Answer key") == len(scenarios)
    assert md.count("### Discussion questions") == len(scenarios)
    assert "## Key-facts quiz" in md and "## Quiz answers" in md
    quiz_answers = md.split("## Quiz answers", 1)[1]
    assert quiz_answers.count("(Snapshot 2024, ") >= 10


def test_facilitator_pack_never_gives_a_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    _code, md, _err = train(capsys, "--facilitator-pack")
    text = md.lower()
    for verdict in ("eligible", "is a victim", "is not a victim", "risk score", "risk level"):
        assert verdict not in text, verdict


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs += attrs


def test_facilitator_html_is_self_contained(capsys: pytest.CaptureFixture[str]) -> None:
    _code, page, _err = train(capsys, "--facilitator-pack", "--format", "html")
    parser = _Tags()
    parser.feed(page)
    assert not parser.tags & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
    assert not [value for name, value in parser.attrs if name in ("src", "href") and value]
    assert "Content-Security-Policy" in page
    assert "http://" not in page and "https://" not in page


def test_content_is_escaped_in_both_formats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_pack(tmp_path)
    apply(
        root,
        [
            {
                "file": "scenarios/ew-county-lines.yaml",
                "find": "title: Found far from home with drugs and two phones\n",
                "replace": f"title: '{HOSTILE}'\n",
            }
        ],
    )
    monkeypatch.chdir(tmp_path)
    _code, page, _err = train(capsys, "--facilitator-pack", "--format", "html", "--pack", "indicators")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    _code, md, _err = train(capsys, "--facilitator-pack", "--pack", "indicators")
    assert "<script>" not in md
    assert r"\<script\>alert(1)\</script\> \[bold\] \*\*x\*\* \_y\_ \`z\` \|t\| \&amp; \# \[/\]" in md


# --- writing the pack to a file ---------------------------------------------------------------


def test_output_is_private_and_never_overwritten_unasked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "pack.md"
    code, out, err = train(capsys, "--facilitator-pack", "--output", str(target))
    assert (code, out, err) == (0, "", f"screener: wrote {target}\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    first = target.read_text(encoding="utf-8")
    assert first.startswith("**TRAINING — FICTIONAL CASES**")

    target.write_text("the trainer's own edits", encoding="utf-8")
    code, out, err = train(capsys, "--facilitator-pack", "--format", "html", "--output", str(target))
    assert (code, out) == (2, "")
    assert err == f"{target}: already exists; choose another name or replace it (--force)\n"
    assert target.read_text(encoding="utf-8") == "the trainer's own edits"

    code, _out, _err = train(capsys, "--facilitator-pack", "--format", "html", "--output", str(target), "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


# --- usage ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--json"], "--json goes with --list"),
        (["--list", "--facilitator-pack"], "choose one of --list, --facilitator-pack and --debrief"),
        (["--list", "--output", "x.md"], "--output and --force go with --facilitator-pack or --debrief"),
        (["--force"], "--output and --force go with --facilitator-pack or --debrief"),
        (["--list", "--format", "html"], "--format goes with --facilitator-pack or --debrief"),
        (["--facilitator-pack", "--format", "json"], "the facilitator pack is md, html, docx or pdf"),
        (
            ["--list", "--guided"],
            "--guided, --plain and --room go with a training round, not with --list, --facilitator-pack or --debrief",
        ),
    ],
)
def test_usage_mistakes_exit_2_with_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = train(capsys, *args)
    assert (code, out) == (2, "")
    assert err == f"screener train: {message} (try 'screener train --help')\n"
    assert list(tmp_path.iterdir()) == []


# --- the TUI, started lazily -------------------------------------------------------------------


def test_bare_train_hands_the_pack_and_scenarios_to_the_tui(
    pack: Pack, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[tuple[object, list[str]]] = []

    def run_training(given_pack: object, scenarios: list, *, mode: str) -> int:  # type: ignore[type-arg]
        assert mode == "practice"
        calls.append((given_pack, [s.id for s in scenarios]))
        return 7

    fake = types.ModuleType("screener.tui.training")
    fake.run_training = run_training  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "screener.tui.training", fake)
    monkeypatch.setattr("screener.cli.train.can_run_app", lambda: True)
    code, _out, _err = train(capsys)
    assert code == 7
    ((given, ids),) = calls
    assert ids == [s.id for s in load_scenarios(pack, default_pack_path())]
    assert getattr(given, "info").id == pack.info.id  # noqa: B009


# --- no Textual on the headless paths ----------------------------------------------------------

SCRIPT = """\
import contextlib, io, json, sys
import screener.cli
out = io.StringIO()
with contextlib.redirect_stdout(out):
    codes = [screener.cli.main(["train", "--list", "--json"]),
             screener.cli.main(["train", "--facilitator-pack", "--format", "html"]),
             screener.cli.main(["validate"])]
print(json.dumps({"codes": codes, "textual": sorted(m for m in sys.modules if m.split(".")[0] == "textual")}))
"""


def test_headless_train_never_imports_textual() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report == {"codes": [0, 0, 0], "textual": []}
