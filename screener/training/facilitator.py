"""The facilitator pack: every scenario with notes, questions and answer key, and the quiz.

Laid out once as blocks, then written as Markdown or as one self-contained HTML
page, as the summary renderers do. The answer keys are the engine's output for
each scenario's case, so the handout can never disagree with the tool on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from screener.content.models.base import Citation
from screener.content.pack import Pack
from screener.engine import screen
from screener.render.document import (
    Block,
    Bullets,
    Heading,
    Para,
    Quote,
    Table,
    long_date,
)
from screener.render.html import CSS, banner_html, block_html, margin_css, page
from screener.render.markdown import block_markdown, escape
from screener.summary import ServiceResult, Summary
from screener.training.models import Quiz, Scenario

HANDOUT_BANNER = "TRAINING — FICTIONAL CASES"
TITLE = "Screener facilitator pack"


@dataclass(frozen=True)
class Banner:
    """The training warning: the first thing on the page, in every format."""

    text: str


PackBlock = Block | Banner


def _paragraphs(text: str) -> list[Para]:
    return [Para(p) for p in text.split("\n\n") if p.strip()]


def _cites(pack: Pack, citations: list[Citation]) -> str:
    return "; ".join(pack.cite(c) for c in citations)


def _routes(summary: Summary, service: ServiceResult) -> str:
    parts = []
    for route in service.routes:
        text = f"{route.title}: {summary.words.criteria[route.status]}"
        if route.discretionary:
            text += " (at the service's discretion)"
        parts.append(text)
    return "; ".join(parts)


def build(pack: Pack, scenarios: list[Scenario], quiz: Quiz | None) -> list[PackBlock]:
    blocks: list[PackBlock] = [
        Banner(HANDOUT_BANNER),
        Heading(1, TITLE),
        Para(
            "Every case in this pack is invented for teaching. None describes a real child, family or "
            "place; do not add details of real cases when you use them."
        ),
        Para(
            "The screener is a signposting aid. It shows which guardianship service's criteria appear to be "
            "met on the answers given and where to go next. It is not an assessment and never a decision: "
            "the named services, first responders and safeguarding partners decide."
        ),
        Para(
            f"Content pack {pack.info.id} {pack.info.version}, reviewed {pack.info.reviewed_on.isoformat()}. "
            "Each answer key is what the screener gives for the scenario's case as at its screening date, "
            "and 'screener validate' checks every key against the screener."
        ),
        Heading(2, "Scenarios"),
        Table(
            ("no.", "scenario", "jurisdiction", "exploitation", "also covers"),
            tuple(
                (
                    str(number),
                    f"{s.title} ({s.id})",
                    pack.jurisdictions[s.jurisdiction].name,
                    ", ".join(pack.wording.exploitation_type(e) for e in s.exploitation),
                    "; ".join(pack.wording.feature(f) for f in s.features) or "—",
                )
                for number, s in enumerate(scenarios, start=1)
            ),
        ),
    ]
    for number, scenario in enumerate(scenarios, start=1):
        blocks += _scenario(pack, number, scenario, screen(pack, scenario.case))
    if quiz is not None:
        blocks += _quiz(pack, quiz)
    return blocks


def _scenario(pack: Pack, number: int, scenario: Scenario, summary: Summary) -> list[PackBlock]:
    case = scenario.case
    blocks: list[PackBlock] = [
        Heading(2, f"Scenario {number}: {scenario.title}"),
        Para(
            f"{summary.jurisdiction_name} · scenario {scenario.id} · case {case.reference} · "
            f"as at {long_date(summary.as_at)}"
        ),
        Para(scenario.summary),
        Heading(3, "The case"),
        Quote(tuple(p.text for p in _paragraphs(scenario.narrative))),
        Heading(3, "What the practitioner has answered"),
        Table(("question", "answer"), tuple((a.label, a.value) for a in summary.answers)),
    ]
    noted = [i.text for i in summary.indicators]
    blocks.append(Para(f"Indicators noted: {'; '.join(noted)}." if noted else "Indicators noted: none."))
    blocks += _evidence(pack, scenario)
    blocks += [Heading(3, "Facilitator notes"), *_paragraphs(scenario.facilitator_notes)]
    blocks += [Heading(3, "Discussion questions"), Bullets(tuple(scenario.discussion_questions), numbered=True)]

    blocks += [
        Heading(3, "Answer key"),
        Para(f"As at {long_date(summary.as_at)}, the screener gives:"),
        Table(
            ("service", "reading", "routes", "would settle it"),
            tuple(
                (s.name, s.status_text, _routes(summary, s), "; ".join(s.settle_by_text) or "—")
                for s in summary.guardianship
            ),
        ),
        Para("Signposts, most urgent first:"),
        Bullets(tuple(f"{s.title} ({summary.words.urgency[s.urgency]})" for s in summary.signposts)),
    ]
    excluded = [pack.signposts[i].title for i in scenario.expect.signposts.exclude if i in pack.signposts]
    if excluded:
        blocks += [Para("Signposts the screener does not give here:"), Bullets(tuple(excluded))]
    if summary.key_dates:
        blocks += [
            Para("Key dates:"),
            Bullets(tuple(f"{d.date.isoformat()}: {d.text}" for d in summary.key_dates)),
        ]
    if summary.follow_up:
        blocks += [Para("Still not known, and worth finding out:"), Bullets(tuple(summary.follow_up))]
    blocks += [
        Heading(3, "Teaching points"),
        Bullets(tuple(f"{p.text} ({_cites(pack, p.sources)})" for p in scenario.teaching_points)),
    ]
    return blocks


def _evidence(pack: Pack, scenario: Scenario) -> list[PackBlock]:
    """The vignette's sentence behind each key answer: what a practice round is compared with."""
    from screener.training.practice import key_answers

    rows = []
    for answer in key_answers(pack, scenario):
        kind = "indicator" if answer.kind == "indicator" else "answer"
        shown = f"“{answer.evidence.sentence}”" if answer.evidence else "—"
        value = "" if answer.kind == "indicator" else f": {answer.value}"
        rows.append((f"{answer.label} ({kind}){value}", shown))
    if not rows:
        return []
    return [
        Heading(3, "Where the case shows each key answer"),
        Para(
            "In a practice round the trainee answers from the case alone; each answer is compared with "
            "this key, and shown with the sentence of the case that gives it."
        ),
        Table(("key answer", "the case says"), tuple(rows)),
    ]


