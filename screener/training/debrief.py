"""The room's debrief: per scenario, how many rounds, how many spotted each key answer, the spread of
predictions for each service against the rules, and the most common misses. No names: seats only count.

Laid out once as blocks, then written as Markdown, plain text, HTML or JSON, as
the summary renderers and the facilitator pack do. Nothing here imports Textual.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass

from screener.content.pack import Pack
from screener.engine import screen
from screener.render.document import Block, Bullets, Heading, Para, Table, count
from screener.render.html import CSS, banner_html, block_html, margin_css, page
from screener.render.markdown import block_markdown, escape
from screener.render.text import block_lines
from screener.training.models import Scenario
from screener.training.practice import key_answers, read_against_key
from screener.training.room import RoundRecord
from screener.vocabulary import SERVICE_STATUSES

DEBRIEF_BANNER = "TRAINING — FICTIONAL CASE. Every scenario is invented; no names are recorded."
TITLE = "Training room debrief"
# Printed, every page says it is training and which page it is.
PRINT_CSS = margin_css(TITLE, centre="TRAINING — FICTIONAL CASE")
PAGE_HEADER = f"TRAINING — FICTIONAL CASE · {TITLE}"
TOP = 5


@dataclass(frozen=True)
class Spotted:
    answer: str
    kind: str  # "answer" or "indicator"
    spotted: int


@dataclass(frozen=True)
class ServiceSpread:
    service: str
    rules: str  # what the rules give on the key's answers
    predicted: dict[str, int]  # status words, and "no prediction", to counts


@dataclass(frozen=True)
class Missed:
    answer: str
    kind: str
    rounds: int


@dataclass(frozen=True)
class ScenarioDebrief:
    id: str
    title: str
    rounds: int
    seats: int
    spotted: list[Spotted]
    services: list[ServiceSpread]
    misses: list[Missed]
    extras: list[Missed]


@dataclass(frozen=True)
class Debrief:
    rounds: int
    scenarios: list[ScenarioDebrief]
    other_rounds: int  # rounds of scenarios this pack does not have
    outcome_words: tuple[str, ...]  # each outcome as a trainee predicts it (wording.yaml), in order


def build_debrief(pack: Pack, scenarios: list[Scenario], rounds: list[RoundRecord]) -> Debrief:
    words = tuple(pack.wording.outcome_short(s) for s in SERVICE_STATUSES)
    by_id = {s.id: s for s in scenarios}
    out: list[ScenarioDebrief] = []
    for scenario in scenarios:
        mine = [r for r in rounds if r.scenario == scenario.id]
        if not mine:
            continue
        keyed = key_answers(pack, scenario)
        spotted: Counter[str] = Counter()
        missed: Counter[tuple[str, str]] = Counter()
        extra: Counter[tuple[str, str]] = Counter()
        for r in mine:
            reading = read_against_key(pack, scenario, r.answers(scenario))
            for m in reading.marks:
                if m.outcome == "matched":
                    spotted[m.id] += 1
                elif m.outcome == "missed":
                    missed[(m.label, m.kind)] += 1
                else:
                    extra[(m.label, m.kind)] += 1
        key_summary = screen(pack, scenario.case)
        services = []
        for result in key_summary.guardianship:
            short = pack.wording.outcome_short
            predicted = (r.services.get(result.service, "") for r in mine)
            counts = Counter(short(p) if p in SERVICE_STATUSES else "no prediction" for p in predicted)
            order = [*words, "no prediction"]
            services.append(ServiceSpread(result.name, short(result.status), {w: counts[w] for w in order}))

        def top(counter: Counter[tuple[str, str]], n: int) -> list[Missed]:
            ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
            return [Missed(label, kind, count) for (label, kind), count in ranked[:n]]

        out.append(
            ScenarioDebrief(
                scenario.id,
                scenario.title,
                len(mine),
                len({r.seat for r in mine}),
                [Spotted(k.label, k.kind, spotted[k.id]) for k in keyed],
                services,
                top(missed, TOP),
                top(extra, 3),
            )
        )
    other = sum(1 for r in rounds if r.scenario not in by_id)
    return Debrief(len(rounds), out, other, words)


def blocks(debrief: Debrief) -> list[Block]:
    out: list[Block] = [
        Heading(1, TITLE),
        Para(
            "Every round is anonymous: a random seat label, the answers given and the predictions made, "
            "nothing else. The rules' outcomes are what the screener gives on each scenario's answer key; "
            "they signpost and never decide."
        ),
    ]
    if not debrief.rounds:
        out.append(Para("No rounds have been recorded in this room yet."))
        return out
    scenarios = count(len(debrief.scenarios), "scenario", "scenarios")
    out.append(Para(f"Rounds recorded: {debrief.rounds}, across {scenarios}."))
    if debrief.other_rounds:
        others = count(debrief.other_rounds, "round is of a scenario", "rounds are of scenarios")
        out.append(Para(f"{others} this content pack does not have: left out."))
    for s in debrief.scenarios:
        out.append(Heading(2, f"{s.title} ({s.id})"))
        out.append(Para(f"{count(s.rounds, 'round', 'rounds')} from {count(s.seats, 'seat', 'seats')}."))
        out.append(Heading(3, "Who spotted each key answer"))
        out.append(
            Table(
                ("key answer", "spotted"),
                tuple(
                    (f"{a.answer} ({'indicator' if a.kind == 'indicator' else 'answer'})", f"{a.spotted} of {s.rounds}")
                    for a in s.spotted
                ),
            )
        )
        out.append(Heading(3, "Predictions against the rules"))
        words = [*debrief.outcome_words, "no prediction"]
        out.append(
            Table(
                ("service", "the rules give", *words),
                tuple(
                    (
                        v.service,
                        v.rules,
                        *(f"{v.predicted[w]}{' ✓' if w == v.rules else ''}" for w in words),
                    )
                    for v in s.services
                ),
            )
        )
        out.append(Heading(3, "Most common misses"))
        if s.misses:
            out.append(Bullets(tuple(f"{m.answer} ({m.kind}): missed in {m.rounds} of {s.rounds}" for m in s.misses)))
        else:
            out.append(Para("Nothing was missed."))
        if s.extras:
            out.append(Para("Most common extras (given, though the case does not give them):"))
            out.append(Bullets(tuple(f"{m.answer} ({m.kind}): in {m.rounds} of {s.rounds}" for m in s.extras)))
    return out


def debrief_output(debrief: Debrief, fmt: str) -> str | bytes:
    """The debrief in any format: text as text, Word and PDF as the file's bytes."""
    if fmt == "docx":
        from screener.render.docx import write_blocks

        return write_blocks(
            blocks(debrief), title_text=f"TRAINING — FICTIONAL CASE. {TITLE}", header=PAGE_HEADER, banner=DEBRIEF_BANNER
        )
    if fmt == "pdf":
        from screener.render.pdf import html_pdf

        return html_pdf(render_debrief(debrief, "html"))
    return render_debrief(debrief, fmt)


