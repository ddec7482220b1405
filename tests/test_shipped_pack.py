from __future__ import annotations

from screener.content import Pack
from tests.report import report_sections

# The public lists of signs practitioners are trained on (INDICATOR-SOURCES.md).
LISTS = frozenset(
    {
        "ho-county-lines-2023",
        "ho-modern-slavery-guidance",
        "nspcc-trafficking",
        "ngcp-scotland",
        "dfe-trafficked-2011",
    }
)

# Signs every UK list carries, and those several of them share. Each must be in the
# pack, by id, marked as a sign.
NAMED_SIGNS = {
    "unexplained-money-gifts": "unexplained money, gifts or belongings",
    "multiple-phones": "more than one phone",
    "excessive-calls-messages": "constant calls or messages",
    "drug-or-alcohol-use": "drug or alcohol use",
    "sexual-health-concerns": "sexual health concerns",
    "unexplained-injuries": "injuries",
    "untreated-health-needs": "unmet health needs",
    "not-registered-gp": "not registered with a GP",
    "self-harm": "self-harm",
    "debt-owed": "debt owed",
    "false-or-no-documents": "false or no documents",
    "documents-held-by-others": "someone else holding the documents",
    "coached-account": "an account that seems coached",
    "seen-in-places-that-do-not-fit": "seen in places or with people that do not fit",
    "unfamiliar-with-area": "unfamiliar with the area",
    "living-with-unrelated-adults": "living with unrelated adults",
    "cuckooing": "a home taken over by others",
    "earnings-taken-or-targets": "earnings taken or daily targets",
    "missing-episodes": "going missing",
    "persistent-absence": "absence from school",
    "carrying-knife": "carrying a weapon",
    "gang-association": "gang association, isolation from usual friends",
    "controlling-relationship": "controlling relationship with an older person",
    "vehicles-unknown-adults": "picked up by unknown adults",
    "rarely-leaves-home": "restricted freedom of movement",
    "domestic-servitude": "excessive household work",
    "adult-speaks-for-child": "an adult speaks for the child",
    "cared-for-by-non-parent": "cared for by an adult who is not a parent",
    "unrelated-children-at-address": "several unrelated children at one address",
    "distrust-of-authority": "afraid of authorities or deportation",
    "malnourished-or-neglected": "neglected appearance, few belongings",
    "fearful-or-withdrawn": "frightened or withdrawn",
    # Signs several lists share that the pack once lacked or only half covered (issue 20).
    "travels-at-unusual-times": "journeys at unusual times or with no reason given",
    "older-than-their-years": "maturity or self-assurance unexpected for the age",
    "sexualised-behaviour": "sexualised behaviour unexpected for the age",
    "hotels-parties-with-adults": "taken to hotels or parties to meet adults",
    "adult-sponsoring-several-children": "an adult sponsoring or applying for several children",
    "adult-disowns-child": "an adult abandons the child or denies knowing them",
    "history-with-gaps": "a history with gaps and unexplained moves",
}

# Circumstances, not things seen: these must be marked as risk factors.
NAMED_RISK_FACTORS = {
    "poverty-hardship",
    "abuse-or-neglect",
    "send",
    "unaccompanied-or-separated",
    "insecure-immigration-status",
    "in-or-leaving-care",
    "homeless-or-sofa-surfing",
    "domestic-abuse-at-home",
    "approaching-18",
    "low-self-esteem",
    "parent-difficulties",
    "exploited-before",
}

