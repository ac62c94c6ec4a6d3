"""Who may read incident notes (a per-programme setting, by role), the programme's settings, and
the incident notes a person may see. Everyone else gets no trace of them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from partnerpath.accounts.choices import Role
from partnerpath.accounts.models import Membership, Programme
from partnerpath.diligence.models import DiligenceSettings, IncidentNote
from partnerpath.diligence.models.protocol import DEFAULT_INCIDENT_ROLES


def settings_of(programme: Programme) -> DiligenceSettings:
    """The programme's due-diligence settings (the defaults, unsaved, when none are stored)."""
    found = DiligenceSettings.objects.filter(programme=programme).first()
    return found or DiligenceSettings(programme=programme)


def incident_roles(programme: Programme) -> frozenset[str]:
    """The roles that read incident notes in this programme; admins always do."""
    stored = (
        DiligenceSettings.objects.filter(programme=programme)
        .values_list("incident_roles", flat=True)
        .first()
    )
    roles = stored if stored is not None else DEFAULT_INCIDENT_ROLES
    return frozenset({*roles, Role.ADMIN.value})


def may_read_incidents(membership: Membership | None) -> bool:
    """Whether this member's role is among those that read incident notes."""
    return membership is not None and membership.role in incident_roles(membership.programme)


def readable_programme_ids(user: Any) -> list[int]:
    """The programmes whose incident notes ``user`` may read."""
    if not getattr(user, "is_authenticated", False):
        return []
    memberships = Membership.objects.filter(user=user).values_list("programme_id", "role")
    stored = dict(
        DiligenceSettings.objects.filter(
            programme_id__in=[pid for pid, _ in memberships]
        ).values_list("programme_id", "incident_roles")
    )
    return [
        pid
        for pid, role in memberships
        if role == Role.ADMIN or role in stored.get(pid, DEFAULT_INCIDENT_ROLES)
    ]


def incidents_of(programme: Programme) -> QuerySet[IncidentNote]:
    """A programme's incident notes, newest first (call only after checking the reader's role)."""
    return IncidentNote.objects.filter(programme=programme).select_related(
        "organisation", "referred_to", "recorded_by"
    )


def save_settings(
    programme: Programme, incident_roles: list[str], valid_months: int
) -> DiligenceSettings:
    """Store who reads incident notes (admins are always added) and how long a checklist holds."""
    settings = settings_of(programme)
    settings.incident_roles = sorted({*incident_roles, Role.ADMIN.value})
    settings.checklist_valid_months = valid_months
    settings.save()
    return settings