def _quiz(pack: Pack, quiz: Quiz) -> list[PackBlock]:
    answers = []
    for question in quiz.questions:
        text = question.answer
        if question.note:
            text += f" Note for the facilitator: {question.note}"
        answers.append(f"{text} ({_cites(pack, question.sources)})")
    return [
        Heading(2, "Key-facts quiz"),
        Para(
            "Figures from the snapshot report, for opening or closing a session. The questions come first "
            "and the answers after them, so the questions can be handed out on their own."
        ),
        Bullets(tuple(q.question for q in quiz.questions), numbered=True),
        Heading(2, "Quiz answers"),
        Bullets(tuple(answers), numbered=True),
    ]


# --- Markdown --------------------------------------------------------------------------------


def _md(block: PackBlock) -> str:
    if isinstance(block, Banner):
        return f"**{escape(block.text)}**"
    return block_markdown(block)


def render_markdown(blocks: list[PackBlock]) -> str:
    return "\n\n".join(_md(b) for b in blocks) + "\n"


# --- HTML ------------------------------------------------------------------------------------

# Printed, every page says it is training and which page it is, and each scenario starts a new
# page. The first heading (the list of scenarios) follows the introduction on page one, which
# would otherwise hold a few lines and a blank half page.
PRINT_CSS = margin_css(TITLE, centre=HANDOUT_BANNER) + (
    "@media print {\n"
    "  h2 { break-before: page; page-break-before: always; }\n"
    "  h2:first-of-type { break-before: auto; page-break-before: auto; } }\n"
)


def _html(block: PackBlock) -> str:
    if isinstance(block, Banner):
        return banner_html(block.text)
    return block_html(block)


def render_html(blocks: list[PackBlock]) -> str:
    body = "\n".join(_html(b) for b in blocks)
    return page(f"{HANDOUT_BANNER}. {TITLE}", CSS + PRINT_CSS, body)


def render_docx(blocks: list[PackBlock]) -> bytes:
    from screener.render.docx import write_blocks

    return write_blocks(
        [b for b in blocks if not isinstance(b, Banner)],
        title_text=f"{HANDOUT_BANNER}. {TITLE}",
        header=f"{HANDOUT_BANNER} · {TITLE}",
        banner=HANDOUT_BANNER,
        parts_on_new_pages=True,
    )


def facilitator_pack(pack: Pack, scenarios: list[Scenario], quiz: Quiz | None, fmt: str = "md") -> str:
    """The whole handout as text in ``fmt`` ('md' or 'html')."""
    blocks = build(pack, scenarios, quiz)
    if fmt == "html":
        return render_html(blocks)
    if fmt == "md":
        return render_markdown(blocks)
    raise ValueError(f"unknown format {fmt!r}")


def facilitator_output(pack: Pack, scenarios: list[Scenario], quiz: Quiz | None, fmt: str) -> str | bytes:
    """The whole handout in md, html, docx or pdf: Markdown or HTML as text, Word or PDF as the file's bytes."""
    if fmt == "docx":
        return render_docx(build(pack, scenarios, quiz))
    if fmt == "pdf":
        from screener.render.pdf import html_pdf

        return html_pdf(facilitator_pack(pack, scenarios, quiz, "html"))
    return facilitator_pack(pack, scenarios, quiz, fmt)
