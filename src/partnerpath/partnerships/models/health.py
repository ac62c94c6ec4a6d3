"""Health checks: each partner's point-person rates aspects of the partnership green, amber or
red with comments (health-check-v1 in the core combines them)."""

from __future__ import annotations

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

    class Meta:
        ordering = ["health_check", "partner", "aspect"]
        constraints = [
            models.UniqueConstraint(
                fields=["health_check", "partner", "aspect"], name="one_rating_per_aspect"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner.organisation}: {self.get_aspect_display()} {self.light}"
