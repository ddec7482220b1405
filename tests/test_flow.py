"""The UI-free walkthrough (``screener.walkthrough``) and saving a case (``screener.casefile``).

Both faces of the walkthrough, the Textual app and the plain mode, ask these
questions in this order and hand this case to the engine; so what is tested
here holds for both.
"""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.casefile.model import Case
from screener.casefile.read import load_case
from screener.casefile.write import dump_case, save_case
from screener.content import Pack
from screener.content.derived import IN_PARTS
from screener.content.models.base import JURISDICTIONS
from screener.engine import screen
from screener.errors import InputError
from screener.render import render
from screener.walkthrough import (
    DECISION_STATUSES,
    UNKNOWN,
    AnswerError,
    Answers,
    Flow,
    Question,
    welcome_lines,
)

HERE = Path(__file__).resolve().parent
CASES = sorted((HERE / "cases").glob("*.yaml"))
DAY = dt.date(2024, 11, 20)


@pytest.fixture(scope="module")
def flow(pack: Pack) -> Flow:
    return Flow(pack)


def load(pack: Pack, path: Path) -> Case:
    return load_case(path, set(pack.questions), set(pack.indicators))


def question(flow: Flow, answers: Answers, qid: str) -> Question:
    return next(q for q in flow.questions(answers) if q.id == qid)


def answered(flow: Flow, jurisdiction: str) -> Answers:
    answers = flow.new_answers(DAY)
    return answers.with_answer(flow.jurisdiction_question(), jurisdiction)


# -- which questions, in what order ----------------------------------------------


def test_before_the_jurisdiction_only_the_first_step_is_asked(flow: Flow) -> None:
    answers = flow.new_answers(DAY)
    assert [q.id for q in flow.questions(answers)] == ["jurisdiction", "reference"]
    page = flow.pages(answers)[1]
    assert page.key == "jurisdiction"
    assert flow.blocker(page, answers) is not None
    assert flow.blocker(page, answered(flow, "scotland")) is None


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_each_jurisdiction_asks_exactly_its_own_facts(flow: Flow, pack: Pack, jurisdiction: str) -> None:
    answers = answered(flow, jurisdiction)
    asked = [q.id for q in flow.questions(answers) if q.id in pack.questions]
    # A fact a presumption settles on the day is not asked (Northern Ireland's pilot place in 2024),
    # nor one asked as its parts (unaccompanied, seeking asylum).
    expected = [
        q.id
        for q in pack.questions.values()
        if jurisdiction in q.jurisdictions
        and q.presumption(jurisdiction, answers.screening_date) is None
        and q.id not in IN_PARTS
    ]
    assert sorted(asked) == sorted(expected)
    # Steps come in the order: about the child, local services, indicators, NRM and legal.
    steps = list(dict.fromkeys(q.step for q in flow.questions(answers)))
    assert steps == ["jurisdiction", "about-child", "local-services", "indicators", "nrm-legal"]


def test_jurisdiction_specific_questions(flow: Flow) -> None:
    ids = {j: {q.id for q in flow.questions(answered(flow, j))} for j in JURISDICTIONS}
    assert "ictg_area" in ids["england-wales"] and "ictg_area" not in ids["scotland"]
    assert "from_ukraine" in ids["scotland"] and "from_ukraine" not in ids["northern-ireland"]
    assert "at_risk_of_harm" in ids["northern-ireland"] and "at_risk_of_harm" not in ids["england-wales"]


# (jurisdiction, date of birth or whole years, age disputed, after-18 question asked?)
AGE_GATED = [
    ("scotland", 15, "no", False),
    ("scotland", 17, "no", False),
    ("scotland", 18, "no", True),
    ("scotland", None, "unknown", True),  # age not known: asked
    ("scotland", 19, "yes", False),  # disputed: treated as a child, as the engine does
    ("scotland", dt.date(2006, 11, 21), "no", False),  # the day before the 18th birthday
    ("scotland", dt.date(2006, 11, 20), "no", True),  # the 18th birthday
    ("northern-ireland", 16, "no", False),
    ("northern-ireland", 18, "no", True),
    ("northern-ireland", 20, "no", True),
    ("northern-ireland", 21, "no", False),
    ("northern-ireland", None, "no", True),
]
AFTER_18 = {"scotland": "guardian_before_18", "northern-ireland": "ni_under21_circumstances"}


