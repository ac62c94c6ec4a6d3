"""Choices of the accounts app."""

from django.db import models


class Role(models.TextChoices):
    """A user's role in one programme, from most to least rights."""

    ADMIN = "admin", "Programme admin"
    PSE_LEAD = "pse_lead", "PSE lead"
    MEMBER = "member", "Team member"
    REVIEWER = "reviewer", "Reviewer"
    VIEWER = "viewer", "Viewer"


# What each role may do. Reviewers read (and, in later modules, score); viewers only read.
EDIT_ROLES = frozenset({Role.ADMIN, Role.PSE_LEAD, Role.MEMBER})
MANAGE_ROLES = frozenset({Role.ADMIN})
