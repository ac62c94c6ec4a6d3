"""Connections between people, interactions with organisations, and their follow-up actions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from partnerpath.audit.recorder import audited
from partnerpath.engagement.choices import ConnectionKind, InteractionKind
from partnerpath.registry.models import Contact, Organisation, ProgrammeOwned


@audited()
class Connection(ProgrammeOwned):
    """Two people who know each other: team members (users) or contacts, in any combination."""

    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    from_contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="connections_out"
    )
    kind = models.CharField(
        max_length=20, choices=ConnectionKind.choices, default=ConnectionKind.KNOWS
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    to_contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="connections_in"
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(from_user__isnull=True) ^ Q(from_contact__isnull=True))
                & (Q(to_user__isnull=True) ^ Q(to_contact__isnull=True)),
                name="connection_has_exactly_one_person_each_side",
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_person} {self.get_kind_display()} {self.to_person}"

    @property
    def from_person(self) -> object:
        """The person on the first side."""
        return self.from_user or self.from_contact

    @property
    def to_person(self) -> object:
        """The person on the second side."""
        return self.to_user or self.to_contact

    def clean(self) -> None:
        if (self.from_user_id is None) == (self.from_contact_id is None):
            raise ValidationError("Choose exactly one person on the first side.")
        if (self.to_user_id is None) == (self.to_contact_id is None):
            raise ValidationError("Choose exactly one person on the second side.")
        same_user = self.from_user_id is not None and self.from_user_id == self.to_user_id
        same_contact = (
            self.from_contact_id is not None and self.from_contact_id == self.to_contact_id
        )
        if same_user or same_contact:
            raise ValidationError("A person cannot be connected to themselves.")


@audited()
class Interaction(ProgrammeOwned):
    """A meeting, call, e-mail, workshop, event or site visit with one or more organisations."""

    kind = models.CharField(
        max_length=20, choices=InteractionKind.choices, default=InteractionKind.MEETING
    )
    occurred_on = models.DateField("date")
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    organisations = models.ManyToManyField(Organisation, related_name="interactions")
    contacts = models.ManyToManyField(Contact, blank=True, related_name="interactions")
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="interactions",
        verbose_name="team members",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["programme", "-occurred_on"])]

    def __str__(self) -> str:
        return f"{self.occurred_on:%d %b %Y} {self.get_kind_display()}: {self.title}"


@audited()
class FollowUp(ProgrammeOwned):
    """An action agreed in an interaction, with its owner and due date."""

    interaction = models.ForeignKey(
        Interaction, on_delete=models.CASCADE, related_name="follow_ups"
    )
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField("due", null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["done_on", "due_on", "id"]

    def __str__(self) -> str:
        return self.description

    @property
    def is_done(self) -> bool:
        """Whether the action is finished."""
        return self.done_on is not None
