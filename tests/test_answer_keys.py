"""Answer keys a trainer can trust: every indicator in a scenario's key rests on words of its
vignette, and every indicator a vignette plainly shows is in its key.

The first direction is checked by ``screener validate`` for any pack (whole words, at least
two, found in one place; see ``screener/training/load.py``); here it is proven for the
shipped scenarios. The second cannot be checked by a machine in general, so the vignettes
were read one by one (issue 20), and the words below guard what that reading found: where a
vignette uses them, the key must note one of the indicators they show, or the exception must
say why not.
"""

from __future__ import annotations

import re

import pytest

from screener.content import Pack, default_pack_path
from screener.training import Scenario, load_scenarios
from screener.training.load import MIN_EVIDENCE_WORDS
from screener.training.practice import evidence_places, find_evidence, normalise

# A vignette's words (a regular expression, case ignored) -> the indicators any one of which
# they plainly show. Each cue is written so that it does not also match a denial ("was not
# arrested") or someone else's state ("his mother is frightened" is listed as an exception).
CUES: dict[str, frozenset[str]] = {
    r"\b(?:two|several) phones\b": frozenset({"multiple-phones"}),
    r"\bbuzzing with messages\b": frozenset({"excessive-calls-messages"}),
    r"\bowes?\b|\bowed\b|\bdebt\b|\bpay back\b": frozenset({"debt-owed"}),
    r"\bcash\b": frozenset({"drugs-or-cash-found", "unexplained-money-gifts"}),
    r"\bwraps of\b|\bbag of cannabis\b": frozenset({"drugs-or-cash-found"}),
    r"\bgifts?\b|\bwere presents\b|\bbought him\b|\btop up her phone\b": frozenset(
        {"unexplained-money-gifts", "grooming-relationship"}
    ),
    r"\btrain ticket\b|\bkey cards?\b": frozenset({"keys-or-travel-tickets"}),
    r"\bpassport\b": frozenset({"documents-held-by-others"}),
    r"\bself-harm": frozenset({"self-harm"}),
    r"\bexhausted\b": frozenset({"exhausted"}),
    r"\bunderweight\b|\bmalnourished\b": frozenset({"malnourished-or-neglected"}),
    r"\bdrinking\b|\balcohol\b": frozenset({"drug-or-alcohol-use"}),
    r"\blow mood\b|\bmental ill-health\b": frozenset({"mental-health-difficulties", "parent-difficulties"}),
    r"\bclaimed asylum\b|\basylum claim\b|\basylum hotel\b": frozenset({"insecure-immigration-status"}),
    r"\bsmall boat\b": frozenset({"irregular-arrival"}),
    r"\bover 18 on his appearance\b|\bplaced as an adult\b": frozenset({"age-disputed"}),
    r"\balone\b|\bno family in the UK\b": frozenset({"unaccompanied-or-separated"}),
    r"\bcalled himself his uncle\b|\bsaid he was K's cousin\b": frozenset(
        {"travelling-with-unrelated-adult", "cared-for-by-non-parent"}
    ),
    r"\bhost adult\b": frozenset({"cared-for-by-non-parent"}),
    r"\bno solicitor\b": frozenset({"no-legal-representative"}),
    r"\bturns 18\b": frozenset({"approaching-18"}),
    r"\bno conclusive grounds decision\b": frozenset({"awaiting-decision-near-18"}),
    r"\breported missing\b|\bmissing overnight\b|\bgone missing\b": frozenset({"missing-episodes"}),
    r"\bleaving at night\b|\bwould not say where she had been\b": frozenset({"out-late-or-overnight"}),
    r"children's home|children's unit|foster placement|Trust care|taken into care|throughcare|looks after him": (
        frozenset({"in-or-leaving-care"})
    ),
    r"\bhotel\b": frozenset({"hotel-placement", "hotels-parties-with-adults"}),
    r"\bparties\b": frozenset({"hotels-parties-with-adults"}),
    r"\bin cars?\b|\bby car\b|\bin a car\b(?! wash)|\blifts\b": frozenset({"vehicles-unknown-adults"}),
    r"\bolder (?:friends|boys|men)\b": frozenset(
        {"gang-association", "grooming-relationship", "controlling-relationship", "sexual-exploitation-concern"}
    ),
    r"\bexcluded from school\b": frozenset({"exclusion-or-suspension"}),
    r"\bmissed more and more school\b|\bschool attendance has collapsed\b": frozenset({"persistent-absence"}),
    r"\bnever going to school\b|\bnot been enrolled\b": frozenset({"not-in-education"}),
    r"\bwas arrested\b|\bwas charged with\b|\bhas been charged with\b": frozenset({"arrested-or-charged"}),
    r"\bcannabis was being grown\b|\bbegging\b|\bshoplifting\b": frozenset({"other-forced-crime"}),
    r"\bpresents itself as protecting the area\b|\bparamilitar": frozenset({"paramilitary-organised-crime"}),
    r"\bthreaten|\bwill be hurt\b|\bwarned\b": frozenset({"threats-or-intimidation"}),
    r"\bencrypted\b": frozenset({"encrypted-messaging"}),
    r"\bpictures\b|\bphotographs\b|\bimages\b": frozenset({"sexual-images"}),
    r"\bspending nights on his phone\b": frozenset({"secretive-online-use"}),
    r"\"chose\"": frozenset({"sees-it-as-own-choice"}),
    r"\bsaid she was joking\b": frozenset({"partial-disclosure", "disclosure-withdrawn"}),
    r"\bfrightened\b|\bcries\b": frozenset({"fearful-or-withdrawn"}),
    r"\bunpaid\b|\bpaid nothing\b|\bno money\b|\bkeeps the money\b": frozenset(
        {"labour-exploitation", "earnings-taken-or-targets", "slavery-like-control"}
    ),
    r"\bslept in a room\b|\bsleeping in the storeroom\b": frozenset({"lives-where-works"}),
    r"\bfive in the morning\b|\buntil after midnight\b": frozenset({"unusual-work-hours-places"}),
    r"\bpromised her to\b": frozenset({"forced-marriage"}),
}

