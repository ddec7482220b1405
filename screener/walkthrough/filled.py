"""Answers filled in from other answers: what one answer already says is not asked again.

A referral to the NRM means a first responder had reason to believe the child may be a
victim, so the trafficking concern is yes; a date of birth says whether the child turns
18 within the year, so "Approaching 18" is marked. The pack says which (``filled_when``
on a question or an indicator, a structured condition of the answers given before it).

A question may instead be the same test as an earlier one (``same_as``: whether the child is
unaccompanied, where separated has just been asked): its answer is the earlier one's, yes or no, and
the walk goes past it (``passed_over``); not known there leaves it to be asked.

A filled answer is an ordinary answer, so the case file and the summary hold it as any
other; the walk keeps where it came from (``Answers.filled``) to show it ("from your
NRM status answer") and to take it back if that answer changes. Once the user changes a
filled answer it is theirs (``Answers.own``) and is never filled in again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
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


@dataclass(frozen=True)
class _Rule:
    """One fill the pack names: what it fills, and either the condition that fills it (yes; marked) or
    the earlier question whose answer it takes (``same_as``)."""

    target: str
    when: Condition | None = None
    same_as: str | None = None

    @property
    def sources(self) -> list[str]:
        """The questions whose answers it reads, in the order it reads them."""
        return [self.same_as] if self.same_as is not None else sources_of(self.when) if self.when else []


def _rules(pack: Pack) -> Iterator[_Rule]:
    """Every fill the pack names, facts first (in the order asked), so that a fill another reads comes first."""
    for fact, question in pack.questions.items():
        if question.same_as is not None:
            yield _Rule(fact_target(fact), same_as=question.same_as.fact)
        elif question.filled_when is not None:
            yield _Rule(fact_target(fact), when=question.filled_when)
    for indicator in pack.indicators.values():
        if indicator.filled_when is not None:
            yield _Rule(indicator_target(indicator.id), when=indicator.filled_when)


def sources_of(condition: Condition) -> list[str]:
    """The questions whose answers a fill comes from, in the order the condition reads them."""
    out: list[str] = []
    for fact in facts_in(condition):
        for source in DERIVED_FROM.get(fact, (fact,)):
            if source not in out:
                out.append(source)
    return out


# What a target holds when nobody has answered it: a fact not known, an indicator not marked.
def _blank(target: str) -> object:
    return UNKNOWN if target.startswith("fact:") else False


def _value(answers: Answers, target: str) -> object:
    kind, ident = target.split(":", 1)
    return answers.facts.get(ident, UNKNOWN) if kind == "fact" else ident in answers.indicators


def _set(answers: Answers, target: str, value: object) -> Answers:
    kind, ident = target.split(":", 1)
    if kind == "fact":
        assert isinstance(value, str)
        return dataclasses.replace(answers, facts={**answers.facts, ident: value})
    if value:
        return dataclasses.replace(answers, indicators=(*answers.indicators, ident))
    return dataclasses.replace(answers, indicators=tuple(i for i in answers.indicators if i != ident))


def _targets_of(question: Question) -> list[str]:
    """What answering ``question`` sets: its fact, or each indicator on its page."""
    if question.kind == "indicators":
        return [indicator_target(o.value) for o in question.options]
    return [fact_target(question.id)]


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
    the answer to ``answered`` (or an answer filled from it), or every fill when None."""
    if answers.jurisdiction is None:
        return answers
    touched = None if answered is None else {answered}
    world: World | None = None
    filled = dict(answers.filled)
    out = answers
    for rule in _rules(pack):
        target = rule.target
        if touched is not None and not touched.intersection(rule.sources):
            continue
        if target in answers.own or not _offered(pack, answers, target):
            continue
        if world is None:
            world = asked_world(pack, out)
        wanted = _wanted(pack, rule, out, world)
        before = _value(out, target)
        if wanted is not None and (target in filled or before == _blank(target)):
            value, filled[target] = wanted
            if before != value:
                out = _set(out, target, value)
        elif wanted is None and target in filled:
            out = _set(out, target, _blank(target))
            del filled[target]
        if _value(out, target) != before:
            world = None  # a fill read by a later one: the world is worked out again
            if touched is not None and target.startswith("fact:"):
                touched.add(target.split(":", 1)[1])
    if filled != dict(out.filled):
        out = dataclasses.replace(out, filled=filled)
    return out


