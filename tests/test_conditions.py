"""Conditions are read by hand, and report problems exactly as the pydantic union they replaced.

The expected errors below were recorded from that union (a discriminated union of
frozen pydantic models), so a change to them is a change in what a pack author sees.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from screener.content.conditions import (
    AllOf,
    AnyOf,
    Condition,
    FactTest,
    IndicatorTest,
    NotOf,
    NrmTest,
    ThemeTest,
    facts_in,
    parse_condition,
    walk,
)
from screener.yamlio import parse_yaml

NEEDS = "a condition needs one of: all, any, not, fact, indicator, theme, nrm"
NRM = (
    "Input should be 'none', 'referred', 'rg-positive', 'rg-negative', 'cg-positive', 'cg-negative', "
    "'disqualified', 'withdrawn' or 'unknown'"
)
EXTRA = "Extra inputs are not permitted"


class Holder(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    when: Condition


class MaybeHolder(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    when: Condition | None = None


RECORDED: list[tuple[Any, list[tuple[str, tuple[str | int, ...], str]]]] = [
    (5, [("condition", ("when",), NEEDS)]),
    (None, [("condition", ("when",), NEEDS)]),
    ([], [("condition", ("when",), NEEDS)]),
    ({}, [("condition", ("when",), NEEDS)]),
    ({"colour": "red"}, [("condition", ("when",), NEEDS)]),
    ({"not_": {"fact": "x"}}, [("condition", ("when",), NEEDS)]),
    ({"all": "x"}, [("list_type", ("when", "All", "all"), "Input should be a valid list")]),
    ({"all": {"fact": "x"}}, [("list_type", ("when", "All", "all"), "Input should be a valid list")]),
    ({"any": None}, [("list_type", ("when", "Any", "any"), "Input should be a valid list")]),
    (
        {"all": [5, {"fact": 1, "is": True}], "zz": 1},
        [
            ("condition", ("when", "All", "all", 0), NEEDS),
            ("string_type", ("when", "All", "all", 1, "Fact", "fact"), "Input should be a valid string"),
            ("literal_error", ("when", "All", "all", 1, "Fact", "is"), "Input should be 'yes' or 'no'"),
            ("extra_forbidden", ("when", "All", "zz"), EXTRA),
        ],
    ),
    (
        # Beyond the union's errors: an empty 'all' is refused as a slip (issue 9).
        {"all": [], "any": []},
        [
            ("empty_group", ("when", "All", "all"), "an empty 'all' list is always met; list at least one condition"),
            ("extra_forbidden", ("when", "All", "any"), EXTRA),
        ],
    ),
    ({"not": 5}, [("condition", ("when", "Not", "not"), NEEDS)]),
    ({"not": {"fact": "x"}, "not_": 3}, [("extra_forbidden", ("when", "Not", "not_"), EXTRA)]),
    ({"fact": True}, [("string_type", ("when", "Fact", "fact"), "Input should be a valid string")]),
    ({"fact": "x", "is": "maybe"}, [("literal_error", ("when", "Fact", "is"), "Input should be 'yes' or 'no'")]),
    ({"fact": "x", "is_": "maybe"}, [("literal_error", ("when", "Fact", "is_"), "Input should be 'yes' or 'no'")]),
    (
        {"fact": "x", "is": "maybe", "is_": "no"},
        [
            ("literal_error", ("when", "Fact", "is"), "Input should be 'yes' or 'no'"),
            ("extra_forbidden", ("when", "Fact", "is_"), EXTRA),
        ],
    ),
    ({"fact": "x", "theme": "education"}, [("extra_forbidden", ("when", "Fact", "theme"), EXTRA)]),
    ({"indicator": 1.5}, [("string_type", ("when", "Indicator", "indicator"), "Input should be a valid string")]),
    ({"theme": None}, [("string_type", ("when", "Theme", "theme"), "Input should be a valid string")]),
    (
        {"nrm": []},
        [("too_short", ("when", "Nrm", "nrm"), "List should have at least 1 item after validation, not 0")],
    ),
    ({"nrm": "none"}, [("list_type", ("when", "Nrm", "nrm"), "Input should be a valid list")]),
    (
        {"nrm": ["bogus", "none", 3]},
        [("literal_error", ("when", "Nrm", "nrm", 0), NRM), ("literal_error", ("when", "Nrm", "nrm", 2), NRM)],
    ),
    (
        {"any": [{"all": [{"not": {"colour": "red"}}]}, {"fact": "x", "is": "no", "extra": 1}]},
        [
            ("condition", ("when", "Any", "any", 0, "All", "all", 0, "Not", "not"), NEEDS),
            ("extra_forbidden", ("when", "Any", "any", 1, "Fact", "extra"), EXTRA),
        ],
    ),
]


def errors(model: type[BaseModel], value: Any) -> list[tuple[str, tuple[str | int, ...], str]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate({"when": value})
    return [(e["type"], e["loc"], e["msg"]) for e in info.value.errors(include_url=False)]


@pytest.mark.parametrize(("value", "expected"), RECORDED, ids=[repr(v)[:40] for v, _ in RECORDED])
def test_errors_are_those_the_pydantic_union_gave(value: Any, expected: list[Any]) -> None:
    assert errors(Holder, value) == expected
    if value is not None:
        assert errors(MaybeHolder, value) == expected


def test_literal_choices_are_in_the_context_the_messages_are_made_from() -> None:
    with pytest.raises(ValidationError) as info:
        Holder.model_validate({"when": {"fact": "x", "is": "maybe"}})
    [error] = info.value.errors(include_url=False)
    assert error["ctx"] == {"expected": "'yes' or 'no'"}
    assert error["input"] == "maybe"


def test_valid_conditions_read_into_the_node_classes() -> None:
    data = {
        "all": [
            {"not": {"fact": "pr_in_uk", "is": "no"}},
            {"any": [{"indicator": "county-lines"}, {"theme": "education"}]},
            {"nrm": ["referred", "rg-positive"]},
            {"fact": "separated"},
            {"fact": "in_la_care", "is_": "no"},
        ]
    }
    condition = Holder.model_validate({"when": data}).when
    assert condition == AllOf(
        [
            NotOf(FactTest("pr_in_uk", "no")),
            AnyOf([IndicatorTest("county-lines"), ThemeTest("education")]),
            NrmTest(["referred", "rg-positive"]),
            FactTest("separated"),
            FactTest("in_la_care", "no"),
        ]
    )
    assert facts_in(condition) == ["pr_in_uk", "nrm_status", "separated", "in_la_care"]
    assert len(list(walk(condition))) == 9
    assert parse_condition(data) == condition
    assert MaybeHolder.model_validate({}).when is None
    assert MaybeHolder.model_validate({"when": None}).when is None


def test_a_node_is_taken_as_it_is() -> None:
    node = FactTest("separated")
    assert Holder(when=node).when is node
    assert Holder.model_validate({"when": AllOf([node])}).when == AllOf([node])


def test_nodes_are_frozen_and_compare_by_value() -> None:
    node = FactTest("separated")
    with pytest.raises(AttributeError):
        node.fact = "other"  # type: ignore[misc]
    assert node == FactTest("separated", "yes")
    assert hash(node) == hash(FactTest("separated"))
    assert repr(NotOf(node)) == "NotOf(not_=FactTest(fact='separated', is_='yes'))"


def test_dumped_as_the_models_were() -> None:
    holder = Holder.model_validate({"when": {"all": [{"not": {"fact": "x", "is": "no"}}, {"fact": "y"}]}})
    assert holder.model_dump() == {"when": {"all": [{"not_": {"fact": "x", "is_": "no"}}, {"fact": "y", "is_": "yes"}]}}
    assert holder.model_dump(by_alias=True, exclude_defaults=True) == {
        "when": {"all": [{"not": {"fact": "x", "is": "no"}}, {"fact": "y"}]}
    }
    assert holder.model_dump_json(by_alias=True) == (
        '{"when":{"all":[{"not":{"fact":"x","is":"no"}},{"fact":"y","is":"yes"}]}}'
    )


def test_a_json_schema_is_still_given() -> None:
    schema = Holder.model_json_schema()
    assert schema["properties"]["when"]["title"] == "Condition"
    assert len(schema["properties"]["when"]["oneOf"]) == 7


def test_problems_in_a_file_are_worded_and_placed_as_before() -> None:
    text = (
        "when:\n"
        "  all:\n"
        "    - fact: in_la_care\n"
        "    - any:\n"
        "        - colour: red\n"
        "        - fact: separated\n"
        "          is: maybe\n"
        "    - nrm: []\n"
        "    - {theme: education, indicator: x}\n"
    )
    doc = parse_yaml(text, "c.yaml")
    with pytest.raises(ValidationError) as info:
        Holder.model_validate(doc.data)
    assert [str(p) for p in doc.pydantic_problems(info.value)] == [
        f"c.yaml:5: {NEEDS}",
        "c.yaml:7: is: expected 'yes' or 'no', not 'maybe'",
        "c.yaml:8: nrm: needs at least 1 item",
        "c.yaml:9: unknown key 'theme'",
    ]
