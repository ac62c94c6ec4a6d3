"""Controlled vocabularies of due diligence (values from the core, labels for people)."""

from django.db import models

from partnerpath.core.risk.checklist import ANSWER_LABELS, QUESTIONS
from partnerpath.core.risk.reference import TIER_LABELS


class ReferenceKind(models.TextChoices):
    """The kinds of reference data imported."""

    DOL_GOODS = "dol-goods", "DOL List of Goods (child and forced labour)"
    TIP_TIERS = "tip-tiers", "TIP Report tier placements"
    PREVALENCE = "prevalence", "Prevalence of modern slavery"


# Values and labels kept by the core; listed here for model fields and forms.
TIER_CHOICES: list[tuple[str, str]] = [(t.value, label) for t, label in TIER_LABELS.items()]
ANSWER_CHOICES: list[tuple[str, str]] = [(a.value, label) for a, label in ANSWER_LABELS.items()]
QUESTION_CHOICES: list[tuple[str, str]] = [(q.key, q.text) for q in QUESTIONS]


class RiskLevel(models.TextChoices):
    """Inherent risk of an organisation (core.risk.profile.RiskLevel)."""

    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    VERY_HIGH = "very high", "Very high"


class Rating(models.TextChoices):
    """The due-diligence checklist's rating (core.risk.checklist.Rating)."""

    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    UNACCEPTABLE = "unacceptable", "Unacceptable"


class IncidentKind(models.TextChoices):
    """How sure the programme is about a case."""

    SUSPECTED = "suspected", "Suspected case"
    IDENTIFIED = "identified", "Identified case"


class IncidentStatus(models.TextChoices):
    """Where the handling of a case stands."""

    OPEN = "open", "Open"
    REFERRED = "referred", "Referred"
    CLOSED = "closed", "Closed"


class ProtocolScope(models.TextChoices):
    """What a risk protocol covers; partnerships get their own protocols later."""

    PROGRAMME = "programme", "The whole programme"