def opened(pack: Pack, answers: Answers) -> Answers:
    """Answers read from a case file, with each answer that asks the same test as an earlier one (``same_as``)
    marked as taken from it where the two agree: a case the walk wrote holds both, and the walk goes past the
    later one again instead of asking it. Where they differ, the later is the user's own and is asked.
    Nothing else read from a file is taken for filled: whether the user gave it cannot be told."""
    if answers.jurisdiction is None:
        return answers
    filled = dict(answers.filled)
    for rule in _rules(pack):
        if rule.same_as is None or rule.target in filled or not _offered(pack, answers, rule.target):
            continue
        same = _same_answer(pack, rule.same_as, answers)
        if same is not None and same[0] == _value(answers, rule.target):
            filled[rule.target] = rule.same_as
    return dataclasses.replace(answers, filled=filled) if filled != dict(answers.filled) else answers


def _wanted(pack: Pack, rule: _Rule, answers: Answers, world: World) -> tuple[object, str] | None:
    """What the rule fills in for these answers, and the answer it is shown as coming from; None for nothing."""
    if rule.same_as is not None:
        return _same_answer(pack, rule.same_as, answers)
    assert rule.when is not None
    if evaluate(rule.when, world) is not Tri.YES:
        return None
    return ("yes" if rule.target.startswith("fact:") else True), _source_that_holds(rule.when, world, rule.sources)


def _same_answer(pack: Pack, earlier: str, answers: Answers) -> tuple[object, str] | None:
    """The earlier question's answer, and its id, for the question that asks the same test; None for nothing."""
    # Only where this part of the UK asks the earlier question: an answer it gave elsewhere is not read.
    if answers.jurisdiction not in pack.questions[earlier].jurisdictions:
        return None
    given = answers.facts.get(earlier, UNKNOWN)
    return None if given == UNKNOWN else (given, earlier)


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


def passed_over(pack: Pack, answers: Answers) -> frozenset[str]:
    """The questions the walk goes past: each answered by an earlier question that asks the same test
    (``same_as``). Still questions of the case: the review lists them, and a change there makes them the user's."""
    return frozenset(
        ident
        for target in answers.filled
        if (ident := target.split(":", 1)[1]) in pack.questions
        and target.startswith("fact:")
        and pack.questions[ident].same_as is not None
    )


def answers_too(pack: Pack, question: Question, answers: Answers) -> str | None:
    """Under a question whose answer is a later one's too (``same_as``), where this part of the UK asks both:
    said before it is answered, since the walk then goes past the later one. None when there is none, or the
    user has made that answer their own."""
    here = pack.questions.get(question.id)
    if here is None or answers.jurisdiction not in here.jurisdictions:
        return None
    titles = [
        _title(pack, fact)
        for fact, later in pack.questions.items()
        if later.same_as is not None
        and later.same_as.fact == question.id
        and _offered(pack, answers, fact_target(fact))
        and fact_target(fact) not in answers.own
    ]
    if not titles:
        return None
    return (
        f"Your answer here is the {_listed(titles)} answer{'s' if len(titles) > 1 else ''} too: it asks the same "
        "test, so it is not asked again (the review shows it, and you can change it there)."
    )


def _title(pack: Pack, source: str) -> str:
    """The question an answer came from, as the review names it."""
    title = pack.questions[source].label if source in pack.questions else pack.wording.question(source).title
    return f"“{title[:1].upper() + title[1:]}”"


def _listed(titles: list[str]) -> str:
    """“A”, “A and B”, “A, B and C”."""
    return f"{', '.join(titles[:-1])} and {titles[-1]}" if len(titles) > 1 else titles[0]


def filled_from(pack: Pack, answers: Answers, target: str) -> str | None:
    """ "from your NRM status answer" for a filled answer, or None for the user's own."""
    source = answers.filled.get(target)
    if source is None:
        return None
    return f"from your {_title(pack, source)} answer"


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
        # Each answer once, in one phrase: "from your “A”, “B” and “C” answers".
        found = (answers.filled.get(indicator_target(o.value)) for o in question.options)
        titles = [_title(pack, source) for source in dict.fromkeys(s for s in found if s is not None)]
        if not titles:
            return plain
        return f"{plain} (marked from your {_listed(titles)} answer{'s' if len(titles) > 1 else ''})"
    source = filled_from(pack, answers, fact_target(question.id)) if question.id in pack.questions else None
    return f"{plain} ({source})" if source else plain
