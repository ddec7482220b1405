"""Practice mode: the trainee reads the vignette and answers for themselves; their reading is compared
with the scenario's answer key, and their predictions are marked on both their answers and the key's.

The key answers are the scenario's case: the child's age, whether it is disputed,
each fact the walkthrough asks, the NRM status (and decision date) and each
indicator. Every key answer has ``evidence``: a short exact phrase of the
narrative that shows it, checked when the scenarios load. Nothing here imports Textual.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import Any, Literal

from screener.content.pack import Pack
from screener.engine import screen
from screener.engine.dates import age_on
from screener.engine.signposts import signpost_findings
from screener.summary import Summary
from screener.training.marking import OUTCOME_LABELS, Marking, mark, marking_lines
from screener.training.models import Scenario
from screener.training.walkthrough import TrainingFlow
from screener.walkthrough import UNKNOWN, Answers, Question
from screener.walkthrough.why import reads

ReadingOutcome = Literal["matched", "missed", "extra"]
READING_LABELS: dict[str, str] = {"matched": "✓ Matched", "missed": "✗ Missed", "extra": "+ Extra"}
# Key answers that are not facts of the pack's questions or indicators.
ANSWER_IDS = ("age", "age_disputed", "nrm_status", "decision_on")
Kind = Literal["answer", "indicator"]


def normalise(text: str) -> str:
    """Text with every run of white space made one space: a phrase may cross the file's line breaks."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Evidence:
    phrase: str
    # The narrative's sentence that holds the phrase: what a result quotes, since the case is shown
    # as paragraphs, with no line numbers to cite.
    sentence: str


def _whole_words(phrase: str) -> re.Pattern[str]:
    """``phrase`` as whole words: "he" is not found inside "the", nor "arrest" inside "arrested"."""
    return re.compile(r"(?<!\w)" + re.escape(normalise(phrase)) + r"(?!\w)")


def evidence_places(narrative: str, phrase: str) -> int:
    """How many times ``phrase`` occurs in ``narrative`` as whole words (white space aside)."""
    if not normalise(phrase):
        return 0
    return len(_whole_words(phrase).findall(normalise(narrative)))


def find_evidence(narrative: str, phrase: str) -> Evidence | None:
    """Where ``phrase`` is in ``narrative`` as whole words (white space aside), or None."""
    wanted = normalise(phrase)
    if not wanted:
        return None
    # The narrative as one line per paragraph.
    flat = ""
    for raw in narrative.splitlines():
        words = normalise(raw)
        if not words:
            flat += "\n"
            continue
        if flat and not flat.endswith("\n"):
            flat += " "
        flat += words
    found = _whole_words(wanted).search(flat)
    if found is None:
        return None
    at = found.start()
    paragraph_start = flat.rfind("\n", 0, at) + 1
    paragraph_end = flat.find("\n", at)
    paragraph_end = len(flat) if paragraph_end < 0 else paragraph_end
    head = flat[paragraph_start:at]
    begins = [m.end() for m in re.finditer(r"[.!?][\"”]? ", head)]
    start = paragraph_start + (begins[-1] if begins else 0)
    tail = flat[at + len(wanted) : paragraph_end]
    ends = re.search(r"[.!?][\"”]?(?= |$)", tail)
    end = at + len(wanted) + (ends.end() if ends else len(tail))
    return Evidence(wanted, flat[start:end])


@dataclass(frozen=True)
class KeyAnswer:
    id: str
    kind: Kind
    label: str
    value: str  # the key's answer in words
    evidence: Evidence | None


def key_answers_of(pack: Pack, scenario: Scenario) -> Answers:
    return Answers.from_case(pack, scenario.case)


def blank_answers(pack: Pack, scenario: Scenario) -> Answers:
    """The scenario's place and day, and nothing else: the trainee answers the rest."""
    key = key_answers_of(pack, scenario)
    return Answers(screening_date=key.screening_date, jurisdiction=key.jurisdiction, reference=key.reference)


def _questions(flow: TrainingFlow, answers: Answers) -> dict[str, Question]:
    return {q.id: q for q in flow.questions(answers) if q.kind != "indicators"}


def _age_years(answers: Answers) -> int | None:
    if answers.date_of_birth is not None:
        return age_on(answers.date_of_birth, answers.screening_date)
    return answers.age


def _answered(question: Question, answers: Answers) -> Any:
    """An answer in a comparable form; None when not known."""
    if question.id == "age":
        return _age_years(answers)
    value = answers.get(question)
    if value == UNKNOWN:
        return None
    return value


def _answer_words(flow: TrainingFlow, question: Question, answers: Answers) -> str:
    if question.id == "age":
        years = _age_years(answers)
        return "not known" if years is None else f"{years}"
    return flow.display(question, answers)


