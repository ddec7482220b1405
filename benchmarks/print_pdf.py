"""Print the HTML summaries to PDF in headless Chromium and check every A4 page.

    PYTHONPATH=. python benchmarks/print_pdf.py [--keep DIR]

Needs ``chromium`` and ``poppler-utils`` (``pdftotext``, ``pdftoppm``) from the system
packages. For each sample case (and one with an area file) it writes the HTML summary,
prints it to PDF with Chromium (a fresh profile, no network features), and reports per
file: the page count and paper size, whether every page carries the case reference,
the screening date and "Page N of M", and whether any page ends on a lead-in line
("Route: …", "What would settle it:") stranded away from its table or list. It prints the
facilitator pack too, and checks that its first page is not wasted. With
``--keep DIR`` the PDFs and a PNG of every page are kept there, to look at.
Exit 1 when a check fails.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from screener.casefile.read import load_case
from screener.content import default_pack_path, load_pack
from screener.engine import screen
from screener.render import render

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "cases").glob("*.yaml"))
AREA = ROOT / "indicators" / "areas" / "example-borough.yaml"
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


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("chromium is not installed (apt-get install chromium)")


def print_pdf(html: Path, pdf: Path, profile: Path) -> None:
    subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def paper(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    match = re.search(r"Page size:\s+(.*)", info)
    return match.group(1).strip() if match else "?"


def check(name: str, pdf: Path, reference: str | None, day: str) -> bool:
    texts = pages(pdf)
    count = len(texts)
    ok = True
    problems = []
    for number, text in enumerate(texts, 1):
        flat = " ".join(text.split())
        if reference and f"case {reference}" not in flat:
            problems.append(f"page {number}: no reference")
        if f"Screened {day}" not in flat:
            problems.append(f"page {number}: no screening date")
        if f"Page {number} of {count}" not in flat:
            problems.append(f"page {number}: no page number")
        body = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("Page ")]
        if number < count and body and LEAD_IN.match(body[-1]) and not body[-1].startswith("Sources:"):
            problems.append(f"page {number}: ends on the lead-in {body[-1][:50]!r}")
    ok = not problems
    print(f"{name}: {count} pages, {paper(pdf)}: {'ok' if ok else '; '.join(problems)}")
    return ok


def check_pack(pdf: Path) -> bool:
    """The facilitator pack: page one is not wasted (the list of scenarios starts on it), and each
    scenario starts a page of its own, with the training warning on every page."""
    texts = pages(pdf)
    first = [line for line in texts[0].splitlines() if line.strip()]
    problems = []
    if not any(line.strip() == "Scenarios" for line in first) or not any(
        re.match(r"^\s*1\s+\S", line) for line in first
    ):
        problems.append("page 1 holds only the introduction: the list of scenarios starts on page 2")
    if len(first) < 25:
        problems.append(f"page 1 has only {len(first)} lines of text")
    for number, text in enumerate(texts, 1):
        if "TRAINING — FICTIONAL CASES" not in text:
            problems.append(f"page {number}: no training warning")
        if "Scenario 1:" in text and number == 1:
            problems.append("scenario 1 shares page 1")
    starts = [n for n, text in enumerate(texts, 1) if re.search(r"^Scenario \d+: ", text, re.M)]
    ok = not problems
    summary = f"{len(texts)} pages, {paper(pdf)}, page 1 {len(first)} lines, {len(starts)} scenario pages"
    print(f"facilitator-pack: {summary}: {'ok' if ok else '; '.join(problems)}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the PDFs and page images in this folder")
    args = parser.parse_args()
    pack = load_pack(default_pack_path())
    from screener.area.read import load_area

    area = load_area(AREA, pack)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        all_ok = True
        runs = [(c.stem, c, None) for c in CASES] + [("england-wales-with-area", CASES[1], area)]
        for name, path, used in runs:
            case = load_case(path, set(pack.questions), set(pack.indicators))
            used = used if used is not None and used.jurisdiction == case.jurisdiction else None
            summary = screen(pack, case, None, used)
            html = work / f"{name}.html"
            html.write_text(render(summary, "html"), encoding="utf-8")
            pdf = work / f"{name}.pdf"
            print_pdf(html, pdf, Path(tmp) / f"profile-{name}")
            all_ok &= check(name, pdf, case.reference, summary.as_at.isoformat())
            if args.keep:
                subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(work / name)], check=True)
        from screener.training import load_quiz, load_scenarios
        from screener.training.facilitator import facilitator_pack

        html = work / "facilitator-pack.html"
        pack_root = default_pack_path()
        html.write_text(
            facilitator_pack(pack, load_scenarios(pack, pack_root), load_quiz(pack, pack_root), "html"),
            encoding="utf-8",
        )
        pdf = work / "facilitator-pack.pdf"
        print_pdf(html, pdf, Path(tmp) / "profile-facilitator-pack")
        all_ok &= check_pack(pdf)
        if args.keep:
            subprocess.run(
                ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "3", str(pdf), str(work / "pack")], check=True
            )
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
