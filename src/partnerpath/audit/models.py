"""One row per change to programme data: who, when, which fields, old and new values, and why."""

from __future__ import annotations

import contextlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from partnerpath.audit.choices import Action


class Change(models.Model):
    """A create, update or delete of one programme record."""

    programme = models.ForeignKey(
        "accounts.Programme", on_delete=models.CASCADE, related_name="changes", null=True
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    action = models.CharField(max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=150, help_text="Who made the change, as shown then.")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    changes = models.JSONField(default=dict, help_text="field -> {old, new} or {added, removed}")
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.get_action_display()} {self.object_repr}"

    def readable_changes(self) -> list[dict[str, str]]:
        """Each changed field with its label and its values (old/new or added/removed) in words."""
        model = self.content_type.model_class()
        rows = []
        for name, diff in (self.changes or {}).items():
            label = name.replace("_", " ")
            if model is not None:
                # The field may have been removed since the change was recorded.
                with contextlib.suppress(Exception):
                    field = model._meta.get_field(name)
                    label = str(getattr(field, "verbose_name", label))
            rows.append(
                {
                    "field": label,
                    **{
                        key: _readable(diff.get(key))
                        for key in ("old", "new", "added", "removed")
                        if key in diff
                    },
                }
            )
        return rows


def _readable(value: object) -> str:
    """A stored value as a person would write it."""
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)