@pytest.mark.parametrize(("jurisdiction", "age", "disputed", "asked"), AGE_GATED)
def test_after_18_questions_are_asked_only_when_the_age_allows(
    flow: Flow, jurisdiction: str, age: dt.date | int | None, disputed: str, asked: bool
) -> None:
    answers = answered(flow, jurisdiction)
    answers = answers.with_answer(question(flow, answers, "age"), age)
    answers = answers.with_answer(question(flow, answers, "age_disputed"), disputed)
    ids = [q.id for q in flow.questions(answers)]
    assert (AFTER_18[jurisdiction] in ids) is asked


def test_an_after_18_answer_already_given_is_still_shown(flow: Flow) -> None:
    answers = answered(flow, "scotland")
    answers = answers.with_answer(question(flow, answers, "guardian_before_18"), "yes")
    answers = answers.with_answer(question(flow, answers, "age"), 15)
    assert "guardian_before_18" in [q.id for q in flow.questions(answers)]


def test_every_question_offers_not_known_except_the_jurisdiction(flow: Flow) -> None:
    for jurisdiction in JURISDICTIONS:
        for q in flow.questions(answered(flow, jurisdiction)):
            if q.kind == "choice":
                has_unknown = q.option(UNKNOWN) is not None
                assert has_unknown != q.required, q.id
            else:
                assert not q.required, q.id


def test_one_indicator_page_per_theme_in_theme_order(flow: Flow, pack: Pack) -> None:
    answers = answered(flow, "england-wales")
    themes = [q.theme for q in flow.questions(answers) if q.kind == "indicators"]
    assert themes == [t.id for t in sorted(pack.themes, key=lambda t: t.order)]


def test_every_indicator_option_says_whether_it_is_a_sign_or_a_risk_factor(flow: Flow, pack: Pack) -> None:
    answers = answered(flow, "england-wales")
    options = {o.value: o for q in flow.questions(answers) if q.kind == "indicators" for o in q.options}
    assert {o.kind for o in options.values()} == {"Sign", "Risk factor"}
    assert options["multiple-phones"].kind == "Sign" and options["poverty-hardship"].kind == "Risk factor"
    assert flow.indicator_why("multiple-phones", answers).text.startswith("A sign: ")
    assert flow.indicator_why("poverty-hardship", answers).text.startswith("A risk factor: ")
    assert pack.indicators["poverty-hardship"].why in flow.indicator_why("poverty-hardship", answers).text


def test_decision_date_is_asked_only_after_a_decision(flow: Flow) -> None:
    answers = answered(flow, "england-wales")
    nrm = question(flow, answers, "nrm_status")
    assert "decision_on" not in {q.id for q in flow.questions(answers.with_answer(nrm, "referred"))}
    # Asked where a rule reads it: a negative decision's deadline (tests/test_filled.py has the rest).
    for status in DECISION_STATUSES:
        asked = "decision_on" in {q.id for q in flow.questions(answers.with_answer(nrm, status))}
        assert asked is (status in ("rg-negative", "cg-negative", "disqualified")), status
    decided = answers.with_answer(nrm, "cg-negative")
    decided = decided.with_answer(question(flow, decided, "decision_on"), dt.date(2024, 10, 1))
    # Going back to a status without a decision drops the date, so it cannot feed the summary unseen.
    assert decided.with_answer(nrm, "referred").decision_on is None


def test_pages_frame_the_questions(flow: Flow) -> None:
    answers = answered(flow, "scotland")
    pages = flow.pages(answers)
    assert [p.key for p in pages[:2]] == ["welcome", "jurisdiction"]
    assert [p.key for p in pages[-3:]] == ["review", "summary", "export"]
    assert len({p.step_count for p in pages}) == 1
    assert pages[-1].step_number == pages[-1].step_count
    age = next(p for p in pages if p.key == "age")
    assert age.progress().startswith(f"Step 3 of {age.step_count} · About the child · 1 of ")


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_a_step_s_count_holds_as_answers_bring_in_or_take_away_extra_questions(flow: Flow, jurisdiction: str) -> None:
    # "1 of 4" once became "2 of 3" after "No referral": a question asked only because of an earlier answer
    # is "extra", outside the count, so every answer below leaves each step's "N of M" as it was.
    def counts(answers: Answers) -> dict[str, str]:
        return {p.key: p.progress() for p in flow.pages(answers) if p.question is not None and not p.extra}

    answers = answered(flow, jurisdiction)
    before = counts(answers)
    nrm = question(flow, answers, "nrm_status")
    for status in ("none", "referred", "cg-positive", "rg-negative", "unknown"):
        moved = answers.with_answer(nrm, status)
        assert counts(moved) == before, status
        for page in flow.pages(moved):
            if page.extra:
                assert page.progress().endswith(" · extra"), page.progress()
    decided = answers.with_answer(nrm, "rg-negative")
    assert next(p for p in flow.pages(decided) if p.key == "decision_on").progress().endswith("NRM and legal · extra")


