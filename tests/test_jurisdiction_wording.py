"""Each jurisdiction's summary speaks its own system, in every format.

No Northern Ireland summary says "local authority" (there, the Health and Social
Care Trust); no Scottish summary mentions the ICTG service; no England and Wales
summary mentions an HSC Trust or Police Scotland. A report section title quoted in
a citation ("Independent Child Trafficking Guardians") is the one exception.

Proved over every shipped scenario and every sample case file, on its own
screening date and on 2026-12-01, rendered as Markdown, text, HTML and JSON.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from screener.casefile.model import Case
from screener.casefile.read import load_case
from screener.content import Pack, default_pack_path
from screener.engine import screen
from screener.render import render
from screener.render.formats import TEXT_FORMATS
from screener.training import load_scenarios

HERE = Path(__file__).resolve().parent
CASE_FILES = sorted((HERE / "cases").glob("*.yaml"))
TODAY = dt.date(2026, 12, 1)

FORBIDDEN: dict[str, re.Pattern[str]] = {
    "northern-ireland": re.compile(r"local[ -]authorit", re.IGNORECASE),
    "scotland": re.compile(r"\bICTGs?\b|Independent Child Trafficking Guardian", re.IGNORECASE),
    "england-wales": re.compile(r"\bHSC ?T?\b|Health and Social Care Trust|Police Scotland", re.IGNORECASE),
}


# Indicator texts live in themes/*.yaml, reworded by the indicator work, not here:
# these few still say "local authority care" in a reason shown in Northern Ireland
# too. Each must still offend (so a fixed one is struck off), and nothing else may.
PENDING_INDICATOR_WHY: set[str] = set()


def all_cases(pack: Pack) -> list[tuple[str, Case]]:
    cases = [(p.stem, load_case(p, set(pack.questions), set(pack.indicators))) for p in CASE_FILES]
    cases += [(f"scenario {s.id}", s.case) for s in load_scenarios(pack, default_pack_path())]
    return cases


def section_titles(pack: Pack) -> set[str]:
    """Every report section title a citation can quote."""
    titles: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, BaseModel):
            section = getattr(value, "section", None)
            if isinstance(section, str) and hasattr(value, "source"):
                titles.add(section)
            for name in type(value).model_fields:
                walk(getattr(value, name))
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for part in (
        pack.framing,
        list(pack.questions.values()),
        list(pack.signposts.values()),
        list(pack.jurisdictions.values()),
        list(pack.indicators.values()),
        pack.parameters,
    ):
        walk(part)
    return titles


def plain(text: str, fmt: str) -> str:
    """The rendered text as a reader reads it: entities decoded, JSON strings joined."""
    if fmt == "html":
        return html.unescape(re.sub(r"<[^>]+>", " ", text))
    if fmt == "json":
        strings: list[str] = []

        def collect(value: Any) -> None:
            if isinstance(value, str):
                strings.append(value)
            elif isinstance(value, list):
                for item in value:
                    collect(item)
            elif isinstance(value, dict):
                for item in value.values():
                    collect(item)

        collect(json.loads(text))
        return "\n".join(strings)
    return re.sub(r"\\(.)", r"\1", text)


def unquoted(text: str, titles: set[str]) -> str:
    """The text without quoted section titles (the one allowed mention)."""
    text = " ".join(text.split())
    for title in sorted(titles, key=len, reverse=True):
        for quoted in (f'"{title}"', f"“{title}”"):
            text = text.replace(quoted, '"…"')
    return text


def offending(pack: Pack, case: Case, day: dt.date, titles: set[str]) -> list[str]:
    summary = screen(pack, case, day)
    pattern = FORBIDDEN[case.jurisdiction]
    pending = [" ".join(pack.indicators[i].why.split()) for i in PENDING_INDICATOR_WHY if i in pack.indicators]
    found = []
    for fmt in TEXT_FORMATS:
        text = unquoted(plain(render(summary, fmt), fmt), titles)
        for why in pending:
            text = text.replace(why, "…")
        for match in pattern.finditer(text):
            found.append(f"{fmt}: …{text[max(0, match.start() - 60) : match.end() + 40]}…")
    return found


@pytest.fixture(scope="module")
def cases(pack: Pack) -> list[tuple[str, Case]]:
    return all_cases(pack)


def test_every_summary_names_its_own_jurisdictions_services(pack: Pack, cases: list[tuple[str, Case]]) -> None:
    titles = section_titles(pack)
    assert "Independent Child Trafficking Guardians" in titles
    assert {c.jurisdiction for _, c in cases} == set(FORBIDDEN)
    problems = []
    for name, case in cases:
        days = {case.screening_date or TODAY, TODAY}
        for day in sorted(days):
            problems += [f"{name} at {day}: {p}" for p in offending(pack, case, day, titles)]
    assert problems == []


def test_the_pending_indicator_reasons_still_need_rewording(pack: Pack) -> None:
    for indicator_id in PENDING_INDICATOR_WHY:
        indicator = pack.indicators[indicator_id]
        assert FORBIDDEN["northern-ireland"].search(indicator.why), f"{indicator_id} is fixed: strike it off"
        assert "northern-ireland" in indicator.jurisdictions


@pytest.mark.parametrize(
    ("jurisdiction", "words"),
    [
        ("northern-ireland", "the local authority's children's social care"),
        ("scotland", "make the ICTG referral"),
        ("england-wales", "Police Scotland"),
    ],
)
def test_the_check_catches_a_wrong_body(
    pack: Pack, cases: list[tuple[str, Case]], jurisdiction: str, words: str
) -> None:
    # The rule can fail: a signpost worded for the wrong system is caught in every format.
    signpost = pack.signposts["children-services"]
    wrong = signpost.model_copy(update={"wording": [], "action": f"Refer: {words}.", "who": "You"})
    broken = Pack(**{**pack.__dict__, "signposts": {**pack.signposts, "children-services": wrong}})
    case = next(c for _, c in cases if c.jurisdiction == jurisdiction)
    found = offending(broken, case, TODAY, section_titles(pack))
    assert {f.split(":")[0] for f in found} == set(TEXT_FORMATS)


@pytest.mark.parametrize("jurisdiction", sorted(FORBIDDEN))
def test_why_a_question_is_asked_speaks_its_own_system(pack: Pack, jurisdiction: str) -> None:
    # "Why am I asked this?" of every question a walk in this part of the UK can ask, the walkthrough's
    # own and the pack's: never another part's services (an England and Wales walk was told the NRM
    # decision date can end Guardianship Scotland support).
    others = [s.name for j, jur in pack.jurisdictions.items() if j != jurisdiction for s in jur.services]
    elsewhere = re.compile("|".join([FORBIDDEN[jurisdiction].pattern, *map(re.escape, others)]), re.IGNORECASE)
    said = {qid: pack.wording.question(qid).why_for(jurisdiction) for qid in ("age", "decision_on", "leave_granted_on")}
    said |= {q.id: q.words_in(jurisdiction)[1] for q in pack.questions.values() if jurisdiction in q.jurisdictions}
    assert {qid: text for qid, text in said.items() if elsewhere.search(text)} == {}
    assert "Guardianship Scotland" in pack.wording.question("decision_on").why_for("scotland")


@pytest.mark.parametrize("day", [dt.date(2025, 3, 31), dt.date(2026, 12, 7)])
def test_the_ukraine_question_never_says_as_current_what_the_summary_says_has_changed(pack: Pack, day: dt.date) -> None:
    # Walked in Scotland on 7 December 2026: its "why" said a child from Ukraine "does not need to be in
    # local-authority care", while the summary said the criteria since April 2025 have no such exception.
    from screener.walkthrough.session import Session

    session = Session.open(pack, None, as_at=day)
    session.begin("scotland")
    question = next(q for q in session.questions() if q.id == "from_ukraine")
    why = str(session.flow.why(question, session.answers).brief())
    assert "does not need" not in why
    assert "The report (2024)" in why and "April 2025" in why
