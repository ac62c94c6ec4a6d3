"""An assessment (of an organisation's maturity, or of the programme's PSE readiness) and its
answers with their evidence. The result is computed by the core from the stored answers with the
exact rubric version the assessment was made with, and cached on the assessment."""

from __future__ import annotations

import secrets
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import timezone

from partnerpath.assessments.choices import Kind, Review, Source, Status
from partnerpath.audit.recorder import audited
from partnerpath.registry.models import (
    DOCUMENT_EXTENSIONS,
    Contact,
    Organisation,
    ProgrammeOwned,
)
from partnerpath.registry.validators import validate_upload_size


@audited(exclude=("result",))
class Assessment(ProgrammeOwned):
    """One assessment on one rubric version; repeated over time to show change."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessments",
        help_text="Empty for the programme's own PSE readiness assessment.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MATURITY)
    rubric_key = models.CharField(
        "rubric", max_length=80, help_text="The exact rubric version, e.g. maturity-v1."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.PROGRAMME)
    assessed_on = models.DateField(default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    result = models.JSONField(default=dict, blank=True, editable=False)
    level = models.SmallIntegerField(null=True, blank=True, editable=False)
    score = models.FloatField(
        null=True, blank=True, editable=False, help_text="PSE readiness: the overall score."
    )
    confidence = models.FloatField(null=True, blank=True, editable=False)
    discarded_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="A company self-assessment never submitted (its link revoked or expired) and "
        "set aside: it no longer changes and no longer counts as a draft.",
    )
    discarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    discard_reason = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-assessed_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status", "-assessed_on"]),
            models.Index(fields=["programme", "kind", "-assessed_on"]),
        ]

    def __str__(self) -> str:
        about = self.organisation.name if self.organisation_id else "the programme"  # type: ignore[union-attr]
        return f"{self.get_kind_display()} of {about} on {self.assessed_on:%d %b %Y}"

    @property
    def is_final(self) -> bool:
        """Final assessments no longer change."""
        return self.status == Status.FINAL

    @property
    def is_discarded(self) -> bool:
        """A discarded draft no longer changes and no longer counts as a draft."""
        return self.discarded_at is not None

    # Overrides the generated display so that every page listing assessments says "discarded".
    def get_status_display(self) -> str:  # type: ignore[no-redef]
        """The status as people read it: a discarded draft says so."""
        return "discarded" if self.is_discarded else str(Status(self.status).label)

    @cached_property
    def company_label(self) -> str:
        """Who gave a company self-assessment's answers: '<contact> (company, via private link)'
        (the organisation's name when the link named no contact)."""
        try:
            contact = self.invite.contact  # free when selected with the assessment
        except SelfAssessmentInvite.DoesNotExist:
            contact = None
        who = contact.name if contact else self.organisation.name if self.organisation else ""
        return f"{who or 'the company'} (company, via private link)"


def _evidence_path(instance: AnswerRecord, filename: str) -> str:
    return f"assessments/evidence/{instance.programme_id}/{filename}"


@audited()
class AnswerRecord(ProgrammeOwned):
    """The answer to one indicator, with the evidence behind it and who recorded it."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    indicator_id = models.CharField("indicator", max_length=80)
    value = models.CharField(max_length=20, help_text="A value of the indicator's scale.")
    note = models.TextField(blank=True)
    evidence_url = models.URLField("evidence web address", blank=True, max_length=500)
    evidence_document = models.FileField(
        upload_to=_evidence_path,
        blank=True,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_upload_size],
    )
    quote = models.TextField(blank=True, help_text="The passage of the source that shows it.")
    evidence_date = models.DateField(
        null=True, blank=True, help_text="When the source was published or observed."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claimed_value = models.CharField(
        max_length=20, blank=True, help_text="Self-assessment: the company's own answer, kept."
    )
    review = models.CharField(max_length=20, choices=Review.choices, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator_id"], name="one_answer_per_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"

    @property
    def has_evidence(self) -> bool:
        """A web address or a document backs the answer (a note alone does not)."""
        return bool(self.evidence_url or self.evidence_document)

    def recorder(self) -> str:
        """Who recorded the answer: the user, else the company's contact for its own answers."""
        if self.recorded_by is not None:
            return str(self.recorded_by)
        return self.assessment.company_label if self.claimed_value else ""


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@audited(exclude=("token",))
class SelfAssessmentInvite(ProgrammeOwned):
    """A private link a company contact uses, without an account, to self-assess on the rubric."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="self_assessment_invites"
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="invite")
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        who = f" ({self.contact})" if self.contact_id else ""
        return f"Self-assessment link for {self.organisation}{who}"

    def state(self, now: datetime) -> str:
        """revoked, expired, submitted or open."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        return "submitted" if self.submitted_at is not None else "open"

    def is_live(self, now: datetime) -> bool:
        """Still works (open or submitted): neither revoked nor expired."""
        return self.state(now) in ("open", "submitted")


@audited()
class ProgrammeRubric(ProgrammeOwned):
    """A programme's own rubric version, cloned from a packaged (or programme) rubric and adapted.

    Its ``document`` is the rubric as YAML, validated by the core before it is saved. Once an
    assessment uses it, it no longer changes: adapting it further means cloning a new version.
    """

    key = models.CharField(max_length=80, help_text="name-vN, e.g. maturity-mekong-v1.")
    base_key = models.CharField(
        "based on", max_length=80, help_text="The rubric it was cloned from."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300, blank=True)
    document = models.TextField(help_text="The rubric document (YAML).")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "key"], name="one_rubric_key_per_programme"
            )
        ]

    def __str__(self) -> str:
        return self.key