# Every indicator first derived from the report. Scenarios, tests and case files name
# these ids, so none may be renamed or dropped.
REPORT_DERIVED = frozenset(
    [
        "unstable-home",
        "abuse-or-neglect",
        "poverty-hardship",
        "bullying-isolation",
        "mental-health-difficulties",
        "dependence-on-adult",
        "threats-or-intimidation",
        "grooming-relationship",
        "sees-it-as-own-choice",
        "missing-episodes",
        "missing-after-new-placement",
        "placed-far-from-support",
        "unsuitable-placement",
        "accommodation-without-care",
        "hotel-placement",
        "persistent-absence",
        "exclusion-or-suspension",
        "not-in-education",
        "send",
        "unexplained-change-in-behaviour",
        "county-lines",
        "found-away-from-home-area",
        "carrying-knife",
        "arrested-or-charged",
        "custodial-sentence",
        "conviction-linked-to-exploitation",
        "paramilitary-organised-crime",
        "sexual-exploitation-concern",
        "overlapping-needs",
        "partial-disclosure",
        "controlling-relationship",
        "overlapping-forms",
        "exploitation-recorded-not-referred",
        "online-contact-unknown-people",
        "encrypted-messaging",
        "sexual-images",
        "harmful-online-content",
        "online-bullying-threats",
        "online-offers",
        "labour-exploitation",
        "domestic-servitude",
        "forced-marriage",
        "organ-harvesting",
        "slavery-like-control",
        "moved-or-harboured",
        "unaccompanied-or-separated",
        "insecure-immigration-status",
        "irregular-arrival",
        "age-disputed",
        "exploited-overseas",
        "no-legal-representative",
        "approaching-18",
        "nrm-consent-at-18",
        "awaiting-decision-near-18",
        "losing-guardian-support",
        "leaving-children-services",
    ]
)


def test_shipped_pack_has_enough_content(pack: Pack) -> None:
    # The floor issue 20 set: the signs the public lists share, not only the report's.
    assert len(pack.indicators) >= 110
    assert len({pack.indicator_theme[i] for i in pack.indicators}) >= 10


def test_the_signs_practitioners_are_trained_on_are_in_the_pack(pack: Pack) -> None:
    missing = sorted(set(NAMED_SIGNS) - set(pack.indicators))
    assert missing == []
    assert [i for i in NAMED_SIGNS if pack.indicators[i].kind != "sign"] == []
    assert [i for i in NAMED_RISK_FACTORS if pack.indicators[i].kind != "risk-factor"] == []


def test_every_report_derived_indicator_is_kept(pack: Pack) -> None:
    assert len(REPORT_DERIVED) == 56
    assert sorted(REPORT_DERIVED - set(pack.indicators)) == []


def test_every_indicator_has_a_kind_and_a_source(pack: Pack) -> None:
    kinds = {i.kind for i in pack.indicators.values()}
    assert kinds == {"sign", "risk-factor"}
    for indicator in pack.indicators.values():
        assert indicator.sources, indicator.id
        assert all(c.source in pack.sources for c in indicator.sources), indicator.id


def test_every_indicator_cites_a_page_of_the_report_or_a_named_list(pack: Pack) -> None:
    for indicator in pack.indicators.values():
        cited = {c.source for c in indicator.sources}
        report_page = any(c.source == "snapshot-2024" and c.page for c in indicator.sources)
        assert report_page or cited & LISTS, indicator.id
        # A report citation always names its page.
        assert all(c.page for c in indicator.sources if c.source == "snapshot-2024"), indicator.id


def test_every_new_indicator_cites_a_list_and_every_list_is_used(pack: Pack) -> None:
    for indicator_id in set(pack.indicators) - REPORT_DERIVED:
        assert {c.source for c in pack.indicators[indicator_id].sources} & LISTS, indicator_id
    used = {c.source for i in pack.indicators.values() for c in i.sources}
    assert used >= LISTS


def test_the_lists_are_named_sources_to_confirm_locally(pack: Pack) -> None:
    # Each list was read in part or through copies, so the reader is told to confirm it.
    for source_id in LISTS:
        source = pack.sources[source_id]
        assert source.kind == "guidance" and source.confirm_locally and source.note, source_id


def test_online_offers_is_supported_by_a_list_not_only_the_report(pack: Pack) -> None:
    # The report does not describe online offers; a list that does must be cited.
    cited = {c.source for c in pack.indicators["online-offers"].sources}
    assert cited & {"ho-county-lines-2023", "nspcc-trafficking"}


def test_every_report_citation_of_an_indicator_names_a_section_and_its_pages(pack: Pack) -> None:
    spans = report_sections()
    assert spans["criminalisation of children"] == (32, 35)
    for indicator in pack.indicators.values():
        for citation in indicator.sources:
            if citation.source != "snapshot-2024":
                continue
            assert citation.section, indicator.id
            first, last = spans[citation.section.lower()]
            assert citation.page is not None
            assert first <= citation.page <= (citation.page_end or citation.page) <= last, (indicator.id, citation)
