"""The pack's own record (``pack.yaml``) and the sources it cites (``sources.yaml``)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator

from screener.content.models.base import Bool, Date, Int, Model, check_id


class Source(Model):
    id: str
    short: str
    title: str
    publisher: str
    year: Int = Field(ge=1900, le=2100)
    kind: Literal["report", "legislation", "guidance", "statistics", "service", "other"]
    confirm_locally: Bool = False
    # The day a secondary or partial source was last checked; cited beside "confirm locally".
    checked_on: Date | None = None
    note: str | None = None

    _id = field_validator("id")(check_id)


class PackInfo(Model):
    id: str
    version: str
    title: str
    description: str
    source_documents: list[str] = Field(min_length=1)
    reviewed_on: Date
    review_due: Date

    _id = field_validator("id")(check_id)

    @field_validator("review_due")
    @classmethod
    def _due_after_review(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        # As a field check, so the problem points at review_due's own line.
        reviewed = info.data.get("reviewed_on")
        if reviewed is not None and value < reviewed:
            raise ValueError(f"comes before reviewed_on ({reviewed})")
        return value
