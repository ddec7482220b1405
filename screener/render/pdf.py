"""The summary as a tagged PDF (PDF/UA-1), printed from the print HTML by WeasyPrint.

The PDF is the HTML page as it prints: A4, the case reference, screening date and "Page N
of M" on every page (the page's own ``@page`` rules), with a structure tree, the document's
language and title, so a screen reader reads it in order. WeasyPrint is an optional extra
(``pip install 'screener[pdf]'``) with system libraries of its own (Pango); without either,
``unavailable()`` says why in one line, and nothing offers or writes a PDF.

WeasyPrint is given nothing to fetch: the page is self-contained, and any URL it would follow
is refused, so making a PDF sends nothing anywhere, as opening the HTML does not.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from functools import cache

from screener.errors import InputError
from screener.summary import Summary

EXTRA = "pip install 'screener[pdf]'"
VARIANT = "pdf/ua-1"
# The subset fonts embedded in the PDF carry a "modified" time; fixed, the same page gives the same bytes.
FONT_EPOCH = "315532800"  # 1980-01-01


# The system libraries WeasyPrint opens (its text layout); without them it cannot start.
LIBRARIES = ("pango-1.0", "pangoft2-1.0", "gobject-2.0")


@cache
def looks_available() -> bool:
    """Whether WeasyPrint and its libraries are installed, found without loading them (milliseconds)."""
    import ctypes.util
    import importlib.util

    if importlib.util.find_spec("weasyprint") is None:
        return False
    return all(ctypes.util.find_library(name) for name in LIBRARIES)


@cache
def unavailable() -> str | None:
    """Why no PDF can be made here, in one line; None when it can."""
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        return f"PDF needs the optional extra: {EXTRA}"
    except OSError as exc:  # WeasyPrint is there, the system's Pango or its fonts are not
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return f"PDF needs WeasyPrint's system libraries (Pango): {first}"
    return None


def check_available() -> None:
    """An InputError in one line when no PDF can be made, before anything is worked out or written."""
    why = unavailable()
    if why is not None:
        raise InputError.single("screener", why)


@contextlib.contextmanager
def _fixed_font_dates() -> Iterator[None]:
    # fontTools reads SOURCE_DATE_EPOCH when it writes a subset font; a value already set is kept.
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = FONT_EPOCH
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def html_pdf(page: str) -> bytes:
    """A self-contained HTML page (the print HTML of any export) as tagged PDF bytes."""
    check_available()
    import weasyprint

    with _fixed_font_dates():
        # No protocol allowed: every URL is refused (the page has none; this keeps it so).
        fetcher = weasyprint.urls.URLFetcher(allowed_protocols=())
        document = weasyprint.HTML(string=page, url_fetcher=fetcher, media_type="print")
        return bytes(document.write_pdf(pdf_variant=VARIANT))


def render(summary: Summary) -> bytes:
    from screener.render.html import render as render_html

    return html_pdf(render_html(summary))
