"""The room's HTML: semantic, script-free forms, one renderer for every page.

Every question is a fieldset with its legend, every control has a label, each
page has one h1, results are in a live region, and the layout is one column
that reads at 320 px. Every text is escaped here, so nothing typed or stored is
ever markup.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from html import escape

from screener.render.document import Heading, Table
from screener.render.html import block_html
from screener.training.debrief import DEBRIEF_BANNER, Debrief, blocks
from screener.training.models import Scenario
from screener.training.round import FICTIONAL_CASE
from screener.walkthrough import Answers, Question
from screener.web.qr import qr_svg
from screener.web.rounds import WebRound

PRIVACY = (
    "Every scenario here is fictional. The room keeps each finished round anonymously (a random seat, "
    "the answers and predictions as fixed values): no names, no free text, nothing about a real child."
)
CSS = """
html { font-family: system-ui, sans-serif; line-height: 1.5; color: #111; background: #fff; }
body { margin: 0 auto; max-width: 46rem; padding: 0 1rem; }
.banner { background: #111; color: #fff; padding: 0.5rem; font-weight: bold; }
fieldset { border: 1px solid #555; margin: 1rem 0; padding: 0.5rem 0.75rem; min-width: 0; }
legend { font-weight: bold; padding: 0 0.25rem; }
label { display: block; padding: 0.25rem 0; }
input[type=text] { font-size: 1rem; max-width: 100%; }
button { font-size: 1.1rem; padding: 0.5rem 1rem; margin: 0.5rem 0; }
.problem { color: #a00; font-weight: bold; }
.hint { color: #333; }
.vignette { border-left: 4px solid #555; padding-left: 0.75rem; }
.code { font-size: 3rem; letter-spacing: 0.2em; font-family: monospace; overflow-wrap: anywhere; }
/* Boxes a finger can hit on a phone, sitting on the line of their label. */
input[type=radio], input[type=checkbox] {
  width: 1.25rem; height: 1.25rem; margin: 0 0.4rem 0 0; vertical-align: -0.25rem;
}
.wide { overflow-x: auto; }
h5, h6 { font-size: 1em; }
/* The facilitator's page in large type on a projector's wide screen; a phone keeps the usual size. */
@media (min-width: 60rem) { body.projector { font-size: 1.5rem; max-width: 72rem; } }
.qr svg { display: block; width: min(20rem, 100%); height: auto; background: #fff; }
.qr figcaption { overflow-wrap: anywhere; }
*:focus { outline: 3px solid #0b57d0; outline-offset: 2px; }
table { border-collapse: collapse; } th, td { border: 1px solid #777; padding: 0.25rem; text-align: left; }
"""
TAB_TITLE = 70
REFRESH_JS = """// Refreshes the facilitator's debrief every few seconds; the page works without it.
(function () {
  var region = document.getElementById("debrief");
  if (!region || !window.fetch) { return; }
  setInterval(function () {
    fetch("/f/debrief-part", { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { region.innerHTML = html; } })
      .catch(function () {});
  }, 5000);
})();
"""


def page(title: str, body: str, *, script: bool = False, extra_class: str = "") -> str:
    tail = '<script src="/room.js"></script>' if script else ""
    body_class = f' class="{extra_class}"' if extra_class else ""
    # A tab's title is cut after some 70 characters; a long page title goes without the room's name.
    tab = f"{title} — Screener training room"
    tab = tab if len(tab) <= TAB_TITLE else title
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(tab)}</title>\n"
        '<link rel="stylesheet" href="/room.css">\n</head>\n'
        f"<body{body_class}>\n"
        f'<header><p class="banner">{escape(FICTIONAL_CASE)}</p></header>\n'
        f"<main>\n<h1>{escape(title)}</h1>\n{body}\n</main>\n"
        f"<footer><p>{escape(PRIVACY)}</p></footer>\n{tail}</body>\n</html>\n"
    )


def hidden(name: str, value: str) -> str:
    return f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'


def form(action: str, form_token: str, inner: str, button: str) -> str:
    return (
        f'<form method="post" action="{escape(action)}">\n{hidden("form_token", form_token)}\n{inner}\n'
        f'<button type="submit">{escape(button)}</button>\n</form>'
    )


def message(title: str, text: str, status: int = 200) -> str:
    return page(title, f"<p>{escape(text)}</p>")


def join_page(problem: str | None = None) -> str:
    said = f'<p class="problem" role="alert">{escape(problem)}</p>' if problem else ""
    inner = (
        '<label for="code">Join code (from the facilitator)</label>\n'
        '<input type="text" id="code" name="code" autocomplete="off" autocapitalize="characters" '
        'spellcheck="false" required>'
    )
    return page(
        "Join the training room",
        said + '<form method="get" action="/join">\n' + inner + '\n<button type="submit">Join</button>\n</form>',
    )


def scenarios_page(scenarios: Sequence[Scenario], names: Mapping[str, str], form_token: str, is_open: bool) -> str:
    if not is_open:
        return page("The room is closed", "<p>The facilitator has not opened the room yet. Reload this page soon.</p>")
    options = "\n".join(
        f'<label><input type="radio" name="scenario" value="{escape(s.id)}"{" checked" if i == 0 else ""}> '
        f"{escape(s.title)} · {escape(names.get(s.jurisdiction, s.jurisdiction))}</label>"
        for i, s in enumerate(scenarios)
    )
    inner = f"<fieldset>\n<legend>Choose a scenario (all fictional)</legend>\n{options}\n</fieldset>"
    intro = (
        "<p>Practice round: read the case, answer each question yourself from what you read, predict what "
        "the summary will say, then compare with the scenario's answer key.</p>"
    )
    return page("Choose a scenario", intro + form("/t/start", form_token, inner, "Start"))


def vignette_html(web: WebRound) -> str:
    return _vignette_html(web.round.scenario.title, web.round.vignette())


@functools.lru_cache(maxsize=256)
def _vignette_html(title: str, vignette: str) -> str:
    """A scenario's case, made once: it heads every page of every round of it."""
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in vignette.split("\n\n"))
    return (
        f'<section aria-labelledby="case-h"><h2 id="case-h">The case: {escape(title)}</h2>\n'
        f'<div class="vignette">{paragraphs}</div></section>'
    )


def _checked(flag: bool) -> str:
    return " checked" if flag else ""


def dom_id(text: str) -> str:
    """A question id as an element id: a prediction's ``predict:...`` holds a colon, which a CSS selector cannot."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


def question_html(question: Question, answers: Answers, chosen: Iterable[str] | None, problem: str | None) -> str:
    qid = dom_id(question.id)
    name = escape(question.id)
    described = []
    parts = []
    if question.hint:
        parts.append(f'<p class="hint" id="{qid}-hint">{escape(question.hint)}</p>')
        described.append(f"{qid}-hint")
    if problem:
        parts.append(f'<p class="problem" id="{qid}-problem" role="alert">{escape(problem)}</p>')
        described.append(f"{qid}-problem")
    aria = f' aria-describedby="{" ".join(described)}"' if described else ""
    if question.kind in ("choice", "indicators"):
        current = set(chosen) if chosen is not None else _current(question, answers)
        kind = "checkbox" if question.kind == "indicators" else "radio"
        for n, option in enumerate(question.options):
            oid = f"{qid}-{n}"
            detail = f' <span class="hint">{escape(option.detail)}</span>' if option.detail else ""
            parts.append(
                f'<label><input type="{kind}" id="{oid}" name="{name}" value="{escape(option.value)}"'
                f"{_checked(option.value in current)}> {escape(option.label)}{detail}</label>"
            )
    else:
        value = "" if chosen is None else next(iter(chosen), "")
        parts.append(
            f'<label for="{qid}-text">Your answer (leave empty if not known)</label>'
            f'<input type="text" id="{qid}-text" name="{name}" value="{escape(value)}">'
        )
    return (
        f"<fieldset{aria}>\n<legend>{escape(question.prompt or question.title)}</legend>\n"
        + "\n".join(parts)
        + "\n</fieldset>"
    )


def _current(question: Question, answers: Answers) -> set[str]:
    value = answers.get(question)
    if question.kind == "indicators":
        return set(value)
    return {value} if isinstance(value, str) else set()


def step_page(web: WebRound, form_token: str, problems: Mapping[str, str], posted: Mapping[str, Sequence[str]]) -> str:
    steps = web.steps()
    questions = web.questions()
    if web.predicting:
        title = "Predictions"
        intro = (
            "<p>What will the summary say? Choose what you expect; leave a question unanswered for no prediction.</p>"
        )
    else:
        title = f"Step {web.step + 1} of {len(steps)}: {steps[web.step][1]}"
        intro = "<p>Answer from what you read in the case; choose not known where it does not say.</p>"
    answers = web.session.answers
    fields = "\n".join(
        question_html(
            q,
            answers,
            (posted.get(q.id, ()) if posted else None)
            if not web.predicting
            else sorted(web.round.predictions.get(q.id, ())),
            problems.get(q.id),
        )
        for q in questions
    )
    said = (
        f'<p class="problem" role="alert">{len(problems)} answer{"s" if len(problems) != 1 else ""} to check below.</p>'
        if problems
        else ""
    )
    button = "See the results" if web.predicting else "Next"
    return page(title, said + intro + vignette_html(web) + form(f"/t/round/{web.id}", form_token, fields, button))


def results_page(web: WebRound) -> str:
    lines = web.results()
    out: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            out.append("<ul>\n" + "\n".join(items) + "\n</ul>")
            items.clear()

    for style, line in lines:
        if style == "heading":
            flush()
            out.append(f"<h2>{escape(line)}</h2>")
        elif line.strip():
            items.append(f"<li>{escape(line)}</li>")
    flush()
    recorded = (
        "Round recorded in the room, anonymously."
        if web.problem is None
        else f"Not recorded in the room: {web.problem}"
    )
    body = (
        f'<div role="status" aria-live="polite"><p><strong>{escape(recorded)}</strong></p>\n'
        + "\n".join(out)
        + '</div>\n<p><a href="/t">Play another scenario</a></p>'
    )
    return page(f"Results: {web.round.scenario.title}", body)


def debrief_part(debrief: Debrief, rounds: int, left_out: Sequence[str] = ()) -> str:
    # The debrief sits under the page's h2: its own headings go two levels down.
    laid_out = [
        dataclasses.replace(b, level=min(b.level + 2, 6)) if isinstance(b, Heading) else b for b in blocks(debrief)
    ]
    said = f"<p>{rounds} round{'s' if rounds != 1 else ''} in the room.</p>\n"
    if left_out:
        n = len(left_out)
        said += (
            f'<p class="problem">{n} round{"s" if n != 1 else ""} in the room file could not be read and '
            f"{'are' if n != 1 else 'is'} left out of this debrief (the first: {escape(left_out[0])}).</p>\n"
        )
    out = []
    heading = "Debrief"
    for b in laid_out:
        if isinstance(b, Heading):
            heading = b.text
        if isinstance(b, Table):
            # A table wider than a phone scrolls sideways in its own box, which the keyboard can reach,
            # rather than widening the whole page.
            out.append(f'<section class="wide" aria-label="{escape(heading)}" tabindex="0">{block_html(b)}</section>')
        else:
            out.append(block_html(b))
    return said + "\n".join(out)


def unreadable_room(problem: str) -> str:
    """The debrief's place when the room file cannot be read at all."""
    return f'<p class="problem">The debrief cannot be shown: {escape(problem)}.</p>'


def facilitator_page(
    *,
    trainee_url: str,
    join_url: str,
    join_code: str,
    is_open: bool,
    scenario: str | None,
    scenarios: Sequence[Scenario],
    form_token: str,
    debrief: str,
) -> str:
    state = "open" if is_open else "closed"
    choices = [("", "Any scenario")] + [(s.id, s.title) for s in scenarios]
    options = "\n".join(
        f'<label><input type="radio" name="scenario" value="{escape(v)}"{_checked((scenario or "") == v)}> '
        f"{escape(t)}</label>"
        for v, t in choices
    )
    control = form(
        "/f/room",
        form_token,
        f"<fieldset>\n<legend>Scenario for the room</legend>\n{options}\n</fieldset>\n"
        f"<fieldset>\n<legend>The room is {state}</legend>\n"
        f'<label><input type="radio" name="state" value="open"{_checked(is_open)}> Open: trainees can play</label>\n'
        f'<label><input type="radio" name="state" value="closed"{_checked(not is_open)}> Closed</label>\n</fieldset>',
        "Apply",
    )
    body = (
        '<section aria-labelledby="join-h"><h2 id="join-h">Join</h2>\n'
        f'<p>Trainees open <a href="{escape(trainee_url)}">{escape(trainee_url)}</a> and type the code:</p>\n'
        f'<p class="code">{escape(join_code)}</p>\n'
        f'<figure class="qr">{qr_svg(join_url)}\n<figcaption>Or scan this with a phone\'s camera: it opens '
        f'<a href="{escape(join_url)}">{escape(join_url)}</a>, the join code in it.</figcaption></figure></section>\n'
        f'<section aria-labelledby="room-h"><h2 id="room-h">The room</h2>\n{control}</section>\n'
        f'<section aria-labelledby="debrief-h"><h2 id="debrief-h">Debrief</h2>\n'
        f'<p>{escape(DEBRIEF_BANNER)}</p>\n<div id="debrief" aria-live="polite">{debrief}</div></section>'
    )
    return page("Facilitator", body, script=True, extra_class="projector")
