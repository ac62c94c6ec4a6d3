"""Choices of prioritisation: opportunity status and partnership type, the roles of organisations
in an opportunity, how weights were set, and whether a round is open."""

from django.db import models


class OpportunityStatus(models.TextChoices):
    """Where an opportunity stands; a dropped one keeps the reason it was dropped."""

    IDEA = "idea", "Idea"
    SCORING = "scoring", "Being scored"
    SELECTED = "selected", "Selected for development"
    PARKED = "parked", "Parked"
    DROPPED = "dropped", "Dropped"


class PartnershipType(models.TextChoices):
    """The brief's partnership types (Table 2), plus a one-off engagement for quick wins."""

    SUPPORTER = "supporter", "Supporter"
    CSR = "csr", "CSR / philanthropy"
    SHARED_VALUE = "shared_value", "Shared value"
    ONE_OFF = "one_off", "One-off engagement"


class OrganisationRole(models.TextChoices):
    """What an organisation would do in the opportunity."""

    PARTNER = "partner", "Company partner"
    CO_FUNDER = "co_funder", "Co-funder"
    IMPLEMENTER = "implementer", "Implementing partner"
    GOVERNMENT = "government", "Government counterpart"
    BROKER = "broker", "Broker / convener"
    OTHER = "other", "Other"


class WeightMethod(models.TextChoices):
    """How agreed weights were set."""

    DIRECT = "direct", "Entered directly"
    AHP = "ahp", "Pairwise comparisons (AHP)"


class RoundStatus(models.TextChoices):
    """An open round takes scores; a closed one does not."""

    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
