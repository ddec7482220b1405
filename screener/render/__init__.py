"""Renderers: one small module per format, each a pure function Summary -> str (or bytes, for Word and PDF)."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from screener.summary import Summary

# Text formats: shown on a screen, written to standard output, compared line by line.
FORMATS = ("md", "txt", "html", "json")
# Files, not text: never shown on a screen or written to a terminal.
BINARY = ("docx", "pdf")
ALL_FORMATS = FORMATS + BINARY
_MODULES = {"md": "markdown", "txt": "text", "html": "html", "json": "json", "docx": "docx", "pdf": "pdf"}
EXTENSIONS = {fmt: f".{fmt}" for fmt in ALL_FORMATS}


def renderer(fmt: str) -> Callable[[Summary], str]:
    """A text format's renderer."""
    if fmt in BINARY:
        raise ValueError(f"{fmt} is a binary format: use render_bytes")
    return import_module(f"screener.render.{_MODULES[fmt]}").render  # type: ignore[no-any-return]


def render(summary: Summary, fmt: str) -> str:
    return renderer(fmt)(summary)


def render_output(summary: Summary, fmt: str) -> str | bytes:
    """The summary in any format: text as text, Word and PDF as the file's bytes."""
    if fmt in BINARY:
        return import_module(f"screener.render.{_MODULES[fmt]}").render(summary)  # type: ignore[no-any-return]
    return render(summary, fmt)
