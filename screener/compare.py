"""``screener compare OLD NEW``: what changed between two screenings of one case.

Both case files are screened again with the same pack (and area file, if any),
each at its own screening date, so that every difference shown comes from the
answers or the date: answers, outcomes (with the criteria that moved them),
signposts added or dropped, and key dates. When the files record that they
were screened under different pack or area versions (``screened_with``, which
the walkthrough writes when it saves), the comparison says so.

Bad inputs are refused with exit 2: two different jurisdictions or references
cannot be two screenings of one case.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from screener.casefile.model import Case
from screener.errors import InputError, Problem
from screener.summary import Summary

COMPARE_SCHEMA = "screener-compare/1"


@dataclass
class Change:
    id: str
    label: str
    old: str
    new: str


@dataclass
class OutcomeChange:
    service: str
    name: str
    old: str
    new: str
    criteria: list[Change] = field(default_factory=list)


@dataclass
class Comparison:
    reference: str | None
    jurisdiction: str
    old_file: str
    new_file: str
    old_date: str
    new_date: str
    answers: list[Change]
    indicators_added: list[str]
    indicators_dropped: list[str]
    outcomes: list[OutcomeChange]
    signposts_added: list[Change]
    signposts_dropped: list[Change]
    key_dates: list[Change]
    versions: list[str]
    schema: str = COMPARE_SCHEMA
    # The pack's words for a criterion's status, for the page and text forms; the JSON gives the ids.
    criterion_words: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def nothing_changed(self) -> bool:
        return not (
            self.answers
            or self.indicators_added
            or self.indicators_dropped
            or self.outcomes
            or self.signposts_added
            or self.signposts_dropped
            or self.key_dates
        )


def check_pair(old_path: Path, old: Case, new_path: Path, new: Case) -> None:
    """Refuse two files that cannot be two screenings of one case."""
    problems = []
    if old.jurisdiction != new.jurisdiction:
        problems.append(
            Problem(
                str(new_path),
                None,
                f"is in {new.jurisdiction} but {old_path} is in {old.jurisdiction}: "
                "compare two screenings of one case, in one jurisdiction",
            )
        )
    if (old.reference or "") != (new.reference or ""):
        problems.append(
            Problem(
                str(new_path),
                None,
                f"has reference '{new.reference or '(none)'}' but {old_path} has '{old.reference or '(none)'}': "
                "compare two screenings of one case",
            )
        )
    if problems:
        raise InputError(problems)


def _screened_with(case: Case) -> dict[str, Any]:
    return case.screened_with.model_dump(mode="json", exclude_none=True) if case.screened_with else {}


def _versions(old: Case, new: Case, summary: Summary) -> list[str]:
    lines = []
    o, n = _screened_with(old), _screened_with(new)
    for part, what in (("pack", "content pack"), ("area", "area file")):
        a, b = o.get(part), n.get(part)
        if a != b and (a or b):
            lines.append(
                f"The two were screened under different {what} versions: {_version(a)} and then {_version(b)}."
            )
    if not o or not n:
        lines.append("One or both files do not record what they were screened with.")
    prov = summary.provenance
    if prov is not None:
        area = f", area file {prov.area.id} checked {prov.area.verified_on.isoformat()}" if prov.area else ""
        lines.append(
            f"Both are compared as screened now with content pack {prov.pack.id} {prov.pack.version} "
            f"({prov.pack.digest}){area}."
        )
    return lines


def _version(screened: dict[str, Any] | None) -> str:
    if not screened:
        return "none recorded"
    parts = [str(screened.get("id", "?"))]
    for key in ("version", "verified_on"):
        if key in screened:
            parts.append(str(screened[key]))
    if "digest" in screened:
        parts.append(f"({screened['digest']})")
    return " ".join(parts)


def compare_screenings(
    old_path: Path, old: Case, old_summary: Summary, new_path: Path, new: Case, new_summary: Summary
) -> Comparison:
    before = {a.id: a for a in old_summary.answers}
    after = {a.id: a for a in new_summary.answers}
    answers = []
    for key in dict.fromkeys([*before, *after]):
        a, b = before.get(key), after.get(key)
        old_value = a.value if a else "not asked"
        new_value = b.value if b else "not asked"
        if old_value != new_value:
            answers.append(Change(key, (b or a).label, old_value, new_value))  # type: ignore[union-attr]
    if old_summary.as_at != new_summary.as_at:
        answers.insert(
            0, Change("screening_date", "Screening date", old_summary.as_at.isoformat(), new_summary.as_at.isoformat())
        )
    old_ind = {i.id: i.text for i in old_summary.indicators}
    new_ind = {i.id: i.text for i in new_summary.indicators}
    outcomes = []
    old_services = {s.service: s for s in old_summary.guardianship}
    for service in new_summary.guardianship:
        was = old_services.get(service.service)
        old_status = was.status_text if was else "not listed"
        old_criteria = {(c.route, c.id): c for c in was.criteria} if was else {}
        moved = [
            Change(c.id, c.text, old_criteria[(c.route, c.id)].status, c.status)
            for c in service.criteria
            if (c.route, c.id) in old_criteria and old_criteria[(c.route, c.id)].status != c.status
        ]
        moved = list({(m.id, m.old, m.new): m for m in moved}.values())
        if old_status != service.status_text or moved:
            outcomes.append(OutcomeChange(service.service, service.name, old_status, service.status_text, moved))
    for service_id, was in old_services.items():
        if service_id not in {s.service for s in new_summary.guardianship}:
            outcomes.append(OutcomeChange(service_id, was.name, was.status_text, "not listed"))
    old_sp = {s.id: s.title for s in old_summary.signposts}
    new_sp = {s.id: s.title for s in new_summary.signposts}
    old_dates = {d.id: d for d in old_summary.key_dates}
    new_dates = {d.id: d for d in new_summary.key_dates}
    dates = []
    for key in dict.fromkeys([*old_dates, *new_dates]):
        d_old, d_new = old_dates.get(key), new_dates.get(key)
        old_value = d_old.date.isoformat() if d_old else "none"
        new_value = d_new.date.isoformat() if d_new else "none"
        if old_value != new_value:
            dates.append(Change(key, (d_new or d_old).text, old_value, new_value))  # type: ignore[union-attr]
    return Comparison(
        reference=new.reference,
        jurisdiction=new_summary.jurisdiction_name,
        old_file=str(old_path),
        new_file=str(new_path),
        old_date=old_summary.as_at.isoformat(),
        new_date=new_summary.as_at.isoformat(),
        answers=answers,
        indicators_added=[t for i, t in new_ind.items() if i not in old_ind],
        indicators_dropped=[t for i, t in old_ind.items() if i not in new_ind],
        outcomes=outcomes,
        signposts_added=[Change(i, t, "", "") for i, t in new_sp.items() if i not in old_sp],
        signposts_dropped=[Change(i, t, "", "") for i, t in old_sp.items() if i not in new_sp],
        key_dates=dates,
        versions=_versions(old, new, new_summary),
        criterion_words=new_summary.words.criteria,
    )


def blocks(c: Comparison) -> list[Any]:
    from screener.render.document import Bullets, Heading, Para, Table

    title = "What changed between two screenings" + (f" — case {c.reference}" if c.reference else "")
    out: list[Any] = [
        Heading(1, title),
        Para(
            f"Jurisdiction: {c.jurisdiction} · Before: {c.old_file} (screened {c.old_date}) · "
            f"After: {c.new_file} (screened {c.new_date})"
        ),
        Para("This compares two signposting summaries. It is not an assessment of the child and decides nothing."),
    ]
    for line in c.versions:
        out.append(Para(f"Notice: {line}"))
    if c.nothing_changed:
        out.append(Para("Nothing changed: the answers, outcomes, signposts and key dates are the same."))
    out.append(Heading(2, "Answers"))
    if c.answers:
        out.append(Table(("question", "before", "after"), tuple((a.label, a.old, a.new) for a in c.answers)))
    else:
        out.append(Para("No answer changed."))
    if c.indicators_added or c.indicators_dropped:
        items = [f"Now noted: {t}" for t in c.indicators_added] + [
            f"No longer noted: {t}" for t in c.indicators_dropped
        ]
        out.append(Bullets(tuple(items)))
    out.append(Heading(2, "Outcomes"))
    if not c.outcomes:
        out.append(Para("No guardianship outcome changed."))
    for o in c.outcomes:
        out.append(Heading(3, f"{o.name}: {o.old} → {o.new}"))
        if o.criteria:
            out.append(Para("The criteria that moved it:"))
            rows = tuple(
                (m.label, c.criterion_words.get(m.old, m.old), c.criterion_words.get(m.new, m.new)) for m in o.criteria
            )
            out.append(Table(("criterion", "before", "after"), rows))
    out.append(Heading(2, "Signposts"))
    items = [f"Added: {s.label}" for s in c.signposts_added] + [f"Dropped: {s.label}" for s in c.signposts_dropped]
    out.append(Bullets(tuple(items)) if items else Para("The same signposts."))
    out.append(Heading(2, "Key dates"))
    if c.key_dates:
        out.append(Table(("key date", "before", "after"), tuple((d.label, d.old, d.new) for d in c.key_dates)))
    else:
        out.append(Para("No key date changed."))
    return out


def comparison_output(c: Comparison, fmt: str) -> str | bytes:
    """The comparison in any format: text as text, Word and PDF as the file's bytes."""
    if fmt == "docx":
        from screener.render.docx import write_blocks

        built = blocks(c)
        return write_blocks(built, title_text=built[0].text, header=" · ".join(_page_margins(c)))
    if fmt == "pdf":
        from screener.render.pdf import html_pdf

        return html_pdf(render_comparison(c, "html"))
    return render_comparison(c, fmt)


def _page_margins(c: Comparison) -> tuple[str, str]:
    """What heads every printed page: the case, and the two screening dates."""
    case = f"case {c.reference}" if c.reference else "Screenings compared"
    return case, f"Screened {c.old_date} and {c.new_date}"


def render_comparison(c: Comparison, fmt: str) -> str:
    """The comparison in a text format."""
    if fmt == "json":
        data = asdict(c)
        del data["criterion_words"]
        data = {"schema": data.pop("schema"), **data}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    built = blocks(c)
    if fmt == "md":
        from screener.render.markdown import block_markdown

        return "\n\n".join(block_markdown(b) for b in built) + "\n"
    if fmt == "txt":
        from screener.render.text import block_lines

        return "\n\n".join("\n".join(block_lines(b)) for b in built) + "\n"
    from screener.render.html import CSS, block_html, margin_css, page, text_html

    body = "\n".join(
        f'<p class="notice">{text_html(b.text)}</p>' if getattr(b, "text", "").startswith("Notice: ") else block_html(b)
        for b in built
    )
    case, when = _page_margins(c)
    return page(built[0].text, CSS + margin_css(case, when), body)
