"""Guardianship routes per jurisdiction: a table of cases each, with unknowns and edge ages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from screener.content import Pack
from tests.rulecases import AS_AT, BORN_18_TODAY, BORN_18_TOMORROW, make_case, run, service

MET, MAY, NOT = "criteria-met", "criteria-may-be-met", "criteria-not-met"

EW_BASE: dict[str, Any] = {"trafficking_concern": "yes", "ictg_area": "yes", "pr_in_uk": "no"}

# (name, case keyword arguments, ictg-direct status, its settle_by, ictg-indirect status, its settle_by)
EW_TABLE = [
    ("no PR in UK: direct", {}, MET, [], NOT, []),
    ("PR in UK, exceptional not known", {"pr_in_uk": "yes"}, MAY, ["exceptional_circumstances"], MET, []),
    (
        "PR in UK, exceptional yes: discretionary",
        {"pr_in_uk": "yes", "exceptional_circumstances": "yes"},
        MAY,
        [],
        MET,
        [],
    ),
    ("PR in UK, exceptional no", {"pr_in_uk": "yes", "exceptional_circumstances": "no"}, NOT, [], MET, []),
    ("PR not known", {"pr_in_uk": "unknown"}, MAY, ["pr_in_uk", "exceptional_circumstances"], MAY, ["pr_in_uk"]),
    (
        "PR not known, exceptional no",
        {"pr_in_uk": "unknown", "exceptional_circumstances": "no"},
        MAY,
        ["pr_in_uk"],
        MAY,
        ["pr_in_uk"],
    ),
    ("outside an ICTG area", {"ictg_area": "no"}, NOT, [], NOT, []),
    ("area not known", {"ictg_area": "unknown"}, MAY, ["ictg_area"], NOT, []),
    ("no trafficking concern", {"trafficking_concern": "no"}, NOT, [], NOT, []),
    ("concern not known", {"trafficking_concern": "unknown"}, MAY, ["trafficking_concern"], NOT, []),
    ("aged 18, not disputed", {"age": 18}, NOT, [], NOT, []),
    ("aged 18, disputed: treated as a child", {"age": 18, "disputed": "yes"}, MET, [], NOT, []),
    ("aged 19, dispute not known", {"age": 19, "disputed": "unknown"}, MAY, ["age_disputed"], NOT, []),
    ("age not known", {"age": None}, MAY, ["age"], NOT, []),
    ("age not known, disputed", {"age": None, "disputed": "yes"}, MET, [], NOT, []),
    ("day before the 18th birthday", {"dob": BORN_18_TOMORROW}, MET, [], NOT, []),
    ("on the 18th birthday", {"dob": BORN_18_TODAY}, NOT, [], NOT, []),
    ("on the 18th birthday, disputed", {"dob": BORN_18_TODAY, "disputed": "yes"}, MET, [], NOT, []),
    (
        "nothing answered but age",
        {"trafficking_concern": "unknown", "ictg_area": "unknown", "pr_in_uk": "unknown"},
        MAY,
        ["trafficking_concern", "ictg_area", "pr_in_uk", "exceptional_circumstances"],
        MAY,
        ["trafficking_concern", "ictg_area", "pr_in_uk"],
    ),
]


@pytest.mark.parametrize(
    ("name", "changes", "direct", "direct_settle", "indirect", "indirect_settle"),
    EW_TABLE,
    ids=[row[0] for row in EW_TABLE],
)
def test_england_wales_ictg(
    pack: Pack,
    name: str,
    changes: dict[str, Any],
    direct: str,
    direct_settle: list[str],
    indirect: str,
    indirect_settle: list[str],
) -> None:
    summary = run(pack, make_case("england-wales", **{**EW_BASE, **changes}))
    got_direct, got_indirect = service(summary, "ictg-direct"), service(summary, "ictg-indirect")
    assert (got_direct.status, got_direct.settle_by) == (direct, direct_settle)
    assert (got_indirect.status, got_indirect.settle_by) == (indirect, indirect_settle)
    assert [s.service for s in summary.guardianship] == ["ictg-direct", "ictg-indirect"]


def test_discretionary_route_is_never_more_than_may_be_met(pack: Pack) -> None:
    summary = run(
        pack, make_case("england-wales", **{**EW_BASE, "pr_in_uk": "yes", "exceptional_circumstances": "yes"})
    )
    direct = service(summary, "ictg-direct")
    exceptional = next(r for r in direct.routes if r.id == "exceptional")
    assert exceptional.discretionary and exceptional.status == "met"
    assert direct.status == MAY


SC_BASE: dict[str, Any] = {"separated": "yes", "in_la_care": "yes", "from_ukraine": "no"}
SC_TABLE = [
    ("separated child in LA care", {}, MET, []),
    ("not in LA care", {"in_la_care": "no"}, NOT, []),
    ("Ukraine: LA care not needed", {"in_la_care": "no", "from_ukraine": "yes"}, MET, []),
    ("not in LA care, Ukraine not known", {"in_la_care": "no", "from_ukraine": "unknown"}, MAY, ["from_ukraine"]),
    ("care not known, not from Ukraine", {"in_la_care": "unknown"}, MAY, ["in_la_care"]),
    ("separation not known", {"separated": "unknown"}, MAY, ["separated"]),
    ("not separated", {"separated": "no"}, NOT, []),
    ("day before the 18th birthday", {"dob": BORN_18_TOMORROW}, MET, []),
    ("on the 18th birthday, no guardian before", {"dob": BORN_18_TODAY, "guardian_before_18": "no"}, NOT, []),
    ("aged 17, disputed", {"age": 17, "disputed": "yes"}, MET, []),
    ("aged 19 claimed, disputed", {"age": 19, "disputed": "yes"}, MET, []),
    (
        "after 18, guardian before, no decision yet",
        {"age": 19, "guardian_before_18": "yes", "nrm": "referred"},
        MET,
        [],
    ),
    ("after 18, guardian before not known", {"age": 19, "nrm": "referred"}, MAY, ["guardian_before_18"]),
    (
        "after 18, leave 2024-06-01: support ended 2024-09-01",
        {"dob": dt.date(2005, 1, 1), "guardian_before_18": "yes", "nrm": "referred", "leave": dt.date(2024, 6, 1)},
        NOT,
        [],
    ),
    (
        "after 18, leave 2024-09-01: support runs to 2024-12-01",
        {"dob": dt.date(2005, 1, 1), "guardian_before_18": "yes", "nrm": "referred", "leave": dt.date(2024, 9, 1)},
        MET,
        [],
    ),
    (
        "after 18, conclusive decision date missing",
        {"dob": dt.date(2005, 1, 1), "guardian_before_18": "yes", "nrm": "cg-positive"},
        MAY,
        ["decision_on"],
    ),
    ("after 18, NRM status not known", {"age": 19, "guardian_before_18": "yes", "nrm": "unknown"}, MAY, ["nrm_status"]),
    (
        "after 18, no decision yet, leave not known",
        {"dob": dt.date(2005, 1, 1), "guardian_before_18": "yes", "nrm": "referred", "leave": "unknown"},
        MAY,
        ["leave_granted_on"],
    ),
    (
        "after 18, decision 2024-01-10 ended support; leave not known cannot revive it",
        {
            "dob": dt.date(2005, 1, 1),
            "guardian_before_18": "yes",
            "nrm": "cg-positive",
            "decision_on": dt.date(2024, 1, 10),
            "leave": "unknown",
        },
        NOT,
        [],
    ),
    (
        "after 18, decision 2024-10-01, leave not known: it could end sooner",
        {
            "dob": dt.date(2005, 1, 1),
            "guardian_before_18": "yes",
            "nrm": "cg-positive",
            "decision_on": dt.date(2024, 10, 1),
            "leave": "unknown",
        },
        MAY,
        ["leave_granted_on"],
    ),
]


@pytest.mark.parametrize(("name", "changes", "status", "settle"), SC_TABLE, ids=[row[0] for row in SC_TABLE])
def test_guardianship_scotland(pack: Pack, name: str, changes: dict[str, Any], status: str, settle: list[str]) -> None:
    summary = run(pack, make_case("scotland", **{**SC_BASE, **changes}))
    result = service(summary, "guardianship-scotland")
    assert (result.status, result.settle_by) == (status, settle)


def test_scotland_support_end_is_a_key_date(pack: Pack) -> None:
    # Turned 18 on 2023-01-01; leave on 2024-09-01: support runs to three months after the later.
    case = make_case(
        "scotland",
        dob=dt.date(2005, 1, 1),
        guardian_before_18="yes",
        nrm="referred",
        leave=dt.date(2024, 9, 1),
        **SC_BASE,
    )
    dates = {d.id: d.date for d in run(pack, case).key_dates}
    assert dates["guardianship-scotland-support-ends"] == dt.date(2024, 12, 1)
    # Leave before 18: the clock starts at the 18th birthday.
    case = make_case(
        "scotland", dob=dt.date(2007, 1, 10), nrm="cg-positive", decision_on=dt.date(2024, 3, 1), **SC_BASE
    )
    dates = {d.id: d.date for d in run(pack, case).key_dates}
    assert dates["guardianship-scotland-support-ends"] == dt.date(2025, 4, 10)


def test_guardianship_scotland_before_it_was_statutory(pack: Pack) -> None:
    summary = run(pack, make_case("scotland", **SC_BASE), as_at=dt.date(2023, 3, 31))
    assert summary.guardianship == []
    assert any("not in force" in n for n in summary.notices)
    summary = run(pack, make_case("scotland", **SC_BASE), as_at=dt.date(2023, 4, 1))
    assert service(summary, "guardianship-scotland").status == MET


NI_BASE: dict[str, Any] = {
    "trafficking_concern": "yes",
    "in_touch_with_pr": "no",
    "pr_implicated": "no",
    "separated": "no",
    "at_risk_of_harm": "no",
    "ni_under21_circumstances": "no",
}
NI_TABLE = [
    ("trafficked, not in touch with PR", {}, MET, []),
    ("trafficked, in touch with PR", {"in_touch_with_pr": "yes"}, NOT, []),
    ("in touch, PR implicated", {"in_touch_with_pr": "yes", "pr_implicated": "yes"}, MET, []),
    (
        "in touch, PR implicated not known",
        {"in_touch_with_pr": "yes", "pr_implicated": "unknown"},
        MAY,
        ["pr_implicated"],
    ),
    ("PR implicated, no trafficking concern", {"trafficking_concern": "no", "pr_implicated": "yes"}, NOT, []),
    (
        "no concern; separated and at risk",
        {"trafficking_concern": "no", "separated": "yes", "at_risk_of_harm": "yes"},
        MET,
        [],
    ),
    (
        "no concern; separated, risk not assessed",
        {"trafficking_concern": "no", "separated": "yes", "at_risk_of_harm": "unknown"},
        MAY,
        ["at_risk_of_harm"],
    ),
    ("contact with PR not known", {"in_touch_with_pr": "unknown"}, MAY, ["in_touch_with_pr"]),
    ("concern not known, in touch", {"trafficking_concern": "unknown", "in_touch_with_pr": "yes"}, NOT, []),
    ("concern not known", {"trafficking_concern": "unknown"}, MAY, ["trafficking_concern"]),
    ("on the 18th birthday", {"dob": BORN_18_TODAY}, NOT, []),
    ("day before the 18th birthday", {"dob": BORN_18_TOMORROW}, MET, []),
    ("aged 19 in the named circumstances", {"age": 19, "ni_under21_circumstances": "yes"}, MET, []),
    (
        "aged 19, circumstances not known",
        {"age": 19, "ni_under21_circumstances": "unknown"},
        MAY,
        ["ni_under21_circumstances"],
    ),
    ("aged 21", {"age": 21, "ni_under21_circumstances": "yes"}, NOT, []),
    ("aged 20, disputed", {"age": 20, "disputed": "yes"}, MET, []),
]


@pytest.mark.parametrize(("name", "changes", "status", "settle"), NI_TABLE, ids=[row[0] for row in NI_TABLE])
def test_northern_ireland_igs(pack: Pack, name: str, changes: dict[str, Any], status: str, settle: list[str]) -> None:
    summary = run(pack, make_case("northern-ireland", **{**NI_BASE, **changes}))
    result = service(summary, "ni-igs")
    assert (result.status, result.settle_by) == (status, settle)


def test_only_the_case_jurisdictions_services_are_listed(pack: Pack) -> None:
    for jurisdiction, services in [
        ("england-wales", ["ictg-direct", "ictg-indirect"]),
        ("scotland", ["guardianship-scotland"]),
        ("northern-ireland", ["ni-igs"]),
    ]:
        assert [s.service for s in run(pack, make_case(jurisdiction)).guardianship] == services


def test_every_criterion_carries_its_facts_and_sources(pack: Pack) -> None:
    summary = run(pack, make_case("england-wales", **EW_BASE))
    for result in summary.guardianship:
        assert result.sources
        for criterion in result.criteria:
            assert criterion.facts and criterion.status in ("met", "not-met", "unknown")


def test_feb_29_birthday_turns_18_on_1_march(pack: Pack) -> None:
    case = make_case("england-wales", dob=dt.date(2008, 2, 29), **EW_BASE)
    assert service(run(pack, case, dt.date(2026, 2, 28)), "ictg-direct").status == MET
    assert service(run(pack, case, dt.date(2026, 3, 1)), "ictg-direct").status == NOT
    assert {d.id: d.date for d in run(pack, case, dt.date(2026, 1, 1)).key_dates}["turns-18"] == dt.date(2026, 3, 1)


def test_as_at_defaults_to_the_screening_date(pack: Pack) -> None:
    from screener.engine import screen

    case = make_case("england-wales", **EW_BASE)
    assert screen(pack, case).as_at == AS_AT


def test_open_answers_that_cannot_change_the_outcome_do_not_leave_it_open(pack: Pack) -> None:
    # Age not known, but a guardian before 18 and no decision yet: under 18 the
    # standard route applies, over 18 the after-18 route does. Either way, met.
    case = make_case("scotland", age=None, guardian_before_18="yes", nrm="none", **SC_BASE)
    result = service(run(pack, case), "guardianship-scotland")
    assert (result.status, result.settle_by) == (MET, [])
    assert any("Whichever way" in note for note in result.notes)
