"""Safe YAML reading that keeps line numbers.

PyYAML's defaults are wrong for this project in four ways, each fixed here:
YAML 1.1 reads ``yes``/``no``/``on``/``off`` as booleans and ``0123`` as octal;
duplicate keys silently keep the last value; anchors and aliases let a tiny file
expand into a huge structure; and constructed data forgets where it came from.
So we compose the node tree ourselves, refuse anchors, aliases and duplicates,
resolve only plain JSON-like scalars, keep dates as strings (pydantic parses
them and reports bad ones), and record the line of every key and item.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from screener.errors import InputError, Problem

MAX_BYTES = 1024 * 1024

Loc = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(0|[1-9][0-9]*)\.[0-9]+([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


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

    def pydantic_problems(self, error: ValidationError, prefix: Loc = ()) -> list[Problem]:
        problems = []
        for item in error.errors(include_url=False):
            loc = prefix + tuple(item["loc"])
            problems.append(self.problem(_data_loc(self.data, loc), _message(item)))
        return problems


def _data_loc(data: Any, loc: Loc) -> Loc:
    """Keep the parts of a pydantic ``loc`` that exist in the data.

    Union-member tags drop out, and a missing key falls back to its parent, so
    the reported line is the nearest real one.
    """
    kept: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
            kept.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            kept.append(part)
    return tuple(kept)


def _message(item: Any) -> str:
    kind = item["type"]
    loc = item["loc"]
    name = next((str(p) for p in reversed(loc) if isinstance(p, str) and not p[:1].isupper()), "")
    if kind == "extra_forbidden":
        return f"unknown key '{name}'"
    if kind == "missing":
        return f"missing required key '{name}'"
    text = str(item["msg"])
    if text.startswith("Value error, "):
        text = text[len("Value error, ") :]
    if name and kind not in ("value_error", "assertion_error"):
        return f"{name}: {text}"
    return text


class _Composer(yaml.SafeLoader):
    """A loader used only to compose nodes; construction is ours."""


def _refuse_anchors(loader: yaml.SafeLoader) -> None:
    event = loader.peek_event()
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
        mark = event.start_mark
        raise yaml.MarkedYAMLError(
            problem="anchors and aliases (& and *) are not allowed", problem_mark=mark
        )


class _SafeComposer(_Composer):
    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        _refuse_anchors(self)
        return super().compose_node(parent, index)


def read_text(path: Path) -> str:
    """Read a small UTF-8 text file, refusing what is not one."""
    if not path.exists():
        raise InputError.single(path, "no such file")
    if path.is_dir():
        raise InputError.single(path, "is a folder, not a file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError.single(path, f"file is too large ({size} bytes; the limit is {MAX_BYTES})")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError.single(path, f"cannot read: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        raise InputError.single(path, "is not a text file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.single(path, f"is not UTF-8 text (byte {exc.start})") from None


def load_document(path: Path, display: str | None = None) -> Document:
    """Read YAML (or JSON, which is YAML) into plain data with line numbers."""
    name = display or str(path)
    text = read_text(path)
    if path.suffix.lower() == ".json":
        return _load_json(text, name)
    return parse_yaml(text, name)


def parse_yaml(text: str, name: str) -> Document:
    loader = _SafeComposer(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise InputError([Problem(name, line, _yaml_message(exc))]) from None
    except yaml.YAMLError as exc:
        raise InputError.single(name, f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    doc = Document(name, None)
    if node is None:
        raise InputError.single(name, "file is empty", 1)
    doc.data = _construct(node, (), doc)
    return doc


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return "not valid YAML: " + "; ".join(parts) if parts else "not valid YAML"


def _construct(node: yaml.Node, loc: Loc, doc: Document) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError([Problem(doc.path, key_node.start_mark.line + 1, "keys must be plain text")])
            key = key_node.value
            if key in result:
                raise InputError([Problem(doc.path, key_node.start_mark.line + 1, f"duplicate key '{key}'")])
            doc.lines[loc + (key,)] = key_node.start_mark.line + 1
            result[key] = _construct(value_node, loc + (key,), doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            doc.lines[loc + (index,)] = item.start_mark.line + 1
            items.append(_construct(item, loc + (index,), doc))
        return items
    return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    if node.style is not None:  # quoted or block: always text
        return value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def _load_json(text: str, name: str) -> Document:
    if not text.strip():
        raise InputError.single(name, "file is empty", 1)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(name, exc.lineno, f"not valid JSON: {exc.msg}")]) from None
    try:
        # The YAML composer reads JSON too and gives us line numbers and duplicate-key checks.
        return parse_yaml(text, name)
    except InputError as exc:
        if any("duplicate key" in p.message for p in exc.problems):
            raise
        return Document(name, data, {(): 1})