def render_debrief(debrief: Debrief, fmt: str) -> str:
    """The debrief in a text format."""
    if fmt == "json":
        fields = asdict(debrief)
        del fields["outcome_words"]  # the table's column heads; each service's counts name them already
        data = {"training": True, "banner": DEBRIEF_BANNER, **fields}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    laid_out = blocks(debrief)
    if fmt == "md":
        return f"**{escape(DEBRIEF_BANNER)}**\n\n" + "\n\n".join(block_markdown(b) for b in laid_out) + "\n"
    if fmt == "txt":
        return DEBRIEF_BANNER + "\n\n" + "\n\n".join("\n".join(block_lines(b)) for b in laid_out) + "\n"
    if fmt == "html":
        body = "\n".join([banner_html(DEBRIEF_BANNER), *(block_html(b) for b in laid_out)])
        return page(f"TRAINING — FICTIONAL CASE. {TITLE}", CSS + PRINT_CSS, body)
    raise ValueError(f"unknown format {fmt!r}")


def debrief_lines(debrief: Debrief) -> list[tuple[str, str]]:
    """The debrief as ``(style, text)`` lines for a screen: its plain text, headings marked."""
    lines: list[tuple[str, str]] = []
    for block in blocks(debrief):
        style = "heading" if isinstance(block, Heading) else ""
        lines.extend((style, line) for line in block_lines(block))
        lines.append(("", ""))
    return lines
