"""Load the training scenarios and the quiz, and check every answer key against the engine.

A scenario's answer key is what the engine gives for its case, written down.
Loading proves the two still agree, so a change to the rules that alters a
teaching case shows up in ``screener validate`` as ``file:line``, at the
expectation that no longer holds.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from screener.casefile.model import SCHEMA, Case
from screener.casefile.read import parse_case
from screener.content.digest import digest_or_none, pack_digest
from screener.content.files import is_pack_file_name, not_a_pack_file
from screener.content.models.base import JURISDICTIONS, Citation
from screener.content.pack import Pack
from screener.engine import screen
from screener.engine.age import age_facts
from screener.errors import InputError, Problem
from screener.rulecases.check import expect_problems, unmet
from screener.training.features import FeatureCheck, load_features
from screener.training.models import Quiz, Scenario
from screener.yamlio import Document, Loc, load_document

SCENARIO_FOLDER = "scenarios"
QUIZ_FILE = "quiz.yaml"
REFERENCE_PREFIX = "TRAIN-"
MAX_SCENARIOS = 200

# Stands in for a case that failed to parse, so the rest of the scenario is
# still checked and every problem in the file is reported in one run.
_PLACEHOLDER = Case.model_validate({"schema": SCHEMA, "jurisdiction": "england-wales"})


# Scenarios loaded once by a process that forks many short-lived ones (``screener serve``'s warm
# parent, ``screener.serve_warm``), with the pack they were checked against and the digest of the
# pack's files (which covers the scenarios folder) when they were loaded.
_kept: dict[Path, tuple[str, Pack, list[Scenario]]] = {}


def keep_loaded_scenarios(pack: Pack, pack_root: Path) -> None:
    """Load the scenarios now and keep them: a later ``load_scenarios`` for this pack, here or in a
    process forked from here, takes them while the pack's files still have the digest they had."""
    digest = pack_digest(pack_root)  # before loading: a file changed meanwhile only makes the digest stale
    _kept[pack_root] = (digest, pack, load_scenarios(pack, pack_root))


def load_scenarios(pack: Pack, pack_root: Path) -> list[Scenario]:
    """Every scenario in ``pack_root/scenarios``, each checked against the engine.

    Raises InputError listing every problem in every file. A pack without a
    scenarios folder simply has none.
    """
    kept = _kept.get(pack_root)
    if kept is not None and kept[1] is pack and digest_or_none(pack_root) == kept[0]:
        return list(kept[2])
    folder = pack_root / SCENARIO_FOLDER
    if not folder.is_dir():
        return []
    try:
        listed = sorted(p for p in folder.iterdir() if is_pack_file_name(p.name))
    except OSError as exc:
        raise InputError.single(folder, f"cannot read: {exc.strerror or exc}") from None
    problems: list[Problem] = []
    paths = []
    for path in listed:
        refusal = not_a_pack_file(path, pack_root)
        if refusal is None:
            paths.append(path)
        else:
            problems.append(Problem(str(path), None, refusal))
    if len(paths) > MAX_SCENARIOS:
        problems.append(Problem(str(folder), None, f"more than {MAX_SCENARIOS} files"))
        paths = paths[:MAX_SCENARIOS]
    try:
        features = load_features(pack, pack_root)
    except InputError as exc:
        problems.extend(exc.problems)
        features = {}
    scenarios: list[Scenario] = []
    seen: dict[str, str] = {}
    references: dict[str, str] = {}
    for path in paths:
        try:
            doc = load_document(path, str(path))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        scenario, found = read_scenario(pack, doc, features)
        if scenario is not None:
            if scenario.id != path.stem:
                found.append(doc.problem(("id",), f"id '{scenario.id}' should match the file name '{path.stem}'"))
            elif scenario.id in seen:
                found.append(
                    doc.problem(("id",), f"duplicate scenario id '{scenario.id}' (also in {seen[scenario.id]})")
                )
            seen.setdefault(scenario.id, doc.path)
            reference = scenario.case.reference
            if reference and reference in references:
                found.append(
                    doc.problem(
                        ("case", "reference"), f"reference: '{reference}' is also used in {references[reference]}"
                    )
                )
            elif reference:
                references[reference] = doc.path
        if scenario is not None and not found:
            # Only a well-formed scenario is run: a broken one would add noise, not news.
            found = check_expectations(pack, scenario, doc)
            if not found:
                scenarios.append(scenario)
        problems.extend(found)
    if problems:
        raise InputError(sorted(set(problems), key=_order))
    # Case references carry the author's teaching order (TRAIN-EW-01 first).
    return sorted(scenarios, key=lambda s: (JURISDICTIONS.index(s.jurisdiction), s.case.reference or "", s.id))