# -- answers and the case -----------------------------------------------------------


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_a_loaded_case_gives_the_same_summary_bytes(flow: Flow, pack: Pack, path: Path) -> None:
    case = load(pack, path)
    rebuilt = flow.to_case(Answers.from_case(pack, case))
    for fmt in ("md", "json"):
        assert render(screen(pack, rebuilt), fmt) == render(screen(pack, case), fmt)


def test_answers_under_another_jurisdiction_never_reach_the_case(flow: Flow) -> None:
    answers = answered(flow, "england-wales")
    answers = answers.with_answer(question(flow, answers, "pr_in_uk"), "no")
    moved = answers.with_answer(flow.jurisdiction_question(), "scotland")
    assert "pr_in_uk" not in flow.to_case(moved).facts
    # ...and are still there on the way back.
    back = moved.with_answer(flow.jurisdiction_question(), "england-wales")
    assert flow.to_case(back).facts["pr_in_uk"] == "no"


def test_a_fact_outside_the_cases_jurisdiction_is_shown_not_hidden(flow: Flow, pack: Pack) -> None:
    case = load(pack, CASES[0]).model_copy(update={"jurisdiction": "scotland", "facts": {"ictg_area": "yes"}})
    answers = Answers.from_case(pack, case)
    ictg = question(flow, answers, "ictg_area")
    assert answers.get(ictg) == "yes"
    assert "shown because the case file answers it" in flow.why(ictg, answers).text
    assert flow.to_case(answers).facts["ictg_area"] == "yes"


def test_indicators_keep_their_order_and_other_themes(flow: Flow) -> None:
    answers = answered(flow, "england-wales")
    pages = [q for q in flow.questions(answers) if q.kind == "indicators"]
    first, second = pages[0], pages[1]
    a, b = first.options[0].value, first.options[2].value
    c = second.options[0].value
    answers = answers.with_answer(second, {c})
    answers = answers.with_answer(first, {b, a})
    assert answers.indicators == (c, a, b)
    answers = answers.with_answer(first, {b})
    assert answers.indicators == (c, b)
    assert answers.get(first) == frozenset({b})
    with pytest.raises(AnswerError):
        answers.with_answer(first, {c})


def test_age_is_either_a_date_of_birth_or_years(flow: Flow) -> None:
    answers = answered(flow, "northern-ireland")
    age = question(flow, answers, "age")
    born = answers.with_answer(age, dt.date(2009, 3, 14))
    assert (born.date_of_birth, born.age) == (dt.date(2009, 3, 14), None)
    years = born.with_answer(age, 15)
    assert (years.date_of_birth, years.age) == (None, 15)
    assert flow.display(age, born) == "born 14 March 2009 (aged 15 on 20 November 2024)"
    assert flow.display(age, years) == "aged 15"
    assert flow.display(age, years.with_answer(age, None)) == "not known"


@pytest.mark.parametrize(
    ("qid", "text", "expected"),
    [
        ("age", "15", 15),
        ("age", " 2009-03-14 ", dt.date(2009, 3, 14)),
        ("age", "14/03/2009", dt.date(2009, 3, 14)),
        ("age", "14 March 2009", dt.date(2009, 3, 14)),
        ("age", "", None),
        ("decision_on", "2024-11-20", dt.date(2024, 11, 20)),
        ("reference", "TRAIN-004", "TRAIN-004"),
        ("reference", "", None),
    ],
)
def test_typed_answers(flow: Flow, qid: str, text: str, expected: object) -> None:
    answers = answered(flow, "england-wales")
    answers = answers.with_answer(question(flow, answers, "nrm_status"), "rg-negative")
    assert flow.parse(question(flow, answers, qid), text, answers) == expected


@pytest.mark.parametrize(
    ("qid", "text", "message"),
    [
        ("age", "03/14/2009", "Write the day first"),
        ("age", "14/03/09", "year in full"),
        ("age", "2009-02-30", "not a real date"),
        ("age", "2025-01-01", "after the screening date"),
        ("age", "121", "not a likely age"),
        ("age", "1901-01-01", "over 120"),
        ("age", "1890-01-01", "out of range"),
        ("leave_granted_on", "2024-13-01", "no month 13"),
        ("reference", "a\nb", "one line"),
        ("reference", "x" * 81, "at most 80"),
    ],
)
def test_typed_answers_that_are_refused_say_why(flow: Flow, qid: str, text: str, message: str) -> None:
    answers = answered(flow, "england-wales")
    with pytest.raises(AnswerError, match=message):
        flow.parse(question(flow, answers, qid), text, answers)


