"""The safe YAML reader: JSON-like scalars only, no duplicates, no aliases, lines kept."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener import yamlio
from screener.errors import InputError, Problem
from screener.yamlio import MAX_BYTES, MAX_DEPTH, Document, Loc, load_document, parse_yaml


def problems(text: str, name: str = "f.yaml") -> list[str]:
    with pytest.raises(InputError) as info:
        parse_yaml(text, name)
    return [str(p) for p in info.value.problems]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- scalars: only true/false are booleans, no octal, dates stay text ---------


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "On"])
def test_yaml_11_booleans_stay_text(word: str) -> None:
    assert parse_yaml(f"a: {word}", "f").data == {"a": word}


@pytest.mark.parametrize(("word", "value"), [("true", True), ("false", False), ("True", True), ("FALSE", False)])
def test_true_and_false_are_booleans(word: str, value: bool) -> None:
    assert parse_yaml(f"a: {word}", "f").data["a"] is value


@pytest.mark.parametrize("text", ["0123", "0o17", "0x1F", "1_000", "+0123", "012.5", ".5", "1e5", ".inf", ".nan"])
def test_numbers_yaml_11_would_bend_stay_text(text: str) -> None:
    # 0123 is 83 to YAML 1.1; here it is what was written.
    assert parse_yaml(f"a: {text}", "f").data == {"a": text}


@pytest.mark.parametrize(("text", "value"), [("12", 12), ("-3", -3), ("0", 0), ("1.5", 1.5), ("-0.25", -0.25)])
def test_plain_numbers(text: str, value: float) -> None:
    data = parse_yaml(f"a: {text}", "f").data["a"]
    assert data == value
    assert type(data) is type(value)


@pytest.mark.parametrize("text", ["a:", "a: ~", "a: null", "a: NULL"])
def test_nulls(text: str) -> None:
    assert parse_yaml(text, "f").data == {"a": None}


def test_quoted_scalars_are_always_text() -> None:
    data = parse_yaml("a: 'true'\nb: \"12\"\nc: ''\nd: 'null'", "f").data
    assert data == {"a": "true", "b": "12", "c": "", "d": "null"}


def test_dates_stay_text_for_pydantic_to_check() -> None:
    assert parse_yaml("a: 2024-13-45\nb: 2024-01-31", "f").data == {"a": "2024-13-45", "b": "2024-01-31"}


def test_an_integer_too_long_to_convert_stays_text() -> None:
    digits = "9" * 5000
    assert parse_yaml(f"a: {digits}", "f").data == {"a": digits}


# --- duplicates, anchors, tags, depth ------------------------------------------


def test_duplicate_top_level_key_is_refused_at_its_second_line() -> None:
    assert problems("a: 1\nb: 2\na: 3\n") == ["f.yaml:3: duplicate key 'a'"]


def test_duplicate_nested_key_is_refused_at_its_second_line() -> None:
    text = "outer:\n  items:\n    - id: x\n      title: one\n      title: two\n"
    assert problems(text) == ["f.yaml:5: duplicate key 'title'"]


def test_anchor_is_refused_with_its_line() -> None:
    assert problems("a: 1\nb: &x [1, 2]\nc: *x\n") == ["f.yaml:2: anchors and aliases (& and *) are not allowed"]


def test_undefined_alias_is_refused_with_our_message() -> None:
    assert problems("a: 1\nb: *nothing\n") == ["f.yaml:2: anchors and aliases (& and *) are not allowed"]


def test_billion_laughs_is_refused_at_the_first_anchor() -> None:
    # Forty levels of ten aliases each would expand to 10**40 items: if anything
    # expanded or walked the aliases, this test could not finish. It returns
    # because the reader stops at the first anchor, before any alias is composed.
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 40):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    text = "# a billion laughs, and then some\n" + "\n".join(lines) + "\n"
    assert problems(text, "bomb.yaml") == ["bomb.yaml:2: anchors and aliases (& and *) are not allowed"]


def test_merge_key_with_alias_is_refused() -> None:
    text = "base: {a: 1}\nthing:\n  <<: *base\n"
    assert problems(text) == ["f.yaml:3: anchors and aliases (& and *) are not allowed"]


@pytest.mark.parametrize("tagged", ["!!str 12", "!!python/object:os.system echo", "!custom x", "!!binary aGk="])
def test_explicit_tags_are_refused(tagged: str) -> None:
    assert problems(f"a: 1\nb: {tagged}\n") == ["f.yaml:2: tags (such as !!str) are not allowed"]


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    flow = "a: " + "[" * 10_000 + "]" * 10_000
    assert problems(flow) == [f"f.yaml:1: nested more than {MAX_DEPTH} levels deep"]
    block = "a:\n" + "".join("  " * depth + "- \n" for depth in range(3000))
    assert problems(block) == [f"f.yaml:{MAX_DEPTH + 2}: nested more than {MAX_DEPTH} levels deep"]


def test_nesting_within_the_limit_is_read() -> None:
    depth = MAX_DEPTH - 1
    data = parse_yaml("a: " + "[" * depth + "1" + "]" * depth, "f").data["a"]
    for _ in range(depth):
        assert isinstance(data, list)
        data = data[0]
    assert data == 1


def test_non_text_key_is_refused() -> None:
    assert problems("a: 1\n? [x, y]\n: 2\n") == ["f.yaml:2: keys must be plain text"]


def test_more_than_one_document_is_refused() -> None:
    assert problems("a: 1\n---\nb: 2\n") == [
        "f.yaml:2: not valid YAML: expected a single document in the stream; but found another document"
    ]


def test_syntax_error_has_line() -> None:
    assert problems("a: 1\nb: [c\n") == [
        "f.yaml:3: not valid YAML: while parsing a flow sequence; expected ',' or ']', but got '<stream end>'"
    ]


def test_common_slips_are_explained_in_plain_words() -> None:
    assert problems("a: 1\nb: Policing response: awareness\n") == [
        "f.yaml:2: not valid YAML: a ':' inside a value (put the value in quotes)"
    ]
    assert problems("a:\n  b: 1\n\tc: 2\n") == ["f.yaml:3: not valid YAML: a tab character (indent with spaces)"]


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_text_is_refused_on_line_1(text: str) -> None:
    assert problems(text) == ["f.yaml:1: file is empty"]


# --- line numbers ---------------------------------------------------------------

NESTED = """\
# a comment on line 1
theme:
  id: education
  title: Education
