"""Safe YAML reading that keeps line numbers.

PyYAML's defaults are wrong for this project in four ways, each fixed here:
YAML 1.1 reads ``yes``/``no``/``on``/``off`` as booleans and ``0123`` as octal;
duplicate keys silently keep the last value; anchors and aliases let a tiny file
expand into a huge structure; and constructed data forgets where it came from.
So we compose the node tree ourselves, refuse anchors, aliases and duplicates,
resolve only plain JSON-like scalars, keep dates as strings (pydantic parses
them and reports bad ones), and record the line of every key and item.

Reading is done twice over only when something is wrong. LibYAML's parser
(``yaml.CSafeLoader``) reads well-formed text about twenty times faster than
PyYAML's own, and its events are built straight into data here. At the first
thing it does not like (a syntax error, an anchor, alias or tag, deep nesting,
a duplicate or non-text key) the text is read again with PyYAML's parser, whose
messages and lines are the ones this module has always given.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from screener.errors import InputError, Problem
from screener.textsafe import check_data

MAX_BYTES = 1024 * 1024
# Real content nests about a dozen levels; the cap keeps the recursive composer,
# pydantic and our walkers far from Python's recursion limit.
MAX_DEPTH = 50

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


class _Composer(yaml.SafeLoader):
    """A loader used only to compose nodes; construction is ours."""


class _Refused(yaml.MarkedYAMLError):
    """Valid YAML that this project does not accept."""


def _refuse(loader: yaml.SafeLoader, depth: int) -> None:
    event = loader.peek_event()
    mark = event.start_mark
    problem = None
    # Refused at the first anchor, before any alias can be expanded, so an alias
    # bomb costs no more than reading the text up to it.
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
        problem = "anchors and aliases (& and *) are not allowed"
    elif getattr(event, "tag", None) is not None:
        problem = "tags (such as !!str) are not allowed"
    elif depth > MAX_DEPTH and isinstance(event, yaml.CollectionStartEvent):
        problem = f"nested more than {MAX_DEPTH} levels deep"
    if problem is not None:
        raise _Refused(problem=problem, problem_mark=mark)


class _SafeComposer(_Composer):
    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        _refuse(self, self._depth)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def read_text(path: Path) -> str:
    """Read a small UTF-8 text file, refusing what is not one."""
    try:
        return _read_text(path)
    except (OSError, ValueError) as exc:
        # A path the system cannot look up: a NUL in it, a part over 255 bytes.
        if isinstance(exc, ValueError) and "null" not in str(exc):
            raise
        from screener.safewrite import reason

        raise InputError.single(path, f"cannot read: {reason(exc)}") from None


def _read_text(path: Path) -> str:
    if not path.exists():
        raise InputError.single(path, "no such file")
    if path.is_dir():
        raise InputError.single(path, "is a folder, not a file")
    if not path.is_file():
        # A pipe or device would block or never end.
        raise InputError.single(path, "is not a regular file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError.single(
                path, f"file is too large ({size:,} bytes; the limit is {MAX_BYTES // 1024 // 1024} MiB)"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError.single(path, f"cannot read: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        raise InputError.single(path, "is not a text file (it contains a NUL byte)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.single(path, f"is not UTF-8 text (byte {exc.start})") from None


def load_document(
    path: Path,
    display: str | None = None,
    *,
    multi_line: Callable[[Loc], bool] = lambda loc: True,
    bidi_ok: Callable[[Loc], bool] = lambda loc: False,
) -> Document:
    """Read YAML (or JSON, which is YAML) into plain data with line numbers.

    Every key and value is checked as untrusted text (``Document.text_problems``,
    with the policy given); any refused text is an InputError at its line.
    """
    name = display or str(path)
    try:
        text = read_text(path)
    except InputError as exc:
        if display is None:
            raise
        raise InputError([Problem(name, p.line, p.message) for p in exc.problems]) from None
    doc = _load_json(text, name) if path.suffix.lower() == ".json" else parse_yaml(text, name)
    problems = doc.text_problems(multi_line, bidi_ok)
    if problems:
        raise InputError(problems)
    return doc


def parse_yaml(text: str, name: str) -> Document:
    """Plain data and lines from YAML text; InputError for anything we refuse."""
    if _FastLoader is not None:
        doc = _parse_fast(text, name, _FastLoader)
        if doc is not None:
            return doc
    return _parse_careful(text, name)


def _parse_careful(text: str, name: str) -> Document:
    try:
        # The reader checks every character as the loader is made, so that is
        # inside the try too.
        loader = _SafeComposer(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as exc:
        line: int | None = text.count("\n", 0, exc.position) + 1
        message = f"control character #x{exc.character:04x} is not allowed"
        raise InputError([Problem(name, line, message)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        message = str(exc.problem) if isinstance(exc, _Refused) else _yaml_message(exc)
        raise InputError([Problem(name, line, message)]) from None
    except yaml.YAMLError as exc:
        raise InputError.single(name, f"not valid YAML: {exc}") from None
    if node is None:
        raise InputError.single(name, "file is empty", 1)
    doc = Document(name, None, {(): node.start_mark.line + 1})
    doc.data = _construct(node, (), doc)
    return doc


# PyYAML's wording for the slips people make most, said the way they would fix them.
_PLAIN_WORDS = {
    "mapping values are not allowed here": "a ':' inside a value (put the value in quotes)",
    "found character '\\t' that cannot start any token": "a tab character (indent with spaces)",
}


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    if exc.problem in _PLAIN_WORDS:
        return f"not valid YAML: {_PLAIN_WORDS[exc.problem]}"
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
            doc.lines[(*loc, key)] = key_node.start_mark.line + 1
            result[key] = _construct(value_node, (*loc, key), doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            doc.lines[(*loc, index)] = item.start_mark.line + 1
            items.append(_construct(item, (*loc, index), doc))
        return items
    return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> Any:
    return _resolve(node.value, node.style)


def _resolve(value: str, style: str | None) -> Any:
    # Plain is None from PyYAML's parser and '' from LibYAML's.
    if style:  # quoted or block: always text
        return value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if value[0] not in "+-0123456789":  # neither pattern can match
        return value
    if _INT.match(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python will convert
            return value
    if _FLOAT.match(value):
        return float(value)
    return value


# LibYAML's parser, when PyYAML was built with it; without it every read is careful.
_FastLoader: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)

_NO_KEY: Any = object()
_LONE_CR = re.compile("\r(?!\n)")


def _libyaml_differs(text: str) -> bool:
    """Might LibYAML read this text otherwise than PyYAML?

    It takes a tab as white space where PyYAML refuses one (after a value at the
    end of a line, say), skips a byte order mark inside the text, counts lines at
    breaks other than '\n' and '\r\n' its own way, and allows a comment straight
    after a block scalar's '|' or '>'. Text with any of these is read carefully.
    """
    if "\t" in text or "\ufeff" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return True
    if "\r" in text and _LONE_CR.search(text):
        return True
    # Each '#' is looked back from, to the '|' or '>' of a header such as '|-2#'.
    at = text.find("#")
    while at != -1:
        before = at - 1
        while before >= 0 and text[before] in "-+0123456789":
            before -= 1
        if before >= 0 and text[before] in "|>":
            return True
        at = text.find("#", at + 1)
    return False


def _parse_fast(text: str, name: str, loader_class: type[yaml.CSafeLoader]) -> Document | None:
    """Read well-formed text with LibYAML; None for anything the careful reader must word."""
    if _libyaml_differs(text):
        return None
    try:
        loader = loader_class(text)
    except (yaml.YAMLError, UnicodeError):
        return None
    try:
        return _compose_events(loader, name)
    except (yaml.YAMLError, UnicodeError):
        return None
    finally:
        loader.dispose()


def _compose_events(loader: yaml.CSafeLoader, name: str) -> Document | None:
    """Build data and lines from parser events, without recursion.

    Returns None rather than deciding anything itself: each refusal goes to the
    careful reader, and so does whatever else the two parsers might see apart
    (noted where it is caught), or that no file of ours holds: a document that is
    one scalar, an empty or repeated key.
    """
    get_event = loader.get_event
    if type(get_event()) is not yaml.StreamStartEvent or type(get_event()) is not yaml.DocumentStartEvent:
        return None
    scalar, mapping, sequence = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    lines: dict[Loc, int] = {}
    root: Any = None
    # The open collections, innermost last: [dict or list, its loc, the key awaiting its value].
    stack: list[list[Any]] = []
    no_flow = MAX_DEPTH + 2
    flow_from = no_flow  # the depth of the outermost [...] or {...} that is open
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar:
            if event.anchor is not None or event.tag is not None or not stack:
                return None
            text = event.value
            plain = not event.style
            # Inside [...] or {...}, PyYAML ends a plain scalar at a '?', and it puts
            # (or refuses) an empty one elsewhere than LibYAML does.
            if plain and len(stack) >= flow_from and (not text or "?" in text):
                return None
            frame = stack[-1]
            container, parent_loc, key = frame
            if key is not _NO_KEY:
                container[key] = _resolve(text, None) if plain else text
                frame[2] = _NO_KEY
            elif type(container) is dict:
                # A key (an empty one is placed on different lines by the two parsers).
                if not text or text in container:
                    return None
                lines[(*parent_loc, text)] = event.start_mark.line + 1
                frame[2] = text
            else:
                lines[(*parent_loc, len(container))] = event.start_mark.line + 1
                container.append(_resolve(text, None) if plain else text)
        elif kind is mapping or kind is sequence:
            depth = len(stack)
            if event.anchor is not None or event.tag is not None or depth > MAX_DEPTH:
                return None
            if event.flow_style and depth < flow_from:
                flow_from = depth + 1
            value: Any = {} if kind is mapping else []
            if not stack:
                loc: Loc = ()
                lines[loc] = event.start_mark.line + 1
                root = value
            else:
                frame = stack[-1]
                container, parent_loc, key = frame
                if key is not _NO_KEY:  # its line is its key's
                    loc = (*parent_loc, key)
                    container[key] = value
                    frame[2] = _NO_KEY
                elif type(container) is dict:  # a key that is not text
                    return None
                else:
                    loc = (*parent_loc, len(container))
                    lines[loc] = event.start_mark.line + 1
                    container.append(value)
            stack.append([value, loc, _NO_KEY])
        elif kind in ends:
            stack.pop()
            if len(stack) < flow_from:
                flow_from = no_flow
            if not stack:
                break
        else:  # an alias, or the document's end before any node
            return None
    if type(get_event()) is not yaml.DocumentEndEvent or type(get_event()) is not yaml.StreamEndEvent:
        return None
    return Document(name, root, lines)


def _load_json(text: str, name: str) -> Document:
    if not text.strip():
        raise InputError.single(name, "file is empty", 1)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(name, exc.lineno, f"not valid JSON: {exc.msg}")]) from None
    except RecursionError:
        raise InputError.single(name, f"nested more than {MAX_DEPTH} levels deep") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise InputError.single(name, f"not valid JSON: {exc}") from None
    # JSON is YAML, so the composer gives the lines and catches duplicate keys and
    # deep nesting. Valid JSON has tabs only between tokens, where YAML wants spaces.
    # The data is json's own, since YAML reads a few numbers (1e5) differently.
    try:
        lines = parse_yaml(text.replace("\t", " "), name).lines
    except InputError as exc:
        # A duplicate key or deep nesting is refused in JSON as in YAML.
        if any(p.message.startswith(("duplicate key", "nested more than")) for p in exc.problems):
            raise
        # Valid JSON that YAML reads otherwise (a key and its colon on different
        # lines, a key over 1024 characters): the data stands, with the lines of
        # its top-level keys found in the text where they can be.
        lines = _json_lines(text, data)
    return Document(name, data, lines)


def _json_lines(text: str, data: Any) -> dict[Loc, int]:
    lines: dict[Loc, int] = {(): 1}
    if isinstance(data, dict):
        for key in data:
            at = text.find(json.dumps(key))
            if at == -1:
                at = text.find(json.dumps(key, ensure_ascii=False))
            if at != -1:
                lines[(key,)] = text.count("\n", 0, at) + 1
    return lines
