"""The web app's access rules (accounts.access) for API requests: records of programmes the user
does not belong to are invisible (404, absent from lists); read-only roles get 403 on writes."""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from django.db import models
from django.db.models import QuerySet
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from partnerpath.accounts.access import check_need
from partnerpath.accounts.models import Membership, Programme

M = TypeVar("M", bound=models.Model)
Write = Literal["edit", "manage"]  # the needs (accounts.access.Need) that change records

_CACHE_ATTRIBUTE = "_partnerpath_memberships"

# What a member is told when their role does not allow a change (the same words as the pages).
ROLE_MESSAGES: dict[Write, str] = {
    "edit": "Your role in this programme can read but not change records.",
    "manage": "Only the programme's admins can do this.",
}
NO_ROLE_ANYWHERE: dict[Write, str] = {
    "edit": "Your roles can read but not change records.",
    "manage": ROLE_MESSAGES["manage"],
}


def memberships_of(request: Request) -> dict[int, Membership]:
    """The requesting user's memberships by programme id, read once per request."""
    cached: dict[int, Membership] | None = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = {}
        if request.user.is_authenticated:
            rows = Membership.objects.filter(user=request.user).select_related("programme")
            cached = {m.programme_id: m for m in rows}
        setattr(request, _CACHE_ATTRIBUTE, cached)
    return cached


def my_programme_ids(user: Any) -> QuerySet[Membership, Any]:
    """A subquery of the ids of the programmes the user belongs to (none for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none().values("programme_id")
    return Membership.objects.filter(user=user).values("programme_id")


def in_my_programmes(queryset: QuerySet[M], user: Any) -> QuerySet[M]:
    """Only the records of the user's programmes."""
    return queryset.filter(programme_id__in=my_programme_ids(user))


def programme_by_slug(request: Request, slug: str, field: str = "programme") -> Programme:
    """One of the user's programmes, or a 400 on ``field`` that does not say whether it exists."""
    for membership in memberships_of(request).values():
        if membership.programme.slug == slug:
            return membership.programme
    raise ValidationError({field: [f"You are not a member of a programme called {slug!r}."]})


def _allows(membership: Membership, need: Write) -> bool:
    return membership.can_manage if need == "manage" else membership.can_edit


def require_role(request: Request, slug: object, need: Write) -> None:
    """Before a create: 403 unless the user's role allows ``need`` in the programme named in the
    body (or, when it names none of theirs, in at least one programme)."""
    memberships = list(memberships_of(request).values())
    if not any(_allows(m, need) for m in memberships):
        raise PermissionDenied(NO_ROLE_ANYWHERE[need])
    for membership in memberships:
        if membership.programme.slug == slug:
            check_need(membership, need)


def require_edit_role(request: Request, slug: object) -> None:
    """Before a create: 403 unless the user may change records of the programme in the body."""
    require_role(request, slug, "edit")


class ProgrammeRole(BasePermission):
    """Any member reads a record; changing it takes the role ``need`` names (by default admins,
    PSE leads and team members)."""

    need: Write = "edit"
    message = ROLE_MESSAGES["edit"]

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        membership = memberships_of(request).get(obj.programme_id)
        return membership is not None and _allows(membership, self.need)


class ProgrammeAdminRole(ProgrammeRole):
    """Any member reads a record; only the programme's admins change it."""

    need: Write = "manage"
    message = ROLE_MESSAGES["manage"]
