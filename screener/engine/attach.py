"""The engine's last step: an area file's contacts and notes, and the provenance, put on a summary.

The engine takes an area as data (``screener.area.model``) only: reading an area
file, the machine's default area and what the pages say about an area belong to
the faces and the CLI. Contacts reach the summary as plain data (``ContactRef``),
so a renderer needs nothing but the summary.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from screener import __version__
from screener.area.model import Area
from screener.content.pack import Pack
from screener.summary import AreaProvenance, AreaRef, ContactRef, PackProvenance, Provenance, Summary


def provenance(pack: Pack, area: Area | None, day: dt.date) -> Provenance:
    """What produced a summary: the pack (id, version, digest), the area file, Screener, the day."""
    return Provenance(
        pack=PackProvenance(id=pack.info.id, version=pack.info.version, digest=pack.digest),
        area=(
            AreaProvenance(id=area.id, verified_on=area.model.verified_on, digest=area.digest)
            if area is not None
            else None
        ),
        screener_version=__version__,
        screening_date=day,
    )


def attach(summary: Summary, area: Area | None, pack: Pack) -> Summary:
    """The summary with the area's contacts, notes, reference and stale notice, and its provenance."""
    if area is None:
        return dataclasses.replace(summary, provenance=provenance(pack, None, summary.as_at))
    if area.jurisdiction != summary.jurisdiction:
        # The walkthrough can change jurisdiction after an area was chosen: never mix them.
        notice = f"The area file {area.name} is for {area.jurisdiction}, so it was not used for this case."
        return dataclasses.replace(
            summary, notices=[*summary.notices, notice], provenance=provenance(pack, None, summary.as_at)
        )
    m = area.model
    signposts = []
    for signpost in summary.signposts:
        contacts = [
            ContactRef(id=c.id, name=c.name, phone=c.phone, email=c.email, hours=c.hours)
            for c in m.contacts
            if signpost.id in c.for_
        ]
        notes = [f"{n.text} ({area.name}, area file)" for n in m.notes if n.for_ == signpost.id]
        signposts.append(dataclasses.replace(signpost, contacts=contacts, local=[*signpost.local, *notes]))
    notices = list(summary.notices)
    if area.stale(summary.as_at):
        notices.insert(
            0,
            f"The area file {area.name} was due for review on {m.review_due.isoformat()}: "
            "check its contacts and local facts before relying on them.",
        )
    return dataclasses.replace(
        summary,
        signposts=signposts,
        notices=notices,
        area=AreaRef(id=m.id, name=m.name, verified_on=m.verified_on, review_due=m.review_due),
        provenance=provenance(pack, area, summary.as_at),
    )
