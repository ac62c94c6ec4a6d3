"""Use-cases of opportunities: save one with the organisations involved, change its status with a
reason (selecting it for development, parking or dropping it), and delete one that was never put
in a round."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, ProtectedError, QuerySet

from partnerpath.accounts.models import Programme
from partnerpath.audit.context import because
from partnerpath.prioritisation.choices import OpportunityStatus
from partnerpath.prioritisation.models import Opportunity, OpportunityOrganisation, Round
from partnerpath.registry.models import Organisation


class StatusError(ValueError):
    """A status change that needs a reason, or is not possible."""


class InUse(ValueError):
    """An opportunity that cannot be deleted: its rounds and scores stay on record."""


def status_problem(status: str, reason: str, changed: bool = True) -> str:
    """Why the status cannot be set with this reason ('' when it can): dropping always needs a
    reason, selecting for development needs one when the opportunity is selected now."""
    needs_reason = status == OpportunityStatus.DROPPED or (
        status == OpportunityStatus.SELECTED and changed
    )
    if needs_reason and not reason.strip():
        return f"Say why the opportunity is {OpportunityStatus(status).label.lower()}."
    return ""


def cost_problem(cost: Decimal | None, currency: str) -> str:
    """Why the estimated cost cannot be stored as given ('' when it can)."""
    if cost is not None and not currency.strip():
        return "Give the currency of the estimated cost."
    return ""


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
    problem = status_problem(status, reason)
    if problem:
        raise StatusError(problem)
    with transaction.atomic(), because(reason):
        opportunity.status = status
        opportunity.status_reason = reason
        opportunity.save(update_fields=["status", "status_reason", "updated_at"])


def delete_opportunity(opportunity: Opportunity) -> None:
    """Delete an opportunity that was never put in a round nor grew into a partnership; the
    history keeps what was deleted. Refused (InUse, with the reason) otherwise."""
    with transaction.atomic():
        names = list(
            Round.objects.filter(opportunities=opportunity)
            .order_by("created_at", "id")
            .values_list("name", flat=True)
        )
        if names:
            shown = ", ".join(f"“{n}”" for n in names)
            raise InUse(
                f"“{opportunity.title}” is in the round(s) {shown}, whose scores stay on record: "
                "it cannot be deleted. Drop or park it instead."
            )
        if opportunity.partnerships.exists():
            raise InUse(
                f"A partnership grew from “{opportunity.title}”: it cannot be deleted. "
                "Drop or park it instead."
            )
        try:
            opportunity.delete()
        except ProtectedError:  # put in a round meanwhile
            raise InUse(
                f"“{opportunity.title}” is used by a round: it cannot be deleted. "
                "Drop or park it instead."
            ) from None
