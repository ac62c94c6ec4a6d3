"""One row per change to programme data: who, when, which fields, old and new values, and why."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from partnerpath.audit.choices import Action
from partnerpath.core.wording import day


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
        """Each changed field with its label and its values (old/new or added/removed) in words:
        a choice by its label, a linked record by its name when ``attach_labels`` ran."""
        model = self.content_type.model_class()
        attached = hasattr(self, "_labels")
        names: dict[str, dict[str, str]] = getattr(self, "_labels", {})
        rows = []
        for name, diff in (self.changes or {}).items():
            if name == "programme":
                continue  # every record of a history belongs to the programme shown
            label = name.replace("_", " ")
            field = _field(model, name)
            choices: dict[str, str] = {}
            linked = field is not None and bool(field.is_relation)
            if field is not None:
                label = str(getattr(field, "verbose_name", label))
                choices = {str(k): str(v) for k, v in (getattr(field, "flatchoices", None) or [])}
            if linked:
                choices = names.get(name, {})
            rows.append(
                {
                    "field": label,
                    **{
                        key: _readable(diff.get(key), choices, linked, attached)
                        for key in ("old", "new", "added", "removed")
                        if key in diff
                    },
                }
            )
        return rows


def _field(model: type[models.Model] | None, name: str) -> Any:
    """The model's field of that name, or None (it may have been removed since the change)."""
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def attach_labels(changes: Iterable[Change]) -> list[Change]:
    """The changes, each knowing the names of the records its linked fields name: one query per
    kind of linked record for the whole list, however long it is."""
    rows = list(changes)
    wanted: dict[type[models.Model], set[str]] = {}
    for change in rows:
        model = change.content_type.model_class()
        for name, diff in (change.changes or {}).items():
            field = _field(model, name)
            if field is None or not field.is_relation or field.related_model is None:
                continue
            for value in diff.values():
                for pk in value if isinstance(value, list) else [value]:
                    if pk not in (None, ""):
                        wanted.setdefault(field.related_model, set()).add(str(pk))
    found: dict[type[models.Model], dict[str, str]] = {}
    for related, pks in wanted.items():
        found[related] = {
            str(obj.pk): str(obj) for obj in related._default_manager.filter(pk__in=list(pks))
        }
    for change in rows:
        model = change.content_type.model_class()
        labels = {}
        for name in change.changes or {}:
            field = _field(model, name)
            if field is not None and field.is_relation and field.related_model in found:
                labels[name] = found[field.related_model]
        change._labels = labels  # type: ignore[attr-defined]
    return rows


LONGEST = 300  # characters of a value shown in a history entry; the record keeps all of it


def _readable(
    value: object, names: dict[str, str] | None = None, linked: bool = False, looked: bool = False
) -> str:
    """A stored value as a person would write it: a choice or a linked record by its name (a
    record deleted since, once looked up, shows its number and says so), long text shortened."""
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return _shorten(", ".join(_readable(v, names, linked, looked) for v in value) or "(none)")
    if isinstance(value, dict):
        parts = (f"{str(k).replace('_', ' ')}: {_readable(v)}" for k, v in value.items())
        return _shorten("; ".join(parts) or "(none)")
    text = _when(str(value))
    if names and text in names:
        return names[text]
    if linked:
        return f"#{text} (since deleted)" if looked else f"#{text}"
    return _shorten(text)


def _shorten(text: str) -> str:
    return text if len(text) <= LONGEST else text[:LONGEST] + f"… ({len(text):,} characters)"


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?")


def _when(text: str) -> str:
    """A stored date or date-time as people write it ("20 Nov 2026", "20 Nov 2026 10:00 UTC")."""
    try:
        if _ISO_DAY.fullmatch(text):
            return day(dt.date.fromisoformat(text))
        if _ISO_TIME.fullmatch(text):
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is not None:
                moment = timezone.localtime(moment)
            return f"{day(moment.date())} {moment:%H:%M}"
    except ValueError:
        return text
    return text
