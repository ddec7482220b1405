"""The ids the code must know, in one place: their words are content (``indicators/wording.yaml``).

Each list here is a promise between the code and the pack: the walkthrough asks
these built-in questions, cases carry these NRM statuses and answers, the engine
gives these outcomes, statuses and urgencies and works out these facts. The loader
refuses a pack whose ``wording.yaml`` misses one or adds another, so a sentence can
be changed without a code change and an id cannot be added without one. The
case-file contract's facts and signposts are defined by the pack itself
(``questions.yaml``, ``signposts.yaml``); the loader refuses a pack that leaves one
of them out.
"""

from __future__ import annotations

from typing import Literal, get_args

# The walkthrough's own questions; every other question is an asked fact from questions.yaml.
BuiltinQuestionId = Literal[
    "jurisdiction", "reference", "age", "age_disputed", "nrm_status", "referred_on", "decision_on", "leave_granted_on"
]
BUILTIN_QUESTIONS: tuple[BuiltinQuestionId, ...] = get_args(BuiltinQuestionId)

# Where a child is in the National Referral Mechanism, in the order offered.
NrmStatus = Literal[
    "none",
    "referred",
    "rg-positive",
    "rg-negative",
    "cg-positive",
    "cg-negative",
    "disqualified",
    "withdrawn",
    "unknown",
]
NRM_STATUSES: tuple[NrmStatus, ...] = get_args(NrmStatus)
# Statuses that follow a decision, and so have a decision date.
DECISION_STATUSES: tuple[NrmStatus, ...] = ("rg-positive", "rg-negative", "cg-positive", "cg-negative", "disqualified")
# Statuses that follow a referral, and so may have a referral date.
REFERRED_STATUSES: tuple[NrmStatus, ...] = ("referred", *DECISION_STATUSES, "withdrawn")

# A guardianship service's outcome: what the stated criteria indicate, never a decision.
ServiceStatus = Literal["criteria-met", "criteria-may-be-met", "criteria-not-met"]
SERVICE_STATUSES: tuple[ServiceStatus, ...] = get_args(ServiceStatus)

# A yes / no / not-known fact's answer, as a case records it.
AnswerValue = Literal["yes", "no", "unknown"]
ANSWERS: tuple[AnswerValue, ...] = get_args(AnswerValue)

# A sign is something seen or heard; a risk factor is a circumstance that makes
# exploitation more likely. Practitioners are taught to tell them apart.
IndicatorKind = Literal["sign", "risk-factor"]
INDICATOR_KINDS: tuple[IndicatorKind, ...] = get_args(IndicatorKind)

# A criterion's status, and a route's (met when all its criteria are), in the summary.
CriterionStatus = Literal["met", "not-met", "unknown"]
CRITERION_STATUSES: tuple[CriterionStatus, ...] = get_args(CriterionStatus)

# How soon a signpost is for, most urgent first (the order the summary lists them in).
Urgency = Literal["today", "this-week", "soon", "ongoing"]
URGENCIES: tuple[Urgency, ...] = get_args(Urgency)

# Facts the engine works out from a case rather than asking (screener.content.derived says from what).
DerivedFact = Literal[
    "under_18",
    "aged_18_to_20",
    "age_disputed",
    "approaching_18",
    "within_pilot_exclusion",
    "leave_granted",
    "scotland_support_continues",
    "indicators_noted",
    "signs_noted",
]
DERIVED_FACTS: tuple[DerivedFact, ...] = get_args(DerivedFact)

# The answers that are not facts, named where the summary says what would settle an outcome.
InputId = Literal["age", "date_of_birth", "age_disputed", "nrm_status", "decision_on", "leave_granted_on"]
INPUTS: tuple[InputId, ...] = get_args(InputId)

# What a training scenario is there to teach, beyond its form of exploitation (its ``features``).
# Each tag the case can show is checked against the case (features.yaml, training/features.py).
Feature = Literal[
    "british-child",
    "unaccompanied-child",
    "age-dispute",
    "approaching-18",
    "pilot-exclusion",
    "negative-nrm",
    "criminal-proceedings",
    "outside-ictg-area",
    "ictg-exceptional",
    "ukraine-route",
    "after-18",
    "ni-not-in-touch-with-pr",
    "ni-separated-at-risk",
    "ni-pr-implicated",
]
FEATURES: tuple[Feature, ...] = get_args(Feature)

# The case-file contract: the facts the pack must ask, and the signposts it must give.
CONTRACT_FACTS = (
    "trafficking_concern",
    "pr_in_uk",
    "in_touch_with_pr",
    "pr_implicated",
    "separated",
    "unaccompanied_asylum_seeking",
    "from_ukraine",
    "in_la_care",
    "at_risk_of_harm",
    "ictg_area",
    "exceptional_circumstances",
    "ni_under21_circumstances",
    "devolved_pilot_area",
    "criminal_proceedings",
)
CONTRACT_SIGNPOSTS = (
    "nrm-referral",
    "non-punishment",
    "legal-advice",
    "age-assessment",
    "nrm-reconsideration",
    "transition-to-adulthood",
    "missing-from-care",
    "devolved-decision-making",
    "immigration-leave",
    "information-sharing",
    "children-services",
)
