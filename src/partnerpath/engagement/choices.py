"""Choices of the engagement app."""

from django.db import models


class InteractionKind(models.TextChoices):
    """How the programme met or talked with an organisation."""

    MEETING = "meeting", "Meeting"
    CALL = "call", "Call"
    EMAIL = "email", "E-mail"
    WORKSHOP = "workshop", "Workshop"
    EVENT = "event", "Event"
    SITE_VISIT = "site_visit", "Site visit"


class ConnectionKind(models.TextChoices):
    """How two people know each other."""

    KNOWS = "knows", "knows"
    WORKED_WITH = "worked_with", "worked with"
    INTRODUCED_BY = "introduced_by", "was introduced by"
