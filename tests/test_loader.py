"""The content loader is strict, and reports each problem once as ``file:line: message``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.content import Pack, load_pack
from screener.errors import InputError
from tests.packtools import CORPUS as CORPUS_DIR
from tests.packtools import BrokenPack, build, copy_pack, corpus, read_broken

CORPUS = corpus()


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Problems name files by the path the pack was given as, so tests give
    # ``indicators`` from its parent, as a user in that folder would.
    monkeypatch.chdir(tmp_path)


def output(root: Path) -> list[str]:
    if root.is_relative_to(Path.cwd()):
        root = root.relative_to(Path.cwd())
    with pytest.raises(InputError) as info:
        load_pack(root)
    return [str(p) for p in info.value.problems]


def broken(name: str) -> BrokenPack:
    return read_broken(CORPUS_DIR / f"{name}.yaml")


def inline(file: str, find: str, replace: str, *expect: str, regex: bool = False) -> BrokenPack:
    patch = {"file": file, "find": find, "replace": replace, "regex": regex}
    return BrokenPack("inline", "inline", [patch], list(expect))


def test_the_shipped_pack_loads_and_a_plain_copy_does_too(tmp_path: Path) -> None:
    pack = load_pack(copy_pack(tmp_path))
    assert len(pack.indicators) >= 40


def test_the_corpus_covers_the_defects_it_must() -> None:
    names = {b.name for b in CORPUS}
    required = {
        "yaml-syntax-error",
        "wrong-type",
        "unknown-key-theme",
        "unknown-key-criterion",
        "unknown-key-condition",
        "duplicate-key",
        "duplicate-indicator-id",
        "unknown-fact-in-condition",
        "unknown-indicator-in-condition",
        "unknown-theme-in-condition",
        "unknown-signpost",
        "unknown-source",
        "in-force-backwards",
        "invalid-date",
        "anchor",
        "condition-without-keys",
        "missing-file",
        "empty-file",
        "nul-byte",
        "oversized-file",
        "missing-contract-fact",
        "yes-for-boolean",
    }
    assert required <= names
    assert len(CORPUS) >= 18
    assert all(b.expect for b in CORPUS)


@pytest.mark.parametrize("case", CORPUS, ids=[b.name for b in CORPUS])
def test_broken_pack_reports_exactly(tmp_path: Path, case: BrokenPack) -> None:
    root, expected = build(tmp_path, case)
    assert output(root) == expected, case.defect


def test_several_problems_in_different_files_are_all_reported_in_one_run(tmp_path: Path) -> None:
    parts = [broken(n) for n in ("unknown-key-theme", "invalid-date", "unknown-source", "yes-for-boolean")]
    root, expected = build(tmp_path, parts)
    got = output(root)
    assert sorted(got) == sorted(expected)
    assert len({line.split(":")[0] for line in got}) == 4
    # Sorted by file, then line, as a reader goes through them.
    assert [line.split(":")[0] for line in got] == sorted(line.split(":")[0] for line in got)


def test_problems_in_one_file_come_in_line_order(tmp_path: Path) -> None:
    case = BrokenPack(
        "two",
        "two problems in one file",
        [
            {"file": "themes/education.yaml", "find": "  id: education\n", "replace": "  id: education\n  zeta: 1\n"},
            {
                "file": "themes/education.yaml",
                "find": "  - id: persistent-absence\n",
                "replace": "  - id: persistent-absence\n    alpha: 1\n",
            },
        ],
        [
            "indicators/themes/education.yaml:<<zeta: 1>>: unknown key 'zeta'",
            "indicators/themes/education.yaml:<<alpha: 1>>: unknown key 'alpha'",
        ],
    )
    root, expected = build(tmp_path, case)
    assert output(root) == expected


# --- one problem, reported once: no cascades, no duplicates ---------------------


def test_a_question_that_fails_validation_does_not_cascade(tmp_path: Path) -> None:
    # Without salvaging its id, conditions using from_ukraine and the contract
    # check would each report it again.
    case = inline(
        "questions.yaml",
        r"^(  - id: from_ukraine\n)    step: .*\n",
        r"\1    step: somewhere\n",
        "indicators/questions.yaml:<<step: somewhere>>: step: expected 'about-child', 'local-services' or "
        "'nrm-legal', not 'somewhere'",
        regex=True,
    )
    root, expected = build(tmp_path, case)
    assert output(root) == expected


def test_an_indicator_that_fails_validation_does_not_cascade(tmp_path: Path) -> None:
    case = inline(
        "themes/criminal-exploitation.yaml",
        r"^(  - id: custodial-sentence\n(    .*\n)*?)    exploitation_types: .*\n",
        r"\1    exploitation_types: [bogus]\n",
        "indicators/themes/criminal-exploitation.yaml:<<[bogus]>>: exploitation_types: expected 'criminal', "
        "'sexual', 'labour', 'domestic-servitude', 'forced-marriage', 'organ-harvesting', 'online' or 'any', "
        "not 'bogus'",
        regex=True,
    )
    root, expected = build(tmp_path, case)
    assert output(root) == expected


def test_an_unreadable_sources_file_does_not_flood_with_unknown_sources(tmp_path: Path) -> None:
    case = inline(
        "sources.yaml",
        "  - id: msa-2015\n",
        "  - id: msa-2015\n  \tbroken: tab\n",
        "indicators/sources.yaml:<<broken: tab>>: not valid YAML: a tab character (indent with spaces)",
    )
    root, expected = build(tmp_path, case)
    assert output(root) == expected


def test_a_missing_themes_folder_is_one_problem(tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    for path in (root / "themes").iterdir():
        path.unlink()
    (root / "themes").rmdir()
    assert output(root) == ["indicators/themes: required folder is missing"]


def test_an_empty_themes_folder_is_reported(tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    for path in (root / "themes").iterdir():
        path.unlink()
    got = output(root)
    assert got[-1] == "indicators/themes: folder has no .yaml files"


def test_an_invalid_note_condition_is_reported_once(tmp_path: Path) -> None:
    # DatedNote.when is optional: a union that could report on each branch.
    case = inline(
        "jurisdictions/northern-ireland.yaml",
        r"^(        as_of: 2015-.*\n)(?=        sources:)",
        r"\1        when: {colour: red}\n",
        "indicators/jurisdictions/northern-ireland.yaml:<<{colour: red}>>: a condition needs one of: all, any, not, "
        "fact, indicator, theme, nrm",
        regex=True,
    )
    root, expected = build(tmp_path, case)
    assert output(root) == expected


def test_a_capitalised_unknown_key_is_named_right(tmp_path: Path) -> None:
    case = inline(
        "themes/education.yaml",
        "  id: education\n",
        "  id: education\n  Colour: red\n",
        "indicators/themes/education.yaml:<<Colour: red>>: unknown key 'Colour'",
    )
    root, expected = build(tmp_path, case)
    assert output(root) == expected


def test_a_misspelt_top_level_key(tmp_path: Path) -> None:
    case = inline(
        "themes/education.yaml",
        "theme:\n",
        "themes:\n",
        "indicators/themes/education.yaml:<<^themes:>>: missing required key 'theme'",
        "indicators/themes/education.yaml:<<^themes:>>: unknown key 'themes'",
    )
    root, expected = build(tmp_path, case)
    assert output(root) == expected


def test_a_list_item_that_is_text_not_a_mapping(tmp_path: Path) -> None:
    case = inline(
        "themes/education.yaml",
        "  - id: persistent-absence\n",
        "  - just some text\n  - id: persistent-absence\n",
        "indicators/themes/education.yaml:<<just some text>>: indicators: expected a mapping of keys to values, "
        "not 'just some text'",
    )
    root, expected = build(tmp_path, case)
    assert output(root) == expected


def test_the_second_item_of_a_flow_list_is_named(tmp_path: Path) -> None:
    case = inline(
        "pack.yaml",
        r"^source_documents: \[(.*)\]$",
        r"source_documents: [\1, no-such-source]",
        "indicators/pack.yaml:<<^source_documents:>>: unknown source 'no-such-source'",
        regex=True,
    )
    root, expected = build(tmp_path, case)
    assert output(root) == expected


def test_review_due_before_reviewed_on_points_at_review_due(tmp_path: Path) -> None:
    case = inline(
        "pack.yaml",
        r"^review_due: .*$",
        "review_due: 2001-01-01",
        "indicators/pack.yaml:<<^review_due:>>: review_due: comes before reviewed_on (",
        regex=True,
    )
    root, expected = build(tmp_path, case)
    got = output(root)
    assert len(got) == 1
    assert got[0].startswith(expected[0])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("20240101", "expected a date (YYYY-MM-DD), not 20240101"),
        ("2024-01-01T10:00", "expected a date (YYYY-MM-DD), not '2024-01-01T10:00'"),
        ("'2024-1-1'", "expected a date (YYYY-MM-DD), not '2024-1-1'"),
    ],
)
def test_dates_are_written_one_way_only(tmp_path: Path, value: str, message: str) -> None:
    # A number would otherwise be read as seconds since 1970.
    expect = f"indicators/pack.yaml:<<^reviewed_on:>>: reviewed_on: {message}"
    case = inline("pack.yaml", r"^reviewed_on: .*$", f"reviewed_on: {value}", expect, regex=True)
    root, expected = build(tmp_path, case)
    assert output(root) == expected


@pytest.mark.parametrize(("value", "shown"), [("1", "1"), ("'true'", "'true'"), ("on", "'on'")])
def test_only_true_and_false_are_booleans(tmp_path: Path, value: str, shown: str) -> None:
    case = inline(
        "jurisdictions/england-wales.yaml",
        "discretionary: true",
        f"discretionary: {value}",
        f"indicators/jurisdictions/england-wales.yaml:<<discretionary: {value}>>: discretionary: "
        f"expected true or false, not {shown}",
    )
    root, expected = build(tmp_path, case)
    assert output(root) == expected


def test_a_number_where_text_is_expected_suggests_quotes(tmp_path: Path) -> None:
    case = inline(
        "pack.yaml",
        r"^version: .*$",
        "version: 2024.1",
        "indicators/pack.yaml:<<^version:>>: version: expected text, not 2024.1 (put 2024.1 in quotes)",
        regex=True,
    )
    root, expected = build(tmp_path, case)
    assert output(root) == expected


# --- conditions: deep nesting ---------------------------------------------------


def test_a_condition_nested_ten_thousand_deep_is_refused(tmp_path: Path) -> None:
    deep = "{not: " * 10_000 + "{fact: in_la_care}" + "}" * 10_000
    case = inline(
        "jurisdictions/scotland.yaml",
        "when: {fact: in_la_care}",
        f"when: {deep}",
        "indicators/jurisdictions/scotland.yaml:<<{not: {not:>>: nested more than 50 levels deep",
    )
    root, expected = build(tmp_path, case)
    assert output(root) == expected


def test_a_condition_nested_twenty_deep_loads(tmp_path: Path) -> None:
    deep = "{not: " * 20 + "{fact: in_la_care}" + "}" * 20
    case = inline("jurisdictions/scotland.yaml", "when: {fact: in_la_care}", f"when: {deep}")
    root, _ = build(tmp_path, case)
    assert load_pack(root).jurisdictions["scotland"] is not None


def test_a_condition_with_two_tests_names_the_extra_key(tmp_path: Path) -> None:
    case = inline(
        "jurisdictions/scotland.yaml",
        "when: {fact: in_la_care}",
        "when: {fact: in_la_care, theme: education}",
        "indicators/jurisdictions/scotland.yaml:<<theme: education}>>: unknown key 'theme'",
    )
    root, expected = build(tmp_path, case)
    assert output(root) == expected


# --- paths that are not packs ---------------------------------------------------


def test_a_missing_folder(tmp_path: Path) -> None:
    assert output(tmp_path / "nope") == ["nope: no such folder"]


def test_a_file_instead_of_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text("id: x\n")
    assert output(path) == ["pack.yaml: is a file; give the content pack's folder"]


def test_a_folder_that_is_not_a_pack(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    assert output(tmp_path / "elsewhere") == ["elsewhere: is not a content pack folder (it has no pack.yaml)"]


def test_problems_name_files_by_the_path_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, _ = build(tmp_path, broken("unknown-key-theme"))
    inside = [line.removeprefix("indicators/") for line in output(root)]
    with pytest.raises(InputError) as info:
        load_pack(root)
    assert [str(p) for p in info.value.problems] == [f"{root}/{line}" for line in inside]
    monkeypatch.chdir(root)
    assert output(Path(".")) == inside


def test_a_pack_without_pack_yaml_still_reports_the_rest(tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    (root / "pack.yaml").unlink()
    assert output(root) == ["indicators/pack.yaml: required file is missing"]


# --- never a traceback: random slips in real files -------------------------------

_TOKENS = [
    "[]",
    "{}",
    "yes",
    "12",
    "~",
    "- x",
    "&a x",
    "*a",
    "!!str x",
    "{all: []}",
    "{not: {}}",
    "[1, [2]]",
    "'",
    '"',
    ":",
    "? x",
    "{fact: 1}",
    "{nrm: []}",
    "2024-02-30",
    "-1",
    "0",
    "true",
    "|",
    ">",
    "{a: 1, a: 2}",
    "\t",
    "#",
    "{indicator: []}",
    "{theme: {}}",
    "[{fact: x}]",
    "\x07",
    "é",
    "{when: {when: {}}}",
]
_FILES = [
    "pack.yaml",
    "parameters.yaml",
    "questions.yaml",
    "signposts.yaml",
    "themes/education.yaml",
    "jurisdictions/england-wales.yaml",
    "sources.yaml",
    "framing.yaml",
]


@pytest.fixture(scope="module")
def scratch_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_pack(tmp_path_factory.mktemp("fuzz"))


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    file=st.sampled_from(_FILES),
    edits=st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 4), st.sampled_from(_TOKENS), st.integers(0, 12)),
        min_size=1,
        max_size=3,
    ),
)
def test_random_slips_give_problems_never_a_traceback(
    scratch_pack: Path, file: str, edits: list[tuple[int, int, str, int]]
) -> None:
    path = scratch_pack / file
    original = path.read_bytes()
    lines = original.decode("utf-8").split("\n")
    for where, op, token, indent in edits:
        i = where % len(lines)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[i])
        elif op == 2:
            lines[i] = lines[i].split(":", 1)[0] + ": " + token if ":" in lines[i] else lines[i] + token
        elif op == 3:
            lines.insert(i, " " * indent + token)
        else:
            lines[i] = " " * indent + lines[i].lstrip()
        if not lines:
            lines = [""]
    path.write_bytes("\n".join(lines).encode("utf-8"))
    try:
        load_pack(scratch_pack)
    except InputError as exc:
        for problem in exc.problems:
            assert problem.message and "Traceback" not in problem.message
            assert problem.path.startswith(str(scratch_pack))
            assert problem.line is None or problem.line >= 1
    finally:
        path.write_bytes(original)


def test_a_bad_item_deep_in_a_block_condition_points_at_that_item(tmp_path: Path) -> None:
    condition = (
        "when:\n"
        "              all:\n"
        "                - fact: in_la_care\n"
        "                - any:\n"
        "                    - fact: separated\n"
        "                    - colour: red\n"
        "                    - fact: separated\n"
        "                      is: maybe\n"
    )
    case = inline(
        "jurisdictions/scotland.yaml",
        "when: {fact: in_la_care}",
        condition.rstrip("\n"),
        "indicators/jurisdictions/scotland.yaml:<<- colour: red>>: a condition needs one of: all, any, not, fact, "
        "indicator, theme, nrm",
        "indicators/jurisdictions/scotland.yaml:<<is: maybe>>: is: expected 'yes' or 'no', not 'maybe'",
    )
    root, expected = build(tmp_path, case)
    assert output(root) == expected


def test_indicators_by_theme_follow_a_pack_made_from_another(pack: Pack) -> None:
    # The lists are kept in the pack's memo, which a pack made with dataclasses.replace shares.
    indicator = pack.indicators["county-lines"]
    theme = pack.indicator_theme["county-lines"]
    assert indicator in pack.indicators_of(theme)
    changed = indicator.model_copy(update={"title": "Changed"})
    other = dataclasses.replace(pack, indicators={**pack.indicators, "county-lines": changed})
    assert changed in other.indicators_of(theme) and indicator not in other.indicators_of(theme)
    assert indicator in pack.indicators_of(theme) and changed not in pack.indicators_of(theme)
