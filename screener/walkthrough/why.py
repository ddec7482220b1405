"""Why a question is asked: its help, what in the pack reads the answer, and where that comes from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from screener.content.conditions import Condition, IndicatorTest, ThemeTest, facts_in, walk
from screener.content.derived import DERIVED_FROM
from screener.content.models.base import Citation
from screener.content.pack import Pack
from screener.walkthrough.answers import Answers
from screener.walkthrough.model import Question


@dataclass(frozen=True)
class Use:
    """Something in the pack that reads an answer: a criterion, signpost, note or key date."""

    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Why:
    """Why a question is asked: its help, what reads the answer, and where that comes from."""

    text: str
    uses: tuple[Use, ...] = ()
    sources: tuple[str, ...] = ()
    uses_heading: str = "Your answer is read by:"

    def brief(self) -> str:
        """The help with its first source: what a question screen shows by default."""
        if self.sources:
            return f"{self.text} ({self.sources[0]})"
        return self.text

    def lines(self) -> list[str]:
        """Everything, as plain lines: the help, each use with its sources, then the sources."""
        out = [self.text]
        if self.uses:
            out.append("")
            out.append(self.uses_heading)
            for use in self.uses:
                cited = f" ({'; '.join(use.sources)})" if use.sources else ""
                out.append(f"- {use.text}{cited}")
        if self.sources:
            out.append("")
            out.append("Sources:")
            out.extend(f"- {source}" for source in self.sources)
        return out


def why(pack: Pack, question: Question, answers: Answers) -> Why:
    jurisdiction = answers.jurisdiction
    if question.kind == "indicators":
        theme = pack.theme(question.theme or "")
        names = {f"theme:{theme.id}"} | {f"indicator:{o.value}" for o in question.options}
        return Why(theme.summary, uses(pack, names, jurisdiction), uses_heading="Indicators on this page are read by:")
    if question.id == "jurisdiction":
        services = [s for j in pack.jurisdictions.values() for s in j.services]
        return Why(
            pack.wording.question("jurisdiction").why,
            tuple(Use(f"{s.name} ({s.provider})", cite(pack, s.sources[:1])) for s in services),
            cite(pack, (c for s in services for c in s.sources[:1])),
        )
    if question.id == "reference":
        return Why(pack.wording.question("reference").why)
    if question.id == "nation":
        return _nation_why(pack)
    if question.id in pack.questions:
        q = pack.questions[question.id]
        text = q.words_in(jurisdiction)[1]
        if jurisdiction not in q.jurisdictions:
            places = ", ".join(pack.jurisdictions[j].name for j in q.jurisdictions if j in pack.jurisdictions)
            text += f" This question is asked for {places}; it is shown because the case file answers it."
        return Why(text, uses(pack, {question.id}, jurisdiction), cite(pack, q.sources))
    params = pack.parameters
    # The sources of a built-in question's own help; the rest cite the rules that read the answer.
    citations = {
        "age": [*params.turns_18_sources, *params.pilot_exclusion_sources],
        "decision_on": [w for window in params.reconsideration_windows for w in window.sources],
        "leave_granted_on": list(params.scotland_support_sources) if jurisdiction == "scotland" else [],
    }.get(question.id, [])
    text = pack.wording.question(question.id).why_for(jurisdiction)
    read_by = uses(pack, {question.id}, jurisdiction) + _key_date_uses(pack, question.id, jurisdiction)
    # With no source of its own, the answer's sources are those of the rules that read it.
    sources = cite(pack, citations) or tuple(dict.fromkeys(s for use in read_by for s in use.sources))
    return Why(text, read_by, sources)


def _nation_why(pack: Pack) -> Why:
    """Read by every signpost with a nation's own wording or paragraph, and cited from those."""
    read_by: list[Use] = []
    citations: list[Citation] = []
    for signpost in pack.signposts.values():
        own = [w for w in signpost.wording if w.nations] + [x for x in signpost.local if x.nations]
        if own:
            read_by.append(Use(f"Signpost: {signpost.title}", cite(pack, own[0].sources[:1])))
            citations += [c for o in own for c in o.sources]
    return Why(pack.wording.question("nation").why, tuple(read_by), cite(pack, citations))


