"""Facts the engine works out from a case rather than asking for: where each holds, and from what.

Conditions in the pack may test these by name like any asked fact. Their ids are
in ``screener.vocabulary`` (``DERIVED_FACTS``) and their labels, shown wherever a
criterion or signpost explains itself, in the pack (``wording.yaml``).
"""

from __future__ import annotations

# Derived facts worked out for some parts of the UK only; a condition elsewhere may not use them.
DERIVED_JURISDICTIONS: dict[str, tuple[str, ...]] = {
    "scotland_support_continues": ("scotland",),
    "within_pilot_exclusion": ("england-wales", "scotland", "northern-ireland"),
}

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
}