def _order(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line or 0, problem.message)


def read_scenario(
    pack: Pack, doc: Document, features: dict[str, FeatureCheck] | None = None
) -> tuple[Scenario | None, list[Problem]]:
    """Validate one scenario file; the embedded case is read as a case file would be.

    ``features``: what each feature tag needs the case to show (``features.yaml``); none checked when left out.
    """
    data = doc.data
    if not isinstance(data, dict):
        return None, [doc.problem((), "a scenario must be a mapping of keys to values")]
    problems: list[Problem] = []
    case: Case | None = None
    if "case" in data:
        if isinstance(data["case"], dict):
            try:
                case = parse_case(doc.part(("case",)), set(pack.questions), set(pack.indicators))
            except InputError as exc:
                problems.extend(exc.problems)
        else:
            problems.append(doc.problem(("case",), "case: expected a case file (a mapping of keys to values)"))
        data = {**data, "case": case or _PLACEHOLDER}
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems.extend(doc.pydantic_problems(exc))
        return None, problems
    if case is None:
        return None, problems
    return scenario, problems + _cross_check(pack, scenario, doc, features or {})


def _cross_check(pack: Pack, scenario: Scenario, doc: Document, features: dict[str, FeatureCheck]) -> list[Problem]:
    """What the models cannot check alone: names in the pack, and a case fit for teaching."""
    problems: list[Problem] = []
    case = scenario.case
    if case.jurisdiction != scenario.jurisdiction:
        problems.append(
            doc.problem(
                ("case", "jurisdiction"),
                f"jurisdiction: the case is in {case.jurisdiction}, the scenario in {scenario.jurisdiction}",
            )
        )
    if case.screening_date is None:
        problems.append(
            doc.problem(("case",), "case: needs a screening_date, so its answer key does not change with the day")
        )
    if not (case.reference or "").startswith(REFERENCE_PREFIX):
        problems.append(
            doc.problem(
                ("case", "reference"),
                f"reference: a training case's reference starts with '{REFERENCE_PREFIX}', "
                "so anything saved from it reads as training",
            )
        )
    if case.screening_date is not None:
        params = pack.parameters
        age = age_facts(case, case.screening_date, params.approaching_18_days, params.pilot_exclusion_days)
        for index, feature in enumerate(scenario.features):
            check = features.get(feature)
            if check is not None and not check.holds(case, age):
                problems.append(
                    doc.problem(("features", index), f"features: '{feature}' needs the case to have {check.needs}")
                )
    if case.screening_date is not None:
        problems += _evidence_problems(pack, scenario, doc)
    for index, point in enumerate(scenario.teaching_points):
        problems += _citations(pack, doc, point.sources, ("teaching_points", index, "sources"))

    problems += expect_problems(pack, scenario.expect, scenario.jurisdiction, doc, ("expect",))
    return problems


def _citations(pack: Pack, doc: Document, citations: list[Citation], loc: Loc) -> list[Problem]:
    return [
        doc.problem((*loc, index, "source"), f"source: unknown source '{c.source}'")
        for index, c in enumerate(citations)
        if c.source not in pack.sources
    ]


