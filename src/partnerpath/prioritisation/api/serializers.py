"""Serializers of the prioritisation API: score-card templates, opportunities with the
organisations involved, weights agreed on record, rounds, and scores."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from rest_framework import serializers

from partnerpath.api.fields import RecordField, TeamMemberField, country_list_field
from partnerpath.api.serializers import ProgrammeRecordSerializer
from partnerpath.prioritisation.choices import OpportunityStatus, OrganisationRole
from partnerpath.prioritisation.models import (
    Opportunity,
    RaterSheet,
    Round,
    Score,
    ScorecardTemplateVersion,
    WeightDecision,
)
from partnerpath.prioritisation.services import opportunities, rounds, templates
from partnerpath.registry.choices import Sector
from partnerpath.registry.models import Organisation

STAMPS = ["created_at", "updated_at"]


class ScorecardTemplateSerializer(ProgrammeRecordSerializer):
    """A template version of a programme with its groups, factors, weights and anchors."""

    id = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Empty for the packaged default card of a programme that has not used it yet.",
    )
    template_id = serializers.CharField(read_only=True)
    scale = serializers.SerializerMethodField()
    groups = serializers.SerializerMethodField()

    class Meta:
        model = ScorecardTemplateVersion
        fields = [
            "id",
            "programme",
            "template_id",
            "name",
            "version",
            "title",
            "based_on",
            "scale",
            "groups",
            *STAMPS,
        ]
        read_only_fields = fields

    def get_scale(self, obj: ScorecardTemplateVersion) -> list[int]:
        return list(obj.template.scale)

    def get_groups(self, obj: ScorecardTemplateVersion) -> list[dict[str, Any]]:
        groups: list[dict[str, Any]] = obj.document["groups"]
        return groups


class RoleSerializer(serializers.Serializer[Any]):
    """An organisation involved in an opportunity, with its role."""

    organisation = RecordField(queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    role = serializers.ChoiceField(choices=OrganisationRole.choices)


class OpportunitySerializer(ProgrammeRecordSerializer):
    """A partnership opportunity; `organisations` replaces the organisations involved."""

    countries = country_list_field()
    # Text rather than a choice: the schema names the sector enum once, for organisations.
    sector = serializers.CharField(
        required=False, allow_blank=True, help_text="A sector code as organisations use it."
    )
    organisations = RoleSerializer(many=True, required=False, source="roles")

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "programme",
            "title",
            "description",
            "sector",
            "countries",
            "partnership_type",
            "estimated_cost",
            "currency",
            "duration_months",
            "status",
            "status_reason",
            "organisations",
            *STAMPS,
        ]

    def validate_sector(self, value: str) -> str:
        if value and value not in Sector.values:
            raise serializers.ValidationError(
                f"Unknown sector; use one of {', '.join(Sector.values)}."
            )
        return value

    def related_values(self, attrs: Mapping[str, Any]) -> dict[str, Any]:
        found = super().related_values(attrs)
        found.pop("roles", None)
        found["organisations"] = [r["organisation"] for r in attrs.get("roles", [])]
        return found

    def validate_currency(self, value: str) -> str:
        return value.strip().upper()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """The web form's rules, from the same service: a reason to drop or select, and the
        currency of a cost."""
        attrs = super().validate(attrs)
        before = self.instance
        current = before.status if before is not None else OpportunityStatus.IDEA
        status = attrs.get("status", current)
        changed = status != current
        # A new status takes the reason sent with it, never the one of the status before.
        kept = "" if changed else getattr(before, "status_reason", "")
        reason = attrs.get("status_reason", kept) or ""
        problem = opportunities.status_problem(status, reason, changed=changed)
        if problem:
            raise serializers.ValidationError({"status_reason": [problem]})
        cost = attrs.get("estimated_cost", getattr(before, "estimated_cost", None))
        currency = attrs.get("currency", getattr(before, "currency", "")) or ""
        problem = opportunities.cost_problem(cost, currency)
        if problem:
            raise serializers.ValidationError({"currency": [problem]})
        return attrs

    def _save(self, instance: Opportunity, attrs: dict[str, Any]) -> Opportunity:
        roles = attrs.pop("roles", None)
        # A change of status goes through set_status, as selecting on the pages does: recorded
        # in the history with its reason.
        status = attrs.pop("status", instance.status)
        changed = status != instance.status
        reason = attrs.pop("status_reason", "") if changed else ""
        for key, value in attrs.items():
            setattr(instance, key, value)
        if roles is None:
            current = instance.roles.all() if instance.pk else []
            roles = [{"organisation": r.organisation, "role": r.role} for r in current]
        pairs = [(r["organisation"], r["role"]) for r in roles]
        saved = opportunities.save_opportunity(instance, pairs)
        if changed:
            try:
                opportunities.set_status(saved, status, reason, self.context["request"].user)
            except opportunities.StatusError as exc:
                raise serializers.ValidationError({"status_reason": [str(exc)]}) from None
        return saved

    def create(self, validated_data: dict[str, Any]) -> Opportunity:
        return self._save(Opportunity(), validated_data)

    def update(self, instance: Opportunity, validated_data: dict[str, Any]) -> Opportunity:
        return self._save(instance, validated_data)


class WeightDecisionSerializer(ProgrammeRecordSerializer):
    """Weights agreed on record for a template version: who agreed them, when, why and how
    (entered directly or derived from pairwise comparisons, with the consistency ratios)."""

    template_id = serializers.CharField(source="template_version.template_id", read_only=True)
    agreed_by_name = serializers.CharField(source="agreed_by", read_only=True)
    rounds = serializers.PrimaryKeyRelatedField[Round](many=True, read_only=True)

    class Meta:
        model = WeightDecision
        fields = [
            "id",
            "programme",
            "template_version",
            "template_id",
            "method",
            "group_weights",
            "factor_weights",
            "entered",
            "consistency_ratio",
            "consistency",
            "agreed_by",
            "agreed_by_name",
            "agreed_on",
            "reason",
            "rounds",
            *STAMPS,
        ]
        read_only_fields = fields
        extra_kwargs = {
            "group_weights": {"help_text": "Each group's share of the total (sums to 1)."},
            "factor_weights": {"help_text": "Each factor's share of the total (sums to 1)."},
        }


class RoundWeightsSerializer(serializers.Serializer[Any]):
    """The weights a round is ranked with: agreed on record, or its template's defaults."""

    round = serializers.IntegerField()
    template_id = serializers.CharField()
    method = serializers.CharField(help_text="direct, ahp, or template (its defaults).")
    group_weights = serializers.DictField(child=serializers.FloatField())
    factor_weights = serializers.DictField(child=serializers.FloatField())
    weight_decision = WeightDecisionSerializer(
        allow_null=True, help_text="The decision on record; empty for the template's defaults."
    )


