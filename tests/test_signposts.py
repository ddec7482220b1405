"""Signposts, key dates, notices and follow-up questions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest

from screener.content import Pack
from tests.rulecases import AS_AT, make_case, run


def ids(summary) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.id for s in summary.signposts]


def test_children_services_always_and_first_among_equals(pack: Pack) -> None:
    summary = run(pack, make_case("scotland", trafficking_concern="no"))
    assert ids(summary)[0] == "children-services"


def test_trafficking_concern_brings_nrm_referral_and_information_sharing(pack: Pack) -> None:
    summary = run(pack, make_case("england-wales", trafficking_concern="yes"))
    assert {"nrm-referral", "information-sharing"} <= set(ids(summary))
    referral = next(s for s in summary.signposts if s.id == "nrm-referral")
    assert any("trafficked or exploited: yes" in why for why in referral.why)


def test_no_referral_signpost_once_referred(pack: Pack) -> None:
    summary = run(pack, make_case("england-wales", trafficking_concern="yes", nrm="referred"))
    assert "nrm-referral" not in ids(summary)


def test_indicator_alone_brings_referral_with_its_reason(pack: Pack) -> None:
    summary = run(pack, make_case("england-wales", trafficking_concern="no", indicators=["county-lines"]))
    referral = next(s for s in summary.signposts if s.id == "nrm-referral")
    assert referral.why == ["signs noted: Moving or selling drugs for others", "NRM status: no referral made"]
    assert [i.id for i in summary.indicators] == ["county-lines"]


def test_signposts_are_ordered_by_urgency(pack: Pack) -> None:
    order = {"today": 0, "this-week": 1, "soon": 2, "ongoing": 3}
    summary = run(
        pack,
        make_case(
            "england-wales",
            age=17,
            disputed="yes",
            trafficking_concern="yes",
            criminal_proceedings="yes",
            nrm="rg-negative",
            decision_on=dt.date(2024, 11, 1),
            indicators=["missing-episodes"],
        ),
    )
    urgencies = [order[s.urgency] for s in summary.signposts]
    assert urgencies == sorted(urgencies)
    assert {
        "non-punishment",
        "nrm-reconsideration",
        "missing-from-care",
        "age-assessment",
        "legal-advice",
        "transition-to-adulthood",
    } <= set(ids(summary))


@pytest.mark.parametrize(
    ("jurisdiction", "words"),
    [("england-wales", "section 45"), ("scotland", "Lord Advocate"), ("northern-ireland", "section 22")],
)
def test_non_punishment_speaks_of_the_local_protection(pack: Pack, jurisdiction: str, words: str) -> None:
    summary = run(pack, make_case(jurisdiction, criminal_proceedings="yes"))
    signpost = next(s for s in summary.signposts if s.id == "non-punishment")
    assert len(signpost.local) == 1 and words in signpost.local[0]


def test_unknown_trigger_becomes_a_follow_up_not_a_signpost(pack: Pack) -> None:
    summary = run(pack, make_case("england-wales"))
    assert "non-punishment" not in ids(summary)
    assert any("prosecuted for an offence" in f and "protections against punishing" in f for f in summary.follow_up)


def test_age_dispute_brings_notice_and_signpost(pack: Pack) -> None:
    summary = run(pack, make_case("scotland", age=19, disputed="yes"))
    assert "age-assessment" in ids(summary)
    assert any("age is disputed" in n for n in summary.notices)


@pytest.mark.parametrize(
    ("decided", "deadline"),
    [
        (dt.date(2024, 1, 15), dt.date(2024, 4, 15)),  # three months before February 2024
        (dt.date(2024, 1, 31), dt.date(2024, 4, 30)),
        (dt.date(2024, 2, 1), dt.date(2024, 3, 2)),  # 30 calendar days from February 2024
        (dt.date(2024, 11, 1), dt.date(2024, 12, 1)),
    ],
)
def test_reconsideration_deadline_depends_on_decision_date(pack: Pack, decided: dt.date, deadline: dt.date) -> None:
    summary = run(pack, make_case("england-wales", nrm="cg-negative", decision_on=decided))
    dates = {d.id: d for d in summary.key_dates}
    assert dates["reconsideration-deadline"].date == deadline
    assert ("has passed" in dates["reconsideration-deadline"].text) == (deadline < AS_AT)
    assert "nrm-reconsideration" in ids(summary)


def test_reconsideration_leaves_the_window_to_key_dates(pack: Pack) -> None:
    # Screened in January 2024, a November 2023 decision still has three months: the
    # signpost must not speak of a one-month window, nor of a cut not yet made.
    screened = dt.date(2024, 1, 10)
    summary = run(pack, make_case("scotland", nrm="rg-negative", decision_on=dt.date(2023, 11, 15)), as_at=screened)
    action = next(s for s in summary.signposts if s.id == "nrm-reconsideration").action
    assert not re.search(r"\b(?:month|months|days|20\d\d)\b", action), action
    assert "Key dates" in action
    deadline = next(d for d in summary.key_dates if d.id == "reconsideration-deadline")
    assert deadline.date == dt.date(2024, 2, 15)
    assert "three months" in deadline.text


@pytest.mark.parametrize(
    ("day", "pathway"),
    [(dt.date(2024, 11, 20), False), (dt.date(2026, 2, 12), False), (dt.date(2026, 2, 13), True)],
)
def test_transition_gives_the_consent_pathway_from_its_start_date(pack: Pack, day: dt.date, pathway: bool) -> None:
    # Before 13 February 2026 the older wording; from that day the Child to Adult Transition Pathway.
    born = dt.date(day.year - 17, day.month, 1)
    for jurisdiction in ("england-wales", "scotland", "northern-ireland"):
        case = make_case(jurisdiction, dob=born, trafficking_concern="yes")
        action = next(s for s in run(pack, case, day).signposts if s.id == "transition-to-adulthood").action
        assert ("Since 13 February 2026" in action) is pathway
        assert "verbally" in action if pathway else "verbally" not in action


# A change stated as already made ("since 2026", "now needs", "was cut") is wrong for a
# case screened before it; signposts give the date a rule starts from instead.
AS_IF_IN_FORCE = re.compile(
    r"\b(?:since|until)\s+(?:early\s+|late\s+)?(?:\d{1,2}\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|\d{4})\b"
    r"|\bnow\s+(?:needs|requires|must|has|is|are|can)\b"
    r"|\b(?:was|were|has been|have been)\s+(?:cut|changed|shortened|extended|introduced|refreshed|replaced)\b"
    r"|\brefreshed\b",
    re.IGNORECASE,
)


def signpost_texts(pack: Pack) -> Iterator[tuple[str, str]]:
    """Every signpost text that is not dated: a wording or paragraph in force only from
    a start date may say "since" that date, since it is never shown before it."""
    for signpost in pack.signposts.values():
        texts = [signpost.title, signpost.action or "", signpost.who or ""]
        for part in (*signpost.wording, *signpost.local):
            if part.in_force is None or part.in_force.from_ is None:
                texts += [
                    getattr(part, name) or "" for name in ("title", "action", "who", "text") if hasattr(part, name)
                ]
        for text in texts:
            yield signpost.id, text


def test_signpost_wording_holds_at_any_screening_date(pack: Pack) -> None:
    found = [(sid, m.group(0)) for sid, text in signpost_texts(pack) for m in AS_IF_IN_FORCE.finditer(text)]
    assert found == []


def test_negative_decision_without_a_date_asks_for_it(pack: Pack) -> None:
    summary = run(pack, make_case("england-wales", nrm="rg-negative"))
    assert "reconsideration-deadline" not in {d.id for d in summary.key_dates}
    assert any(f.startswith("On what date was the latest NRM decision made?") for f in summary.follow_up)


def test_turning_18_and_pilot_exclusion_dates(pack: Pack) -> None:
    summary = run(
        pack, make_case("england-wales", dob=dt.date(2007, 3, 1), devolved_pilot_area="yes", trafficking_concern="yes")
    )
    dates = {d.id: d.date for d in summary.key_dates}
    assert dates["turns-18"] == dt.date(2025, 3, 1)
    assert dates["pilot-exclusion-starts"] == dt.date(2025, 3, 1) - dt.timedelta(days=100)
    assert "devolved-decision-making" in ids(summary)


def test_within_100_days_of_18_the_pilot_does_not_decide(pack: Pack) -> None:
    summary = run(
        pack, make_case("england-wales", dob=dt.date(2007, 1, 1), devolved_pilot_area="yes", trafficking_concern="yes")
    )
    assert "devolved-decision-making" not in ids(summary)
    assert "transition-to-adulthood" in ids(summary)


def test_no_pilot_in_northern_ireland(pack: Pack) -> None:
    summary = run(pack, make_case("northern-ireland", dob=dt.date(2008, 1, 1), trafficking_concern="yes"))
    assert "pilot-exclusion-starts" not in {d.id for d in summary.key_dates}
    assert "devolved-decision-making" not in ids(summary)


def test_positive_conclusive_decision_points_to_leave(pack: Pack) -> None:
    summary = run(pack, make_case("england-wales", nrm="cg-positive", decision_on=dt.date(2024, 10, 1)))
    assert "immigration-leave" in ids(summary)
    summary = run(
        pack,
        make_case("england-wales", nrm="cg-positive", decision_on=dt.date(2024, 10, 1), leave=dt.date(2024, 11, 1)),
    )
    assert "immigration-leave" not in ids(summary)


def test_leave_not_known_leaves_the_leave_signpost_open(pack: Pack) -> None:
    # "Not known" is not "no leave": the signpost may apply, and the summary asks for the date.
    summary = run(
        pack, make_case("england-wales", nrm="cg-positive", decision_on=dt.date(2024, 10, 1), leave="unknown")
    )
    assert "immigration-leave" not in ids(summary)
    assert any(
        f.startswith("Has the child been granted immigration leave, and if so on what date?") for f in summary.follow_up
    ), summary.follow_up
    assert ("leave_granted_on", "Leave granted on", "not known") in {(a.id, a.label, a.value) for a in summary.answers}


def test_ictg_gap_note_only_outside_covered_areas(pack: Pack) -> None:
    gap = "Outside ICTG areas"
    assert any(gap in n for n in run(pack, make_case("england-wales", ictg_area="no")).notices)
    assert any(gap in n for n in run(pack, make_case("england-wales", ictg_area="unknown")).notices)
    assert not any(gap in n for n in run(pack, make_case("england-wales", ictg_area="yes")).notices)


def test_stale_pack_is_flagged(pack: Pack) -> None:
    late = pack.info.review_due + dt.timedelta(days=1)
    assert any("due for review" in n for n in run(pack, make_case("scotland"), as_at=late).notices)
    assert not any("due for review" in n for n in run(pack, make_case("scotland"), as_at=pack.info.review_due).notices)


def test_every_summary_opens_with_the_framing(pack: Pack) -> None:
    summary = run(pack, make_case("northern-ireland"))
    assert "not an assessment or a decision" in summary.framing[0]
    assert any("cannot consent" in f for f in summary.framing)


def test_sources_collect_every_citation_shown(pack: Pack) -> None:
    summary = run(pack, make_case("england-wales", trafficking_concern="yes", indicators=["county-lines"]))
    shown = {s for r in summary.guardianship for s in r.sources} | {s for p in summary.signposts for s in p.sources}
    shown |= {s for i in summary.indicators for s in i.sources}
    assert shown <= set(summary.sources)


def test_every_nrm_status_has_words(pack: Pack) -> None:
    # The summary never shows a status token such as 'cg-negative' to a practitioner.
    from screener.vocabulary import NRM_STATUSES

    assert list(pack.wording.nrm_statuses) == list(NRM_STATUSES)
    assert all(w.words and w.label and "-" not in w.words for w in pack.wording.nrm_statuses.values())
