"""Start-up benchmarks, run by hand: ``python benchmarks/startup.py [--runs N]``.

Reports ratios, not seconds, because a ratio to a baseline on the same machine
means something on any machine:

- ``summarise``: the whole process ``screener summarise CASE --format json``
  against ``python -c "import pydantic, yaml"`` (aim: 2x or better). ``import
  pydantic`` is lazy, so the same command is also shown against pydantic's real
  floor, a script that validates one one-field model (``PYDANTIC_FLOOR``), for
  information: no program that validates with pydantic starts in less.
- ``walkthrough``: from process start to the first interactive screen of the
  Textual walkthrough, against a minimal Textual app (Header, Static, Footer)
  measured the same way (aim: 1.5x or better).

Runs alternate between the two commands so that drift on the machine touches
both alike; the median of each is compared.

Screener is measured as a user gets it: a fresh, non-editable install of this
checkout (``pip install --no-deps --target``, which builds the wheel, with its
record of the shipped pack, and compiles the bytecode), run from a folder outside
the checkout, with Textual, pydantic and PyYAML from the running environment.
``--checkout`` measures the checkout itself instead (no record: the pack is
checked in full on every run, as in an editable install).

``--instructions`` counts instructions under valgrind's callgrind instead of
timing: one run each, and a ratio that the load of a shared machine does not move.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASE = """schema: screener-case/1
reference: BENCH-1
jurisdiction: england-wales
screening_date: 2024-11-20
child: {age: 15, age_disputed: "no"}
facts: {trafficking_concern: "yes", ictg_area: "yes", pr_in_uk: "no"}
indicators: [county-lines, missing-episodes]
"""


# The least any program that validates its input with pydantic can cost: the first model
# validated brings in pydantic's schema builder and the rest of its machinery.
PYDANTIC_FLOOR = """import pydantic, yaml
from pydantic import BaseModel


class M(BaseModel):
    x: int


M.model_validate({"x": 1})
"""

# The environment of every measured command.
_ENV: dict[str, str] = dict(os.environ)


_CWD: str | None = None


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_ENV, cwd=_CWD)
    return time.perf_counter() - start


def _instructions(cmd: list[str], out: Path) -> int:
    subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *cmd],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_ENV,
        cwd=_CWD,
    )
    totals = next(line for line in out.read_text().splitlines() if line.startswith(("totals:", "summary:")))
    return int(totals.split()[1])


def _install(target: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(HERE.parent)],
        check=True,
    )
    if not (target / "screener" / "shipped_pack.pickle").is_file():
        print("note: the wheel has no record of the shipped pack; the pack is checked in full on every run")


def count(name: str, subject: list[str], baseline: list[str], aim: float, tmp: Path) -> None:
    _time(subject), _time(baseline)  # bytecode compiled and cached first, for both
    a = _instructions(subject, tmp / "subject.cg")
    b = _instructions(baseline, tmp / "baseline.cg")
    ratio = a / b
    verdict = "within aim" if ratio <= aim else "over aim"
    print(f"{name}: {ratio:.2f}x the baseline in instructions ({a:,} / {b:,}; aim {aim}x: {verdict})")


def compare(name: str, subject: list[str], baseline: list[str], runs: int, aim: float) -> None:
    _time(subject), _time(baseline)  # warm the file cache (and the bytecode cache) for both
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(_time(subject))
        b.append(_time(baseline))
    ratio = statistics.median(a) / statistics.median(b)
    verdict = "within aim" if ratio <= aim else "over aim"
    print(f"{name}: {ratio:.2f}x the baseline (median of {runs} alternating runs; aim {aim}x: {verdict})")


def main() -> int:
    global _CWD
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", choices=("summarise", "walkthrough"))
    parser.add_argument("--checkout", action="store_true", help="measure the checkout, not a fresh install")
    parser.add_argument("--instructions", action="store_true", help="count instructions under callgrind")
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        # Compiled bytecode for both commands, as an installed copy has (kept in the temporary folder).
        _ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        _ENV["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        if args.checkout:
            _ENV["PYTHONPATH"] = str(HERE.parent)
        else:
            _install(tmp / "site")
            _ENV["PYTHONPATH"] = str(tmp / "site")
        _CWD = tmp_name
        case = tmp / "case.yaml"
        case.write_text(CASE)
        runs: list[tuple[str, list[str], list[str], float]] = []
        if args.only in (None, "summarise"):
            summarise = [py, "-m", "screener", "summarise", str(case), "--format", "json"]
            runs.append(("summarise", summarise, [py, "-c", "import pydantic, yaml"], 2.0))
            floor = tmp / "pydantic_floor.py"
            floor.write_text(PYDANTIC_FLOOR)
            # For information: the aim is against the import above.
            runs.append(("summarise against pydantic's floor", summarise, [py, str(floor)], 2.0))
            runs.append(("pydantic's floor itself", [py, str(floor)], [py, "-c", "import pydantic, yaml"], 2.0))
        if args.only in (None, "walkthrough"):
            runs.append(
                (
                    "walkthrough to first screen",
                    [py, str(HERE / "first_screen.py"), "screener"],
                    [py, str(HERE / "first_screen.py"), "minimal"],
                    1.5,
                )
            )
        for name, subject, baseline, aim in runs:
            if args.instructions:
                count(name, subject, baseline, aim, tmp)
            else:
                compare(name, subject, baseline, args.runs, aim)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
