"""Renderers: one small module per format, each a pure function Summary -> str."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from screener.summary import Summary

FORMATS = ("md", "txt", "html", "json")
_MODULES = {"md": "markdown", "txt": "text", "html": "html", "json": "json"}
EXTENSIONS = {fmt: f".{fmt}" for fmt in FORMATS}


def renderer(fmt: str) -> Callable[[Summary], str]:
    return import_module(f"screener.render.{_MODULES[fmt]}").render  # type: ignore[no-any-return]


def render(summary: Summary, fmt: str) -> str:
    return renderer(fmt)(summary)
