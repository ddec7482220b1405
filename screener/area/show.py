"""What the pages say about an area file: the welcome lines, a question's hint, the template.

What an area adds to a summary is the engine's step (``screener.engine.attach``)."""

from __future__ import annotations

import datetime as dt

from screener.area.model import Area
from screener.textsafe import printable

TEMPLATE = """\
# A Screener area file: your area's own contacts, local notes and settled facts.
# The national content pack stays as it is; this file adds what is local.
# Check it with:  screener area check THIS-FILE
# Use it with:    screener --area THIS-FILE   or   screener area use THIS-FILE
# Every entry must be true: check each one, then set verified_on to the day you did.

schema: screener-area/1
id: my-area                          # lower-case words and hyphens
name: My Area                        # shown in every summary that uses this file
jurisdiction: england-wales          # england-wales | scotland | northern-ireland
verified_on: {today}                 # when someone last checked every entry
review_due: {review}                 # after this, summaries say the file is due for review
maintainer: My Safeguarding Partnership, business unit   # who to tell when it is wrong

# Answers this area settles for every case, dated. A practitioner's own yes or no
# still wins. Values: yes | no | unknown. 'until' (optional) is the last day.
facts:
  devolved_pilot_area:
    - {{value: "no", from: 2023-02-01}}

# Who to call, attached to national signposts by id (see: screener indicators, or
# the signposts of the pack). Phone numbers are text: keep the quotes.
contacts:
  - id: front-door
    name: Children's Services Front Door
    phone: "01632 960000"
    email: frontdoor@example.invalid
    hours: Monday to Friday, 9am to 5pm
    for: [children-services, information-sharing]

# Local pathways, each tied to one signpost.
notes:
  - for: missing-from-care
    text: Describe the local return-conversation arrangements here.
"""


def template(today: dt.date) -> str:
    review = today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) else today
    return TEMPLATE.format(today=today.isoformat(), review=review.isoformat())


def welcome_area_lines(area: Area | None, in_use: bool, day: dt.date) -> list[str]:
    """What the welcome page says about the area file: which one is in use, and how to choose none."""
    if area is None:
        return ["Area file: none (add local contacts with --area FILE)."]
    m = area.model
    if not in_use:
        return [f"Area file: none chosen for this screening ({area.name} is available: {printable(area.path)})."]
    lines = [
        f"Area file: {area.name}, checked {m.verified_on.isoformat()}, for {area.jurisdiction} "
        f"({printable(area.path)}). "
        "Its contacts and local facts are added to the summary; your own answers win."
    ]
    if area.stale(day):
        lines.append(f"This area file was due for review on {m.review_due.isoformat()}: check it before relying on it.")
    return lines


def settled_hint(
    area: Area | None, in_use: bool, jurisdiction: str | None, fact_id: str, answer: str, day: dt.date
) -> str | None:
    """What a question page says when the area file settles its fact; None when it does not.

    The area's value fills only a not-known answer (``settle``), so the hint says which
    holds: the area's, or the practitioner's own answer over it.
    """
    if area is None or not in_use or jurisdiction != area.jurisdiction:
        return None
    value = area.facts_on(day).get(fact_id)
    if value is None:
        return None
    said = {"yes": "Yes", "no": "No"}[value]
    where = f"{area.name}, checked {area.model.verified_on.isoformat()}"
    if answer == "unknown":
        return (
            f"From the area file ({where}): {said}. You can override it: answer here; "
            "Not known keeps the area file's answer."
        )
    if answer == value:
        return f"The area file ({where}) gives the same answer: {said}."
    return f"Your answer overrides the area file ({where}), which says {said}."
