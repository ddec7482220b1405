"""Structured conditions: the only logic a content pack may hold.

A condition is one of ``all``, ``any``, ``not``, or a test of a fact, an
indicator, a theme or the NRM status. There is no expression language and
nothing is evaluated as code.

The nodes are frozen dataclasses read by hand from the plain data of a YAML
file (see ``parse_condition``), not pydantic models, whose recursive union had
to be built into every model holding a condition at every start. The content
models take a condition through ``Condition``, whose pydantic hook calls
``parse_condition``. It reports each problem as that union did, with the same
error types, inputs and locations (a node's tag, such as ``All``, then its key),
so ``Document.pydantic_problems`` words and places them as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError, core_schema

from screener.vocabulary import NRM_STATUSES, NrmStatus


@dataclass(frozen=True, slots=True)
class AllOf:
    all: list[Condition]


@dataclass(frozen=True, slots=True)
class AnyOf:
    any: list[Condition]


@dataclass(frozen=True, slots=True)
class NotOf:
    not_: Condition


@dataclass(frozen=True, slots=True)
class FactTest:
    """``fact: pr_in_uk`` (true when yes), or with ``is: no`` (true when no)."""

    fact: str
    is_: Literal["yes", "no"] = "yes"


@dataclass(frozen=True, slots=True)
class IndicatorTest:
    indicator: str


@dataclass(frozen=True, slots=True)
class ThemeTest:
    theme: str


@dataclass(frozen=True, slots=True)
class NrmTest:
    """True when the case's NRM status is one of these."""

    nrm: list[NrmStatus]


NODES = (AllOf, AnyOf, NotOf, FactTest, IndicatorTest, ThemeTest, NrmTest)
Node = AllOf | AnyOf | NotOf | FactTest | IndicatorTest | ThemeTest | NrmTest

_NEEDS_ONE_OF = "a condition needs one of: all, any, not, fact, indicator, theme, nrm"


def _expected(values: tuple[str, ...]) -> str:
    """A Literal's choices as pydantic lists them: 'a', 'b' or 'c'."""
    shown = [repr(v) for v in values]
    return f"{', '.join(shown[:-1])} or {shown[-1]}" if len(shown) > 1 else shown[0]


_YES_NO = ("yes", "no")
_YES_NO_EXPECTED = _expected(_YES_NO)
_NRM_EXPECTED = _expected(NRM_STATUSES)

Loc = tuple[str | int, ...]
Errors = list[InitErrorDetails]


class _Reader:
    """Reads one kind of node's keys as a model with ``extra="forbid"`` and ``populate_by_name=True`` did."""

    def __init__(self, tag: str, fields: tuple[tuple[str, str], ...]) -> None:
        self.tag = tag
        # (key in the file, Python name): a field is looked up by its key, then its name.
        self.fields = fields

    def fields_of(self, value: dict[Any, Any], loc: Loc) -> tuple[dict[str, tuple[Any, Any]], Errors]:
        """Each field's (key, value) by name, and the unknown keys' errors.

        The unknown keys are reported after any problem with the fields, in
        pydantic's order.
        """
        found: dict[str, tuple[Any, Any]] = {}
        used: set[Any] = set()
        for key, name in self.fields:
            if key in value:
                found[name] = (key, value[key])
                used.add(key)
            elif name != key and name in value:
                found[name] = (name, value[name])
                used.add(name)
        unknown: Errors = [
            {"type": "extra_forbidden", "loc": (*loc, self.tag, key), "input": extra}
            for key, extra in value.items()
            if key not in used
        ]
        return found, unknown


def _conditions(value: Any, loc: Loc, errors: Errors) -> list[Condition]:
    if not isinstance(value, list | tuple):
        errors.append({"type": "list_type", "loc": loc, "input": value})
        return []
    return [c for i, item in enumerate(value) if (c := _parse(item, (*loc, i), errors)) is not None]


def _text(value: Any, loc: Loc, errors: Errors) -> str:
    if not isinstance(value, str):
        errors.append({"type": "string_type", "loc": loc, "input": value})
        return ""
    return value