def key_answers(pack: Pack, scenario: Scenario) -> list[KeyAnswer]:
    """Every answer the scenario's case gives, in the walkthrough's order, with its evidence."""
    flow = TrainingFlow(pack, [scenario])
    key = key_answers_of(pack, scenario)
    out: list[KeyAnswer] = []
    for question in _questions(flow, key).values():
        if question.id not in ANSWER_IDS and question.id not in pack.questions:
            continue
        if _answered(question, key) is None:
            continue
        out.append(
            KeyAnswer(
                question.id,
                "answer",
                question.title,
                _answer_words(flow, question, key),
                _evidence(scenario, question.id),
            )
        )
    for indicator in key.indicators:
        out.append(
            KeyAnswer(indicator, "indicator", pack.indicators[indicator].title, "noted", _evidence(scenario, indicator))
        )
    return out


def _evidence(scenario: Scenario, answer_id: str) -> Evidence | None:
    phrase = scenario.evidence.get(answer_id)
    return find_evidence(scenario.narrative, phrase) if phrase else None


@dataclass(frozen=True)
class ReadingMark:
    outcome: ReadingOutcome
    id: str
    kind: Kind
    label: str
    verdict: str
    evidence: Evidence | None


@dataclass(frozen=True)
class Reading:
    """The trainee's answers against the key: each key answer matched or missed, and the extras."""

    marks: list[ReadingMark]

    def count(self, outcome: ReadingOutcome) -> int:
        return sum(1 for m in self.marks if m.outcome == outcome)

    def of(self, outcome: ReadingOutcome) -> list[ReadingMark]:
        return [m for m in self.marks if m.outcome == outcome]


def read_against_key(pack: Pack, scenario: Scenario, answers: Answers) -> Reading:
    """Mark ``answers`` against the scenario's key: matched, missed (not given, or given otherwise) or extra."""
    flow = TrainingFlow(pack, [scenario])
    key = key_answers_of(pack, scenario)
    key_questions = _questions(flow, key)
    own_questions = _questions(flow, answers)
    marks: list[ReadingMark] = []
    keyed = {k.id: k for k in key_answers(pack, scenario)}
    for answer_id, question in {**key_questions, **own_questions}.items():
        if answer_id not in ANSWER_IDS and answer_id not in pack.questions:
            continue
        own_q = own_questions.get(answer_id, question)
        mine = _answered(own_q, answers)
        words = _answer_words(flow, own_q, answers)
        if answer_id in keyed:
            expected = keyed[answer_id]
            theirs = _answered(key_questions[answer_id], key)
            if mine == theirs:
                marks.append(
                    ReadingMark("matched", answer_id, "answer", question.title, expected.value, expected.evidence)
                )
            elif mine is None:
                verdict = f"you left it not known; the vignette shows {expected.value}"
                marks.append(ReadingMark("missed", answer_id, "answer", question.title, verdict, expected.evidence))
            else:
                verdict = f"you answered {words}; the vignette shows {expected.value}"
                marks.append(ReadingMark("missed", answer_id, "answer", question.title, verdict, expected.evidence))
        elif mine is not None:
            verdict = f"you answered {words}; the vignette does not say"
            marks.append(ReadingMark("extra", answer_id, "answer", question.title, verdict, None))
    for indicator in key.indicators:
        title = pack.indicators[indicator].title
        evidence = keyed[indicator].evidence
        if indicator in answers.indicators:
            marks.append(ReadingMark("matched", indicator, "indicator", title, "you noted it", evidence))
        else:
            marks.append(ReadingMark("missed", indicator, "indicator", title, "you did not note it", evidence))
    for indicator in answers.indicators:
        if indicator not in key.indicators:
            title = pack.indicators[indicator].title
            verdict = "you noted it; the key does not"
            marks.append(ReadingMark("extra", indicator, "indicator", title, verdict, None))
    return Reading(marks)


@dataclass(frozen=True)
class Difference:
    """Where the rules give one thing on the trainee's answers and another on the key's."""

    subject: str
    own: str
    key: str
    causes: list[str]  # the trainee's misses and extras that the rule reads
    predicted_own: bool  # the trainee's prediction is what the rules give on their own answers


@dataclass(frozen=True)
class PracticeMarking:
    reading: Reading
    key: Marking  # the predictions against the rules on the key's answers
    own: Marking  # the predictions against the rules on the trainee's answers
    differences: list[Difference]


def _names(pack: Pack, m: ReadingMark) -> set[str]:
    if m.kind == "indicator":
        return {f"indicator:{m.id}", f"theme:{pack.indicator_theme[m.id]}"}
    return {m.id}


def _cause(m: ReadingMark) -> str:
    what = "indicator" if m.kind == "indicator" else "answer"
    done = {"missed": "you missed the", "extra": "you added the"}[m.outcome]
    return f"{done} {what} '{m.label}'"


