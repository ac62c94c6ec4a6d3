"""Users, programmes (workspaces), memberships with roles, invitations and failed logins."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from partnerpath.accounts.choices import EDIT_ROLES, MANAGE_ROLES, Role
from partnerpath.audit.recorder import audited


class User(AbstractUser):
    """A person who signs in: programme staff, reviewers and donors."""

    email = models.EmailField("e-mail address", blank=True)

    def __str__(self) -> str:
        return self.get_full_name() or self.username


def _default_stale_after_days() -> int:
    """New programmes start from the STALE_AFTER_DAYS setting."""
    return int(settings.STALE_AFTER_DAYS)


@audited()
class Programme(models.Model):
    """The workspace of one CTIP programme or organisation; every record belongs to one."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True)
    is_demo = models.BooleanField(
        default=False, help_text="Fictional data loaded by `partnerpath demo load`."
    )
    stale_after_days = models.PositiveIntegerField(
        "not contacted for (days)",
        default=_default_stale_after_days,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="Organisations not contacted for this many days are listed on the dashboard.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_programme_id(self) -> int:
        """History of a programme is kept with the programme."""
        return self.pk


@audited()
class Membership(models.Model):
    """A user's role in a programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user"], name="one_membership_per_programme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) in {self.programme}"

    @property
    def audit_programme_id(self) -> int:
        """Membership changes belong to the programme's history."""
        return self.programme_id

    @property
    def can_edit(self) -> bool:
        """Whether this member may change the programme's records."""
        return self.role in EDIT_ROLES

    @property
    def can_manage(self) -> bool:
        """Whether this member may invite people and change roles."""
        return self.role in MANAGE_ROLES


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _default_expiry() -> object:
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


@audited(exclude=("token",))
class Invitation(models.Model):
    """An admin's invitation for a person to join a programme with a role."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.programme}"

    @property
    def audit_programme_id(self) -> int:
        """Invitations belong to the programme's history."""
        return self.programme_id

    @property
    def is_usable(self) -> bool:
        """An invitation works once, before it expires, unless revoked."""
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class LoginFailure(models.Model):
    """One failed sign-in, kept to throttle repeated guessing across all server processes."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.username} at {self.at:%Y-%m-%d %H:%M}"
