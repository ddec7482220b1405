"""The walkthrough's building blocks: a question, its options, and the error a bad answer raises.

Answer values, by question kind:

- ``choice``: the chosen option's value (``yes``/``no``/``unknown``, a
  jurisdiction id or ``None`` when none is chosen yet, an NRM status);
- ``text``: a string, or ``None`` for none;
- ``date``: a ``datetime.date``, or ``None`` for not known;
- ``age``: a date of birth (``datetime.date``), whole years (``int``) or ``None``;
- ``indicators``: a ``frozenset`` of the theme's indicator ids that are noted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["choice", "text", "date", "age", "indicators"]
UNKNOWN = "unknown"


class AnswerError(ValueError):
    """An answer that cannot be recorded; the message says how to put it right."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str  # the full wording, as offered
    short: str  # one or two words, for the review and the plain-mode echo
    detail: str = ""  # indicators: the question the practitioner asks themselves
    kind: str = ""  # indicators: the kind's label, as shown ("Sign", "Risk factor")


@dataclass(frozen=True)
class Question:
    id: str
    step: str
    kind: Kind
    title: str  # short, for the review list
    prompt: str
    options: tuple[Option, ...] = ()
    required: bool = False
    hint: str = ""
    theme: str | None = None
    # What "Not known" records, where it differs from an empty answer (None).
    not_known: Any = None

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)
