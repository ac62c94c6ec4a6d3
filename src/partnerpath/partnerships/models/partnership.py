"""The partnership record, its partners, its stage changes, the programme's gate settings and the
timeline that gathers everything that happened."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from partnerpath.accounts.choices import Role
from partnerpath.audit.recorder import audited
from partnerpath.partnerships.choices import EventKind, PartnerRole, Stage, Type
from partnerpath.registry.models import Contact, Organisation, ProgrammeOwned


def default_gate_config() -> dict[str, Any]:
    """A new programme's gates: the defaults of gates-v1, and a partner whose due diligence is
    rated unacceptable is never let through by an override."""
    return {"not_overridable": ["due_diligence_blocking"]}


@audited()
class GateSettings(models.Model):
    """A programme's gate configuration (core/lifecycle/gate_config.py format)."""

    programme = models.OneToOneField(
        "accounts.Programme", on_delete=models.CASCADE, related_name="gate_settings"
    )
    config = models.JSONField(default=default_gate_config)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "gate settings"

    def __str__(self) -> str:
        return f"Gate settings of {self.programme}"

    @property
    def audit_programme_id(self) -> int:
        """History is kept per programme."""
        return self.programme_id


@audited(exclude=("stage_since",))
class Partnership(ProgrammeOwned):
    """A partnership being developed or run with one or more organisations."""

    title = models.CharField(max_length=200)
    opportunity = models.ForeignKey(
        "prioritisation.Opportunity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
        help_text="The score-card opportunity it grew from, if any.",
    )
    stage = models.CharField(max_length=30, choices=Stage.choices, default=Stage.IDENTIFIED)
    stage_since = models.DateTimeField(default=timezone.now)
    closed_reason = models.TextField(blank=True)
    partnership_type = models.CharField(
        "agreed partnership type", max_length=20, choices=Type.choices, blank=True
    )
    shared_vision = models.TextField(blank=True)
    programme_point_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="programme's point-person",
    )
    advisor_answers = models.JSONField(
        default=dict, blank=True, help_text="Answers to the partnership-type advisor's questions."
    )
    started_on = models.DateField(
        "implementation started on",
        null=True,
        blank=True,
        help_text="Set when the partnership first enters implementation; health checks count "
        "from it until the first check.",
    )

    class Meta:
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["programme", "stage"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(stage=Stage.CLOSED, closed_reason=""),
                name="closed_partnership_has_reason",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.stage == Stage.CLOSED and not self.closed_reason.strip():
            raise ValidationError({"closed_reason": "Say why the partnership closes."})


@audited()
class Partner(ProgrammeOwned):
    """An organisation in a partnership, with its role, point-person, objectives and the type of
    partnership it prefers."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partnership_roles"
    )
    role = models.CharField(max_length=20, choices=PartnerRole.choices)
    point_person = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnership_roles",
        help_text="The person who leads the partnership for this partner.",
    )
    objectives = models.TextField("what this partner wants from it", blank=True)
    preferred_type = models.CharField(
        "preferred partnership type", max_length=20, choices=Type.choices, blank=True
    )

    class Meta:
        ordering = ["partnership", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="one_partner_row_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    def clean(self) -> None:
        contact = self.point_person if self.point_person_id else None
        if (
            contact is not None
            and self.organisation_id
            and contact.organisation_id != self.organisation_id
        ):
            raise ValidationError(
                {"point_person": "The point-person must be a contact at this organisation."}
            )


@audited()
class StageChange(ProgrammeOwned):
    """One move of a partnership between stages (its creation is the first), with the gate
    verdicts that allowed it and, for an override, what was overridden, by which role and why."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=30, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=30, choices=Stage.choices)
    kind = models.CharField(max_length=20)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    ruleset = models.CharField(max_length=40, blank=True)
    gate_config = models.JSONField(default=dict, blank=True)
    verdicts = models.JSONField(default=list, blank=True)
    overridden = models.JSONField(
        default=list, blank=True, help_text="The unmet requirements an override passed."
    )
    override_role = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["partnership", "at", "id"]
        indexes = [models.Index(fields=["partnership", "at"])]

    def __str__(self) -> str:
        start = self.get_from_stage_display() or "start"
        return f"{self.partnership}: {start} → {self.get_to_stage_display()}"

    @property
    def is_override(self) -> bool:
        """The move passed a blocked gate on someone's authority."""
        return bool(self.overridden)

    @property
    def override_role_label(self) -> str:
        """The role that overrode the gate, as users read it."""
        if not self.override_role:
            return ""
        return str(dict(Role.choices).get(self.override_role, self.override_role))


class TimelineEvent(ProgrammeOwned):
    """One entry on a partnership's timeline: written by the services as things happen, so the
    timeline reads in one query however long it grows. ``at`` is when it happened (a meeting's
    date, a check's date); ``recorded_at`` is when someone entered it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now, help_text="When it happened.")
    recorded_at = models.DateTimeField("entered at", default=timezone.now)
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    summary = models.CharField(max_length=500)
    detail = models.TextField(blank=True)
    actor_label = models.CharField(max_length=150, blank=True)
    flagged = models.BooleanField(
        default=False, help_text="Shown prominently: overrides and deal-breakers."
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["partnership", "-at", "-id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.get_kind_display()}: {self.summary}"
