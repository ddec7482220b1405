"""Guardianship routes: what the rule tables cannot say as inputs and outcomes.

The tables themselves (a case per row, with unknowns and the edge ages) are data:
tests/rules/*.yaml, run by tests/test_rule_tables.py.
"""

from __future__ import annotations

from typing import Any

from screener.content import Pack
from tests.rulecases import AS_AT, make_case, run, service

MET, MAY, NOT = "criteria-met", "criteria-may-be-met", "criteria-not-met"

EW_BASE: dict[str, Any] = {"trafficking_concern": "yes", "ictg_area": "yes", "pr_in_uk": "no"}


def test_discretionary_route_is_never_more_than_may_be_met(pack: Pack) -> None:
    summary = run(
        pack, make_case("england-wales", **{**EW_BASE, "pr_in_uk": "yes", "exceptional_circumstances": "yes"})
    )
    direct = service(summary, "ictg-direct")
    exceptional = next(r for r in direct.routes if r.id == "exceptional")
    assert exceptional.discretionary and exceptional.status == "met"
    assert direct.status == MAY


SC_BASE: dict[str, Any] = {"separated": "yes", "in_la_care": "yes", "from_ukraine": "no"}


def test_every_criterion_carries_its_facts_and_sources(pack: Pack) -> None:
    summary = run(pack, make_case("england-wales", **EW_BASE))
    for result in summary.guardianship:
        assert result.sources
        for criterion in result.criteria:
            assert criterion.facts and criterion.status in ("met", "not-met", "unknown")


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
