"""Use-cases of the accounts app: throttled sign-in, programmes, memberships and invitations."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from partnerpath.accounts.choices import Role
from partnerpath.accounts.models import Invitation, LoginFailure, Membership, Programme, User


def client_ip(request: Any) -> str | None:
    """The client's address as the server saw it (no trust in forwarded headers)."""
    if request is None:
        return None
    meta = getattr(request, "META", None) or {}
    address = meta.get("REMOTE_ADDR")
    return str(address) if address else None


def _window_start() -> Any:
    return timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def record_login_failure(username: str, ip_address: str | None) -> None:
    """Remember one failed sign-in."""
    LoginFailure.objects.create(username=username.strip().lower()[:150], ip_address=ip_address)


def is_locked_out(username: str, ip_address: str | None) -> bool:
    """Whether this username has failed too often within the lock-out window."""
    recent = LoginFailure.objects.filter(username=username.strip().lower(), at__gte=_window_start())
    return recent.count() >= settings.LOGIN_FAILURE_LIMIT


def clear_login_failures(username: str) -> None:
    """Forget failures after a successful sign-in."""
    LoginFailure.objects.filter(username=username.strip().lower()).delete()


def membership_for(user: Any, programme: Programme) -> Membership | None:
    """The user's membership of the programme, or None for outsiders."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user=user, programme=programme).first()


def programmes_of(user: Any) -> Any:
    """The programmes a user belongs to."""
    if not getattr(user, "is_authenticated", False):
        return Programme.objects.none()
    return Programme.objects.filter(memberships__user=user).order_by("name")


@transaction.atomic
def create_programme(name: str, slug: str, admin: User, description: str = "") -> Programme:
    """Create a programme with its first admin (its other settings from the defaults, e.g.
    STALE_AFTER_DAYS)."""
    programme = Programme.objects.create(name=name, slug=slug, description=description)
    Membership.objects.create(programme=programme, user=admin, role=Role.ADMIN)
    return programme


@transaction.atomic
def save_programme_settings(form: Any) -> Programme:
    """Store an admin's change to the programme's settings (a valid ProgrammeSettingsForm)."""
    programme: Programme = form.save()
    return programme


def invite(
    programme: Programme, email: str, role: str, invited_by: User, accept_url_base: str
) -> Invitation:
    """Create an invitation and e-mail its link."""
    invitation = Invitation.objects.create(
        programme=programme, email=email, role=role, invited_by=invited_by
    )
    link = f"{accept_url_base.rstrip('/')}/{invitation.token}/"
    send_mail(
        subject=f"You are invited to {programme.name} on PartnerPath",
        message=(
            f"{invited_by} invited you to join {programme.name} as "
            f"{invitation.get_role_display()}.\n\nOpen this link to accept (valid until "
            f"{invitation.expires_at:%d %B %Y}):\n{link}\n"
        ),
        from_email=None,
        recipient_list=[email],
    )
    return invitation


def revoke_invitation(invitation: Invitation) -> None:
    """Stop an invitation from working."""
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


class InvitationError(Exception):
    """The invitation cannot be used (expired, revoked, accepted, or already a member)."""


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """Turn an invitation into a membership for ``user``."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise InvitationError("This invitation has expired, was revoked or was already used.")
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                programme=invitation.programme, user=user, role=invitation.role
            )
    except IntegrityError:
        raise InvitationError(f"You are already a member of {invitation.programme}.") from None
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


class LastAdminError(Exception):
    """A programme must keep at least one admin."""


@transaction.atomic
def change_role(membership: Membership, role: str) -> Membership:
    """Give a member another role, keeping at least one admin."""
    if membership.role == Role.ADMIN and role != Role.ADMIN:
        admins = Membership.objects.filter(programme=membership.programme, role=Role.ADMIN)
        if admins.count() <= 1:
            raise LastAdminError(
                "A programme needs at least one admin; make someone else admin first."
            )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(membership: Membership) -> None:
    """Take a user out of a programme, keeping at least one admin."""
    if membership.role == Role.ADMIN:
        admins = Membership.objects.filter(programme=membership.programme, role=Role.ADMIN)
        if admins.count() <= 1:
            raise LastAdminError(
                "A programme needs at least one admin; make someone else admin first."
            )
    membership.delete()