indicators:
  - id: first
    sources:
      - source: s1
        page: 3
      - source: s2
  - id: second
    tags: [a,
      b]
"""


def test_lines_of_nested_keys_and_list_items() -> None:
    doc = parse_yaml(NESTED, "t.yaml")
    assert doc.lines[()] == 2
    assert doc.lines[("theme",)] == 2
    assert doc.lines[("theme", "title")] == 4
    assert doc.lines[("indicators", 0)] == 6
    assert doc.lines[("indicators", 0, "sources", 1)] == 10
    assert doc.lines[("indicators", 0, "sources", 0, "page")] == 9
    assert doc.lines[("indicators", 1, "id")] == 11
    assert doc.lines[("indicators", 1, "tags", 1)] == 13


def test_line_of_falls_back_to_the_nearest_existing_parent() -> None:
    doc = parse_yaml(NESTED, "t.yaml")
    assert doc.line_of(("indicators", 1, "missing-key")) == 11
    assert doc.line_of(("nothing", "here")) == 2
    assert doc.problem(("indicators", 0, "sources", 1, "page"), "m") == Problem("t.yaml", 10, "m")


# --- files: JSON, encodings, sizes, odd paths ---------------------------------


def test_json_is_read_with_line_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, "c.json", '{\n  "a": 1,\n  "b": [\n    true,\n    {"c": null}\n  ]\n}\n')
    doc = load_document(path, "c.json")
    assert doc.data == {"a": 1, "b": [True, {"c": None}]}
    assert doc.lines[("a",)] == 2
    assert doc.lines[("b", 1)] == 5
    assert doc.lines[("b", 1, "c")] == 5


def test_json_indented_with_tabs_keeps_line_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, "c.json", '{\n\t"a": "x\\ty",\n\t"b": [\n\t\t1e5\n\t]\n}')
    doc = load_document(path, "c.json")
    # JSON's own reading of numbers and escapes, with YAML's line numbers.
    assert doc.data == {"a": "x\ty", "b": [100000.0]}
    assert doc.lines[("b", 0)] == 4


def test_json_syntax_error_has_line(tmp_path: Path) -> None:
    path = write(tmp_path, "c.json", '{\n  "a": 1,\n  "b": \n}\n')
    with pytest.raises(InputError) as info:
        load_document(path, "c.json")
    assert [str(p) for p in info.value.problems] == ["c.json:4: not valid JSON: Expecting value"]


def test_json_duplicate_key_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "c.json", '{"a": 1,\n "a": 2}')
    with pytest.raises(InputError) as info:
        load_document(path, "c.json")
    assert [str(p) for p in info.value.problems] == ["c.json:2: duplicate key 'a'"]


def test_deep_json_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "c.json", "[" * 100_000 + "]" * 100_000)
    with pytest.raises(InputError) as info:
        load_document(path, "c.json")
    assert "nested more than" in str(info.value)


@pytest.mark.parametrize("name", ["b.yaml", "b.json"])
def test_byte_order_mark_is_tolerated(tmp_path: Path, name: str) -> None:
    text = '{"a": "b"}' if name.endswith("json") else "a: b\n"
    path = write(tmp_path, name, b"\xef\xbb\xbf" + text.encode())
    assert load_document(path, name).data == {"a": "b"}


def test_non_utf8_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "l.yaml", "title: café\n".encode("latin-1"))
    with pytest.raises(InputError) as info:
        load_document(path, "l.yaml")
    assert [str(p) for p in info.value.problems] == ["l.yaml: is not UTF-8 text (byte 10)"]


def test_nul_byte_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "n.yaml", b"a: b\x00\n")
    with pytest.raises(InputError) as info:
        load_document(path, "n.yaml")
    assert [str(p) for p in info.value.problems] == ["n.yaml: is not a text file (it contains a NUL byte)"]


def test_control_character_is_refused_with_line(tmp_path: Path) -> None:
    path = write(tmp_path, "c.yaml", "a: 1\nb: bell\x07\n")
    with pytest.raises(InputError) as info:
        load_document(path, "c.yaml")
    assert [str(p) for p in info.value.problems] == ["c.yaml:2: control character #x0007 is not allowed"]


def test_file_at_the_size_limit_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    head = b"a: 1\n#"
    path = write(tmp_path, "big.yaml", head + b"x" * (MAX_BYTES - len(head)))
    assert load_document(path, "big.yaml").data == {"a": 1}
    path.write_bytes(path.read_bytes() + b"x")
    with pytest.raises(InputError) as info:
        load_document(path, "big.yaml")
    assert [str(p) for p in info.value.problems] == [
        "big.yaml: file is too large (1,048,577 bytes; the limit is 1 MiB)"
    ]


def test_missing_file_folder_and_pipe(tmp_path: Path) -> None:
    cases = {tmp_path / "absent.yaml": "no such file", tmp_path: "is a folder, not a file"}
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.yaml"
        os.mkfifo(fifo)
        cases[fifo] = "is not a regular file"
    for path, message in cases.items():
        with pytest.raises(InputError) as info:
            load_document(path, "shown.yaml")
        assert [str(p) for p in info.value.problems] == [f"shown.yaml: {message}"]


def test_display_name_defaults_to_the_path(tmp_path: Path) -> None:
    path = write(tmp_path, "d.yaml", "a: [1\n")
    with pytest.raises(InputError) as info:
        load_document(path)
    assert info.value.problems[0].path == str(path)


def test_document_is_plain_data() -> None:
    doc = parse_yaml("a: [1, {b: c}]", "f")
    assert isinstance(doc, Document)
    assert doc.data == {"a": [1, {"b": "c"}]}


# --- the fast reader (LibYAML) and the careful one (PyYAML) agree -------------------

PACK = Path(__file__).resolve().parent.parent / "indicators"


def careful(text: str) -> tuple[str, Any, list[tuple[Loc, int]]] | list[str]:
    try:
        doc = yamlio._parse_careful(text, "f.yaml")
    except InputError as exc:
        return [str(p) for p in exc.problems]
    return (repr(doc.data), doc.data, list(doc.lines.items()))


def fast(text: str) -> Document | None:
    loader = yamlio._FastLoader
    assert loader is not None
    return yamlio._parse_fast(text, "f.yaml", loader)


def either(text: str) -> tuple[str, Any, list[tuple[Loc, int]]] | list[str]:
    try:
        doc = parse_yaml(text, "f.yaml")
    except InputError as exc:
        return [str(p) for p in exc.problems]
    return (repr(doc.data), doc.data, list(doc.lines.items()))


@pytest.mark.skipif(yamlio._FastLoader is None, reason="PyYAML was built without LibYAML")
@pytest.mark.parametrize("path", sorted(PACK.rglob("*.yaml")), ids=lambda p: str(p.relative_to(PACK)))
def test_shipped_files_are_read_fast_and_as_the_careful_reader_reads_them(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert fast(text) is not None
    assert either(text) == careful(text)
    crlf = text.replace("\n", "\r\n")
    assert fast(crlf) is not None
    assert either(crlf) == careful(text)


REPO_YAML = sorted(
    p for p in (*PACK.parent.joinpath("tests").rglob("*.yaml"), *PACK.parent.joinpath("tests").rglob("*.yml"))
)


@pytest.mark.parametrize("path", REPO_YAML, ids=lambda p: str(p.relative_to(PACK.parent)))
def test_every_yaml_file_in_the_tests_reads_the_same_either_way(path: Path) -> None:
    # Case files, area files and scenarios, well-formed or broken on purpose:
    # LibYAML's composer (or the fallback it hands over to) and the careful
    # reader give the same data and lines, or the same problems.
    text = path.read_text(encoding="utf-8", errors="replace")
    assert either(text) == careful(text)


# Text the two parsers read differently, each left to the careful reader.
DIFFERING = [
    "a: 1 \t\nb: 2\n",  # a trailing tab: refused by PyYAML only
    "a: >- \t\n  text\n",
    "a: [b? c]\n",  # '?' inside a flow scalar
    "a: {b: fal? se}\n",
    "a: {? }\n",  # an empty key in a flow mapping, placed on other lines
    "a: {?\n  }\n",
    "a: [? , , x]\n",
    "a: |-#c\n  x\n",  # a comment straight after a block header
    "a: >2#c\n   x\n",
    "a: b\rc: d\n",  # a lone carriage return
    "a: b\u2028c: d\n",
    "a: b\x85c: d\n",
    "[a: b]\n\ufeff",  # a byte order mark inside the text
    "---\n",  # a document that is one (empty) scalar
    "just text\n",
    "? \n: x\n",  # an empty key
    "'': x\n",
    "a: 1\na: 2\n",
    "a: &x 1\n",
    "a: !!str 1\n",
    "a: [b, *c]\n",
    "a: [b,&c d]\n",  # an anchor or tag straight after a flow indicator
    '{"a":&b c}\n',
    "- !x y\n",
    "&a\n- b\n",
]


@pytest.mark.skipif(yamlio._FastLoader is None, reason="PyYAML was built without LibYAML")
@pytest.mark.parametrize("text", DIFFERING)
def test_text_the_parsers_read_differently_is_read_carefully(text: str) -> None:
    assert fast(text) is None
    assert either(text) == careful(text)


@pytest.mark.parametrize(
    "text",
    [
        NESTED,
        "a: [1, {b: 'c', d: \"e\\tf\"}, -2.5, ~, true, False, 0123, x: y]\nz:\n  - |\n    block\n  - >-\n    folded\n",
        '{"a": [1, 2, {"b": null}], "c": "d"}',
        "a:\n- 1\n- - 2\n  - 3\nb: {}\nc: []\n",
    ],
)
def test_without_libyaml_every_read_is_careful_and_the_same(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    fast = either(text)
    monkeypatch.setattr(yamlio, "_FastLoader", None)
    assert either(text) == fast == careful(text)


def test_depth_cap_holds_on_the_fast_path_too() -> None:
    at_limit = "a: " + "[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH
    over = "a: " + "[" * (MAX_DEPTH + 1) + "1" + "]" * (MAX_DEPTH + 1)
    assert either(at_limit) == careful(at_limit)
    assert problems(over) == [f"f.yaml:1: nested more than {MAX_DEPTH} levels deep"]
    if yamlio._FastLoader is not None:
        assert fast(at_limit) is not None
        assert fast(over) is None


_SLIPS = [
    "[]",
    "{}",
    "- x",
    "&a x",
    "*a",
    "!!str x",
    "'",
    '"',
    ":",
    "? x",
    ": y",
    "|",
    ">-",
    "|#",
    "\t",
    "#",
    "[a? b]",
    "{a: }",
    "x: y",
]


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    file=st.sampled_from(["signposts.yaml", "jurisdictions/scotland.yaml", "themes/education.yaml", "pack.yaml"]),
    edits=st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 2), st.sampled_from(_SLIPS), st.integers(0, 8)),
        min_size=1,
        max_size=3,
    ),
)
def test_random_slips_read_the_same_either_way(file: str, edits: list[tuple[int, int, str, int]]) -> None:
    lines = (PACK / file).read_text(encoding="utf-8").split("\n")
    for where, op, token, indent in edits:
        i = where % len(lines)
        if op == 0:
            lines.insert(i, " " * indent + token)
        elif op == 1:
            lines[i] = lines[i] + token
        else:
            lines[i] = " " * indent + lines[i].lstrip()
    text = "\n".join(lines)
    assert either(text) == careful(text)


@pytest.mark.parametrize(
    ("version", "composed"),
    [((0, 2, 6), True), ((0, 3, 0), True), ((0, 2, 5), False), ((0, 1, 7), False), (None, False)],
)
def test_libyaml_composes_only_where_it_limits_nesting_itself(version: tuple[int, ...] | None, composed: bool) -> None:
    # LibYAML's composer recurses in C; before 0.2.6 nothing stops a megabyte of '['.
    assert yamlio.libyaml_limits_nesting(version) is composed


@pytest.mark.skipif(yamlio._FastLoader is None, reason="PyYAML was built without a LibYAML that limits nesting")
def test_deep_nesting_is_refused_on_the_fast_path_without_a_crash() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    assert fast(deep) is None
    assert problems(deep) == [f"f.yaml:1: nested more than {MAX_DEPTH} levels deep"]
