"""Every word the pack's own text uses: what the privacy check counts as known, not as a name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from screener.content.pack import Pack

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def pack_words(pack: Pack) -> frozenset[str]:
    """The pack's words, lower-cased; made once and kept in the pack's memo (and in the wheel's record)."""
    known: frozenset[str] | None = pack.memo.get("words")
    if known is None:
        parts = [
            pack.info,
            list(pack.sources.values()),
            list(pack.questions.values()),
            pack.themes,
            list(pack.indicators.values()),
            list(pack.jurisdictions.values()),
            list(pack.signposts.values()),
            pack.framing,
        ]
        known = frozenset(w.lower().strip("'’-") for text in _strings(parts) for w in WORD.findall(text))
        pack.memo["words"] = known
    return known
