"""Default file names never collide: a name already taken gets the next free number, and no case detail."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest

from screener.casefile.write import first_free
from screener.content import Pack
from screener.plain import run_plain
from screener.walkthrough import Flow
from screener.walkthrough.session import Session

DAY = dt.date(2024, 11, 20)


def test_a_free_name_is_kept_and_a_taken_one_numbered(tmp_path: Path) -> None:
    name = tmp_path / "screening-2024-11-20-summary.md"
    assert first_free(name) == name
    name.write_text("first child", encoding="utf-8")
    assert first_free(name) == tmp_path / "screening-2024-11-20-summary-2.md"
    (tmp_path / "screening-2024-11-20-summary-2.md").write_text("second child", encoding="utf-8")
    assert first_free(name) == tmp_path / "screening-2024-11-20-summary-3.md"
    # A dangling link is a name taken too: writing through it would land somewhere else.
    os.symlink(tmp_path / "nowhere", tmp_path / "screening-2024-11-20-summary-3.md")
    assert first_free(name) == tmp_path / "screening-2024-11-20-summary-4.md"
    assert first_free(tmp_path / "screening-2024-11-20") == tmp_path / "screening-2024-11-20"


def _screen_and_export(pack: Pack, reference: str) -> str:
    """A plain-mode walk of an England and Wales case, the summary and the case saved under their default names."""
    flow = Flow(pack)
    answers = flow.new_answers(DAY).with_answer(flow.jurisdiction_question(), "england-wales")
    count = len(flow.questions(answers))
    # Jurisdiction, the nation left not known, the reference, every other question left as it is, then:
    # save the summary (1) as Markdown (Enter) under its default name (Enter), save the case (2) under
    # its default (Enter), finish.
    script = ["1", "", reference] + [""] * (count - 3) + ["", "1", "", "", "2", "", "4"]
    out = io.StringIO()
    lines = io.StringIO("".join(f"{x}\n" for x in script))
    code = run_plain(Session.open(pack, None, as_at=DAY), stdin=lines, stdout=out)
    assert code == 0
    return out.getvalue()


def test_a_second_childs_export_the_same_day_never_meets_the_firsts_file(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = _screen_and_export(pack, "CHILD-A")
    summary, case = Path("screening-2024-11-20-summary.md"), Path("screening-2024-11-20.yaml")
    assert f"Wrote the summary to {summary}" in first and f"Wrote the case file to {case}" in first
    second = _screen_and_export(pack, "CHILD-B")
    assert "already exists" not in second and "Replace it" not in second
    assert "Wrote the summary to screening-2024-11-20-summary-2.md" in second
    assert "Wrote the case file to screening-2024-11-20-2.yaml" in second
    # The first child's files are as they were written.
    assert "CHILD-A" in summary.read_text(encoding="utf-8") and "CHILD-A" in case.read_text(encoding="utf-8")
    assert "CHILD-B" in Path("screening-2024-11-20-summary-2.md").read_text(encoding="utf-8")
    # No default name carries a case detail: the reference is in no file's name.
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "screening-2024-11-20-2.yaml",
        "screening-2024-11-20-summary-2.md",
        "screening-2024-11-20-summary.md",
        "screening-2024-11-20.yaml",
    ]