def _choice(value: Any, choices: tuple[str, ...], expected: str, loc: Loc, errors: Errors) -> Any:
    if not (isinstance(value, str) and value in choices):
        errors.append({"type": "literal_error", "loc": loc, "input": value, "ctx": {"expected": expected}})
    return value


def _group(reader: _Reader, make: Callable[[list[Node]], Node]) -> Callable[[dict[Any, Any], Loc, Errors], Node]:
    """Read an ``all`` or ``any`` mapping: one key holding a list of conditions."""
    field = reader.fields[0][1]

    def read(value: dict[Any, Any], loc: Loc, errors: Errors) -> Node:
        found, unknown = reader.fields_of(value, loc)
        key, items = found[field]
        if isinstance(items, list | tuple) and not items:
            # An empty 'all' is always met and an empty 'any' never: a slip, never a rule.
            message = (
                f"an empty '{key}' list is {'always' if key == 'all' else 'never'} met; list at least one condition"
            )
            errors.append(
                {"type": PydanticCustomError("empty_group", message), "loc": (*loc, reader.tag, key), "input": items}
            )
        result = make(_conditions(items, (*loc, reader.tag, key), errors))
        errors.extend(unknown)
        return result

    return read


def _not(value: dict[Any, Any], loc: Loc, errors: Errors) -> NotOf | None:
    found, unknown = _NOT.fields_of(value, loc)
    key, inner = found["not_"]
    child = _parse(inner, (*loc, "Not", key), errors)
    errors.extend(unknown)
    return None if child is None else NotOf(child)


def _fact(value: dict[Any, Any], loc: Loc, errors: Errors) -> FactTest:
    found, unknown = _FACT.fields_of(value, loc)
    key, fact = found["fact"]
    result = FactTest(_text(fact, (*loc, "Fact", key), errors))
    if "is_" in found:
        key, answer = found["is_"]
        result = FactTest(result.fact, _choice(answer, _YES_NO, _YES_NO_EXPECTED, (*loc, "Fact", key), errors))
    errors.extend(unknown)
    return result


def _named(reader: _Reader, make: Callable[[str], Node]) -> Callable[[dict[Any, Any], Loc, Errors], Node]:
    """Read an ``indicator`` or ``theme`` test: one key naming an id."""
    field = reader.fields[0][1]

    def read(value: dict[Any, Any], loc: Loc, errors: Errors) -> Node:
        found, unknown = reader.fields_of(value, loc)
        key, name = found[field]
        result = make(_text(name, (*loc, reader.tag, key), errors))
        errors.extend(unknown)
        return result

    return read


def _nrm(value: dict[Any, Any], loc: Loc, errors: Errors) -> NrmTest:
    found, unknown = _NRM.fields_of(value, loc)
    key, statuses = found["nrm"]
    where = (*loc, "Nrm", key)
    if not isinstance(statuses, list | tuple):
        errors.append({"type": "list_type", "loc": where, "input": statuses})
        statuses = []
    elif not statuses:
        errors.append(
            {
                "type": "too_short",
                "loc": where,
                "input": statuses,
                "ctx": {"field_type": "List", "min_length": 1, "actual_length": 0},
            }
        )
    result = NrmTest([_choice(s, NRM_STATUSES, _NRM_EXPECTED, (*where, i), errors) for i, s in enumerate(statuses)])
    errors.extend(unknown)
    return result


_ALL = _Reader("All", (("all", "all"),))
_ANY = _Reader("Any", (("any", "any"),))
_NOT = _Reader("Not", (("not", "not_"),))
_FACT = _Reader("Fact", (("fact", "fact"), ("is", "is_")))
_INDICATOR = _Reader("Indicator", (("indicator", "indicator"),))
_THEME = _Reader("Theme", (("theme", "theme"),))
_NRM = _Reader("Nrm", (("nrm", "nrm"),))

