"""Checks across the pack's files: duplicate ids, references to ids no file defines,
derived facts used outside their jurisdictions, and the ids the case-file contract needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

from screener.content.conditions import NODES, AllOf, AnyOf, FactTest, IndicatorTest, NotOf, ThemeTest
from screener.content.derived import DERIVED_JURISDICTIONS
from screener.content.files import PackFiles
from screener.content.models.base import Citation
from screener.vocabulary import DERIVED_FACTS
from screener.yamlio import Document, Loc


def nested(value: Any, loc: Loc) -> list[tuple[Loc, Any]]:
    """Every model and condition nested in ``value``, with its location in the file."""
    found: list[tuple[Loc, Any]] = []
    _gather(value, loc, found)
    return found


def _gather(value: Any, loc: Loc, found: list[tuple[Loc, Any]]) -> None:
    if isinstance(value, BaseModel):
        found.append((loc, value))
        for name, key in _nesting_fields(type(value)):
            _gather(getattr(value, name), (*loc, key), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _gather(item, (*loc, index), found)
    elif isinstance(value, NODES):
        found.append((loc, value))
        if isinstance(value, AllOf):
            _gather(value.all, (*loc, "all"), found)
        elif isinstance(value, AnyOf):
            _gather(value.any, (*loc, "any"), found)
        elif isinstance(value, NotOf):
            _gather(value.not_, (*loc, "not"), found)


_NESTING: dict[type[BaseModel], tuple[tuple[str, str], ...]] = {}


def _nesting_fields(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(attribute, key in the file) of each field of ``model`` that can hold a model or condition."""
    fields = _NESTING.get(model)
    if fields is None:
        fields = tuple(
            (name, info.alias or name) for name, info in model.model_fields.items() if _can_nest(info.annotation)
        )
        _NESTING[model] = fields
    return fields


def _can_nest(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, (BaseModel, *NODES)):
        return True
    return any(_can_nest(arg) for arg in get_args(annotation))


class CrossCheck:
    """The ids each file defines, and every reference to one checked against them."""

    def __init__(self, collector: PackFiles) -> None:
        self.collector = collector
        self.known: dict[str, set[str]] = {
            k: set() for k in ("source", "fact", "signpost", "theme", "indicator", "jurisdiction", "service")
        }
        self.known["fact"].update(DERIVED_FACTS)

    def define(self, kind: str, ident: str, doc: Document, loc: Loc) -> bool:
        if ident in self.known[kind]:
            self.collector.problems.append(doc.problem(loc, f"duplicate {kind} id '{ident}'"))
            return False
        self.known[kind].add(ident)
        return True

    def need(self, kind: str, ident: str, doc: Document, loc: Loc) -> None:
        if ident not in self.known[kind] and kind not in self.collector.incomplete:
            self.collector.problems.append(doc.problem(loc, f"unknown {kind} '{ident}'"))

    def references(self, doc: Document, base: Loc, model: Any) -> None:
        for loc, node in nested(model, base):
            if isinstance(node, Citation):
                self.need("source", node.source, doc, (*loc, "source"))
            elif isinstance(node, FactTest):
                self.need("fact", node.fact, doc, (*loc, "fact"))
            elif isinstance(node, IndicatorTest):
                self.need("indicator", node.indicator, doc, (*loc, "indicator"))
            elif isinstance(node, ThemeTest):
                self.need("theme", node.theme, doc, (*loc, "theme"))

    def home_jurisdictions(self, doc: Document, base: Loc, model: Any, used_in: tuple[str, ...]) -> None:
        """A derived fact worked out for some parts of the UK only is used only there."""
        for loc, node in nested(model, base):
            if isinstance(node, FactTest) and node.fact in DERIVED_JURISDICTIONS:
                home = DERIVED_JURISDICTIONS[node.fact]
                elsewhere = [j for j in used_in if j not in home]
                if elsewhere:
                    self.collector.problems.append(
                        doc.problem(
                            (*loc, "fact"),
                            f"'{node.fact}' is worked out for {', '.join(home)} only, not {', '.join(elsewhere)}",
                        )
                    )

    def contract(self, kind: str, required: tuple[str, ...], path: Path, key: str, message: str) -> None:
        """Every id the case-file contract names must be defined."""
        if kind in self.collector.incomplete:
            return
        missing = [i for i in required if i not in self.known[kind]]
        doc = self.collector.docs.get(path)
        if missing and doc is not None:
            self.collector.problems.append(doc.problem((key,), f"{message}: {', '.join(missing)}"))
