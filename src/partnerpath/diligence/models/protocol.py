"""Per-programme due-diligence settings, goods named for an organisation, the risk protocol (what
happens when a trafficking case is identified) and incident notes, which only some roles read."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from partnerpath.accounts.choices import Role
from partnerpath.audit.recorder import audited
from partnerpath.core.risk.checklist import DEFAULT_VALID_MONTHS
from partnerpath.diligence.choices import IncidentKind, IncidentStatus, ProtocolScope
from partnerpath.registry.models import Organisation, ProgrammeOwned

DEFAULT_INCIDENT_ROLES = [Role.ADMIN.value, Role.PSE_LEAD.value]


def _default_incident_roles() -> list[str]:
    return list(DEFAULT_INCIDENT_ROLES)


@audited()
class DiligenceSettings(models.Model):
    """A programme's settings: who reads incident notes, how long a checklist holds."""

    programme = models.OneToOneField(
        "accounts.Programme", on_delete=models.CASCADE, related_name="diligence_settings"
    )
    incident_roles = models.JSONField(
        "roles that read incident notes",
        default=_default_incident_roles,
        help_text="Programme admins always may; everyone else sees no trace of incident notes.",
    )
    checklist_valid_months = models.PositiveSmallIntegerField(
        "checklist valid for (months)",
        default=DEFAULT_VALID_MONTHS,
        help_text="After this, a signed-off checklist expires and must be redone.",
    )

    class Meta:
        verbose_name_plural = "diligence settings"

    def __str__(self) -> str:
        return f"Due-diligence settings of {self.programme}"

    @property
    def audit_programme_id(self) -> int:
        """Settings belong to the programme's history."""
        return self.programme_id


@audited()
class OrganisationGoods(ProgrammeOwned):
    """Goods an organisation produces, processes or buys, named on its risk page."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="diligence_goods"
    )
    goods = models.TextField(blank=True, help_text="One per line, or separated by commas.")

    class Meta:
        verbose_name = "organisation goods"
        verbose_name_plural = "organisation goods"

    def __str__(self) -> str:
        return f"Goods of {self.organisation}"


@audited()
class RiskProtocol(ProgrammeOwned):
    """What the programme does when a trafficking case is identified, and its Do No Harm
    commitments. One covers the whole programme; partnerships may get their own later."""

    scope = models.CharField(
        max_length=20, choices=ProtocolScope.choices, default=ProtocolScope.PROGRAMME
    )
    title = models.CharField(max_length=200, default="Risk protocol and Do No Harm")
    who_is_told = models.TextField(
        "who is told",
        blank=True,
        help_text="Who inside the programme, the donor and the partner learns of a case, and when.",
    )
    do_no_harm = models.TextField(
        "Do No Harm commitments",
        blank=True,
        help_text="What the programme and partners commit to so that no worker, survivor or staff "
        "member is put at risk.",
    )
    confidentiality = models.TextField(
        blank=True, help_text="How information on cases and people is kept and shared."
    )
    reviewed_on = models.DateField("last reviewed", null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme"],
                condition=models.Q(scope="programme"),
                name="one_programme_protocol",
            )
        ]

    def __str__(self) -> str:
        return self.title


@audited()
class ReferralContact(ProgrammeOwned):
    """Someone a case is referred to: hotline, shelter, labour inspectorate, police unit, NGO."""

    protocol = models.ForeignKey(RiskProtocol, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    organisation_name = models.CharField("organisation", max_length=200, blank=True)
    phone = models.CharField(max_length=50, blank=True)
    email = models.EmailField("e-mail", blank=True)
    handles = models.TextField("what they handle", blank=True)
    hours = models.CharField("when to reach them", max_length=200, blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        where = f" ({self.organisation_name})" if self.organisation_name else ""
        return f"{self.name}{where}"


@audited()
class ProtocolStep(ProgrammeOwned):
    """One step, in order, of what happens when a case is identified."""

    protocol = models.ForeignKey(RiskProtocol, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(default=1)
    action = models.TextField()
    responsible = models.CharField("who does it", max_length=200, blank=True)
    within = models.CharField(
        "by when", max_length=100, blank=True, help_text="e.g. within 24 hours"
    )

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"Step {self.order}: {self.action[:80]}"


@audited()
class IncidentNote(ProgrammeOwned):
    """A suspected or identified case linked to an organisation. Only the roles the programme
    allows read these; for everyone else they do not exist (404, never listed or counted)."""

    # RESTRICT: deleting the organisation never takes a case record with it (move or delete the
    # note first); deleting the whole programme still may.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.RESTRICT, related_name="incident_notes"
    )
    kind = models.CharField(
        max_length=20, choices=IncidentKind.choices, default=IncidentKind.SUSPECTED
    )
    status = models.CharField(
        max_length=20, choices=IncidentStatus.choices, default=IncidentStatus.OPEN
    )
    title = models.CharField(max_length=200)
    occurred_on = models.DateField("when it happened or came to light", null=True, blank=True)
    account = models.TextField("what happened", blank=True)
    actions_taken = models.TextField("actions taken", blank=True)
    # RESTRICT: a referral contact named by a case stays until the note names another one (the
    # person removing it may not be allowed to see the note); deleting the programme still may.
    referred_to = models.ForeignKey(
        ReferralContact, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title
