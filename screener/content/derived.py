"""Facts the engine works out from a case rather than asking for.

Conditions in the pack may test these by name like any asked fact; their
labels are shown wherever a criterion or signpost explains itself.
"""

from __future__ import annotations

DERIVED_FACTS: dict[str, str] = {
    "under_18": "under 18, or treated as a child while their age is assessed",
    "aged_18_to_20": "aged 18, 19 or 20",
    "age_disputed": "age disputed",
    "approaching_18": "turns 18 within the next year",
    "within_pilot_exclusion": "within 100 days of turning 18",
    "leave_granted": "immigration leave granted",
    "scotland_support_continues": "within three months of leave or a conclusive grounds decision after 18",
    "indicators_noted": "at least one indicator noted",
}

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
}

# Labels for the non-fact inputs named in settle_by and follow-up questions.
INPUT_LABELS: dict[str, str] = {
    "age": "the child's date of birth or age",
    "date_of_birth": "the child's date of birth",
    "age_disputed": "whether the child's age is disputed",
    "nrm_status": "the NRM status",
    "decision_on": "the date of the latest NRM decision",
    "leave_granted_on": "the date immigration leave was granted",
}

# The same inputs asked as questions, for the summary's follow-up list (a fact's question is its pack prompt).
INPUT_QUESTIONS: dict[str, str] = {
    "age": "How old is the child, or what is their date of birth?",
    "date_of_birth": "What is the child's date of birth?",
    "age_disputed": "Is the child's age disputed?",
    "nrm_status": "Where is the child in the National Referral Mechanism (NRM)?",
    "decision_on": "On what date was the latest NRM decision made?",
    "leave_granted_on": "Has the child been granted immigration leave, and if so on what date?",
}
