"""The pack is written in its own words: no text in it shares a run of ten or more
consecutive words with the source report.

Every string in every YAML file under ``indicators/`` is checked (themes, signposts,
jurisdictions, scenarios, quiz, framing, questions, areas, ...). Words are compared
without case or punctuation. The only exceptions are text inside quotation marks
(a deliberate, marked quotation) and titles: citation ``section:`` fields (the report's
own section titles) and the names of the Acts in ``sources.yaml`` (the Northern Ireland
Act's name alone is twelve words, and a statute has no other name).

The report is found relative to the repository: ``shared/source/`` beside the checkout
(CI copies it to ``<repo>/../shared``), or beside a parent folder (a worktree under
``/work/wt/``). CI always has it, so a missing report fails this test rather than
skipping it: a rule that silently stops being checked is no rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from screener.content import default_pack_path

RUN = 10
REPORT_NAME = "child-trafficking-in-the-uk-2024-snapshot.txt"
REPO = Path(__file__).resolve().parent.parent
# Keys whose values are the report's own titles, allowed to match it word for word.
EXEMPT_KEYS = frozenset({"section"})

_WORD = re.compile(r"[a-z0-9]+")
# A quotation: straight or curly double quotes, or curly single quotes that open after a
# non-letter and close before one (so the apostrophe in "child’s" is not a quote mark).
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|(?<![\w’'])‘[^’]*’(?![\w])")
_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")


def find_report() -> Path | None:
    # <repo>/../shared/source first (CI), then beside each folder further up (a worktree).
    for folder in REPO.parents:
        path = folder / "shared" / "source" / REPORT_NAME
        if path.is_file():
            return path
    return None


def words(text: str) -> list[str]:
    """Lower-case words, punctuation dropped; "children’s" is one word, "16-year-old" three."""
    text = unicodedata.normalize("NFKC", text).replace("**", "")
    text = _APOSTROPHE.sub("", text.lower())
    return _WORD.findall(text)


def runs(tokens: list[str], size: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


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
    text: str, report_runs: set[tuple[str, ...]], names: tuple[tuple[str, ...], ...] = (), size: int = RUN
) -> str | None:
    """The first run of ``size`` words ``text`` shares with the report, outside quotations and names."""
    for part in unquoted(text):
        for tokens in without_names(words(part), names):
            for i in range(len(tokens) - size + 1):
                if tuple(tokens[i : i + size]) in report_runs:
                    # Widen to the whole shared stretch, to make the message useful.
                    end = i + size
                    while end < len(tokens) and tuple(tokens[end - size + 1 : end + 1]) in report_runs:
                        end += 1
                    return " ".join(tokens[i:end])
    return None


def act_names(root: Path) -> tuple[tuple[str, ...], ...]:
    """The names of the Acts the pack cites, as words, longest first."""
    path = root / "sources.yaml"
    if not path.is_file():
        return ()
    sources = yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]
    names = {tuple(words(s["title"])) for s in sources if s.get("kind") == "legislation"}
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


def violations(root: Path, report_runs: set[tuple[str, ...]]) -> list[str]:
    found = []
    names = act_names(root)
    for path in pack_files(root):
        # Our own pack files; the safe loader is enough to read their strings.
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, text in strings(document):
            run = shared_run(text, report_runs, names)
            if run is not None:
                found.append(f"{path.relative_to(root.parent)}: {where}: shares with the report: “{run}”")
    return found


@pytest.fixture(scope="module")
def report_runs() -> set[tuple[str, ...]]:
    path = find_report()
    if path is None:
        pytest.fail(
            f"the source report {REPORT_NAME} was not found in shared/source/ beside {REPO} or any "
            "folder above it; CI copies shared/ beside the checkout, so this check must not be skipped"
        )
    return runs(words(path.read_text(encoding="utf-8")))


# --- the rule over the shipped pack ------------------------------------------------------------


def test_no_text_in_the_pack_shares_ten_words_with_the_report(report_runs: set[tuple[str, ...]]) -> None:
    root = default_pack_path()
    assert len(pack_files(root)) >= 20  # the whole pack, recursively, not one file
    assert violations(root, report_runs) == []


# --- the checker itself can fail ------------------------------------------------------------------


def test_a_sentence_copied_from_the_report_is_caught(report_runs: set[tuple[str, ...]], tmp_path: Path) -> None:
    path = find_report()
    assert path is not None
    # A real sentence from the report, with its case and punctuation changed.
    line = next(ln for ln in path.read_text(encoding="utf-8").splitlines() if len(words(ln)) >= 30 and '"' not in ln)
    copied = " ".join(words(line)[5:20]).upper() + "!"
    assert shared_run(copied, report_runs) is not None

    root = tmp_path / "indicators"
    (root / "themes").mkdir(parents=True)
    (root / "themes" / "copied.yaml").write_text(
        yaml.safe_dump({"indicators": [{"id": "x", "why": f"Our words first. {copied}"}]}), encoding="utf-8"
    )
    (found,) = violations(root, report_runs)
    assert found.startswith("indicators/themes/copied.yaml: indicators[0].why: shares with the report:")


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


def test_the_report_is_found_beside_the_checkout() -> None:
    path = find_report()
    assert path is not None and path.name == REPORT_NAME
    assert REPO.is_relative_to(path.parent.parent.parent)
