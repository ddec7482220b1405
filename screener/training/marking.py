"""Marking a trainee's predictions against the engine: matches, misses and extras, each explained.

The engine is the answer key. Nothing here imports Textual: the training screens
show ``marking_lines``, and a test can mark predictions without a screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import Literal

from screener.casefile.model import Case
from screener.content.pack import Pack
from screener.engine.signposts import SignpostFinding, signpost_findings
from screener.summary import ServiceResult, Summary

Outcome = Literal["match", "miss", "extra", "open"]
# A symbol and a word for each outcome, so nothing rests on colour.
OUTCOME_LABELS: dict[str, str] = {
    "match": "✓ Match",
    "miss": "✗ Miss",
    "extra": "+ Extra",
    "open": "? Open",
}


@dataclass(frozen=True)
class Mark:
    outcome: Outcome
    subject: str
    verdict: str  # one line: what was predicted and what the rules give
    explanation: list[str]  # the criteria or answers behind the rules' result
    sources: list[str]


@dataclass(frozen=True)
class Marking:
    services: list[Mark]
    signposts: list[Mark]
    # Signposts rightly left out: counted, not listed, to keep the feedback short.
    rightly_left_out: int
    # The trainee changed the scenario's answers: the key is for their answers.
    answers_changed: bool

    def signpost_count(self, outcome: Outcome) -> int:
        return sum(1 for m in self.signposts if m.outcome == outcome)


def _service_mark(pack: Pack, jurisdiction: str, result: ServiceResult, predicted: str | None) -> Mark:
    actual = pack.wording.outcome_short(result.status)
    if predicted is None:
        outcome: Outcome = "miss"
        verdict = f"no prediction; the rules give {actual}"
    elif predicted == result.status:
        outcome = "match"
        verdict = f"you predicted {actual}, as the rules give"
    else:
        outcome = "miss"
        verdict = f"you predicted {pack.wording.outcome_short(predicted)}; the rules give {actual}"
    service = next(s for s in pack.jurisdictions[jurisdiction].services if s.id == result.service)
    routes = {r.id: r for r in service.routes}
    explanation: list[str] = []
    sources: dict[str, None] = {}
    for route in result.routes:
        discretion = " (at the service's discretion)" if route.discretionary else ""
        explanation.append(f"{route.title}{discretion}: {pack.wording.criteria[route.status]}")
        criteria = {c.id: c for c in routes[route.id].criteria}
        for criterion in result.criteria:
            if criterion.route != route.id:
                continue
            answers = f" ({'; '.join(criterion.answers)})" if criterion.answers else ""
            explanation.append(f"  {criterion.text}: {pack.wording.criteria[criterion.status]}{answers}")
            for citation in criteria[criterion.id].sources:
                sources.setdefault(pack.cite(citation), None)
    if result.settle_by_text:
        explanation.append("Would be settled by: " + " ".join(result.settle_by_text))
    for source in result.sources:
        sources.setdefault(source, None)
    return Mark(outcome, result.name, verdict, explanation, list(sources))


def _signpost_mark(finding: SignpostFinding, predicted: bool) -> Mark | None:
    if finding.state == "may-apply":
        said = "you listed it" if predicted else "you left it out"
        return Mark(
            "open",
            finding.title,
            f"{said}; it may apply, depending on answers not known",
            finding.reasons,
            finding.sources,
        )
    applies = finding.state == "applies"
    if applies and predicted:
        return Mark("match", finding.title, "you listed it, and it applies", finding.reasons, finding.sources)
    if applies:
        return Mark("miss", finding.title, "you left it out, but it applies because:", finding.reasons, finding.sources)
    if predicted:
        return Mark(
            "extra",
            finding.title,
            "you listed it, but it does not apply to these answers:",
            finding.reasons,
            finding.sources,
        )
    return None


def mark(
    pack: Pack,
    case: Case,
    summary: Summary,
    predicted_services: Mapping[str, str | None],
    predicted_signposts: Set[str],
    *,
    answers_changed: bool = False,
) -> Marking:
    """Compare predictions with what the engine makes of ``case`` (whose summary is ``summary``)."""
    services = [
        _service_mark(pack, case.jurisdiction, result, predicted_services.get(result.service))
        for result in summary.guardianship
    ]
    signposts: list[Mark] = []
    left_out = 0
    for finding in signpost_findings(pack, case, summary.as_at):
        found = _signpost_mark(finding, finding.id in predicted_signposts)
        if found is None:
            left_out += 1
        else:
            signposts.append(found)
    order = {"miss": 0, "extra": 1, "open": 2, "match": 3}
    signposts.sort(key=lambda m: order[m.outcome])
    return Marking(services, signposts, left_out, answers_changed)


def marking_lines(marking: Marking) -> list[tuple[str, str]]:
    """The marking as ``(style, text)`` lines; style is ``heading``, ``item``, ``detail`` or ``""``."""
    services_right = sum(1 for m in marking.services if m.outcome == "match")
    lines: list[tuple[str, str]] = [
        (
            "",
            f"Guardianship: {services_right} of {len(marking.services)} predicted as the rules give. "
            f"Signposts: {marking.signpost_count('match')} matched, {marking.signpost_count('miss')} missed, "
            f"{marking.signpost_count('extra')} extra, {marking.signpost_count('open')} open, "
            f"{marking.rightly_left_out} rightly left out.",
        ),
    ]
    if marking.answers_changed:
        lines.append(("", "You changed some of the scenario's answers: this key is for your answers."))
    for heading, marks in (("Guardianship", marking.services), ("Signposts", marking.signposts)):
        lines.append(("", ""))
        lines.append(("heading", heading))
        for m in marks:
            lines.append(("item", f"{OUTCOME_LABELS[m.outcome]} — {m.subject}: {m.verdict}"))
            lines.extend(("detail", f"    {text}") for text in m.explanation)
            if m.sources:
                lines.append(("detail", f"    Sources: {'; '.join(m.sources)}"))
    lines.append(("", ""))
    lines.append(
        (
            "",
            "The rules are the content pack's reading of the report: in practice the named services "
            "decide, and a summary only signposts.",
        )
    )
    return lines
