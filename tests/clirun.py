"""Run the command line in this process, as ``python -m screener`` would run it.

Starting a fresh interpreter costs about a second each time; calling ``screener.cli.main``
gives the same exit code, standard output and standard error for a fraction of it. A test that
needs the real process (an exit code as the shell sees it, nothing like a traceback on a real
standard error, a fresh set of imports) uses ``in_a_process``; tests/test_cli_pack.py checks
that both give the same results.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def in_this_process(*args: str, cwd: Path | None = None) -> Ran:
    """``screener ARGS`` in this process, from ``cwd``; the working folder is put back afterwards."""
    from screener.cli import main

    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    try:
        os.chdir(cwd or ROOT)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # an early exit that main does not turn into a return
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        os.chdir(here)
    return Ran(code, out.getvalue(), err.getvalue())


def in_a_process(*args: str, cwd: Path | None = None) -> Ran:
    """``python -m screener ARGS`` as a real process, from ``cwd``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    result = subprocess.run(
        [sys.executable, "-m", "screener", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    return Ran(result.returncode, result.stdout, result.stderr)
