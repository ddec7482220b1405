"""Safe YAML reading that keeps line numbers.

PyYAML's defaults are wrong for this project in four ways, each fixed here:
YAML 1.1 reads ``yes``/``no``/``on``/``off`` as booleans and ``0123`` as octal;
duplicate keys silently keep the last value; anchors and aliases let a tiny file
expand into a huge structure; and constructed data forgets where it came from.
So we compose the node tree ourselves, refuse anchors, aliases and duplicates,
resolve only plain JSON-like scalars, keep dates as strings (pydantic parses
them and reports bad ones), and record the line of every key and item.

Reading is done twice over only when something is wrong. LibYAML's composer
(``yaml.CSafeLoader``) reads well-formed text about fifteen times faster than
PyYAML's own, and its nodes are built into data by the same constructor. At the
first thing it does not like (a syntax error, an anchor, alias or tag, deep
nesting, a duplicate or non-text key) the text is read again with PyYAML's
composer, whose messages and lines are the ones this module has always given.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from screener.errors import InputError, Problem
from screener.yamldoc import Document, Loc, yaml_message

MAX_BYTES = 1024 * 1024
# Real content nests about a dozen levels; the cap keeps the recursive composer,
# pydantic and our walkers far from Python's recursion limit.
MAX_DEPTH = 50

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(0|[1-9][0-9]*)\.[0-9]+([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class _Composer(yaml.SafeLoader):
    """A loader used only to compose nodes; construction is ours."""


class _Refused(yaml.MarkedYAMLError):
    """Valid YAML that this project does not accept."""


class _Differs(Exception):
    """Text that LibYAML might read otherwise than PyYAML: the careful reader reads it."""


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
        from screener.errors import reason

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
        message = str(exc.problem) if isinstance(exc, _Refused) else yaml_message(exc)
        raise InputError([Problem(name, line, message)]) from None
    except yaml.YAMLError as exc:
        raise InputError.single(name, f"not valid YAML: {exc}") from None
    if node is None:
        raise InputError.single(name, "file is empty", 1)
    doc = Document(name, None, {(): node.start_mark.line + 1})
    doc.data = _construct(node, (), doc)
    return doc


def _construct(
    node: yaml.Node, loc: Loc, doc: Document, libyaml: bool = False, depth: int = 0, flow: bool = False
) -> Any:
    """Plain data from composed nodes, recording the line of every key and item in ``doc``.

    With ``libyaml`` the nodes are LibYAML's, and ``_Differs`` is raised where its
    reading might not be PyYAML's (see ``_parse_fast``); the careful composer has
    refused those already, or reads them the same.
    """
    kind = type(node)
    if kind is yaml.ScalarNode:
        # Inside [...] or {...}, PyYAML ends a plain scalar at a '?', and it puts (or
        # refuses) an empty one elsewhere than LibYAML does.
        if flow and libyaml and not node.style and (not node.value or "?" in node.value):
            raise _Differs
        return _resolve(node.value, node.style)
    if libyaml:
        if depth > MAX_DEPTH:
            raise _Differs
        flow = flow or bool(node.flow_style)
    depth += 1
    lines = doc.lines
    if kind is yaml.MappingNode:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                raise InputError([Problem(doc.path, key_node.start_mark.line + 1, "keys must be plain text")])
            key = key_node.value
            if key in result:
                raise InputError([Problem(doc.path, key_node.start_mark.line + 1, f"duplicate key '{key}'")])
            # An empty key is placed on other lines by the two parsers.
            if libyaml and (not key or (flow and not key_node.style and "?" in key)):
                raise _Differs
            key_loc = (*loc, key)
            lines[key_loc] = key_node.start_mark.line + 1
            result[key] = _construct(value_node, key_loc, doc, libyaml, depth, flow)
        return result
    items = []
    for index, item in enumerate(node.value):
        item_loc = (*loc, index)
        lines[item_loc] = item.start_mark.line + 1
        items.append(_construct(item, item_loc, doc, libyaml, depth, flow))
    return items


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


if hasattr(yaml, "CSafeLoader"):

    class _NodeLoader(yaml.CSafeLoader):
        """LibYAML's composer, without the tags it would resolve for every node: ``_construct`` resolves."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return ""

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass


def libyaml_limits_nesting(version: tuple[int, ...] | None) -> bool:
    """Does this LibYAML refuse deep nesting itself (0.2.6 on)?

    Its composer recurses in C once a level, so without that limit a deeply nested
    file (a megabyte of '[') could exhaust the stack before ``MAX_DEPTH`` is checked.
    """
    return version is not None and tuple(version) >= (0, 2, 6)


def _libyaml_version() -> tuple[int, ...] | None:
    try:
        from yaml import _yaml  # type: ignore[attr-defined]

        return tuple(_yaml.get_version())
    except (ImportError, AttributeError):
        return None


# LibYAML's composer, when PyYAML was built with a LibYAML that limits nesting; else every read is careful.
_FastLoader: type[yaml.CSafeLoader] | None = (
    _NodeLoader if hasattr(yaml, "CSafeLoader") and libyaml_limits_nesting(_libyaml_version()) else None
)

_LONE_CR = re.compile("\r(?!\n)")
# Where an anchor (&), alias (*) or tag (!) could begin: at the start, after white
# space, a flow indicator or a ':'. LibYAML's composer keeps none of them apart
# (an alias is the anchored node again), so such text is read carefully.
_PROPERTY = re.compile(r"(?<![^\s\[\]{},:])[&*!]")


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
    """Read well-formed text with LibYAML's own composer; None for anything the careful reader must word.

    The nodes LibYAML composes are built into data by the same ``_construct`` as
    the careful reader's, with the checks that only matter for them: whatever the
    two parsers might see apart, or that no file of ours holds (a document that
    is one scalar, an empty key, a '?' or empty plain scalar inside [...] or
    {...}), goes to the careful reader, and so does every refusal, to be worded
    there.
    """
    if _libyaml_differs(text) or (("&" in text or "*" in text or "!" in text) and _PROPERTY.search(text)):
        return None
    try:
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except (yaml.YAMLError, UnicodeError):
        return None
    if not isinstance(node, yaml.CollectionNode):
        return None
    doc = Document(name, None, {(): node.start_mark.line + 1})
    try:
        doc.data = _construct(node, (), doc, libyaml=True)
    except (InputError, _Differs):
        return None
    return doc


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
