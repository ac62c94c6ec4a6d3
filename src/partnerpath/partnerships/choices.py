"""Choices of the partnerships app; the values are the core's (core/lifecycle), so rows map to
core types without translation tables."""

from django.db import models

from partnerpath.core.lifecycle import cadence, facts, health, stages
from partnerpath.core.lifecycle.agreement import IN_PLACE_LABELS, InPlace
from partnerpath.core.lifecycle.partnership_types import TYPE_LABELS, PartnershipType


class Stage(models.TextChoices):
    """Where a partnership stands on its journey."""

    IDENTIFIED = stages.Stage.IDENTIFIED.value, "Identified"
    CULTIVATING = stages.Stage.CULTIVATING.value, "Cultivating"
    CO_CREATION = stages.Stage.CO_CREATION.value, "Co-creation"
    AGREEMENT = stages.Stage.AGREEMENT.value, "Agreement"
    IMPLEMENTATION = stages.Stage.IMPLEMENTATION.value, "Implementation"
    REVIEW = stages.Stage.REVIEW.value, "Review and learning"
    SUSTAINED = stages.Stage.SUSTAINED.value, "Sustained / scaled"
    CLOSED = stages.Stage.CLOSED.value, "Closed"


class Type(models.TextChoices):
    """The partnership types of the brief's Table 2, plus a one-off engagement."""

    SUPPORTER = PartnershipType.SUPPORTER.value, TYPE_LABELS[PartnershipType.SUPPORTER]
    CSR = PartnershipType.CSR.value, TYPE_LABELS[PartnershipType.CSR]
    SHARED_VALUE = PartnershipType.SHARED_VALUE.value, TYPE_LABELS[PartnershipType.SHARED_VALUE]
    ONE_OFF = PartnershipType.ONE_OFF.value, TYPE_LABELS[PartnershipType.ONE_OFF]


class PartnerRole(models.TextChoices):
    """An organisation's role in a partnership."""

    LEAD = facts.PartnerRole.LEAD.value, "Lead"
    COMPANY = facts.PartnerRole.COMPANY.value, "Company partner"
    GOVERNMENT = facts.PartnerRole.GOVERNMENT.value, "Government"
    NGO = facts.PartnerRole.NGO.value, "NGO / CSO"
    DONOR = facts.PartnerRole.DONOR.value, "Donor"
    BROKER = facts.PartnerRole.BROKER.value, "Broker"


class ConcernCategory(models.TextChoices):
    """What a concern, fear or deal-breaker is about."""

    VISION = facts.ConcernCategory.VISION.value, "Vision"
    RISK = facts.ConcernCategory.RISK.value, "Risk"
    RESOURCES = facts.ConcernCategory.RESOURCES.value, "Resources"
    REPUTATION = facts.ConcernCategory.REPUTATION.value, "Reputation"
    LEGAL = facts.ConcernCategory.LEGAL.value, "Legal"
    WORKERS_SAFETY = facts.ConcernCategory.WORKERS_SAFETY.value, "Workers' safety"
    OTHER = facts.ConcernCategory.OTHER.value, "Other"


class Severity(models.TextChoices):
    """How much a concern weighs."""

    LOW = facts.Severity.LOW.value, "Low"
    MEDIUM = facts.Severity.MEDIUM.value, "Medium"
    HIGH = facts.Severity.HIGH.value, "High"


class ConcernStatus(models.TextChoices):
    """Where a concern stands."""

    OPEN = facts.ConcernStatus.OPEN.value, "Open"
    BEING_RESOLVED = facts.ConcernStatus.BEING_RESOLVED.value, "Being resolved"
    RESOLVED = facts.ConcernStatus.RESOLVED.value, "Resolved"
    ACCEPTED = facts.ConcernStatus.ACCEPTED.value, "Accepted"


UNSETTLED = [s.value for s in facts.UNSETTLED]


class Department(models.TextChoices):
    """A company department whose buy-in the partnership needs."""

    LEGAL = "legal", "Legal"
    SOURCING = "sourcing", "Sourcing / procurement"
    SUSTAINABILITY = "sustainability", "Sustainability / CSR"
    HR = "hr", "Human resources"
    SENIOR_LEADERSHIP = "senior_leadership", "Senior leadership"


class Stance(models.TextChoices):
    """Where a department stands on the partnership."""

    NOT_ENGAGED = "not_engaged", "Not engaged"
    INFORMED = "informed", "Informed"
    SUPPORTIVE = "supportive", "Supportive"
    OPPOSED = "opposed", "Opposed"


class ContributionKind(models.TextChoices):
    """What a partner brings."""

    CASH = "cash", "Cash"
    IN_KIND = "in_kind", "In kind"
    EXPERTISE = "expertise", "Expertise"


class Cadence(models.TextChoices):
    """How often the partners meet and check the partnership's health."""

    MONTHLY = cadence.Cadence.MONTHLY.value, "Monthly"
    EVERY_2_MONTHS = cadence.Cadence.EVERY_2_MONTHS.value, "Every 2 months"
    QUARTERLY = cadence.Cadence.QUARTERLY.value, "Quarterly"
    SIX_MONTHLY = cadence.Cadence.SIX_MONTHLY.value, "Every 6 months"
    YEARLY = cadence.Cadence.YEARLY.value, "Yearly"


class InPlaceRating(models.TextChoices):
    """How far one agreement ingredient is in place."""

    NOT_RELEVANT = InPlace.NOT_RELEVANT.value, IN_PLACE_LABELS[InPlace.NOT_RELEVANT]
    NOT_IN_PLACE = InPlace.NOT_IN_PLACE.value, IN_PLACE_LABELS[InPlace.NOT_IN_PLACE]
    PARTIALLY = InPlace.PARTIALLY.value, IN_PLACE_LABELS[InPlace.PARTIALLY]
    FULLY = InPlace.FULLY.value, IN_PLACE_LABELS[InPlace.FULLY]


class Aspect(models.TextChoices):
    """What a health check rates."""

    TRUST = health.Aspect.TRUST.value, "Trust"
    COMMUNICATION = health.Aspect.COMMUNICATION.value, "Communication"
    MUTUAL_BENEFIT = health.Aspect.MUTUAL_BENEFIT.value, "Mutual benefit"
    PROGRESS = health.Aspect.PROGRESS.value, "Progress"
    RESOURCES = health.Aspect.RESOURCES.value, "Resources"
    SHARED_VISION = health.Aspect.SHARED_VISION.value, "Shared vision"


class Light(models.TextChoices):
    """A health rating."""

    GREEN = health.Light.GREEN.value, "Green"
    AMBER = health.Light.AMBER.value, "Amber"
    RED = health.Light.RED.value, "Red"


class EventKind(models.TextChoices):
    """What a timeline entry records."""

    CREATED = "created", "Created"
    RECORD = "record", "Record edited"
    STAGE_MOVE = "stage_move", "Stage move"
    OVERRIDE = "override", "Gate override"
    PARTNER = "partner", "Partner"
    TYPE = "type", "Partnership type"
    CONCERN = "concern", "Concern"
    BUY_IN = "buy_in", "Internal buy-in"
    MEETING = "meeting", "Meeting or workshop"
    DECISION = "decision", "Decision"
    ACTION = "action", "Action item"
    AGREEMENT = "agreement", "Agreement"
    HEALTH_CHECK = "health_check", "Health check"
