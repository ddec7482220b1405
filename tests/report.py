"""What the tests need of the source report, as small data committed beside them.

The report (ECPAT UK / IASC, *Child trafficking in the UK 2024: a snapshot*) is not
in this repository: a fresh clone has no ``shared/source/`` beside it. So the checks
against it read data derived from it, in ``tests/report_data/``:

- ``runs.txt``: a hash of every run of ten consecutive words of the report (words as
  ``words`` splits them), one a line, sorted; not the report's text. The own-words
  check (``tests/test_own_words.py``) hashes each ten-word run of the pack the same way.
- ``contents.json``: the report's contents, each title with the pages it can span
  (from its own page to the page where the next title on a later page starts), and
  every figure the report gives (``1,234``, ``56%``).

Where the report is present, ``tests/test_report_data.py`` rebuilds both files from it
and fails if they differ (``SCREENER_UPDATE_GOLDEN=1`` rewrites them).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

RUN = 10
REPORT_NAME = "child-trafficking-in-the-uk-2024-snapshot.txt"
REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "report_data"
RUNS = DATA / "runs.txt"
CONTENTS = DATA / "contents.json"
# 48 bits of SHA-256: with some 16,000 runs in the report, a run of the pack matches one by
# chance about once in 18 billion tries.
HASH_CHARS = 12
FIGURE = re.compile(r"\d{1,3}(?:,\d{3})*%?")

_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")
_CONTENTS_ROW = re.compile(r"^\| (.+?) \| (\d+) \|$", re.MULTILINE)


def find_report() -> Path | None:
    """The report in ``shared/source/`` beside the checkout or beside any folder above it, if there."""
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


def run_hash(run: Iterable[str]) -> str:
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:HASH_CHARS]


def runs(tokens: list[str], size: int = RUN) -> set[str]:
    """The hash of every run of ``size`` consecutive words in ``tokens``."""
    return {run_hash(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def runs_text(report: str) -> str:
    """``runs.txt`` as it is made from the report's text."""
    lines = [f"# {RUN}-word runs of {REPORT_NAME}: SHA-256 of the words joined by spaces, first {HASH_CHARS} hex"]
    return "\n".join([*lines, *sorted(runs(words(report)))]) + "\n"


def contents_text(report: str) -> str:
    """``contents.json`` as it is made from the report's text."""
    rows = _CONTENTS_ROW.findall(report)
    # "Chapter 5: Prosecutions for child trafficking" is cited by its title alone.
    titles = [(re.sub(r"^Chapter \d+: ", "", re.sub(r"\.+$", "", t).strip()), int(p)) for t, p in rows]
    spans: dict[str, list[int]] = {}
    for index, (title, page) in enumerate(titles):
        end = next((p for _, p in titles[index + 1 :] if p > page), page)
        spans.setdefault(title.lower(), [page, end])
    figures = sorted(set(FIGURE.findall(report)), key=lambda f: (len(f), f))
    # One title a line, so a change to the contents reads as a one-line diff.
    sections = ",\n".join(f"  {json.dumps(title)}: {json.dumps(span)}" for title, span in spans.items())
    return (
        f'{{\n "report": {json.dumps(REPORT_NAME)},\n "sections": {{\n{sections}\n }},\n'
        f' "figures": {json.dumps(figures)}\n}}\n'
    )


def report_runs() -> set[str]:
    lines = RUNS.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def report_sections() -> dict[str, tuple[int, int]]:
    """Each title in the report's contents (lower case) with its first and last page."""
    data = json.loads(CONTENTS.read_text(encoding="utf-8"))
    return {title: (first, last) for title, (first, last) in data["sections"].items()}


def report_figures() -> frozenset[str]:
    return frozenset(json.loads(CONTENTS.read_text(encoding="utf-8"))["figures"])