def indicator_why(pack: Pack, indicator_id: str, answers: Answers) -> Why:
    indicator = pack.indicators[indicator_id]
    read_by = list(uses(pack, {f"indicator:{indicator_id}"}, answers.jurisdiction))
    for signpost_id in indicator.signposts:
        signpost = pack.signposts.get(signpost_id)
        if signpost is None or answers.jurisdiction not in signpost.jurisdictions:
            continue
        use = Use(f"Signpost: {signpost.title}", cite(pack, signpost.sources[:1]))
        if all(u.text != use.text for u in read_by):
            read_by.append(use)
    text = f"{pack.wording.kind_about(indicator.kind)} {indicator.why}"
    return Why(text, tuple(read_by), cite(pack, indicator.sources), "If you note it, it is read by:")


def cite(pack: Pack, citations: Iterable[Citation]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(pack.cite(c) for c in citations))


def reads(condition: Condition, names: set[str]) -> bool:
    """Does the condition read any of these inputs (answer ids, ``indicator:…``, ``theme:…``),
    directly or through a derived fact?"""
    read: set[str] = set()
    for fact in facts_in(condition):
        read.add(fact)
        read.update(DERIVED_FROM.get(fact, ()))
        if fact in ("indicators_noted", "signs_noted"):
            read.update(n for n in names if n.startswith(("indicator:", "theme:")))
    for node in walk(condition):
        if isinstance(node, IndicatorTest):
            read.add(f"indicator:{node.indicator}")
        elif isinstance(node, ThemeTest):
            read.add(f"theme:{node.theme}")
    return bool(read & names)


def uses(pack: Pack, names: set[str], jurisdiction: str | None) -> tuple[Use, ...]:
    """Everything in force for the jurisdiction that reads any of these inputs."""
    out: list[Use] = []
    if jurisdiction in pack.jurisdictions:
        place = pack.jurisdictions[jurisdiction]
        for service in place.services:
            for route in service.routes:
                for criterion in route.criteria:
                    if reads(criterion.when, names):
                        text = f"{service.name}, {route.title}: {criterion.text}"
                        out.append(Use(text, cite(pack, criterion.sources[:1])))
            for note in service.notes:
                if note.when is not None and reads(note.when, names):
                    out.append(Use(f"A note on {service.name}", cite(pack, note.sources[:1])))
        for note in place.notes:
            if note.when is not None and reads(note.when, names):
                text = f"A note for {place.name}: {_first_sentence(note.text)}"
                out.append(Use(text, cite(pack, note.sources[:1])))
    for signpost in pack.signposts.values():
        if jurisdiction in signpost.jurisdictions and reads(signpost.trigger(jurisdiction), names):
            out.append(Use(f"Signpost: {signpost.title}", cite(pack, signpost.sources[:1])))
    return tuple(dict.fromkeys(out))


def _key_date_uses(pack: Pack, name: str, jurisdiction: str | None) -> tuple[Use, ...]:
    params = pack.parameters
    out: list[Use] = []
    if name == "age":
        out.append(Use("Key date: the 18th birthday", cite(pack, params.turns_18_sources[:1])))
        if jurisdiction != "northern-ireland":
            out.append(
                Use(
                    f"Key date: {params.pilot_exclusion_days} days before the 18th birthday (devolved pilot)",
                    cite(pack, params.pilot_exclusion_sources[:1]),
                )
            )
    if name in ("nrm_status", "decision_on"):
        sources = [w.sources[0] for w in params.reconsideration_windows]
        out.append(Use("Key date: the deadline to ask for reconsideration", cite(pack, sources[:1])))
    if jurisdiction == "scotland" and name in ("age", "nrm_status", "decision_on", "leave_granted_on"):
        out.append(
            Use(
                "Key date: the end of Guardianship Scotland support after 18",
                cite(pack, params.scotland_support_sources[:1]),
            )
        )
    return tuple(out)


def _first_sentence(text: str) -> str:
    head = text.split(". ")[0].split(": ")[0]
    return head if len(head) <= 70 else head[:67].rstrip() + "…"
