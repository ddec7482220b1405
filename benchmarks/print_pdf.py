"""Print every printable export to A4 PDF and check each page; report the page counts.

    PYTHONPATH=. python benchmarks/print_pdf.py [--engine weasyprint|chromium] [--keep DIR]

By default the PDFs are the ones ``--format pdf`` makes (WeasyPrint, the ``pdf`` extra, in the
test extra too); ``--engine chromium`` prints the same HTML pages in headless Chromium instead
(a fresh profile, no network features), as a browser's Print would. Pages are read back with
pypdf. For each sample case (and one with an area file) it reports the page count and paper
size, whether every page carries the case reference, the screening date and "Page N of M", and
whether any page ends on a lead-in line ("Route: …", "What would settle it:") stranded away
from its table or list. Every sample case is a typical case (county lines, the commonest form
of exploitation in the report, also with an area file's local contacts) and must fit on
MAX_PAGES pages. It prints the facilitator pack (page one holds the list
of scenarios, each scenario starts a page) and a debrief, and checks that every page of both
says TRAINING — FICTIONAL CASE and its page number, with no stranded lead-in. With ``--keep
DIR`` the PDFs are kept there, to look at. Exit 1 when a check fails.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pypdf

from screener.casefile.read import load_case
from screener.content import default_pack_path, load_pack
from screener.engine import screen
from screener.render import render

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "cases").glob("*.yaml"))
AREA = ROOT / "indicators" / "areas" / "example-borough.yaml"
MAX_PAGES = 4
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
]
LEAD_IN = re.compile(r"^(Route: .*|.*:)$")
TRAINING = "TRAINING — FICTIONAL CASE"
A4 = (595, 842)  # points

Printer = Callable[[str, Path], bytes]


def weasyprint_pdf(page: str, work: Path) -> bytes:
    from screener.render.pdf import html_pdf

    return html_pdf(page)


def chromium_pdf(page: str, work: Path) -> bytes:
    found = next((f for f in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if f), None)
    if found is None:
        sys.exit("chromium is not installed (apt-get install chromium)")
    html = work / "page.html"
    html.write_text(page, encoding="utf-8")
    pdf = work / "page.pdf"
    subprocess.run(
        [found, *FLAGS, f"--user-data-dir={work / 'profile'}", f"--print-to-pdf={pdf}", html.as_uri()],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return pdf.read_bytes()


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def paper(data: bytes) -> str:
    boxes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in pypdf.PdfReader(io.BytesIO(data)).pages
    }
    return "A4" if boxes == {A4} else f"not A4: {sorted(boxes)}"


def stranded(text: str, margins: tuple[str, ...]) -> str | None:
    """The page's last line of body text when it is a lead-in, else None."""
    body = [
        line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith(("Page ", *margins))
    ]
    if body and LEAD_IN.match(body[-1]) and not body[-1].startswith("Sources:"):
        return body[-1]
    return None


def check_pages(texts: list[str], marks: tuple[str, ...], margins: tuple[str, ...]) -> list[str]:
    """Every page carries each mark and its number; no page but the last ends on a lead-in."""
    problems = []
    for number, text in enumerate(texts, 1):
        flat = " ".join(text.split())
        problems += [f"page {number}: no {mark!r}" for mark in marks if mark not in flat]
        if f"Page {number} of {len(texts)}" not in flat:
            problems.append(f"page {number}: no page number")
        if number < len(texts) and (line := stranded(text, margins)):
            problems.append(f"page {number}: ends on the lead-in {line[:50]!r}")
    return problems


def report(name: str, data: bytes, problems: list[str], extra: str = "") -> bool:
    count = len(pages(data))
    problems = ([] if paper(data) == "A4" else [paper(data)]) + problems
    print(f"{name}: {count} pages{extra}: {'ok' if not problems else '; '.join(problems)}")
    return not problems


def check_pack(data: bytes) -> bool:
    """The facilitator pack: page one is not wasted (the list of scenarios starts on it), and each
    scenario starts a page of its own."""
    texts = pages(data)
    first = [line for line in texts[0].splitlines() if line.strip()]
    problems = check_pages(texts, (TRAINING,), ("Screener facilitator pack", TRAINING))
    if not any(line.strip() == "Scenarios" for line in first) or not any(re.match(r"^\s*1\s+\S", x) for x in first):
        problems.append("page 1 holds only the introduction: the list of scenarios starts on page 2")
    if any(re.search(r"^Scenario 1: ", text, re.M) for text in texts[:1]):
        problems.append("scenario 1 shares page 1")
    starts = [n for n, text in enumerate(texts, 1) if re.search(r"^Scenario \d+: ", text, re.M)]
    return report("facilitator-pack", data, problems, f", page 1 {len(first)} lines, {len(starts)} scenario pages")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("weasyprint", "chromium"), default="weasyprint")
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    args = parser.parse_args()
    printer: Printer = weasyprint_pdf if args.engine == "weasyprint" else chromium_pdf
    pack = load_pack(default_pack_path())
    from screener.area.read import load_area

    area = load_area(AREA, pack)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)

        def printed(name: str, page: str) -> bytes:
            data = printer(page, work)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"{name}.pdf").write_bytes(data)
            return data

        all_ok = True
        runs = [(c.stem, c, None) for c in CASES] + [("england-wales-with-area", CASES[1], area)]
        for name, path, used in runs:
            case = load_case(path, set(pack.questions), set(pack.indicators))
            used = used if used is not None and used.jurisdiction == case.jurisdiction else None
            summary = screen(pack, case, None, used)
            data = printed(name, render(summary, "html"))
            day = summary.as_at.isoformat()
            marks = (f"case {case.reference}", f"Screened {day}") if case.reference else (f"Screened {day}",)
            problems = check_pages(pages(data), marks, (f"case {case.reference}", "Screened "))
            if len(pages(data)) > MAX_PAGES:
                problems.append(f"more than {MAX_PAGES} pages: a typical case must fit on {MAX_PAGES}")
            all_ok &= report(name, data, problems)

        from screener.training import load_quiz, load_scenarios
        from screener.training.debrief import TITLE, build_debrief, render_debrief
        from screener.training.facilitator import facilitator_pack
        from screener.training.room import RoundRecord

        root = default_pack_path()
        scenarios = load_scenarios(pack, root)
        all_ok &= check_pack(
            printed("facilitator-pack", facilitator_pack(pack, scenarios, load_quiz(pack, root), "html"))
        )
        # One blank round of every scenario, from one seat: every key answer missed, the longest debrief.
        rounds = [
            RoundRecord(n, "A1", s.id, "practice", None, "unknown", {}, "unknown", None, (), {}, ())
            for n, s in enumerate(scenarios, 1)
        ]
        data = printed("debrief", render_debrief(build_debrief(pack, scenarios, rounds), "html"))
        problems = check_pages(pages(data), (TRAINING,), (TITLE, TRAINING))
        all_ok &= report("debrief", data, problems)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
