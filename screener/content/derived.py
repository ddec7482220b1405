"""Facts the engine works out from a case rather than asking for: where each holds, and from what.

Conditions in the pack may test these by name like any asked fact. Their ids are
in ``screener.vocabulary`` (``DERIVED_FACTS``) and their labels, shown wherever a
criterion or signpost explains itself, in the pack (``wording.yaml``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# Derived facts worked out for some parts of the UK only; a condition elsewhere may not use them.
DERIVED_JURISDICTIONS: dict[str, tuple[str, ...]] = {
    "scotland_support_continues": ("scotland",),
    "within_pilot_exclusion": ("england-wales", "scotland", "northern-ireland"),
}

# Facts of the case-file contract that join two facts in one question, asked in the walkthrough as
# their parts: a child can be unaccompanied and not (yet) seeking asylum, or seek asylum with a parent
# here. A case may still give the whole fact (older case files do); when it does not, the whole is
# worked out from the parts (yes when every part is yes, no when any is no, not known otherwise),
# and the rules keep reading the whole.
IN_PARTS: dict[str, tuple[str, ...]] = {
    "unaccompanied_asylum_seeking": ("unaccompanied", "seeking_asylum"),
}
# Each part, and the whole it belongs to.
PART_OF: dict[str, str] = {part: whole for whole, parts in IN_PARTS.items() for part in parts}


def all_parts(values: Iterable[str]) -> str:
    """Yes when every answer is yes, no when any is no, else not known (Kleene AND)."""
    given = list(values)
    if "no" in given:
        return "no"
    return "unknown" if "unknown" in given else "yes"


def wholes(facts: Mapping[str, str]) -> dict[str, str]:
    """Each whole the answers leave not known, worked out from its parts. One rule for every reader
    of a case (the engine, the walkthrough's judging of what to ask, training's feature checks)."""
    return {
        whole: all_parts(facts.get(part, "unknown") for part in parts)
        for whole, parts in IN_PARTS.items()
        if facts.get(whole, "unknown") == "unknown"
    }


def contradiction(facts: Mapping[str, str]) -> tuple[str, str] | None:
    """(whole, its first part given) where a case's answers to a whole and its parts cannot both hold:
    the whole yes with a part no, or the whole no with every part yes. Not known never contradicts."""
    for whole, parts in IN_PARTS.items():
        given = facts.get(whole, "unknown")
        worked_out = all_parts(facts.get(part, "unknown") for part in parts)
        if given != "unknown" and worked_out not in ("unknown", given):
            return whole, next(part for part in parts if facts.get(part, "unknown") != "unknown")
    return None


def split(facts: Mapping[str, str]) -> dict[str, str] | None:
    """The facts with each whole given alongside any of its parts turned into parts alone (for the
    walkthrough, which asks the parts); None when no such whole. A whole given with no part is kept:
    it cannot always be split (no says one part is no, not which). Assumes no contradiction.

    A whole of yes makes every part yes; a whole of no, with every part but one yes, makes that one no.
    """
    out = dict(facts)
    for whole, parts in IN_PARTS.items():
        given = facts.get(whole, "unknown")
        if all(facts.get(p, "unknown") == "unknown" for p in parts):
            continue
        out.pop(whole, None)
        unknown = [p for p in parts if facts.get(p, "unknown") == "unknown"]
        if given == "yes":
            out.update(dict.fromkeys(unknown, "yes"))
        elif given == "no" and len(unknown) == 1 and all(facts.get(p) == "yes" for p in parts if p not in unknown):
            out[unknown[0]] = "no"
    return out if out != dict(facts) else None


# The answers a practitioner gives that each derived fact is worked out from;
# ``settle_by`` names these, since a derived fact cannot be answered directly.
DERIVED_FROM: dict[str, tuple[str, ...]] = {
    "under_18": ("age", "age_disputed"),
    "aged_18_to_20": ("age",),
    "age_disputed": ("age_disputed",),
    "approaching_18": ("age",),
    "within_pilot_exclusion": ("age",),
    "leave_granted": ("leave_granted_on",),
    "scotland_support_continues": ("age", "nrm_status", "decision_on", "leave_granted_on"),
    "indicators_noted": (),
    # A sign is something seen; a risk factor alone is not a sign that exploitation is happening.
    "signs_noted": (),
    # Worked out from its parts where a case does not give it whole.
    **IN_PARTS,
}
