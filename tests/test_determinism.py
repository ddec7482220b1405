"""The same case gives the same bytes in every process, and nothing else reads the case.

Determinism is checked across processes with different hash seeds: within one process a set's
order is fixed, so rendering twice there could never show an order that depends on the seed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import subprocess
import sys
from pathlib import Path

from screener.casefile.model import Case
from screener.casefile.read import load_case
from screener.casefile.write import dump_case
from screener.content import Pack
from screener.content.derived import contradiction
from screener.engine import screen
from screener.render import render, render_file

ROOT = Path(__file__).resolve().parent.parent
AS_AT = dt.date(2024, 11, 20)
FORMATS = ("md", "txt", "html", "json")
WORD_AND_PDF_CASE = ROOT / "tests" / "cases" / "scotland-labour.yaml"

SUMMARISE_ALL = """\
import hashlib, sys
from pathlib import Path
from screener.casefile.read import load_case
from screener.content import default_pack_path, load_pack
from screener.engine import screen
from screener.render import render, render_file
pack = load_pack(default_pack_path())
def summary(path):
    return screen(pack, load_case(path, set(pack.questions), set(pack.indicators)))
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    screened = summary(path)
    for fmt in sys.argv[3:]:
        sys.stdout.write(f"=== {path.name} {fmt}\\n" + render(screened, fmt))
# Word and PDF: the zip's times, the document's dates and the embedded fonts' times are all fixed.
for fmt in ("docx", "pdf"):
    print("===", fmt, hashlib.sha256(render_file(summary(Path(sys.argv[2])), fmt)).hexdigest())
"""


def varied_cases(pack: Pack, count: int) -> list[Case]:
    """Cases with every kind of answer, the same ones every run."""
    rng = random.Random(20241120)
    answers = ("yes", "no", "unknown")
    out = []
    for n in range(count):
        jurisdiction = ("england-wales", "scotland", "northern-ireland")[n % 3]
        facts = {q.id: rng.choice(answers) for q in pack.questions.values() if jurisdiction in q.jurisdictions}
        if (clash := contradiction(facts)) is not None:
            del facts[clash[0]]  # a whole that its parts contradict is refused; the parts alone are read
        child: dict[str, object] = {"age_disputed": rng.choice(answers)}
        if n % 4:
            child["age"] = rng.randint(10, 22)
        status = rng.choice(["none", "referred", "rg-negative", "cg-positive", "cg-negative", "unknown"])
        decision = AS_AT - dt.timedelta(days=rng.randint(1, 600)) if n % 2 else None
        indicators = rng.sample(sorted(i.id for i in pack.indicators.values() if jurisdiction in i.jurisdictions), 4)
        out.append(
            Case.model_validate(
                {
                    "schema": "screener-case/1",
                    "reference": f"DET-{n:02d}",
                    "jurisdiction": jurisdiction,
                    "screening_date": AS_AT,
                    "child": child,
                    "facts": facts,
                    "nrm": {"status": status, "decision_on": decision},
                    "indicators": indicators,
                }
            )
        )
    return out


def summarise_all(folder: Path, seed: str) -> str:
    """Every case in ``folder`` in every text format, then the Word and PDF digests of one case,
    in a process of its own with this hash seed (one process does both: each costs a second)."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    result = subprocess.run(
        [sys.executable, "-c", SUMMARISE_ALL, str(folder), str(WORD_AND_PDF_CASE), *FORMATS],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    return result.stdout


def other_seed() -> str:
    """A hash seed other than this process's: a fixed one, or (seeded at random, as by default) any."""
    return "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"


def test_every_format_is_the_same_bytes_under_any_hash_seed(pack: Pack, tmp_path: Path) -> None:
    cases = varied_cases(pack, 24)
    for n, case in enumerate(cases):
        (tmp_path / f"case-{n:02d}.yaml").write_text(dump_case(case), encoding="utf-8")
    # Two processes, two seeds: another process, and this one (its seed set, or random as by default).
    there = summarise_all(tmp_path, other_seed())
    here = "".join(
        f"=== case-{n:02d}.yaml {fmt}\n" + render(screen(pack, case), fmt)
        for n, case in enumerate(cases)
        for fmt in FORMATS
    )
    word_and_pdf = screen(pack, load_case(WORD_AND_PDF_CASE, set(pack.questions), set(pack.indicators)))
    for fmt in ("docx", "pdf"):
        made = render_file(word_and_pdf, fmt)
        assert isinstance(made, bytes)
        here += f"=== {fmt} {hashlib.sha256(made).hexdigest()}\n"
    assert there == here
    assert there.count("=== docx ") == 1 and there.count("=== pdf ") == 1
    # The cases are varied enough to matter: every outcome appears.
    statuses = {s.status for case in cases for s in screen(pack, case).guardianship}
    assert statuses == {"criteria-met", "criteria-may-be-met", "criteria-not-met"}


SPY = """\
import os
from pathlib import Path
Path(os.environ["SPY_MARK"]).write_text("loaded")

class _Plugin:
    def new_schema_validator(self, *args, **kwargs):
        Path(os.environ["SPY_MARK"]).write_text("saw a schema")
        return None, None, None

plugin = _Plugin()
"""


def test_no_pydantic_plugin_sees_case_details(tmp_path: Path) -> None:
    # A pydantic plugin installed in the environment would observe every case validated: one is
    # installed here (an entry point in the 'pydantic' group), and a summary never loads it.
    site = tmp_path / "site"
    (site / "spy_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "spy_plugin.py").write_text(SPY, encoding="utf-8")
    (site / "spy_plugin-1.0.dist-info" / "METADATA").write_text("Name: spy-plugin\nVersion: 1.0\n")
    (site / "spy_plugin-1.0.dist-info" / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n")
    case = ROOT / "tests" / "cases" / "england-wales-county-lines.yaml"
    mark = tmp_path / "mark"
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT)])
    env["SPY_MARK"] = str(mark)

    def run(*argv: str) -> None:
        result = subprocess.run([sys.executable, *argv], capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr

    # The spy works: a pydantic model built without screener loads it.
    run("-c", "import pydantic\nclass M(pydantic.BaseModel):\n    x: int\nM(x=1)")
    assert mark.exists()
    mark.unlink()
    run("-m", "screener", "summarise", str(case))
    assert not mark.exists(), mark.read_text()
