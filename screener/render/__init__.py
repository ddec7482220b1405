"""Renderers: one small module per format, each a pure function Summary -> str (bytes for a binary format).

Which formats there are, and what each is called, is ``screener.render.formats``'s table.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from screener.render.formats import BY_KEY, EXTENSIONS, FORMATS, TABLE, Format, format_named, format_of

if TYPE_CHECKING:
    from screener.summary import Summary

__all__ = [
    "BY_KEY",
    "EXTENSIONS",
    "FORMATS",
    "TABLE",
    "Format",
    "format_named",
    "format_of",
    "render",
    "render_file",
    "renderer",
]


def renderer(fmt: str) -> Callable[[Summary], str | bytes]:
    return import_module(f"screener.render.{BY_KEY[fmt].module}").render  # type: ignore[no-any-return]


def render(summary: Summary, fmt: str) -> str:
    """The summary as text in a text format (a binary one is ``render_file``'s)."""
    out = renderer(fmt)(summary)
    if isinstance(out, bytes):
        raise ValueError(f"{fmt} is a binary format: render_file gives its bytes")
    return out


def render_file(summary: Summary, fmt: str) -> str | bytes:
    """The summary as a file holds it: text for a text format, bytes for a binary one."""
    return renderer(fmt)(summary)
