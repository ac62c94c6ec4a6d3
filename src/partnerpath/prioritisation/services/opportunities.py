"""Use-cases of opportunities: save one with the organisations involved, and change its status
with a reason (selecting it for development, parking or dropping it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet

from partnerpath.accounts.models import Programme
from partnerpath.audit.context import because
from partnerpath.prioritisation.choices import OpportunityStatus
from partnerpath.prioritisation.models import Opportunity, OpportunityOrganisation
from partnerpath.registry.models import Organisation


class StatusError(ValueError):
    """A status change that needs a reason, or is not possible."""


def opportunities_of(programme: Programme) -> QuerySet[Opportunity]:
    """The programme's opportunities with the organisations involved, in a fixed number of
    queries."""
    return Opportunity.objects.filter(programme=programme).prefetch_related(
        Prefetch("roles", queryset=OpportunityOrganisation.objects.select_related("organisation"))
    )


@transaction.atomic
def save_opportunity(
    opportunity: Opportunity, roles: Iterable[tuple[Organisation, str]]
) -> Opportunity:
    """Save an opportunity and set the organisations involved with their roles."""
    opportunity.full_clean()
    opportunity.save()
    wanted = {(org.pk, role) for org, role in roles}
    current = {(r.organisation_id, r.role): r for r in opportunity.roles.all()}
    for key, row in current.items():
        if key not in wanted:
            row.delete()
    for organisation_id, role in sorted(wanted - set(current)):
        OpportunityOrganisation.objects.create(
            programme_id=opportunity.programme_id,
            opportunity=opportunity,
            organisation_id=organisation_id,
            role=role,
        )
    return opportunity


def set_status(opportunity: Opportunity, status: str, reason: str, user: Any = None) -> None:
    """Change an opportunity's status, recording the reason (required for dropping and
    selecting)."""
    reason = reason.strip()
    if status in (OpportunityStatus.DROPPED, OpportunityStatus.SELECTED) and not reason:
        label = OpportunityStatus(status).label.lower()
        raise StatusError(f"Say why the opportunity is {label}.")
    with transaction.atomic(), because(reason):
        opportunity.status = status
        opportunity.status_reason = reason
        opportunity.save(update_fields=["status", "status_reason", "updated_at"])