# The key that decides a mapping's kind, in the order they are looked for.
_KINDS: tuple[tuple[str, Callable[[dict[Any, Any], Loc, Errors], Node | None]], ...] = (
    ("all", _group(_ALL, AllOf)),
    ("any", _group(_ANY, AnyOf)),
    ("not", _not),
    ("fact", _fact),
    ("indicator", _named(_INDICATOR, IndicatorTest)),
    ("theme", _named(_THEME, ThemeTest)),
    ("nrm", _nrm),
)


def _parse(value: Any, loc: Loc, errors: Errors) -> Node | None:
    if isinstance(value, NODES):
        return value
    if isinstance(value, dict):
        for key, read in _KINDS:
            if key in value:
                return read(value, loc, errors)
    errors.append({"type": PydanticCustomError("condition", _NEEDS_ONE_OF), "loc": loc, "input": value})
    return None


def parse_condition(value: Any) -> Node:
    """A condition from the plain data of a YAML or JSON file.

    Raises pydantic's ValidationError listing every problem, each at its place
    inside the condition; inside a model, pydantic puts the field's place before it.
    """
    errors: Errors = []
    result = _parse(value, (), errors)
    if errors or result is None:
        raise ValidationError.from_exception_data("Condition", errors)
    return result


def _json_schema() -> dict[str, Any]:
    """The shape of a condition, one level deep: a nested condition is any such mapping."""
    nested = {"type": "object"}
    listed = {"type": "array", "items": nested}

    def node(key: str, schema: dict[str, Any], **more: Any) -> dict[str, Any]:
        return {"type": "object", "properties": {key: schema, **more}, "required": [key], "additionalProperties": False}

    return {
        "title": "Condition",
        "description": _NEEDS_ONE_OF,
        "oneOf": [
            node("all", listed),
            node("any", listed),
            node("not", nested),
            node("fact", {"type": "string"}, **{"is": {"enum": list(_YES_NO), "default": "yes"}}),
            node("indicator", {"type": "string"}),
            node("theme", {"type": "string"}),
            node("nrm", {"type": "array", "items": {"enum": list(NRM_STATUSES)}, "minItems": 1}),
        ],
    }


def _dump(node: Node, info: core_schema.SerializationInfo) -> dict[str, Any]:
    """A condition as plain data, as ``model_dump`` gave it when the nodes were models."""
    aliases = bool(info.by_alias)
    if isinstance(node, AllOf):
        return {"all": [_dump(child, info) for child in node.all]}
    if isinstance(node, AnyOf):
        return {"any": [_dump(child, info) for child in node.any]}
    if isinstance(node, NotOf):
        return {"not" if aliases else "not_": _dump(node.not_, info)}
    if isinstance(node, FactTest):
        if info.exclude_defaults and node.is_ == "yes":
            return {"fact": node.fact}
        return {"fact": node.fact, "is" if aliases else "is_": node.is_}
    if isinstance(node, IndicatorTest):
        return {"indicator": node.indicator}
    if isinstance(node, ThemeTest):
        return {"theme": node.theme}
    return {"nrm": list(node.nrm)}


class _PydanticHook:
    """Lets a pydantic model hold a condition without building a schema for the union."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            parse_condition, serialization=core_schema.plain_serializer_function_ser_schema(_dump, info_arg=True)
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        return _json_schema()


Condition = Annotated[Node, _PydanticHook()]


def walk(condition: Condition) -> Iterator[Condition]:
    """Every node of a condition, depth first."""
    yield condition
    if isinstance(condition, AllOf):
        for child in condition.all:
            yield from walk(child)
    elif isinstance(condition, AnyOf):
        for child in condition.any:
            yield from walk(child)
    elif isinstance(condition, NotOf):
        yield from walk(condition.not_)


def facts_in(condition: Condition) -> list[str]:
    """The fact ids a condition reads, in order of first appearance."""
    seen: dict[str, None] = {}
    for node in walk(condition):
        if isinstance(node, FactTest):
            seen.setdefault(node.fact, None)
        elif isinstance(node, NrmTest):
            seen.setdefault("nrm_status", None)
    return list(seen)
