"""Choices of the screening app."""

from django.db import models


class ScreeningStatus(models.TextChoices):
    """Where a screening run stands."""

    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ScreeningScope(models.TextChoices):
    """What a screening run checks."""

    ORGANISATION = "organisation", "One organisation and its key individuals"
    ALL_ACTIVE = "all_active", "All active organisations and their key individuals"


class ScreeningTrigger(models.TextChoices):
    """Why a screening run happened."""

    REQUESTED = "requested", "Requested by a person"
    LIST_UPDATE = "list_update", "A watch list was updated"


class Decision(models.TextChoices):
    """A person's judgement of a hit."""

    TRUE_MATCH = "true_match", "True match"
    FALSE_POSITIVE = "false_positive", "False positive"
    NEEDS_ESCALATION = "needs_escalation", "Needs escalation"


class HitStatus(models.TextChoices):
    """Where a hit stands: no decision yet, a decision, or a clearing awaiting a second person."""

    NEW = "new", "Needs a decision"
    TRUE_MATCH = "true_match", "True match"
    FALSE_POSITIVE = "false_positive", "False positive"
    NEEDS_ESCALATION = "needs_escalation", "Needs escalation"
    AWAITING_SECOND_PERSON = "awaiting_second_person", "Awaiting second person"
