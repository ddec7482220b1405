"""The statements every summary opens with (``framing.yaml``)."""

from __future__ import annotations

from pydantic import Field

from screener.content.models.base import Bool, Citation, Statement


class FramingPoint(Statement):
    """A statement every summary opens with (while it is in force)."""

    id: str | None = None
    text: str
    sources: list[Citation] = Field(min_length=1)
    confirm_locally: Bool = False
