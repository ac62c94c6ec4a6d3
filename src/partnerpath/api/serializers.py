"""The base of every programme record's serializer: its programme, and related ids that must
belong to that same programme (else a 400 that names the field)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from rest_framework import serializers

from partnerpath.accounts.models import Membership, Programme, User
from partnerpath.api.fields import ProgrammeField


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return list(value)
    return [value]


def programme_mismatches(programme: Programme, related: Mapping[str, Any]) -> dict[str, list[str]]:
    """For each field, the records (or users) that do not belong to ``programme``."""
    errors: dict[str, list[str]] = {}
    users: dict[str, list[User]] = {}
    for name, value in related.items():
        for obj in _as_list(value):
            if isinstance(obj, User):
                users.setdefault(name, []).append(obj)
            elif isinstance(obj, models.Model) and getattr(obj, "programme_id", None) not in (
                None,
                programme.pk,
            ):
                label = obj._meta.verbose_name
                errors.setdefault(name, []).append(
                    f"{str(label).capitalize()} {obj.pk} belongs to another programme than "
                    f"{programme.slug!r}."
                )
    wanted = {u.pk for found in users.values() for u in found}
    if wanted:
        members = set(
            Membership.objects.filter(programme=programme, user_id__in=wanted).values_list(
                "user_id", flat=True
            )
        )
        for name, found in users.items():
            for user in found:
                if user.pk not in members:
                    errors.setdefault(name, []).append(
                        f"User {user.pk} is not a member of the programme {programme.slug!r}."
                    )
    return errors


class ProgrammeRecordSerializer(serializers.ModelSerializer[Any]):
    """A record of one programme; it is created in a programme and never moves to another."""

    programme = ProgrammeField()

    def validate_programme(self, value: Programme) -> Programme:
        if self.instance is not None and value.pk != self.instance.programme_id:
            raise serializers.ValidationError("A record cannot move to another programme.")
        return value

    def target_programme(self, attrs: Mapping[str, Any]) -> Programme:
        """The programme the record is in or goes into."""
        programme = attrs.get("programme")
        if programme is None and self.instance is not None:
            programme = self.instance.programme
        if programme is None:
            raise serializers.ValidationError({"programme": ["This field is required."]})
        return programme  # type: ignore[no-any-return]

    def related_values(self, attrs: Mapping[str, Any]) -> dict[str, Any]:
        """The related records given, by field name; subclasses add nested ones."""
        return {k: v for k, v in attrs.items() if k != "programme"}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        errors = programme_mismatches(self.target_programme(attrs), self.related_values(attrs))
        if errors:
            raise serializers.ValidationError(errors)
        return attrs