def practice_marking(
    pack: Pack,
    scenario: Scenario,
    answers: Answers,
    predicted_services: Mapping[str, str | None],
    predicted_signposts: Set[str],
) -> PracticeMarking:
    """Compare the reading, then mark the predictions on the key's answers and on the trainee's own."""
    flow = TrainingFlow(pack, [scenario])
    reading = read_against_key(pack, scenario, answers)
    key_case = scenario.case
    own_case = flow.to_case(answers)
    key_summary = dataclasses.replace(screen(pack, key_case), training=True)
    own_summary = dataclasses.replace(screen(pack, own_case), training=True)
    key_mark = mark(pack, key_case, key_summary, predicted_services, predicted_signposts)
    own_mark = mark(pack, own_case, own_summary, predicted_services, predicted_signposts)
    wrong = [m for m in reading.marks if m.outcome != "matched"]
    differences: list[Difference] = []
    services = {s.id: s for s in pack.jurisdictions[scenario.jurisdiction].services}
    own_results = {r.service: r for r in own_summary.guardianship}
    for result in key_summary.guardianship:
        mine = own_results.get(result.service)
        if mine is None or mine.status == result.status:
            continue
        conditions = [c.when for route in services[result.service].routes for c in route.criteria]
        causes = [_cause(m) for m in wrong if any(reads(c, _names(pack, m)) for c in conditions)]
        differences.append(
            Difference(
                result.name,
                pack.wording.outcome_short(mine.status),
                pack.wording.outcome_short(result.status),
                causes,
                predicted_services.get(result.service) == mine.status,
            )
        )
    own_findings = {f.id: f for f in signpost_findings(pack, own_case, own_summary.as_at)}
    for finding in signpost_findings(pack, key_case, key_summary.as_at):
        mine_f = own_findings.get(finding.id)
        if mine_f is None or mine_f.state == finding.state:
            continue
        when = pack.signposts[finding.id].when
        causes = [_cause(m) for m in wrong if reads(when, _names(pack, m))]
        listed = finding.id in predicted_signposts
        differences.append(
            Difference(
                f"Signpost: {finding.title}",
                SIGNPOST_WORDS[mine_f.state],
                SIGNPOST_WORDS[finding.state],
                causes,
                listed == (mine_f.state == "applies") and mine_f.state != "may-apply",
            )
        )
    return PracticeMarking(reading, key_mark, own_mark, differences)


SIGNPOST_WORDS = {"applies": "it applies", "does-not-apply": "it does not apply", "may-apply": "it may apply"}


def own_summary(pack: Pack, scenario: Scenario, answers: Answers) -> Summary:
    return dataclasses.replace(screen(pack, TrainingFlow(pack, [scenario]).to_case(answers)), training=True)


def reading_lines(reading: Reading) -> list[tuple[str, str]]:
    total = reading.count("matched") + reading.count("missed")
    lines: list[tuple[str, str]] = [
        (
            "",
            f"Your reading: {reading.count('matched')} of {total} key answers matched, "
            f"{reading.count('missed')} missed, {reading.count('extra')} extra.",
        ),
        ("", ""),
        ("heading", "Your reading of the case, against the answer key"),
    ]
    order = {"missed": 0, "extra": 1, "matched": 2}
    for m in sorted(reading.marks, key=lambda m: order[m.outcome]):
        kind = "Indicator" if m.kind == "indicator" else "Answer"
        lines.append(("item", f"{READING_LABELS[m.outcome]} — {kind}: {m.label}: {m.verdict}"))
        if m.evidence is not None:
            lines.append(("detail", f"    The case says: “{m.evidence.sentence}”"))
    return lines


def practice_lines(marking: PracticeMarking) -> list[tuple[str, str]]:
    """The whole practice result as ``(style, text)`` lines, as ``marking_lines`` gives them."""
    lines = reading_lines(marking.reading)
    lines.append(("", ""))
    lines.append(("heading", "Where your answers lead the rules elsewhere"))
    if not marking.differences:
        lines.append(("", "Nowhere: on your answers the rules give what they give on the key's."))
    for d in marking.differences:
        lines.append(("item", f"{d.subject}: on your answers {d.own}; on the key's answers {d.key}"))
        because = "; ".join(d.causes) if d.causes else "your answers differ from the key's"
        if d.predicted_own:
            lines.append(
                ("detail", f"    Your prediction follows your own answers; it differs from the key because {because}.")
            )
        else:
            lines.append(("detail", f"    Because {because}."))
    lines.append(("", ""))
    lines.append(("heading", "Your predictions, marked against the rules on the key's answers"))
    lines.extend(marking_lines(marking.key)[1:])
    lines.append(("heading", "Your predictions, marked against the rules on your own answers"))
    for m in [*marking.own.services, *marking.own.signposts]:
        lines.append(("item", f"{OUTCOME_LABELS[m.outcome]} — {m.subject}: {m.verdict}"))
    return lines
