"""Problems in YAML files said the way someone editing the file would fix them.

Pydantic's and PyYAML's own wording is written for programmers; these turn one
validation error or one YAML syntax error into a short line for ``file:line: message``.
"""

from __future__ import annotations

from typing import Any

import yaml

Loc = tuple[str | int, ...]


def data_loc(data: Any, loc: Loc) -> Loc:
    """Keep the parts of a pydantic ``loc`` that exist in the data.

    Union-member tags drop out, and a missing key falls back to its parent, so
    the reported line is the nearest real one.
    """
    kept: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
            kept.append(part)
    return tuple(kept)


def pydantic_message(item: Any, data_loc: Loc) -> str:
    kind = item["type"]
    loc = item["loc"]
    # A missing key is not in the data, so its name is the last part of pydantic's
    # loc; otherwise the last key that exists in the file names the field (this
    # skips union tags without guessing from their spelling).
    if kind == "missing":
        name = str(loc[-1]) if loc else ""
    else:
        name = next((p for p in reversed(data_loc) if isinstance(p, str)), "")
    if kind == "extra_forbidden":
        return f"unknown key '{name}'"
    if kind == "missing":
        return f"missing required key '{name}'"
    text = _friendly(kind, item)
    # A nested condition's nearest key is only 'all' or 'any', which says nothing.
    if kind in ("condition", "union_tag_invalid") or not name:
        return text
    return f"{name}: {text}"


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"'{text}'" if isinstance(value, str) else text


def _friendly(kind: str, item: Any) -> str:
    """Pydantic's wording, rewritten for someone editing a YAML file."""
    value = item.get("input")
    ctx = item.get("ctx") or {}
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, not {_show(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float", "int_parsing_size"):
        return f"expected a whole number, not {_show(value)}"
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, not {_show(value)}"
    if kind == "string_type":
        hint = f" (put {_show(value)} in quotes)" if isinstance(value, int | float) else ""
        return f"expected text, not {_show(value)}{hint}"
    if kind.startswith("date_") or kind.startswith("datetime_"):
        return f"expected a date (YYYY-MM-DD), not {_show(value)}"
    if kind in ("list_type", "tuple_type", "set_type"):
        return f"expected a list, not {_show(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of keys to values, not {_show(value)}"
    if kind == "literal_error" and "expected" in ctx:
        return f"expected {ctx['expected']}, not {_show(value)}"
    if kind == "too_short" and "min_length" in ctx:
        count = ctx["min_length"]
        return f"needs at least {count} item{'s' if count != 1 else ''}"
    if kind in ("greater_than_equal", "greater_than") and "ge" in ctx:
        return f"must be at least {ctx['ge']}"
    if kind in ("less_than_equal", "less_than") and "le" in ctx:
        return f"must be at most {ctx['le']}"
    text = str(item["msg"])
    if text.startswith("Value error, "):
        text = text[len("Value error, ") :]
    return text


# PyYAML's wording for the slips people make most, said the way they would fix them.
_PLAIN_WORDS = {
    "mapping values are not allowed here": "a ':' inside a value (put the value in quotes)",
    "found character '\\t' that cannot start any token": "a tab character (indent with spaces)",
}


def yaml_message(exc: yaml.MarkedYAMLError) -> str:
    if exc.problem in _PLAIN_WORDS:
        return f"not valid YAML: {_PLAIN_WORDS[exc.problem]}"
    parts = [p for p in (exc.context, exc.problem) if p]
    return "not valid YAML: " + "; ".join(parts) if parts else "not valid YAML"
