"""The pack is written in its own words: no text in it shares a run of ten or more
consecutive words with the source report.

Every string in every YAML file under ``indicators/`` is checked (themes, signposts,
jurisdictions, scenarios, quiz, framing, questions, areas, ...). Words are compared
without case or punctuation. The only exceptions are text inside quotation marks
(a deliberate, marked quotation) and titles: citation ``section:`` fields (the report's
own section titles) and the names of the documents in ``sources.yaml`` (the Northern Ireland
Act's name alone is twelve words, and a statute or a guidance document has no other name: a
citation must name it exactly to be found).

The report itself is not in the repository: the check reads a hash of every ten-word
run of it (``tests/report_data/runs.txt``, see ``tests/report.py``), so it runs in a
fresh clone with nothing beside it; ``tests/test_report_data.py`` rebuilds the hashes
wherever the report is present and fails if they differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from screener.content import default_pack_path
from tests.report import RUN, report_runs, run_hash, runs, words

# Keys whose values are the report's own titles, allowed to match it word for word.
EXEMPT_KEYS = frozenset({"section"})

# A quotation: straight or curly double quotes, or curly single quotes that open after a
# non-letter and close before one (so the apostrophe in "child’s" is not a quote mark).
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|(?<![\w’'])‘[^’]*’(?![\w])")


def unquoted(text: str) -> list[str]:
    """The parts of ``text`` outside quotation marks; a quotation also breaks a run."""
    return _QUOTED.split(text)


def without_names(tokens: list[str], names: tuple[tuple[str, ...], ...]) -> list[list[str]]:
    """``tokens`` split around every occurrence of a name, the names left out."""
    parts, start, i = [], 0, 0
    while i < len(tokens):
        name = next((n for n in names if tuple(tokens[i : i + len(n)]) == n), None)
        if name is None:
            i += 1
            continue
        parts.append(tokens[start:i])
        i += len(name)
        start = i
    parts.append(tokens[start:])
    return parts


def shared_run(
    text: str, report_runs: set[str], names: tuple[tuple[str, ...], ...] = (), size: int = RUN
) -> str | None:
    """The first run of ``size`` words ``text`` shares with the report, outside quotations and names."""
    for part in unquoted(text):
        for tokens in without_names(words(part), names):
            for i in range(len(tokens) - size + 1):
                if run_hash(tokens[i : i + size]) in report_runs:
                    # Widen to the whole shared stretch, to make the message useful.
                    end = i + size
                    while end < len(tokens) and run_hash(tokens[end - size + 1 : end + 1]) in report_runs:
                        end += 1
                    return " ".join(tokens[i:end])
    return None


def document_names(root: Path) -> tuple[tuple[str, ...], ...]:
    """The names of the documents the pack cites (Acts, guidance, reports), as words, longest first."""
    path = root / "sources.yaml"
    if not path.is_file():
        return ()
    sources = yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]
    names = {tuple(words(s["title"])) for s in sources}
    return tuple(sorted(names, key=len, reverse=True))


def strings(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every string value in a YAML document, with a path to it; exempt keys skipped."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in EXEMPT_KEYS:
                continue
            yield from strings(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings(value, f"{where}[{index}]")
    elif isinstance(node, str):
        yield where, node


def pack_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())


def violations(root: Path, report_runs: set[str]) -> list[str]:
    found = []
    names = document_names(root)
    for path in pack_files(root):
        # Our own pack files; the safe loader is enough to read their strings.
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, text in strings(document):
            run = shared_run(text, report_runs, names)
            if run is not None:
                found.append(f"{path.relative_to(root.parent)}: {where}: shares with the report: “{run}”")
    return found


@pytest.fixture(scope="module", name="report_runs")
def report_runs_fixture() -> set[str]:
    return report_runs()


# --- the rule over the shipped pack ------------------------------------------------------------


def test_no_text_in_the_pack_shares_ten_words_with_the_report(report_runs: set[str]) -> None:
    root = default_pack_path()
    assert len(pack_files(root)) >= 20  # the whole pack, recursively, not one file
    assert violations(root, report_runs) == []


# --- the checker itself can fail ------------------------------------------------------------------


def test_a_run_copied_from_the_report_is_caught(report_runs: set[str], tmp_path: Path) -> None:
    # The Northern Ireland Act's name is twelve words of the report; outside sources.yaml it is no title.
    name = "Human Trafficking and Exploitation (Criminal Justice and Support for Victims) Act (Northern Ireland) 2015"
    assert tuple(words(name)) in document_names(default_pack_path())
    copied = name.upper() + "!"
    assert shared_run(copied, report_runs) is not None
    assert shared_run(copied, report_runs, document_names(default_pack_path())) is None

    root = tmp_path / "indicators"
    (root / "themes").mkdir(parents=True)
    (root / "themes" / "copied.yaml").write_text(
        yaml.safe_dump({"indicators": [{"id": "x", "why": f"Our words first. {copied}"}]}), encoding="utf-8"
    )
    (found,) = violations(root, report_runs)
    assert found.startswith("indicators/themes/copied.yaml: indicators[0].why: shares with the report:")


def test_the_report_runs_are_the_whole_report_hashed() -> None:
    found = report_runs()
    assert 15_000 < len(found) < 17_000  # every ten-word run of a 16,000-word report, not a sample
    assert all(len(h) == 12 and int(h, 16) >= 0 for h in found)


def test_nine_shared_words_are_allowed_and_ten_are_not() -> None:
    report = runs(words("one two three four five six seven eight nine ten eleven"))
    assert shared_run("Zero one two three four five six seven eight nine, then more.", report) is None
    assert shared_run("Zero one two three four five six seven eight nine ten.", report) == (
        "one two three four five six seven eight nine ten"
    )
    # Case, punctuation, markdown bold and curly apostrophes do not hide a copy.
    report = runs(words("the child’s **safety** comes first, and so does the child's voice in every decision"))
    assert shared_run("THE CHILD'S SAFETY -- COMES FIRST; AND SO DOES THE CHILD’S VOICE", report)


def test_quotations_and_section_titles_are_the_only_exceptions() -> None:
    sentence = "one two three four five six seven eight nine ten"
    report = runs(words(sentence))
    assert shared_run(f'As the report puts it, "{sentence}".', report) is None
    assert shared_run(f"As the report puts it, “{sentence}”.", report) is None
    assert shared_run(f"As the report puts it, ‘{sentence}’.", report) is None
    # A quotation breaks the run: words either side of it are not joined up.
    assert shared_run('one two three four five "quoted" six seven eight nine ten', report) is None
    # An apostrophe is not a quotation mark.
    assert shared_run("one two three four five six seven eight nine ten’s", runs(words(sentence + "’s")))
    # The name of an Act is a title: left out, and the words either side are not joined up.
    act = (tuple(words("one two three four five six seven")),)
    assert shared_run(sentence, report, act) is None
    assert shared_run(sentence, report) is not None
    document = {"sources": [{"source": "snapshot-2024", "section": sentence}], "text": "ours"}
    assert [text for _, text in strings(document)] == ["snapshot-2024", "ours"]
    assert [where for where, _ in strings({"a": [{"b": "x"}]})] == ["a[0].b"]