class SubmitSerializer(serializers.Serializer[Any]):
    """Whose sheet to submit: your own, or (team members) an offline rater's."""

    rater = serializers.IntegerField(
        required=False,
        help_text="User id of an offline rater whose sheet a team member submits; leave out "
        "for your own sheet.",
    )


class RoundSerializer(ProgrammeRecordSerializer):
    """A scoring round with its template version, weights, raters, scope and sheets."""

    template_id = serializers.CharField(source="template_version.template_id", read_only=True)
    raters = serializers.SerializerMethodField()
    opportunities = serializers.PrimaryKeyRelatedField[Opportunity](many=True, read_only=True)

    class Meta:
        model = Round
        fields = [
            "id",
            "programme",
            "name",
            "template_version",
            "template_id",
            "weight_decision",
            "top_k",
            "status",
            "raters",
            "opportunities",
            "closed_by",
            "closed_at",
            *STAMPS,
        ]
        read_only_fields = fields

    def get_raters(self, obj: Round) -> list[dict[str, Any]]:
        """Each rater with when their sheet was submitted and by whom (a team member may
        submit for an offline rater)."""
        return [
            {
                "user": s.rater_id,
                "name": str(s.rater),
                "submitted_at": s.submitted_at,
                "submitted_by": s.submitted_by_id,
            }
            for s in obj.sheets.all()
        ]


