"""Serializers of the assessments API: rubrics with their definitions, the programme's own rubric
versions, assessments with their answers, result and explanation, and self-assessment links."""

from __future__ import annotations

from typing import Any

from django.core.validators import FileExtensionValidator
from django.utils import timezone
from rest_framework import serializers

from partnerpath.api.access import memberships_of
from partnerpath.api.fields import ProgrammeField, RecordField
from partnerpath.api.serializers import programme_mismatches
from partnerpath.assessments import rubrics, selfassess, services
from partnerpath.assessments.choices import Kind
from partnerpath.assessments.models import (
    AnswerRecord,
    Assessment,
    ProgrammeRubric,
    SelfAssessmentInvite,
)
from partnerpath.core.rubric import Rubric, to_document
from partnerpath.registry.models import DOCUMENT_EXTENSIONS, Contact, Organisation
from partnerpath.registry.validators import validate_upload_size


class RubricSerializer(serializers.Serializer[Rubric]):
    """A packaged or programme rubric: its key, what it assesses, and its full definition."""

    key = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    version = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    rule = serializers.CharField(source="rule.kind.value", read_only=True)
    programme = serializers.CharField(
        read_only=True,
        default=None,
        help_text="The programme (slug) whose own rubric this is; null for a packaged rubric.",
    )
    definition = serializers.SerializerMethodField()

    def get_definition(self, rubric: Rubric) -> dict[str, Any]:
        """The rubric file's content (scales, levels or sections, indicators, guidance)."""
        return to_document(rubric)


class AssessmentAnswerSerializer(serializers.ModelSerializer[AnswerRecord]):
    """One answer with its evidence and, on a company self-assessment, the company's own answer
    next to the reviewed one (both kept)."""

    indicator = serializers.CharField(source="indicator_id")
    recorded_by = serializers.CharField(
        source="recorded_by.get_username",
        read_only=True,
        default=None,
        help_text="The user who recorded it; null for the company's own answer.",
    )
    recorded_by_label = serializers.CharField(
        source="recorder",
        read_only=True,
        help_text="Who recorded it as the pages say, e.g. 'Anong S. (company, via private link)'.",
    )
    claimed_value = serializers.CharField(
        read_only=True, help_text="The company's own answer; empty when the programme answered."
    )
    review = serializers.CharField(
        read_only=True, help_text="pending, accepted or adjusted; empty when not the company's."
    )
    reviewed_by = serializers.CharField(
        source="reviewed_by.get_username", read_only=True, default=None
    )
    reviewed_at = serializers.DateTimeField(read_only=True)
    has_document = serializers.SerializerMethodField()
    has_evidence = serializers.BooleanField(read_only=True)

    class Meta:
        model = AnswerRecord
        fields = [
            "indicator",
            "value",
            "note",
            "evidence_url",
            "quote",
            "evidence_date",
            "has_document",
            "has_evidence",
            "recorded_by",
            "recorded_by_label",
            "claimed_value",
            "review",
            "reviewed_by",
            "reviewed_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_has_document(self, answer: AnswerRecord) -> bool:
        """An evidence document is attached (download it from the web page)."""
        return bool(answer.evidence_document)


class AssessmentSerializer(serializers.ModelSerializer[Assessment]):
    """An assessment, its answers and its result computed with its own rubric version."""

    programme = serializers.CharField(source="programme.slug", read_only=True)
    organisation = serializers.IntegerField(source="organisation_id", read_only=True)
    rubric = serializers.CharField(source="rubric_key", read_only=True)
    created_by = serializers.CharField(
        source="created_by.get_username", read_only=True, default=None
    )
    answers = AssessmentAnswerSerializer(many=True, read_only=True)
    result = serializers.JSONField(read_only=True, help_text="Level or scores, steps, gaps.")
    discarded_by = serializers.CharField(
        source="discarded_by.get_username", read_only=True, default=None
    )

    class Meta:
        model = Assessment
        fields = [
            "id",
            "programme",
            "organisation",
            "kind",
            "rubric",
            "source",
            "status",
            "discarded_at",
            "discarded_by",
            "discard_reason",
            "assessed_on",
            "level",
            "score",
            "confidence",
            "created_by",
            "created_at",
            "updated_at",
            "answers",
            "result",
        ]
        read_only_fields = fields


class AssessmentStartSerializer(serializers.Serializer[Any]):
    """Start an assessment: of an organisation (maturity), or without one (PSE readiness)."""

    programme = ProgrammeField()
    organisation = RecordField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of the organisation; leave out for the programme's PSE readiness.",
    )
    rubric = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="A packaged or own rubric key of the matching kind; newest packaged by default.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        related = {"organisation": attrs.get("organisation")}
        errors = programme_mismatches(attrs["programme"], related)
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class AssessmentAnswerInputSerializer(serializers.Serializer[Any]):
    """One answer to record; an empty value removes the answer."""

    indicator = serializers.CharField()
    value = serializers.CharField(allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)
    evidence_url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    quote = serializers.CharField(required=False, allow_blank=True)
    evidence_date = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return _on_scale(self.context["assessment"], attrs)


def _on_scale(assessment: Assessment, attrs: dict[str, Any]) -> dict[str, Any]:
    """The indicator is the rubric's and the value (when given) a value of its scale."""
    rubric = services.rubric_of(assessment)
    try:
        ind = rubric.indicator(attrs["indicator"])
    except KeyError:
        raise serializers.ValidationError(
            {"indicator": [f"{rubric.key} has no indicator {attrs['indicator']!r}."]}
        ) from None
    scale = rubric.scales[ind.scale]
    if attrs["value"] and scale.option(attrs["value"]) is None:
        allowed = ", ".join(o.value for o in scale.options)
        raise serializers.ValidationError({"value": [f"Choose one of: {allowed}."]})
    return attrs


