"""The headless paths never import Textual: faster start-up, and proof the core is UI-free."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CASE = """\
schema: screener-case/1
reference: HYGIENE-1
jurisdiction: scotland
screening_date: 2024-11-20
child:
  age: 16
  age_disputed: no
facts:
  trafficking_concern: yes
  separated: yes
  in_la_care: yes
nrm:
  status: none
"""

# Runs in a fresh interpreter, so nothing the test session imported counts.
SCRIPT = """\
import contextlib, io, json, sys

import screener.casefile.model
import screener.casefile.read
import screener.casefile.write
import screener.cli
import screener.content
import screener.engine
import screener.safewrite
import screener.render
import screener.summary
import screener.training.walkthrough
import screener.training.marking
import screener.walkthrough
import screener.plain
from screener.content import default_pack_path, load_pack
from screener.render import FORMATS, renderer
from screener.render.formats import TEXT_FORMATS

load_pack(default_pack_path())
runs = {}
for fmt in FORMATS:
    renderer(fmt)  # imports the format's module
for fmt in TEXT_FORMATS:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = screener.cli.main(["summarise", sys.argv[1], "--format", fmt])
    runs[fmt] = [code, len(out.getvalue())]
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(json.dumps({"formats": list(TEXT_FORMATS), "runs": runs, "textual": loaded}))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    return path


def test_core_modules_and_every_renderer_leave_textual_unimported(case_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(case_file)],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert {"md", "json"} <= set(report["formats"])
    for fmt, (code, length) in report["runs"].items():
        assert code == 0, fmt
        assert length > 0, fmt
    assert report["textual"] == []


def _imported_by(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``python -X importtime -m screener ARGS`` and list every module it imported."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "screener", *args],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=cwd,
        timeout=120,
        check=False,
    )
    modules = {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    return result, modules


def _textual(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m == "textual" or m.startswith("textual."))


def test_validate_does_not_import_textual(tmp_path: Path) -> None:
    result, modules = _imported_by("validate", cwd=tmp_path)
    assert result.returncode == 0
    assert "ok:" in result.stdout
    # The listing is real: it saw the loader being imported.
    assert "screener.content.loader" in modules
    assert _textual(modules) == []


def test_doctor_does_not_import_textual(tmp_path: Path) -> None:
    result, modules = _imported_by("doctor", cwd=tmp_path)
    assert result.returncode == 0
    assert "screener.doctor" in modules
    assert _textual(modules) == []


def test_summarise_does_not_import_textual(case_file: Path) -> None:
    # Every text format through the command line's main: the first test above; here `python -m screener`.
    result, modules = _imported_by("summarise", str(case_file), cwd=case_file.parent)
    assert result.returncode == 0, result.stderr
    assert "HYGIENE-1" in result.stdout
    assert "screener.engine" in modules
    assert _textual(modules) == []


def test_the_listing_would_see_textual_if_it_were_imported(tmp_path: Path) -> None:
    # Guards the two tests above against passing because the parsing is wrong.
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import textual.geometry"],  # a small part of it is enough
        capture_output=True,
        text=True,
        env=_env(),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    modules = {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert {"textual", "textual.geometry"} <= set(_textual(modules))


def test_a_renderer_loads_the_summary_and_nothing_of_the_area_content_or_engine(tmp_path: Path) -> None:
    # The import-linter contracts (pyproject.toml) forbid the imports; this is what that buys at run time.
    script = "import sys, screener.render.markdown; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    assert {"screener.render.markdown", "screener.summary"} <= loaded
    ours = {m.split(".")[1] for m in loaded if m.startswith("screener.")}
    assert ours <= {"render", "summary", "textsafe", "vocabulary"}, ours
    assert not {"yaml", "pydantic"} & loaded
