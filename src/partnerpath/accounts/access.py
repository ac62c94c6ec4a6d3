"""The one place that decides who may see or change a programme's records: 404 for outsiders,
403 for members whose role does not allow the action."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from partnerpath.accounts.models import Membership, Programme

Need = Literal["read", "edit", "manage"]


@dataclass(frozen=True)
class ProgrammeAccess:
    """The programme a request works in, and the requester's membership."""

    programme: Programme
    membership: Membership

    @property
    def can_edit(self) -> bool:
        """May change records."""
        return self.membership.can_edit

    @property
    def can_manage(self) -> bool:
        """May manage members and settings."""
        return self.membership.can_manage


def check_need(membership: Membership, need: Need) -> None:
    """Raise PermissionDenied when the role does not allow ``need``."""
    if need == "edit" and not membership.can_edit:
        raise PermissionDenied("Your role in this programme can read but not change records.")
    if need == "manage" and not membership.can_manage:
        raise PermissionDenied("Only the programme's admins can do this.")


def programme_access(request: HttpRequest, slug: str, need: Need = "read") -> ProgrammeAccess:
    """The programme named in the URL: 404 unless the user belongs to it, 403 without the role."""
    user = request.user
    if not user.is_authenticated:
        raise Http404("No such programme.")
    membership = (
        Membership.objects.select_related("programme")
        .filter(programme__slug=slug, user=user)
        .first()
    )
    if membership is None:
        raise Http404("No such programme.")
    check_need(membership, need)
    return ProgrammeAccess(membership.programme, membership)
