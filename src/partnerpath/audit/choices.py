"""Choices of the audit app."""

from django.db import models


class Action(models.TextChoices):
    """What happened to a record."""

    CREATE = "create", "created"
    UPDATE = "update", "changed"
    DELETE = "delete", "deleted"
