"""The agreement and its governance: activities, roles, governance, risk protocol and Do No Harm,
review date, the signed document and the agreement checklist; resource contributions per partner
and success indicators; every amendment keeps the version it replaces."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models

from partnerpath.audit.recorder import audited
from partnerpath.partnerships.choices import Cadence, ContributionKind
from partnerpath.partnerships.models.partnership import Partner, Partnership
from partnerpath.partnerships.validators import validate_document_type
from partnerpath.registry.models import ProgrammeOwned
from partnerpath.registry.validators import validate_upload_size

AGREEMENT_EXTENSIONS = ["pdf", "doc", "docx", "odt", "png", "jpg", "jpeg"]


@audited()
class Agreement(ProgrammeOwned):
    """The partnership agreement as it stands now (``version`` counts amendments)."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="agreement"
    )
    version = models.PositiveIntegerField(default=1)
    activities = models.TextField("activities for the first year", blank=True)
    roles = models.TextField("roles and responsibilities", blank=True)
    contributions_agreed = models.BooleanField(
        "resource contributions agreed",
        default=False,
        help_text="All partners have agreed what each brings.",
    )
    steering_body = models.TextField(
        blank=True, help_text="Who sits on the body that steers the partnership."
    )
    cadence = models.CharField(
        "meeting cadence", max_length=20, choices=Cadence.choices, blank=True
    )
    decision_rule = models.TextField(
        blank=True,
        help_text="How the partners decide, e.g. consensus of the steering body.",
    )
    risk_protocol = models.TextField(
        blank=True, help_text="What the partners do if a trafficking case is found."
    )
    do_no_harm = models.TextField(
        "Do No Harm commitments",
        blank=True,
        help_text="What keeps workers, survivors and staff safe from harm by the partnership.",
    )
    review_on = models.DateField("review date", null=True, blank=True)
    signed_document = models.FileField(
        upload_to="agreements/%Y/%m/",
        blank=True,
        validators=[
            FileExtensionValidator(AGREEMENT_EXTENSIONS),
            validate_upload_size,
            validate_document_type,
        ],
    )
    signed_on = models.DateField(null=True, blank=True)
    document_version = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The version the signed document was signed for (an earlier one when an "
        "amendment recorded that its signed document still covers it).",
    )
    coverage_reason = models.TextField(
        "why the signed document still covers this version",
        blank=True,
        help_text="Written when an amendment keeps the signed document of an earlier version.",
    )
    checklist = models.JSONField(
        default=dict,
        blank=True,
        help_text="agreement-checklist-v1: ingredient -> not relevant / not in place / "
        "partially / fully in place.",
    )
    checklist_name = models.CharField(max_length=40, default="agreement-checklist-v1")

    class Meta:
        ordering = ["partnership"]

    def __str__(self) -> str:
        return f"Agreement of {self.partnership} (version {self.version})"

    @property
    def signed_for(self) -> int | None:
        """The version the attached signed document was signed for (None: nothing attached)."""
        if not self.signed_document:
            return None
        return self.document_version or self.version

    @property
    def is_covered(self) -> bool:
        """Signed through an earlier version's document, which an amendment said still covers
        this version (with its reason)."""
        signed_for = self.signed_for
        return signed_for is not None and signed_for != self.version

    @property
    def is_signed(self) -> bool:
        """This version is signed: its own signed document is attached, or an amendment recorded
        why the earlier version's signed document still covers it. What the gate, the edit lock
        and every page count."""
        if not self.signed_document:
            return False
        return not self.is_covered or bool(self.coverage_reason.strip())


@audited()
class AgreementVersion(ProgrammeOwned):
    """A version of the agreement as it was before an amendment replaced it."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    snapshot = models.JSONField(help_text="Every field, contribution and indicator of the version.")
    signed_document = models.FileField(upload_to="agreements/%Y/%m/", blank=True)
    replaced_at = models.DateTimeField(auto_now_add=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    amendment_reason = models.TextField()

    class Meta:
        ordering = ["agreement", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "version"], name="one_row_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.agreement.partnership}: agreement version {self.version}"


@audited()
class Contribution(ProgrammeOwned):
    """What one partner brings: cash, in kind or expertise, with its value."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="contributions"
    )
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(max_length=20, choices=ContributionKind.choices)
    description = models.CharField(max_length=300)
    value = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(max_length=3, blank=True, help_text="ISO code, e.g. USD or THB.")

    class Meta:
        ordering = ["partnership", "partner", "id"]

    def __str__(self) -> str:
        return f"{self.partner.organisation}: {self.get_kind_display()} {self.description}"


@audited()
class SuccessIndicator(ProgrammeOwned):
    """How the partners will know the partnership succeeds."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="success_indicators"
    )
    name = models.CharField(max_length=300)
    target = models.CharField(max_length=200, blank=True)
    means_of_verification = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["partnership", "id"]

    def __str__(self) -> str:
        return self.name