# Where a cue's words are in a vignette but do not show the indicator, and why.
NOT_SHOWN: dict[tuple[str, str], str] = {
    ("ew-county-lines", r"\bfrightened\b|\bcries\b"): "it is D's mother who is frightened, for him",
    ("ni-online-separated", r"\btrain ticket\b|\bkey cards?\b"): (
        "the ticket is offered online (online-offers), not something Y carries"
    ),
    ("sc-forced-marriage", r"\bpictures\b|\bphotographs\b|\bimages\b"): (
        "the photographs are of the man N is promised to, sent to her; none of her"
    ),
    ("sc-age-dispute-hotel", r"\bin cars?\b|\bby car\b|\bin a car\b(?! wash)|\blifts\b"): (
        "the men offer A lifts; the vignette does not say she is picked up"
    ),
}


@pytest.fixture(scope="module")
def scenarios(pack: Pack) -> list[Scenario]:
    return load_scenarios(pack, default_pack_path())


def cue_hits(scenario: Scenario) -> dict[str, frozenset[str]]:
    return {cue: shows for cue, shows in CUES.items() if re.search(cue, normalise(scenario.narrative), re.IGNORECASE)}


def test_every_indicator_a_vignette_plainly_shows_is_in_its_key(pack: Pack, scenarios: list[Scenario]) -> None:
    missing = []
    for scenario in scenarios:
        keyed = set(scenario.case.indicators)
        for cue, shows in cue_hits(scenario).items():
            if not shows & keyed and (scenario.id, cue) not in NOT_SHOWN:
                missing.append((scenario.id, cue, sorted(shows)))
    assert missing == []
    assert {i for shows in CUES.values() for i in shows} <= set(pack.indicators)


def test_every_exception_is_still_needed_and_says_why(scenarios: list[Scenario]) -> None:
    ids = {s.id: s for s in scenarios}
    for (scenario_id, cue), reason in NOT_SHOWN.items():
        scenario = ids[scenario_id]
        assert reason, (scenario_id, cue)
        assert cue in cue_hits(scenario), (scenario_id, cue)
        assert not CUES[cue] & set(scenario.case.indicators), (scenario_id, cue)


def test_every_key_answer_rests_on_whole_words_of_its_vignette_in_one_place(scenarios: list[Scenario]) -> None:
    for scenario in scenarios:
        keyed = set(scenario.case.indicators)
        assert keyed <= set(scenario.evidence), scenario.id
        for answer_id, phrase in scenario.evidence.items():
            assert len(normalise(phrase).split()) >= MIN_EVIDENCE_WORDS, (scenario.id, answer_id)
            assert evidence_places(scenario.narrative, phrase) == 1, (scenario.id, answer_id, phrase)
            found = find_evidence(scenario.narrative, phrase)
            assert found is not None and normalise(phrase) in found.sentence, (scenario.id, answer_id)


def test_the_keys_note_what_issue_20_found_missing(scenarios: list[Scenario]) -> None:
    # "some cash and two phones" and "he owes them money": the round once marked these Extra.
    county_lines = next(s for s in scenarios if s.id == "ew-county-lines")
    assert {"multiple-phones", "debt-owed", "drugs-or-cash-found"} <= set(county_lines.case.indicators)
    # Nothing in that vignette shows a threat, so the key no longer claims one.
    assert "threats-or-intimidation" not in county_lines.case.indicators
