"""Answers filled in from other answers: what one answer already says is not asked again.

A referral to the NRM means a first responder had reason to believe the child may be a
victim, so the trafficking concern is yes; a date of birth says whether the child turns
18 within the year, so "Approaching 18" is marked. The pack says which (``filled_when``
on a question or an indicator, a structured condition of the answers given before it).

A filled answer is an ordinary answer, so the case file and the summary hold it as any
other; the walk keeps where it came from (``Answers.filled``) to show it ("from your
NRM status answer") and to take it back if that answer changes. Once the user changes a
filled answer it is theirs (``Answers.own``) and is never filled in again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from screener.content.conditions import AnyOf, Condition, facts_in
from screener.content.derived import DERIVED_FROM
from screener.content.pack import Pack
from screener.engine.logic import Tri, World, evaluate
from screener.walkthrough.answers import Answers
from screener.walkthrough.model import UNKNOWN, Question
from screener.walkthrough.questions import asked_world


def fact_target(fact: str) -> str:
    return f"fact:{fact}"


def indicator_target(indicator: str) -> str:
    return f"indicator:{indicator}"


def _rules(pack: Pack) -> Iterator[tuple[str, Condition]]:
    """(what is filled, when) for every fill the pack names."""
    for fact, question in pack.questions.items():
        if question.filled_when is not None:
            yield fact_target(fact), question.filled_when
    for indicator in pack.indicators.values():
        if indicator.filled_when is not None:
            yield indicator_target(indicator.id), indicator.filled_when


def sources_of(condition: Condition) -> list[str]:
    """The questions whose answers a fill comes from, in the order the condition reads them."""
    out: list[str] = []
    for fact in facts_in(condition):
        for source in DERIVED_FROM.get(fact, (fact,)):
            if source not in out:
                out.append(source)
    return out


def _filled_value(answers: Answers, target: str) -> bool:
    """Whether the target holds its filled answer (yes; marked)."""
    kind, ident = target.split(":", 1)
    if kind == "fact":
        return answers.facts.get(ident, UNKNOWN) == "yes"
    return ident in answers.indicators


def _is_blank(answers: Answers, target: str) -> bool:
    """Whether the target holds no answer of the user's (not known; not marked)."""
    kind, ident = target.split(":", 1)
    if kind == "fact":
        return answers.facts.get(ident, UNKNOWN) == UNKNOWN
    return ident not in answers.indicators


def _set(answers: Answers, target: str, on: bool) -> Answers:
    kind, ident = target.split(":", 1)
    if kind == "fact":
        return dataclasses.replace(answers, facts={**answers.facts, ident: "yes" if on else UNKNOWN})
    if on:
        return dataclasses.replace(answers, indicators=(*answers.indicators, ident))
    return dataclasses.replace(answers, indicators=tuple(i for i in answers.indicators if i != ident))


def _targets_of(question: Question) -> list[str]:
    """What answering ``question`` sets: its fact, or each indicator on its page."""
    if question.kind == "indicators":
        return [indicator_target(o.value) for o in question.options]
    return [fact_target(question.id)]


def _value(answers: Answers, target: str) -> object:
    kind, ident = target.split(":", 1)
    return answers.facts.get(ident, UNKNOWN) if kind == "fact" else ident in answers.indicators


def record(pack: Pack, answers: Answers, question: Question, value: Any) -> Answers:
    """``answers`` with ``question`` answered ``value``, and the fills that answer settles brought up to date.

    What the user changes is theirs from then on; a fill whose answer no longer says so is
    taken back, and one it now says is filled in where the user has given no answer. Only the
    fills that read this answer are looked at (all of them when the part of the UK changes), so
    answering one question never changes an answer that does not follow from it.
    """
    after = answers.with_answer(question, value)
    changed = [t for t in _targets_of(question) if _value(after, t) != _value(answers, t)]
    if changed:
        filled = {t: s for t, s in answers.filled.items() if t not in changed}
        after = dataclasses.replace(after, filled=filled, own=answers.own | frozenset(changed))
    return refill(pack, after, None if question.id == "jurisdiction" else question.id)


def refill(pack: Pack, answers: Answers, answered: str | None = None) -> Answers:
    """Fill in what the answers now say, and take back what they no longer say: the fills that read
    the answer to ``answered``, or every fill when None."""
    if answers.jurisdiction is None:
        return answers
    world = asked_world(pack, answers)
    filled = dict(answers.filled)
    out = answers
    for target, when in _rules(pack):
        sources = sources_of(when)
        if answered is not None and answered not in sources:
            continue
        if target in answers.own or not _offered(pack, answers, target):
            continue
        holds = evaluate(when, world) is Tri.YES
        if holds and (target in filled or _is_blank(out, target)):
            if not _filled_value(out, target):
                out = _set(out, target, True)
            filled[target] = _source_that_holds(when, world, sources)
        elif not holds and target in filled:
            out = _set(out, target, False)
            del filled[target]
    if filled != dict(out.filled):
        out = dataclasses.replace(out, filled=filled)
    return out


def _source_that_holds(when: Condition, world: World, sources: list[str]) -> str:
    """The answer a fill is shown as coming from: of ``any`` the first branch that holds (the
    separated answer, not the unaccompanied one left not known), else the first the condition reads."""
    if isinstance(when, AnyOf):
        for branch in when.any:
            if evaluate(branch, world) is Tri.YES and (branch_sources := sources_of(branch)):
                return branch_sources[0]
    return sources[0]


def _offered(pack: Pack, answers: Answers, target: str) -> bool:
    """A fill only where the part of the UK asks it."""
    kind, ident = target.split(":", 1)
    if kind == "fact":
        return answers.jurisdiction in pack.questions[ident].jurisdictions
    return answers.jurisdiction in pack.indicators[ident].jurisdictions


def filled_from(pack: Pack, answers: Answers, target: str) -> str | None:
    """ "from your NRM status answer" for a filled answer, or None for the user's own."""
    source = answers.filled.get(target)
    if source is None:
        return None
    title = pack.questions[source].label if source in pack.questions else pack.wording.question(source).title
    return f"from your “{title[:1].upper() + title[1:]}” answer"


def marks(pack: Pack, question: Question, answers: Answers) -> dict[str, str]:
    """On an indicators page: each indicator marked for the user, and where from."""
    out = {}
    for option in question.options:
        source = filled_from(pack, answers, indicator_target(option.value))
        if source is not None:
            out[option.value] = source
    return out


def display(pack: Pack, question: Question, answers: Answers, plain: str) -> str:
    """An answer in words (``plain``, as ``parse.display`` gives it), saying where a filled one came from."""
    if question.kind == "indicators":
        sources = list(dict.fromkeys(marks(pack, question, answers).values()))
        return f"{plain} (marked {' and '.join(sources)})" if sources else plain
    source = filled_from(pack, answers, fact_target(question.id)) if question.id in pack.questions else None
    return f"{plain} ({source})" if source else plain