# Fewer words than this rarely pin down what a key answer rests on.
MIN_EVIDENCE_WORDS = 2

_ANSWER_LOCS: dict[str, Loc] = {
    "age": ("case", "child"),
    "age_disputed": ("case", "child", "age_disputed"),
    "nrm_status": ("case", "nrm", "status"),
    "decision_on": ("case", "nrm", "decision_on"),
}


def _evidence_problems(pack: Pack, scenario: Scenario, doc: Document) -> list[Problem]:
    """Every key answer has evidence, and every piece of evidence is in the narrative, for a key answer.

    Evidence is whole words of the narrative, at least two of them, found in one place only:
    a word inside another ("he" in "the") shows nothing, and a phrase found twice would show
    the trainee whichever line comes first, not the one meant."""
    from screener.training.practice import evidence_places, key_answers, normalise

    problems: list[Problem] = []
    keyed = {k.id for k in key_answers(pack, scenario)}
    for answer_id, phrase in scenario.evidence.items():
        shown = normalise(phrase)
        places = evidence_places(scenario.narrative, phrase)
        if answer_id not in keyed:
            message = f"evidence: '{answer_id}' is not one of the case's key answers"
        elif places == 0:
            message = f"evidence: '{shown}' is not in the narrative"
        elif len(shown.split()) < MIN_EVIDENCE_WORDS:
            message = f"evidence: '{shown}' is too short to show anything; quote at least {MIN_EVIDENCE_WORDS} words"
        elif places > 1:
            message = f"evidence: '{shown}' is in the narrative {places} times; quote enough to pick out one"
        else:
            continue
        problems.append(doc.problem(("evidence", answer_id), message))
    indicators = list(scenario.case.indicators)
    for answer_id in sorted(keyed - set(scenario.evidence), key=lambda k: (k in indicators, k)):
        if answer_id in indicators:
            loc: Loc = ("case", "indicators", indicators.index(answer_id))
        else:
            loc = _ANSWER_LOCS.get(answer_id, ("case", "facts", answer_id))
        problems.append(
            doc.problem(
                loc,
                f"evidence: the key answer '{answer_id}' needs evidence (a short exact phrase of the narrative)",
            )
        )
    return problems


def check_expectations(pack: Pack, scenario: Scenario, doc: Document) -> list[Problem]:
    """Each expectation the engine does not meet, at the expectation's line."""
    return unmet(scenario.expect, screen(pack, scenario.case), doc, ("expect",))


def load_quiz(pack: Pack, pack_root: Path) -> Quiz | None:
    """The key-facts quiz in ``pack_root/quiz.yaml``, or None when the pack has none."""
    path = pack_root / QUIZ_FILE
    if not path.exists():
        return None
    doc = load_document(path, str(path))
    if not isinstance(doc.data, dict):
        raise InputError([doc.problem((), "expected a mapping with a list under 'questions'")])
    try:
        quiz = Quiz.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(doc.pydantic_problems(exc)) from None
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, question in enumerate(quiz.questions):
        if question.id in seen:
            problems.append(doc.problem(("questions", index, "id"), f"duplicate question id '{question.id}'"))
        seen.add(question.id)
        problems += _citations(pack, doc, question.sources, ("questions", index, "sources"))
    if problems:
        raise InputError(problems)
    return quiz


def load_training(pack: Pack, pack_root: Path) -> tuple[list[Scenario], Quiz | None]:
    """Scenarios and quiz together, with the problems of both in one report."""
    problems: list[Problem] = []
    scenarios: list[Scenario] = []
    quiz: Quiz | None = None
    try:
        scenarios = load_scenarios(pack, pack_root)
    except InputError as exc:
        problems.extend(exc.problems)
    try:
        quiz = load_quiz(pack, pack_root)
    except InputError as exc:
        problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return scenarios, quiz