# -- why am I asked this? ---------------------------------------------------------


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_every_question_says_why_with_a_source(flow: Flow, pack: Pack, jurisdiction: str) -> None:
    answers = answered(flow, jurisdiction)
    for q in flow.questions(answers):
        why = flow.why(q, answers)
        assert why.text.strip(), q.id
        if q.id == "reference":
            continue  # no rule reads it, and it says so
        if q.kind == "indicators":
            for option in q.options:
                assert flow.indicator_why(option.value, answers).sources, option.value
        else:
            assert why.sources, q.id


def test_why_names_the_rules_that_read_the_answer(flow: Flow) -> None:
    answers = answered(flow, "england-wales")
    pr = flow.why(question(flow, answers, "pr_in_uk"), answers)
    texts = [u.text for u in pr.uses]
    assert any("No one with parental responsibility" in t for t in texts)
    assert any(t.startswith("Independent Child Trafficking Guardian, indirect support") for t in texts)
    age = flow.why(question(flow, answers, "age"), answers)
    assert any("Under 18" in u.text for u in age.uses)
    assert any(u.text.startswith("Key date: the 18th birthday") for u in age.uses)
    assert "Snapshot 2024" in pr.brief()
    lines = pr.lines()
    assert "Your answer is read by:" in lines and "Sources:" in lines


def test_an_indicators_why_names_its_signposts(flow: Flow) -> None:
    answers = answered(flow, "england-wales")
    why = flow.indicator_why("county-lines", answers)
    assert "Signpost: Raise the protections against punishing child victims" in [u.text for u in why.uses]


def test_welcome_says_what_it_is_not_and_the_pack_edition(flow: Flow, pack: Pack) -> None:
    text = "\n".join(welcome_lines(pack, flow.new_answers(DAY), "case.yaml"))
    assert "not an assessment" in text and "decides nothing" in text
    assert pack.info.version in text and pack.info.reviewed_on.isoformat() in text
    assert "Screening date: 20 November 2024" in text and "case.yaml" in text
    late = "\n".join(welcome_lines(pack, flow.new_answers(pack.info.review_due + dt.timedelta(days=1))))
    assert "past its review date" in late


# -- saving a case file --------------------------------------------------------------


def test_a_saved_case_file_reads_back_and_spells_answers_plainly(pack: Pack, tmp_path: Path) -> None:
    case = load(pack, HERE / "cases" / "scotland-labour.yaml")
    path = save_case(tmp_path / "case.yaml", case)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Screener case file")
    assert "\n  trafficking_concern: yes\n" in text
    assert "\n  age_disputed: no\n" in text
    assert "\nscreening_date: 2024-11-20\n" in text
    assert "'" not in text
    assert load(pack, path) == case
    # Contract order at the top level.
    keys = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert keys == ["schema", "reference", "jurisdiction", "screening_date", "child", "facts", "nrm", "indicators"]


def test_saving_never_replaces_a_file_unasked(pack: Pack, tmp_path: Path) -> None:
    case = load(pack, CASES[0])
    target = tmp_path / "case.yaml"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        save_case(target, case)
    assert target.read_text(encoding="utf-8") == "keep me"
    save_case(target, case, force=True)
    assert load(pack, target) == case


@pytest.mark.parametrize("reference", ["yes", "no", "true", "on", "0123", "12", "null", "2024-01-01", "a: b", "# x"])
def test_references_that_look_like_other_things_stay_strings(pack: Pack, tmp_path: Path, reference: str) -> None:
    case = load(pack, CASES[0]).model_copy(update={"reference": reference})
    path = save_case(tmp_path / "case.yaml", case)
    assert load(pack, path).reference == reference


def test_no_case_detail_goes_into_a_default_file_name(pack: Pack) -> None:
    from screener.walkthrough.session import Session

    for reference in ("TRAIN-004", "../../etc/x y", "...", "Jo Bloggs 2008-03-14"):
        case = load(pack, CASES[0]).model_copy(update={"reference": reference})
        session = Session.open(pack, case)
        names = [session.default_case_path().name, session.default_export_path("md").name]
        assert names == [f"screening-{case.screening_date}.yaml", f"screening-{case.screening_date}-summary.md"]


