"""Health checks: each partner's point-person rates aspects of the partnership green, amber or
red with comments (health-check-v1 in the core combines them)."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.conf import settings
from django.db import models

from partnerpath.audit.recorder import audited
from partnerpath.partnerships.choices import Aspect, Light
from partnerpath.partnerships.models.partnership import Partner, Partnership
from partnerpath.registry.models import ProgrammeOwned


@audited()
class HealthCheck(ProgrammeOwned):
    """One periodic health check of a partnership."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="health_checks"
    )
    held_on = models.DateField()
    due_on = models.DateField(null=True, blank=True, help_text="When the cadence said it was due.")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["partnership", "-held_on", "-id"]
        indexes = [models.Index(fields=["partnership", "-held_on"])]

    def __str__(self) -> str:
        return f"{self.partnership}: health check of {self.held_on:%d %b %Y}"


@audited()
class HealthRating(ProgrammeOwned):
    """One partner's rating of one aspect in a check, with its comment."""

    health_check = models.ForeignKey(HealthCheck, on_delete=models.CASCADE, related_name="ratings")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="health_ratings")
    aspect = models.CharField(max_length=20, choices=Aspect.choices)
    light = models.CharField(max_length=10, choices=Light.choices)
    comment = models.TextField(blank=True)
    by_partner = models.BooleanField(
        "rated by the partner",
        default=False,
        help_text="Given by the partner's point-person through a private link, not by staff.",
    )

    class Meta:
        ordering = ["health_check", "partner", "aspect"]
        constraints = [
            models.UniqueConstraint(
                fields=["health_check", "partner", "aspect"], name="one_rating_per_aspect"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner.organisation}: {self.get_aspect_display()} {self.light}"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@audited(exclude=("token",))
class HealthCheckLink(ProgrammeOwned):
    """A private link with which one partner's point-person, who has no account, rates the
    aspects of the partnership for the health check of ``held_on``. Every partner's answers for
    the same date join one check."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="health_links"
    )
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="health_links")
    held_on = models.DateField(help_text="The health check the answers join.")
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    health_check = models.ForeignKey(
        HealthCheck, on_delete=models.SET_NULL, null=True, blank=True, related_name="links"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["partnership", "-held_on", "partner_id", "-id"]

    def __str__(self) -> str:
        return f"Health-check link for {self.partner.organisation} ({self.held_on:%d %b %Y})"

    def state(self, now: datetime) -> str:
        """revoked, submitted, expired or open (a submitted link shows the answers given)."""
        if self.revoked_at is not None:
            return "revoked"
        if self.submitted_at is not None:
            return "submitted"
        return "expired" if self.expires_at <= now else "open"