class RoundWriteSerializer(ProgrammeRecordSerializer):
    """A new round, opened by the same service as the web page: every rater gets an empty sheet."""

    template_version = RecordField(
        queryset=ScorecardTemplateVersion.objects.all(),
        required=False,
        help_text="Leave out for the programme's default card.",
    )
    weight_decision = RecordField(
        queryset=WeightDecision.objects.all(),
        required=False,
        allow_null=True,
        help_text="Agreed weights of the template version; leave out for its default weights.",
    )
    raters = TeamMemberField(
        many=True, allow_empty=False, help_text="Members who score: not viewers."
    )
    opportunities = RecordField(
        queryset=Opportunity.objects.all(),
        many=True,
        allow_empty=False,
        help_text="The opportunities in scope (not dropped ones).",
    )
    top_k = serializers.IntegerField(
        min_value=1, max_value=50, default=3, help_text=Round._meta.get_field("top_k").help_text
    )

    class Meta:
        model = Round
        fields = [
            "programme",
            "name",
            "template_version",
            "weight_decision",
            "raters",
            "opportunities",
            "top_k",
        ]

    def create(self, validated_data: dict[str, Any]) -> Round:
        programme = validated_data["programme"]
        version = validated_data.get("template_version")
        try:
            return rounds.create_round(
                programme,
                validated_data["name"],
                version or templates.default_template_version(programme),
                validated_data.get("weight_decision"),
                validated_data["raters"],
                validated_data["opportunities"],
                self.context["request"].user,
                validated_data["top_k"],
            )
        except rounds.ScoringError as exc:
            raise serializers.ValidationError({"non_field_errors": [str(exc)]}) from None

    def to_representation(self, instance: Round) -> dict[str, Any]:
        """The opened round as it is read back, with its sheets."""
        prefetch_related_objects(
            [instance], Prefetch("sheets", queryset=RaterSheet.objects.select_related("rater"))
        )
        return RoundSerializer(instance, context=self.context).data


class ScoreSerializer(serializers.ModelSerializer[Score]):
    """A rater's score of one factor of one opportunity; `insufficient_information` is an
    abstention. Writing one sets the requesting rater's own score while their sheet is open."""

    round = serializers.PrimaryKeyRelatedField[Round](source="sheet.round", read_only=True)
    rater = serializers.PrimaryKeyRelatedField[Any](source="sheet.rater", read_only=True)
    submitted = serializers.SerializerMethodField()

    class Meta:
        model = Score
        fields = [
            "id",
            "round",
            "rater",
            "submitted",
            "opportunity",
            "factor",
            "score",
            "insufficient_information",
            "rationale",
            *STAMPS,
        ]
        read_only_fields = fields

    def get_submitted(self, obj: Score) -> bool:
        return obj.sheet.submitted_at is not None


class ScoreWriteSerializer(serializers.Serializer[Any]):
    """One score to set on the requester's own sheet."""

    round = RecordField(queryset=Round.objects.all())
    opportunity = RecordField(queryset=Opportunity.objects.all())
    factor = serializers.CharField(max_length=80)
    score = serializers.IntegerField(min_value=1, max_value=5, required=False, allow_null=True)
    # Neither `score` nor `insufficient_information` sent: the saved score (or abstention)
    # stays, as the saved rationale does when `rationale` is not sent.
    insufficient_information = serializers.BooleanField(required=False)
    rationale = serializers.CharField(required=False, allow_blank=True, max_length=4000)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("score") is not None and attrs.get("insufficient_information"):
            raise serializers.ValidationError(
                {"score": ["Give a score or insufficient information, not both."]}
            )
        return attrs
