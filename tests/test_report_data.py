"""The report's derived data (``tests/report_data/``) is the report's, rebuilt wherever the report is.

A fresh clone has no report beside it and runs every other check from the committed
data; this is the one test that needs the report, and it is skipped only where the
report is absent. Rewrite the data with ``SCREENER_UPDATE_GOLDEN=1 pytest tests/test_report_data.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden import assert_golden
from tests.report import CONTENTS, RUNS, contents_text, find_report, runs_text

REPORT = find_report()


@pytest.mark.skipif(REPORT is None, reason="the source report is not beside this checkout (shared/source/)")
@pytest.mark.parametrize(("data", "make"), [(RUNS, runs_text), (CONTENTS, contents_text)], ids=["runs", "contents"])
def test_the_committed_data_is_rebuilt_from_the_report(data: Path, make: object) -> None:
    assert REPORT is not None and callable(make)
    assert_golden(data, make(REPORT.read_text(encoding="utf-8")))


def test_the_data_holds_no_run_of_the_report_as_text() -> None:
    # Only hashes: no line of runs.txt but the header has a space in it.
    lines = RUNS.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ")
    assert all(" " not in line for line in lines[1:])