class AssessmentDetailsSerializer(serializers.ModelSerializer[Assessment]):
    """What changes on a draft assessment itself: the day it was made."""

    class Meta:
        model = Assessment
        fields = ["assessed_on"]


class ReviewInputSerializer(serializers.Serializer[Any]):
    """The programme's answer to one of the company's answers: the same (accepted) or another."""

    indicator = serializers.CharField()
    value = serializers.CharField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return _on_scale(self.context["assessment"], attrs)


class DiscardSerializer(serializers.Serializer[Any]):
    """Why a self-assessment the company never submitted is set aside."""

    reason = serializers.CharField(max_length=500)


class EvidenceDocumentSerializer(serializers.Serializer[Any]):
    """An evidence document for an answered indicator (multipart/form-data)."""

    document = serializers.FileField(
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_upload_size],
        help_text=f"One of: {', '.join(DOCUMENT_EXTENSIONS)}; at most UPLOAD_MAX_BYTES.",
    )


class InviteSerializer(serializers.ModelSerializer[SelfAssessmentInvite]):
    """A company self-assessment link; its private ``url`` only for roles that change records."""

    programme = serializers.CharField(source="programme.slug", read_only=True)
    organisation = serializers.IntegerField(source="organisation_id", read_only=True)
    contact = serializers.IntegerField(source="contact_id", read_only=True, allow_null=True)
    assessment = serializers.IntegerField(source="assessment_id", read_only=True)
    rubric = serializers.CharField(
        source="assessment.rubric_key", read_only=True, help_text="The rubric the company answers."
    )
    state = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    created_by = serializers.CharField(
        source="created_by.get_username", read_only=True, default=None
    )

    class Meta:
        model = SelfAssessmentInvite
        fields = [
            "id",
            "programme",
            "organisation",
            "contact",
            "assessment",
            "rubric",
            "state",
            "url",
            "expires_at",
            "revoked_at",
            "submitted_at",
            "created_by",
            "created_at",
        ]
        read_only_fields = fields

    def get_state(self, link: SelfAssessmentInvite) -> str:
        """open, submitted, expired or revoked."""
        return link.state(timezone.now())

    def get_url(self, link: SelfAssessmentInvite) -> str | None:
        """The link to send to the contact; null for read-only roles and dead links."""
        request = self.context["request"]
        membership = memberships_of(request).get(link.programme_id)
        return selfassess.private_url(request, link, membership)


class InviteCreateSerializer(serializers.Serializer[Any]):
    """Create a link for an organisation, optionally for one of its contacts."""

    programme = ProgrammeField()
    organisation = RecordField(queryset=Organisation.objects.all())
    contact = RecordField(queryset=Contact.objects.all(), required=False, allow_null=True)
    days = serializers.IntegerField(
        min_value=1,
        max_value=90,
        required=False,
        allow_null=True,
        help_text="How many days the link works; SELF_ASSESSMENT_LINK_DAYS by default.",
    )
    rubric = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="A packaged or the programme's own maturity rubric; newest packaged by default.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        related = {"organisation": attrs["organisation"], "contact": attrs.get("contact")}
        errors = programme_mismatches(attrs["programme"], related)
        if errors:
            raise serializers.ValidationError(errors)
        if attrs.get("rubric"):
            try:
                rubrics.for_new_assessment(attrs["programme"], Kind.MATURITY, attrs["rubric"])
            except ValueError as exc:
                raise serializers.ValidationError({"rubric": [str(exc)]}) from None
        return attrs


class ProgrammeRubricSerializer(serializers.ModelSerializer[ProgrammeRubric]):
    """A programme's own rubric version with its YAML document and whether assessments use it."""

    programme = serializers.CharField(source="programme.slug", read_only=True)
    base = serializers.CharField(source="base_key", read_only=True)
    kind = serializers.CharField(
        read_only=True, help_text="maturity (a ladder rubric) or pse (weighted sections)."
    )
    in_use = serializers.BooleanField(
        read_only=True, help_text="Assessments use it: the document no longer changes."
    )
    created_by = serializers.CharField(
        source="created_by.get_username", read_only=True, default=None
    )
    document = serializers.CharField(
        trim_whitespace=False, help_text="The rubric as YAML (JSON is YAML too)."
    )

    class Meta:
        model = ProgrammeRubric
        fields = [
            "id",
            "programme",
            "key",
            "base",
            "kind",
            "title",
            "document",
            "in_use",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [f for f in fields if f != "document"]


class RubricCloneSerializer(serializers.Serializer[Any]):
    """Clone a packaged or programme rubric as ``name-vN``, adapting it in the same request."""

    programme = ProgrammeField()
    base = serializers.CharField(help_text="Key of the rubric to clone, e.g. maturity-v1.")
    name = serializers.SlugField(max_length=60, help_text="e.g. maturity-mekong.")
    version = serializers.IntegerField(min_value=1, max_value=999)
    document = serializers.CharField(
        required=False,
        trim_whitespace=False,
        help_text="The adapted document (YAML) with the new key; leave out to keep the clone.",
    )


class RubricProblemSerializer(serializers.Serializer[Any]):
    """One problem of a rubric: where it is and what is wrong."""

    location = serializers.CharField(help_text="e.g. levels[1].indicators[0].weight")
    line = serializers.IntegerField(allow_null=True, help_text="Line of the YAML, when known.")
    message = serializers.CharField()


class RubricProblemsSerializer(serializers.Serializer[Any]):
    """A rubric refused by the validator: every problem, nothing saved."""

    detail = serializers.CharField()
    problems = RubricProblemSerializer(many=True)
