"""Serializers of the assessments API: packaged rubrics with their definitions, assessments with
their answers, the computed result and the explanation of every step."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from partnerpath.api.fields import ProgrammeField, RecordField
from partnerpath.assessments import services
from partnerpath.assessments.models import AnswerRecord, Assessment
from partnerpath.core.rubric import Rubric, to_document
from partnerpath.registry.models import Organisation


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
    """One answer with its evidence."""

    indicator = serializers.CharField(source="indicator_id")
    recorded_by = serializers.CharField(
        source="recorded_by.get_username", read_only=True, default=None
    )
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
            "updated_at",
        ]
        read_only_fields = ["updated_at"]

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

    class Meta:
        model = Assessment
        fields = [
            "id",
            "programme",
            "organisation",
            "kind",
            "rubric",
            "status",
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
        org = attrs.get("organisation")
        if org is not None and org.programme_id != attrs["programme"].pk:
            raise serializers.ValidationError(
                {"organisation": [f"Organisation {org.pk} belongs to another programme."]}
            )
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
        rubric = services.rubric_of(self.context["assessment"])
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
