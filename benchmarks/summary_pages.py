"""Count the A4 pages each sample summary prints on, with WeasyPrint, and check the four-page aim.

    PYTHONPATH=. python benchmarks/summary_pages.py

Needs WeasyPrint (``pip install weasyprint``) and its system libraries (Pango). Each sample case's
HTML summary is laid out for print (A4, the page's own @page rules) and its pages counted; the
aim is that a typical case prints on at most four. Exit 1 when a case takes more, 2 when
WeasyPrint is not installed. (``print_pdf.py`` checks the same pages, and can print them in Chromium.)
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from screener.casefile.read import load_case
from screener.content import default_pack_path, load_pack
from screener.engine import screen
from screener.render import render

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "cases").glob("*.yaml"))
MOST = 4


def main() -> int:
    try:
        from weasyprint import HTML  # type: ignore[import-not-found,unused-ignore]
    except (ImportError, OSError) as exc:
        sys.stderr.write(f"summary_pages: WeasyPrint is not available ({exc})\n")
        return 2
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    pack = load_pack(default_pack_path())
    worst = 0
    for path in CASES:
        case = load_case(path, set(pack.questions), set(pack.indicators))
        pages = len(HTML(string=render(screen(pack, case), "html"), media_type="print").render().pages)
        worst = max(worst, pages)
        print(f"{path.stem}: {pages} page{'s' if pages != 1 else ''} (aim: at most {MOST})")
    return 0 if worst <= MOST else 1


if __name__ == "__main__":
    sys.exit(main())
