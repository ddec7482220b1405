"""The JSON summary, exactly as the contract names it."""

from __future__ import annotations

import json

from screener.summary import Summary


def render(summary: Summary) -> str:
    data = summary.model_dump(mode="json", by_alias=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
