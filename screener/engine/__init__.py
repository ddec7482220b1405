"""The screening engine. Imports no Textual: front ends call ``screen``."""

from screener.engine.screen import screen

__all__ = ["screen"]
