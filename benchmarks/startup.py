"""Start-up benchmarks, run by hand: ``python benchmarks/startup.py [--runs N]``.

Reports ratios, not seconds, because a ratio to a baseline on the same machine
means something on any machine:

- ``summarise``: the whole process ``screener summarise CASE --format json``
  against ``python -c "import pydantic, yaml"`` (aim: 2x or better).
- ``walkthrough``: from process start to the first interactive screen of the
  Textual walkthrough, against a minimal Textual app (Header, Static, Footer)
  measured the same way (aim: 1.5x or better).

Runs alternate between the two commands so that drift on the machine touches
both alike; the median of each is compared.

Both commands inherit the environment. Where it sets PYTHONDONTWRITEBYTECODE,
the subject compiles every screener module from source on each run while the
baseline's packages load from the bytecode written when they were installed;
``--bytecode`` gives both commands cached bytecode (in a temporary folder, so
nothing is written into the project), as an installed copy of screener has.
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


# The environment of every timed command; see --bytecode.
_ENV: dict[str, str] = dict(os.environ)


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_ENV)
    return time.perf_counter() - start


def compare(name: str, subject: list[str], baseline: list[str], runs: int, aim: float) -> None:
    _time(subject), _time(baseline)  # warm the file cache (and with --bytecode, the bytecode cache) for both
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(_time(subject))
        b.append(_time(baseline))
    ratio = statistics.median(a) / statistics.median(b)
    verdict = "within aim" if ratio <= aim else "over aim"
    print(f"{name}: {ratio:.2f}x the baseline (median of {runs} alternating runs; aim {aim}x: {verdict})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", choices=("summarise", "walkthrough"))
    parser.add_argument(
        "--bytecode", action="store_true", help="cache compiled bytecode for both commands, as an installed copy has"
    )
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        if args.bytecode:
            _ENV.pop("PYTHONDONTWRITEBYTECODE", None)
            _ENV["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        case = Path(tmp) / "case.yaml"
        case.write_text(CASE)
        if args.only in (None, "summarise"):
            compare(
                "summarise",
                [py, "-m", "screener", "summarise", str(case), "--format", "json"],
                [py, "-c", "import pydantic, yaml"],
                args.runs,
                2.0,
            )
        if args.only in (None, "walkthrough"):
            compare(
                "walkthrough to first screen",
                [py, str(HERE / "first_screen.py"), "screener"],
                [py, str(HERE / "first_screen.py"), "minimal"],
                args.runs,
                1.5,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
