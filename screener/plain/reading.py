"""How plain mode puts a question (its options, numbered) and reads the answer typed to it."""

from __future__ import annotations

import re
from typing import Any

from screener.textsafe import shown
from screener.walkthrough import UNKNOWN, AnswerError, Answers, Flow, Question
from screener.walkthrough.filled import marks


def number_in(text: str, count: int, first: int = 1) -> int | None:
    """The number typed when it is one of ``first`` to ``first + count - 1``, else None; never raises.

    Only ASCII digits count: ``str.isdigit`` also takes "²", which ``int`` refuses,
    and ``int`` refuses more than 4,300 digits; a number that long is out of range anyway.
    """
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        return None
    n = int(text)
    return n if first <= n < first + count else None


def option_lines(flow: Flow, question: Question, answers: Answers) -> list[str]:
    """The lines after a question's prompt: its options, numbered, and the answer now recorded."""
    value = answers.get(question)
    now = f"Now: {flow.display(question, answers)}."
    if question.kind == "indicators":
        out = [question.hint]
        filled = marks(flow.pack, question, answers)
        for n, option in enumerate(question.options, 1):
            mark = f" (noted, {filled[option.value]})" if option.value in filled else " (noted)"
            mark = mark if option.value in value else ""
            out.append(f"{n}. {option.label}{mark} ({option.kind.lower()}): {option.detail}")
        out.append(now)
        # The numbers typed are the whole answer: a line marked from another answer stays only if typed.
        keep = " Enter keeps those noted now." if value else ""
        out.append(f"Type the numbers of all you have noticed, n for none, ? 2 for why number 2 matters.{keep}")
        return out
    if question.kind == "choice":
        out = [f"{n}. {option.label}" for n, option in enumerate(question.options, 1)]
        if value is not None:
            out.append(now)
        elif question.required:
            out.append(question.hint)
        return out
    if question.kind == "text":
        hint = question.hint + " Type n for none."
    elif question.not_known is not None:
        hint = question.hint + " Type none if none has been granted, n for not known."
    else:
        hint = question.hint + " Type n for not known."
    return [hint, now]


def interpret(flow: Flow, question: Question, text: str, answers: Answers) -> Any:
    """The value typed: an option's number or first word, indicator numbers, or text; raise ``AnswerError``."""
    lowered = text.lower()
    if question.kind == "choice":
        if lowered == "n":
            if question.required:
                raise AnswerError("this one is needed; type the number of an option")
            return UNKNOWN
        if lowered.isdigit():
            n = number_in(lowered, len(question.options))
            if n is not None:
                return question.options[n - 1].value
            raise AnswerError(f"type a number from 1 to {len(question.options)}")
        exact = [o for o in question.options if lowered in (o.value.lower(), o.short.lower(), o.label.lower())]
        first_word = [o for o in question.options if lowered == o.short.lower().split(" ")[0]]
        for matches in (exact, first_word):
            if len(matches) == 1:
                return matches[0].value
        if question.required:
            raise AnswerError(f"type a number from 1 to {len(question.options)}")
        raise AnswerError(f"type a number from 1 to {len(question.options)}, or n for not known")
    if question.kind == "indicators":
        if lowered in ("n", "0", "none"):
            return frozenset()
        chosen = set()
        for part in re.split(r"[\s,]+", lowered):
            n = number_in(part, len(question.options))
            if n is None:
                raise AnswerError(f"'{shown(part)}' is not a number from 1 to {len(question.options)}")
            chosen.add(question.options[n - 1].value)
        return frozenset(chosen)
    if lowered == "n":
        return question.not_known
    return flow.parse(question, text, answers)
