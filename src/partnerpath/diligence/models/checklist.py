"""The due-diligence checklist of an organisation and its answers. A signed-off checklist is
locked; redoing it starts a new one that copies the previous answers for review."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models

from partnerpath.audit.recorder import audited
from partnerpath.core.risk import checklist as rule
from partnerpath.diligence.choices import ANSWER_CHOICES, QUESTION_CHOICES, Rating, RiskLevel
from partnerpath.registry.models import DOCUMENT_EXTENSIONS, Organisation, ProgrammeOwned
from partnerpath.registry.validators import validate_upload_size


@audited()
class Checklist(ProgrammeOwned):
    """One round of due diligence on an organisation, rated by the core's rule and signed off by
    a second person; it must be redone after it expires."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="checklists"
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The checklist whose answers this one copied.",
    )
    rating = models.CharField(max_length=20, choices=Rating.choices, blank=True)
    rating_rule = models.CharField(max_length=40, default=rule.RULE_NAME)
    rating_reasons = models.JSONField(default=list, blank=True)
    inherent_level = models.CharField(
        "inherent risk when rated", max_length=20, choices=RiskLevel.choices, blank=True
    )
    inherent_rule = models.CharField(max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    sign_off_note = models.TextField(blank=True)
    expires_on = models.DateField(null=True, blank=True)
    superseded_on = models.DateField(
        null=True, blank=True, help_text="When a newer checklist of the organisation was started."
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    def __str__(self) -> str:
        started = f" started {self.created_at:%d %b %Y}" if self.created_at else ""
        return f"Due-diligence checklist of {self.organisation}{started}"

    @property
    def is_locked(self) -> bool:
        """Signed off (or replaced): its answers no longer change."""
        return self.signed_off_at is not None or self.superseded_on is not None

    def status(self, today: date) -> rule.Status:
        """In progress, signed off, expired or superseded."""
        signed = self.signed_off_at.date() if self.signed_off_at else None
        return rule.status_of(signed, self.expires_on, self.superseded_on is not None, today)


def _evidence_path(instance: ChecklistAnswer, filename: str) -> str:
    return f"diligence/evidence/{instance.programme_id}/{filename}"


@audited()
class ChecklistAnswer(ProgrammeOwned):
    """The answer to one question of a checklist, with its evidence and who reviewed it."""

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=40, choices=QUESTION_CHOICES)
    answer = models.CharField(max_length=20, choices=ANSWER_CHOICES, blank=True)
    remediated = models.BooleanField(
        default=False,
        help_text="For a concern: it was remediated (causes fixed, remedy provided, verified).",
    )
    note = models.TextField(
        "evidence note", blank=True, help_text="What was checked, where, and what it showed."
    )
    evidence_url = models.URLField("evidence web address", blank=True, max_length=500)
    evidence_document = models.FileField(
        upload_to=_evidence_path,
        blank=True,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_upload_size],
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who answered or last reviewed this question.",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    carried_over = models.BooleanField(
        default=False, help_text="Copied from the previous checklist and not reviewed yet."
    )

    class Meta:
        ordering = ["checklist", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["checklist", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_question_display()}: {self.get_answer_display() or 'unanswered'}"

    @property
    def has_evidence(self) -> bool:
        """A note, a web address or a document backs the answer."""
        return bool(self.note.strip() or self.evidence_url or self.evidence_document)

    def as_given(self) -> rule.GivenAnswer:
        """The core's view of this answer."""
        answer = rule.Answer(self.answer) if self.answer else None
        return rule.GivenAnswer(answer, self.remediated, self.has_evidence)
