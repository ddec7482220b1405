"""The JSON summary, exactly as the contract names it."""

from __future__ import annotations

import json

from screener.summary import Summary, to_data


def render(summary: Summary) -> str:
    return json.dumps(to_data(summary), indent=2, ensure_ascii=False) + "\n"
