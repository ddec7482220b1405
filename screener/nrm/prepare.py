"""A case laid out as the NRM referral form: the form's sections in its order, filled in where Screener
holds the answer, the form's own prompts with space to write for the rest.

Nothing here decides anything: what Screener fills in is what the case file says (its answers, the
indicators noted, the professional record), worded for copying into the online form after checking.
The adult-only sections (consent, the duty to notify) are left out unless the case says 18 or over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from screener.casefile.model import Case
from screener.content.pack import Pack
from screener.engine.age import age_facts
from screener.engine.logic import Tri
from screener.nrm.model import Cite, NrmForm, Prompt, Section
from screener.render.document import Block, Bullets, Heading, Para, long_date, record_blocks
from screener.summary import ProfessionalRecord, Summary

NRM_SCHEMA: Final = "screener-nrm/1"
# What a prompt Screener cannot fill in shows: the space to write in, in every format.
WRITE_HERE: Final = "Write here:"
TICKED, UNTICKED = "☒", "☐"
CHECK_FIRST: Final = "From Screener (check before you copy):"
NATIONS = {"england-wales": ("England", "Wales"), "scotland": ("Scotland",), "northern-ireland": ("Northern Ireland",)}


@dataclass(frozen=True)
class FilledPrompt:
    text: str
    hint: str | None
    options: list[str]
    ticked: list[str]  # the options Screener's answers point to
    answer: list[str]  # what Screener holds for it; empty: the first responder writes it


@dataclass(frozen=True)
class FilledSection:
    id: str
    title: str
    page: int
    prompts: list[FilledPrompt]


@dataclass(frozen=True)
class FormRef:
    title: str
    document: str
    in_force: dt.date | None
    checked_on: dt.date
    confirm_locally: bool


@dataclass(frozen=True)
class Preparation:
    """The NRM referral preparation as data: the JSON gives it as it is, the other formats lay it out."""

    reference: str | None
    jurisdiction: str
    jurisdiction_name: str
    as_at: dt.date
    age: str
    adult: bool
    form: FormRef
    service: str
    notices: list[str]
    separate: list[str]
    separate_sources: list[str]
    sections: list[FilledSection]
    checklist: list[str]
    checklist_sources: list[str]
    documents: list[str]
    generator: str
    record: ProfessionalRecord | None = field(default=None, metadata={"omit_default": True})
    schema: Literal["screener-nrm/1"] = NRM_SCHEMA


def prepare(form: NrmForm, pack: Pack, case: Case, summary: Summary) -> Preparation:
    """The form's sections for ``case``, as at the summary's date."""
    day = summary.as_at
    params = pack.parameters
    age = age_facts(case, day, params.approaching_18_days, params.pilot_exclusion_days)
    # The form's adult questions are for 18 and over only: a child, a disputed age or an age not known
    # takes the child's path, as the form's "under 18 or not sure" does.
    adult = age.under_18 is Tri.NO and age.disputed is not Tri.YES
    who = "adult" if adult else "child"
    sections = [
        FilledSection(s.id, s.title, s.page, [_fill(p, form, pack, case, summary, age) for p in _asked(s, who)])
        for s in form.sections
        if s.for_ in (None, who)
    ]
    notices = []
    start = form.form.in_force.from_
    if start is not None and day < start:
        notices.append(
            f"{form.form.earlier} (Prompt sheet updated {long_date(start)}; screening dated {long_date(day)}.)"
        )
    steps = form.separate[case.jurisdiction]  # type: ignore[index]
    document = next(d for d in form.documents if d.id == form.form.document)
    return Preparation(
        reference=case.reference,
        jurisdiction=case.jurisdiction,
        jurisdiction_name=summary.jurisdiction_name,
        as_at=day,
        age=age.text(),
        adult=adult,
        form=FormRef(
            title=f"{document.title}, {document.publisher}",
            document=document.licence,
            in_force=start,
            checked_on=form.form.checked_on,
            confirm_locally=form.form.confirm_locally,
        ),
        service=" ".join(form.form.service.split()),
        notices=notices,
        separate=list(steps.text),
        separate_sources=[_cite(form, pack, c) for c in steps.cite],
        sections=sections,
        checklist=list(form.checklist.items),
        checklist_sources=[_cite(form, pack, c) for c in form.checklist.cite],
        documents=[f"{d.title}, {d.publisher}. {d.licence}" for d in form.documents],
        generator=summary.generator,
        record=summary.record,
    )


def _asked(section: Section, who: str) -> list[Prompt]:
    return [p for p in section.prompts if p.for_ in (None, who)]


def _cite(form: NrmForm, pack: Pack, cite: Cite) -> str:
    own = next((d for d in form.documents if d.id == cite.source), None)
    if own is None:
        from screener.content.models.base import Citation

        return pack.cite(Citation(source=cite.source, section=cite.section, page=cite.page))
    parts = [own.short]
    if cite.section:
        parts.append(f'"{cite.section}"')
    if cite.page is not None:
        parts.append(f"p.{cite.page}")
    return ", ".join(parts)


def _fill(prompt: Prompt, form: NrmForm, pack: Pack, case: Case, summary: Summary, age: Any) -> FilledPrompt:
    ticked: list[str] = []
    answer: list[str] = []
    options = list(prompt.options)
    record = case.record
    match prompt.fill:
        case "reference":
            answer = [case.reference] if case.reference else []
        case "agency":
            answer = [record.agency] if record is not None and record.agency else []
        case "nation":
            nation = getattr(case, "nation", None)  # the case file's optional nation, where it has one
            nations = NATIONS[case.jurisdiction]
            if isinstance(nation, str) and nation.title() in nations:
                ticked = [nation.title()]
            elif len(nations) == 1:
                ticked = list(nations)
            else:
                answer = [f"{summary.jurisdiction_name}: tick the nation the child is in."]
        case "under-18":
            if age.disputed is Tri.YES:
                ticked, answer = ["Not Sure"], [f"{age.text()}: treated as a child while their age is assessed."]
            elif age.under_18 is Tri.YES:
                ticked, answer = ["Yes"], [age.text()]
            elif age.under_18 is Tri.NO:
                ticked, answer = ["No"], [age.text()]
            else:
                ticked, answer = ["Not Sure"], ["Age not known: the form's under-18 questions apply."]
        case "nrm-history":
            answer = _nrm_history(pack, case)
        case "indicators":
            if summary.indicators:
                ticked = ["Yes"]
                answer = [f"{i.text} ({i.theme_title}). Sources: {'; '.join(i.sources)}" for i in summary.indicators]
        case "judgement":
            answer = [record.judgement] if record is not None and record.judgement else []
        case "professionals":
            if record is not None and record.discussed_with:
                when = f" on {long_date(record.discussed_on)}" if record.discussed_on else ""
                answer = [f"Discussed with {record.discussed_with}{when}."]
        case "types":
            for kind in form.types:
                why = [
                    pack.indicators[i].title
                    for i in case.indicators
                    if i in kind.indicators or pack.indicator_theme.get(i) in kind.themes
                ]
                if why:
                    ticked.append(kind.title)
                    answer.append(f"{kind.title}: suggested by the indicators noted: {'; '.join(why)}.")
            # The form's own list of forms, from the same data that ticks them.
            options = [k.title for k in form.types]
        case "contact":
            if record is not None and record.completed_by:
                answer.append(f"Role: {record.completed_by}")
            if record is not None and record.agency:
                answer.append(f"Organisation: {record.agency}")
    hint = " ".join(prompt.hint.split()) if prompt.hint else None
    return FilledPrompt(prompt.text, hint, options, ticked, answer)


def _nrm_history(pack: Pack, case: Case) -> list[str]:
    nrm = case.nrm
    if nrm.status == "unknown" and nrm.referred_on is None:
        return []
    lines = [f"NRM status: {pack.wording.nrm_words(nrm.status)}."]
    if nrm.referred_on:
        lines.append(f"NRM referral made on {long_date(nrm.referred_on)}.")
    if nrm.decision_on:
        lines.append(f"Latest NRM decision on {long_date(nrm.decision_on)}.")
    return lines


def title(prep: Preparation) -> str:
    case = f" — case {prep.reference}" if prep.reference else ""
    return f"NRM referral preparation{case}"


def form_line(prep: Preparation) -> str:
    """Which form this follows, and the one "confirm locally" it needs."""
    updated = f", last updated {long_date(prep.form.in_force)}" if prep.form.in_force else ""
    check = (
        f" The form changes several times a year: confirm locally, last checked {prep.form.checked_on.isoformat()}."
        if prep.form.confirm_locally
        else ""
    )
    return f"Follows the {prep.form.title}{updated}.{check}"


def build(prep: Preparation) -> list[Block]:
    """The preparation as blocks, for the Markdown, text and HTML writers."""
    blocks: list[Block] = [Heading(1, title(prep))]
    blocks.append(
        Para(
            f"{prep.service} Screener decides nothing: it fills in what the case file holds, to be checked "
            "before it is copied."
        )
    )
    blocks.append(
        Para(
            f"Jurisdiction: {prep.jurisdiction_name} · As at {long_date(prep.as_at)} · Age: {prep.age} · "
            f"Prepared with {prep.generator}"
        )
    )
    blocks.append(Para(form_line(prep)))
    for notice in prep.notices:
        blocks.append(Para(f"Notice: {notice}"))
    if prep.record is not None:
        blocks += record_blocks(prep.record)
    blocks.append(Heading(2, "Separate steps: the NRM referral is not these"))
    blocks.append(Bullets(tuple(prep.separate)))
    blocks.append(Para(f"Sources: {'; '.join(prep.separate_sources)}."))
    for number, section in enumerate(prep.sections, 1):
        blocks.append(Heading(2, f"{number}. {section.title} (prompt sheet p.{section.page})"))
        for prompt in section.prompts:
            blocks.append(Heading(3, prompt.text))
            if prompt.options:
                marks = "   ".join(f"{TICKED if o in prompt.ticked else UNTICKED} {o}" for o in prompt.options)
                blocks.append(Para(marks))
            if prompt.hint:
                blocks.append(Para(f"Guidance: {prompt.hint}"))
            if prompt.answer:
                blocks.append(Para(CHECK_FIRST))
                blocks.append(Bullets(tuple(prompt.answer)))
            else:
                blocks.append(Para(WRITE_HERE))
    blocks.append(Heading(2, "Before you submit: the Toolkit's quality checklist"))
    blocks.append(Bullets(tuple(f"{UNTICKED} {item}" for item in prep.checklist)))
    blocks.append(Para(f"Sources: {'; '.join(prep.checklist_sources)}."))
    blocks.append(
        Para(
            "The referral is made only by completing the online form: this preparation is not sent anywhere, "
            "and nothing in it is a decision."
        )
    )
    blocks.append(Heading(2, "Documents"))
    blocks.append(Bullets(tuple(prep.documents)))
    return blocks
