"""A file name typed where one is asked: one rule for every face (found walking plain mode, issue 25).

Asked for a file name after choosing a format, a practitioner who types ``n`` (not known, next) or a
number (the menu's) meant a key, not a file: plain mode wrote a summary called ``n``, with no
extension, and two such files reached the repository. ``screener.safewrite.typed_file`` reads what is
typed: nothing is the name offered, a lone key of the walk is refused, and a name with no extension
takes the offered one's, as the export page always did.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from screener.content import Pack
from screener.errors import InputError
from screener.plain import run_plain
from screener.safewrite import typed_file
from screener.walkthrough.session import Session

OFFERED = Path("screening-2026-12-07-summary.txt")

ACCEPTED = {
    "": OFFERED,
    "child.txt": Path("child.txt"),
    "child": Path("child.txt"),  # the format's extension, as the export page adds it
    "child.md": Path("child.md"),  # an extension typed is the user's
    "notes/child": Path("notes/child.txt"),
    "2024": Path("2024.txt"),  # a year is a name (four digits is no menu's number)
    "nn": Path("nn.txt"),
    "N-7": Path("N-7.txt"),
}

# What the walk's keys are: typed here they were meant for a menu or a question.
REFUSED = ["n", "N", "b", "q", "d", "?", "1", "2", "12", "yes", "no", " n "]


@pytest.mark.parametrize("typed", sorted(ACCEPTED))
def test_a_typed_name_is_read_as_the_export_page_reads_it(typed: str) -> None:
    assert typed_file(typed, OFFERED) == ACCEPTED[typed]


@pytest.mark.parametrize("typed", REFUSED)
def test_a_lone_key_of_the_walk_is_refused_saying_why(typed: str) -> None:
    with pytest.raises(InputError) as refused:
        typed_file(typed, OFFERED)
    assert "a key, not a file name" in str(refused.value)
    assert str(OFFERED) in str(refused.value)  # what Enter gives instead


def test_a_folder_is_still_refused() -> None:
    with pytest.raises(InputError, match="names a folder"):
        typed_file("newdir/", OFFERED)


def test_the_case_file_takes_yaml(tmp_path: Path) -> None:
    assert typed_file("child-7", Path("screening-2026-12-07.yaml")) == Path("child-7.yaml")


def test_plain_mode_writes_no_file_named_as_a_key_and_adds_the_formats_extension(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    day = dt.date(2026, 12, 7)
    session = Session.open(pack, None, as_at=day)
    probe = Session.open(pack, None, as_at=day)
    probe.begin("northern-ireland")
    asked = [p for p in probe.pages() if p.question is not None]
    # Northern Ireland, every question kept as it starts, the review, the summary; then save it as plain
    # text typing n for its name (refused), then again as "child" (child.txt), then finish.
    walk = ["3", *[""] * (len(asked) - 1), ""]
    lines = [*walk, "1", "2", "n", "1", "2", "child", "4", "yes"]
    out = io.StringIO()
    run_plain(session, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
    text = out.getvalue()
    assert "a key, not a file name" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["child.txt"]
