"""Identifiers kept out of case files and summaries.

A case file holds a reference, never a name, and its notes should hold no one's
details either. Before a case is saved or a summary exported, the reference and
the notes are read for what looks like a personal identifier:

- a person's name: two or more capitalised words in a row that are neither
  ordinary words nor places or services the pack knows (every word of the pack's
  own text, in any case, counts as known, as do the words below);
- a date of birth: a date written after "born", "DOB", "date of birth" or "birthday";
- a UK postcode (``SW1A 1AA``);
- a UK phone number (``07700 900123``, ``+44 1632 960001``);
- an e-mail address;
- an NHS number: ten digits that pass the NHS mod-11 check digit;
- a National Insurance number (``QQ 12 34 56 C``).

It is a warning, never a block: a practitioner can edit or go on. Nothing here
leaves the machine or is written anywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from screener.content.words import WORD, pack_words
from screener.textsafe import shown

if TYPE_CHECKING:
    from screener.casefile.model import Case
    from screener.content.pack import Pack


@dataclass(frozen=True)
class Finding:
    field: str  # "reference" or "notes"
    kind: str  # in words: "a phone number"
    text: str  # what was found, as written

    def __str__(self) -> str:
        return f"{self.field}: {self.kind} ('{_shown(self.text)}')"


def _shown(text: str) -> str:
    # On one line, as every quoted value is (``textsafe.shown``).
    return shown(" ".join(text.split()))


_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{'|'.join(_MONTHS.split())})\.?,?\s+\d{{4}}"
    rf"|(?:{'|'.join(_MONTHS.split())})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_DOB = re.compile(
    rf"\b(?:born(?:\s+on)?|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday)\s*(?:is|was|of|:|-)?\s*({_DATE})",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_POSTCODE = re.compile(r"\b(?:GIR\s?0AA|[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\d+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?(?:[\s-]?\d){6,8}(?!\d)")
_TEN_DIGITS = re.compile(r"(?<!\d)(\d{3})[\s-]?(\d{3})[\s-]?(\d{4})(?!\d)")
_NINO = re.compile(
    # HMRC's rules for the two letters, and QQ, the prefix of its own published example.
    r"\b(?:QQ|(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"[A-Z](?:[a-z]+|['’][A-Z][a-z]+)(?:[A-Z][a-z]+)*(?:['’-][A-Za-z]+)*")

# Words a note may start a sentence with, or name a day, a month, a part of the UK or a
# common agency by, that the pack's own text may not happen to use.
_COMMON = """
a an the this that these those he she they we i you it his her their our my your its him them us me
mr mrs ms miss dr mum mother dad father brother sister aunt uncle nan gran grandmother grandfather
carer carers foster social worker workers police officer officers school college teacher teachers
head headteacher nurse doctor gp health visitor visitors team duty manager council court judge
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight january
february march april may june july august september october november december england wales scotland
northern ireland uk britain british london birmingham manchester leeds liverpool bristol cardiff
swansea newport glasgow edinburgh aberdeen dundee belfast derry home office nrm ictg mash missing
persons unit safeguarding hub front door lado national transfer scheme after before when while since
then also but and or so if as at on in of to from with by for child children young person people boy
girl he's she's they're there here where who what why how yes no not known unknown none new old
first second third last next referral referred meeting strategy discussion plan review section order
"""
COMMON_WORDS = frozenset(_COMMON.split())


def vocabulary(pack: Pack | None) -> frozenset[str]:
    """Every word the pack's own text uses, lower-cased, and the common words above."""
    if pack is None:
        return COMMON_WORDS
    known: frozenset[str] | None = pack.memo.get("vocabulary")
    if known is None:
        known = COMMON_WORDS | pack_words(pack)
        pack.memo["vocabulary"] = known
    return known


