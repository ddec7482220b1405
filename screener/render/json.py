"""The JSON summary, exactly as the contract names it."""

from __future__ import annotations

import json

from screener.summary import Summary, to_data
from screener.textsafe import json_safe


def render(summary: Summary) -> str:
    # json.dumps escapes C0 controls itself; C1 controls and bidirectional ones are escaped too.
    return json_safe(json.dumps(to_data(summary), indent=2, ensure_ascii=False)) + "\n"