answer_values = st.sampled_from(["yes", "no", "unknown"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    jurisdiction=st.sampled_from(JURISDICTIONS),
    picks=st.lists(answer_values, min_size=20, max_size=20),
    years=st.one_of(st.none(), st.integers(0, 25)),
    status=st.sampled_from(["none", "referred", "rg-negative", "cg-positive", "unknown"]),
    noted=st.lists(st.booleans(), min_size=60, max_size=60),
)
def test_any_walk_saves_and_reloads_to_the_same_summary(
    pack: Pack,
    tmp_path_factory: pytest.TempPathFactory,
    jurisdiction: str,
    picks: list[str],
    years: int | None,
    status: str,
    noted: list[bool],
) -> None:
    flow = Flow(pack)
    answers = answered(flow, jurisdiction)
    flags = iter(noted)
    for n, q in enumerate(flow.questions(answers)):
        if q.kind == "choice" and q.id in pack.questions:
            answers = answers.with_answer(q, picks[n % len(picks)])
        elif q.kind == "indicators":
            answers = answers.with_answer(q, {o.value for o in q.options if next(flags, False)})
        elif q.id == "age":
            answers = answers.with_answer(q, years)
        elif q.id == "nrm_status":
            answers = answers.with_answer(q, status)
    case = flow.to_case(answers)
    path = tmp_path_factory.mktemp("walk") / "case.yaml"
    path.write_text(dump_case(case), encoding="utf-8")
    reloaded = load(pack, path)
    assert reloaded == case
    assert render(screen(pack, reloaded), "md") == render(screen(pack, case), "md")


def test_leave_distinguishes_none_granted_from_not_known(flow: Flow) -> None:
    answers = answered(flow, "scotland")
    leave = question(flow, answers, "leave_granted_on")
    # A new walkthrough knows nothing yet.
    assert flow.display(leave, answers) == "not known"
    assert flow.parse(leave, "", answers) is None
    assert flow.parse(leave, "none", answers) is None
    assert flow.parse(leave, "Not known", answers) == "unknown"
    assert flow.parse(leave, "2024-06-01", answers) == dt.date(2024, 6, 1)
    assert flow.display(leave, answers.with_answer(leave, None)) == "none granted"
    case = flow.to_case(answers)
    assert case.dates.leave_granted == "unknown"
    assert "leave_granted_on: unknown" in dump_case(case)
    # Other dates keep empty as not known.
    decision = Question(id="decision_on", step="nrm-legal", kind="date", title="", prompt="")
    assert flow.parse(decision, "", answers) is None


def test_asked_when_may_test_exactly_the_facts_the_flow_works_out() -> None:
    # The pack's check (content) and the flow's world (engine) name the same age facts.
    from screener.content.models.questions import AGE_FACTS
    from screener.engine.age import age_facts_of

    assert set(age_facts_of(None, 15, "no", DAY, 365, 100).facts()) == set(AGE_FACTS)


def test_changes_name_the_answers_and_what_they_did_to_the_outcomes(pack: Pack) -> None:
    flow = Flow(pack)
    before = flow.new_answers(dt.date(2024, 11, 20))
    q = {x.id: x for x in flow.questions(before)}
    before = before.with_answer(q["jurisdiction"], "england-wales")
    q = {x.id: x for x in flow.questions(before)}
    before = before.with_answer(q["age"], 15)
    for fact, value in (("pr_in_uk", "no"), ("ictg_area", "yes"), ("trafficking_concern", "yes")):
        before = before.with_answer(q[fact], value)
    after = before.with_answer(q["pr_in_uk"], "yes")
    assert flow.changes(before, after) == [f"{q['pr_in_uk'].title}: No → Yes"]
    outcomes = flow.outcome_changes(before, after)
    assert any(line.startswith("Independent Child Trafficking Guardian") for line in outcomes), outcomes
    assert flow.changes(after, after) == [] and flow.outcome_changes(after, after) == []


@pytest.mark.parametrize(("pr_in_uk", "asked"), [("no", False), ("yes", True), ("unknown", True)])
def test_exceptional_direct_support_is_not_asked_once_nobody_with_pr_is_in_the_uk(
    flow: Flow, pr_in_uk: str, asked: bool
) -> None:
    answers = answered(flow, "england-wales")
    answers = answers.with_answer(question(flow, answers, "pr_in_uk"), pr_in_uk)
    assert ("exceptional_circumstances" in [q.id for q in flow.questions(answers)]) is asked
