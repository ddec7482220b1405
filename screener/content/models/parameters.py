"""The dated numbers the engine uses for key dates (``parameters.yaml``)."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import Field, field_validator, model_validator

from screener.content.models.base import Citation, InForce, Int, Model

# The longest window or period a pack may give, in days and in months (ten years).
MAX_WINDOW_DAYS = 3660
MAX_WINDOW_MONTHS = 120


class Window(Model):
    """A time limit that depends on when the triggering decision was made."""

    applies_to_decisions: InForce
    days: Int | None = Field(default=None, ge=1, le=MAX_WINDOW_DAYS)
    months: Int | None = Field(default=None, ge=1, le=MAX_WINDOW_MONTHS)
    text: str
    sources: list[Citation] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_length(self) -> Window:
        if (self.days is None) == (self.months is None):
            raise ValueError("a window needs exactly one of days or months")
        return self


def _says(placeholder: str) -> Callable[[str], str]:
    """A key date's text must show where its number goes; the engine puts the number in."""

    def check(value: str) -> str:
        if placeholder not in value:
            raise ValueError(f"must say {placeholder} where the number goes")
        return value

    return check


class Turns18Text(Model):
    """The 18th birthday as a key date, said before the day and once it has passed."""

    before: str
    after: str


class Parameters(Model):
    """Dated numbers the engine uses for key dates, and what each key date says."""

    reconsideration_windows: list[Window] = Field(min_length=1)
    # Upper bounds keep the key dates inside the calendar (a ten-year window is already absurd).
    pilot_exclusion_days: Int = Field(ge=1, le=MAX_WINDOW_DAYS)
    pilot_exclusion_text: str
    pilot_exclusion_sources: list[Citation] = Field(min_length=1)
    scotland_support_after_months: Int = Field(ge=1, le=MAX_WINDOW_MONTHS)
    scotland_support_text: str
    scotland_support_sources: list[Citation] = Field(min_length=1)
    approaching_18_days: Int = Field(ge=1, le=MAX_WINDOW_DAYS)
    turns_18_text: Turns18Text
    turns_18_sources: list[Citation] = Field(min_length=1)

    _days = field_validator("pilot_exclusion_text")(_says("{days}"))
    _months = field_validator("scotland_support_text")(_says("{months}"))