def nhs_number_valid(digits: str) -> bool:
    """The NHS number's mod-11 check: weights 10 down to 2, then 11 minus the remainder."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _names(text: str, known: frozenset[str]) -> Iterator[str]:
    run: list[str] = []
    prev_end = 0
    for match in WORD.finditer(text):
        word = match.group(0)
        unknown = _CAPITALISED.fullmatch(word) is not None and word.lower().strip("'’-") not in known
        # A run of names is broken by anything but spaces between its words (a comma, a full stop).
        joined = bool(run) and not text[prev_end : match.start()].strip(" ")
        if unknown and (not run or joined):
            run.append(word)
        else:
            if len(run) >= 2:
                yield " ".join(run)
            run = [word] if unknown else []
        prev_end = match.end()
    if len(run) >= 2:
        yield " ".join(run)


def find_in_text(field: str, text: str, pack: Pack | None = None) -> list[Finding]:
    """What in ``text`` looks like a personal identifier."""
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, match: re.Match[str], group: int = 0) -> None:
        start, end = match.span(group)
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            return
        taken.append((start, end))
        found.append(Finding(field, kind, match.group(group)))

    for match in _EMAIL.finditer(text):
        add("an e-mail address", match)
    for match in _DOB.finditer(text):
        add("a date of birth", match, 1)
    for match in _NINO.finditer(text):
        add("a National Insurance number", match)
    for match in _TEN_DIGITS.finditer(text):
        if nhs_number_valid("".join(match.groups())):
            add("an NHS number", match)
    for match in _PHONE.finditer(text):
        add("a phone number", match)
    for match in _POSTCODE.finditer(text):
        add("a postcode", match)
    known = vocabulary(pack)
    for name in _names(text, known):
        at = text.find(name)
        if any(at < t_end and t_start < at + len(name) for t_start, t_end in taken):
            continue
        found.append(Finding(field, "what looks like a person's name", name))
    return found


def find_identifiers(fields: Iterable[tuple[str, str | None]], pack: Pack | None = None) -> list[Finding]:
    return [f for name, text in fields if text for f in find_in_text(name, text, pack)]


def check_case(case: Case, pack: Pack | None = None) -> list[Finding]:
    """What in the case's reference, notes and professional record looks like a personal identifier."""
    from screener.casefile.model import RECORD_TEXT

    fields: list[tuple[str, str | None]] = [("reference", case.reference), ("notes", case.notes)]
    if case.record is not None:
        fields += [(f"record.{name}", getattr(case.record, name)) for name in RECORD_TEXT]
    return find_identifiers(fields, pack)


def warning(findings: list[Finding], where: str = "the case") -> str:
    """One line: what was found and where."""
    listed = "; ".join(str(f) for f in findings)
    return f"{where} may hold personal details: {listed}. A case file holds a reference, never a name"


# Key dates worked out from the birthday: their exact day would give the date of birth away.
BIRTHDAY_DATES = frozenset({"turns-18", "pilot-exclusion-starts", "guardianship-scotland-support-ends"})
AGE_ONLY_NOTICE = (
    "Age only: this summary gives the child's age in whole years and leaves out the date of birth. "
    "Key dates worked out from the birthday (the 18th birthday and dates counted from it) are given "
    "as a month and year only, so that they do not give the date of birth away."
)


def age_only(summary: Any, case: Case) -> Any:
    """The summary with the child's age in whole years and nothing that gives the date of birth away.

    The age answer says whole years; key dates worked out from the birthday keep only their month
    (``precision: month``, the ``date`` the first of that month); any text that still names the date
    of birth, or one of those exact days, has it replaced; and a notice says so. The outcomes are
    the same as with the date of birth: it is only what is shown that changes.
    """
    import dataclasses

    from screener.render.document import long_date

    born = case.child.date_of_birth
    if born is None:
        return summary
    day = summary.as_at
    years = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    hidden: dict[dt.date, str] = {born: "(date of birth left out)"}
    key_dates = []
    for d in summary.key_dates:
        if d.id in BIRTHDAY_DATES:
            hidden.setdefault(d.date, d.date.strftime("%B %Y"))
            d = dataclasses.replace(d, date=d.date.replace(day=1), precision="month")
        key_dates.append(d)
    key_dates.sort(key=lambda d: (d.date, d.id))
    words = {}
    for when, instead in hidden.items():
        words[when.isoformat()] = instead
        words[long_date(when)] = instead
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))

    def scrub(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(lambda m: words[m.group(0)], value)
        if isinstance(value, list):
            return [scrub(v) for v in value]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.replace(
                value, **{f.name: scrub(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
            )
        return value

    answers = [
        dataclasses.replace(a, value=f"{years} (whole years; the date of birth is left out)") if a.id == "age" else a
        for a in summary.answers
    ]
    shown = dataclasses.replace(summary, answers=answers, key_dates=key_dates)
    shown = scrub(shown)
    return dataclasses.replace(shown, notices=[*shown.notices, AGE_ONLY_NOTICE])
