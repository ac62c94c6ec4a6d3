"""Trust work: concerns, fears and deal-breakers; internal buy-in at company partners; meetings
and co-creation workshops with their decisions (action items are the engagement log's
follow-ups)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from partnerpath.audit.recorder import audited
from partnerpath.engagement.models import Interaction
from partnerpath.partnerships.choices import (
    UNSETTLED,
    ConcernCategory,
    ConcernStatus,
    Department,
    Severity,
    Stance,
)
from partnerpath.partnerships.models.partnership import Partner, Partnership
from partnerpath.registry.models import Contact, ProgrammeOwned


class ConcernQuerySet(models.QuerySet["Concern"]):
    """Concerns as the pages ask for them."""

    def unsettled(self) -> ConcernQuerySet:
        """Open or being resolved: not yet resolved or accepted."""
        return self.filter(status__in=UNSETTLED)

    def open_deal_breakers(self) -> ConcernQuerySet:
        """Deal-breakers not yet settled, oldest first."""
        return self.unsettled().filter(is_deal_breaker=True).order_by("raised_on", "id")


@audited()
class Concern(ProgrammeOwned):
    """A concern, fear or deal-breaker raised by a partner (or by the programme team)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="concerns")
    raised_by = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
        help_text="Empty: raised by the programme team.",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=20, choices=ConcernCategory.choices)
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    is_deal_breaker = models.BooleanField(
        "deal-breaker",
        default=False,
        help_text="The partner would not go on unless this is settled.",
    )
    status = models.CharField(
        max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.OPEN
    )
    raised_on = models.DateField(default=timezone.localdate)
    resolution = models.TextField(blank=True)
    resolved_on = models.DateField(null=True, blank=True)

    objects = ConcernQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "-is_deal_breaker", "raised_on", "id"]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        kind = "Deal-breaker" if self.is_deal_breaker else "Concern"
        return f"{kind}: {self.title}"

    @property
    def is_open(self) -> bool:
        """Open or being resolved: not yet settled."""
        return self.status in UNSETTLED

    def clean(self) -> None:
        settled = self.status in (ConcernStatus.RESOLVED, ConcernStatus.ACCEPTED)
        if settled and not self.resolution.strip():
            raise ValidationError(
                {"resolution": "Say how it was resolved, or why the partners accept it."}
            )
        today = timezone.localdate()
        if self.raised_on and self.raised_on > today:
            raise ValidationError(
                {"raised_on": "A concern is recorded once raised: not a future date."}
            )
        if self.resolved_on and self.resolved_on > today:
            raise ValidationError(
                {"resolved_on": "A concern is settled on the day it happens: not a future date."}
            )
        if self.resolved_on and self.raised_on and self.resolved_on < self.raised_on:
            raise ValidationError(
                {
                    "resolved_on": f"It cannot be settled before it was raised "
                    f"({self.raised_on:%d %b %Y})."
                }
            )
        partner = self.raised_by if self.raised_by_id else None
        if (
            partner is not None
            and self.partnership_id
            and partner.partnership_id != self.partnership_id
        ):
            raise ValidationError({"raised_by": "Choose a partner of this partnership."})


@audited()
class BuyIn(ProgrammeOwned):
    """Where one department of a company partner stands on the partnership, and its champion."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="buy_in")
    department = models.CharField(max_length=20, choices=Department.choices)
    stance = models.CharField(max_length=20, choices=Stance.choices, default=Stance.NOT_ENGAGED)
    champion = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The person in this department who argues for the partnership.",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["partner", "department"]
        verbose_name = "internal buy-in"
        verbose_name_plural = "internal buy-in"
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "department"], name="one_stance_per_department"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.partner.organisation}: {self.get_department_display()} "
            f"{self.get_stance_display()}"
        )

    def clean(self) -> None:
        champion = self.champion if self.champion_id else None
        if (
            champion is not None
            and self.partner_id
            and champion.organisation_id != self.partner.organisation_id
        ):
            raise ValidationError({"champion": "The champion must be a contact at this partner."})


@audited()
class Meeting(ProgrammeOwned):
    """A partnership meeting or co-creation workshop. The meeting itself is an entry of the
    engagement log (date, kind, who took part, notes); action items are its follow-ups."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    interaction = models.OneToOneField(
        Interaction, on_delete=models.CASCADE, related_name="partnership_meeting"
    )
    is_workshop = models.BooleanField("co-creation workshop", default=False)

    class Meta:
        ordering = ["partnership", "-id"]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.interaction}"


@audited()
class Decision(ProgrammeOwned):
    """A decision the partners took in a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.text[:80]
