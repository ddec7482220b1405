"""A document read from YAML, the line of each of its parts, and its problems in words.

``Document`` is what the reader (``screener.yamlio``) gives: plain data and the
line of every key and item, so that any problem found later, by pydantic or a
cross-check, is reported as ``file:line: message``. Pydantic's and PyYAML's own
wording is written for programmers; the functions below say each problem the
way someone editing the file would fix it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import ValidationError

from screener.errors import Problem
from screener.textsafe import check_data

Loc = tuple[str | int, ...]


@dataclass
class Document:
    """Plain data read from a file, plus the line of each key or item in it."""

    path: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Iterable[str | int]) -> int | None:
        """The line of the deepest part of ``loc`` that exists in the file."""
        parts = tuple(loc)
        for end in range(len(parts), -1, -1):
            line = self.lines.get(parts[:end])
            if line is not None:
                return line
        return None

    def problem(self, loc: Iterable[str | int], message: str) -> Problem:
        return Problem(self.path, self.line_of(loc), message)

    def part(self, prefix: Loc) -> Document:
        """The mapping under ``prefix`` as a document of its own, keeping the file's lines ({} when absent)."""
        node: Any = self.data
        for key in prefix:
            inside = isinstance(node, dict) and key in node
            inside = inside or (isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node))
            node = node[key] if inside else None
        size = len(prefix)
        lines = {loc[size:]: line for loc, line in self.lines.items() if loc[:size] == prefix and len(loc) > size}
        return Document(self.path, node if isinstance(node, dict) else {}, lines)

    def text_problems(
        self,
        multi_line: Callable[[Loc], bool] = lambda loc: True,
        bidi_ok: Callable[[Loc], bool] = lambda loc: False,
    ) -> list[Problem]:
        """Every key or value whose text is refused (``screener.textsafe.refused``), at its line.

        By default (the policy for pack files) values may run over several lines
        and keys may not; no text may hold a control character other than a line
        break or tab, nor a bidirectional control or zero-width character.
        """
        problems = [
            self.problem(loc, why) for loc, why in check_data(self.data, multi_line=multi_line, bidi_ok=bidi_ok)
        ]
        return sorted(set(problems), key=lambda p: (p.line or 0, p.message))

    def pydantic_problems(self, error: ValidationError, prefix: Loc = ()) -> list[Problem]:
        problems = []
        for item in error.errors(include_url=False):
            loc = _data_loc(self.data, prefix + tuple(item["loc"]))
            problems.append(self.problem(loc, _message(item, loc)))
        # A union can fail the same way on several branches; report it once.
        return list(dict.fromkeys(problems))


def _data_loc(data: Any, loc: Loc) -> Loc:
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


def _message(item: Any, data_loc: Loc) -> str:
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
