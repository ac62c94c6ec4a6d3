"""Serializers of the partnerships API: partnerships (their stage read-only), partners, concerns,
health checks, timeline entries, and the bodies of a stage move and of its gate's answer."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partnerpath.api.fields import RecordField, TeamMemberField
from partnerpath.api.serializers import ProgrammeRecordSerializer
from partnerpath.partnerships.choices import PartnerRole, Stage, Type
from partnerpath.partnerships.models import (
    Concern,
    HealthCheck,
    HealthRating,
    Partner,
    Partnership,
    StageChange,
    TimelineEvent,
)
from partnerpath.partnerships.services import partners, stages, trust
from partnerpath.partnerships.services.health import results_of
from partnerpath.prioritisation.models import Opportunity
from partnerpath.registry.models import Contact, Organisation

STAMPS = ["created_at", "updated_at"]
TIMELINE_FIELDS = ["id", "at", "kind", "kind_label", "summary", "detail", "by", "recorded_at"]
TIMELINE_FIELDS += ["flagged"]
STAGE_TEXT = "A stage code: " + ", ".join(Stage.values) + "."


class CodeField(serializers.CharField):
    """A code of a controlled list, given as text so that the schema names each list once."""

    def __init__(self, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        self.codes = [value for value, _ in choices]
        kwargs.setdefault("help_text", "One of: " + ", ".join(self.codes) + ".")
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = str(super().to_internal_value(data))
        if value and value not in self.codes:
            raise serializers.ValidationError(
                f'"{value}" is not a valid choice; use one of {", ".join(self.codes)}.'
            )
        return value


class PartnerBriefSerializer(serializers.ModelSerializer[Partner]):
    """A partner as its partnership lists it."""

    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    role = serializers.CharField(read_only=True, help_text="The partner's role code.")

    class Meta:
        model = Partner
        fields = ["id", "organisation", "organisation_name", "role", "point_person"]
        read_only_fields = fields


class PartnershipSerializer(ProgrammeRecordSerializer):
    """A partnership. Its stage is read-only: it moves only through `advance/`, past the gates."""

    opportunity = RecordField(queryset=Opportunity.objects.all(), required=False, allow_null=True)
    programme_point_person = TeamMemberField(required=False, allow_null=True)
    partners = PartnerBriefSerializer(many=True, read_only=True)
    partnership_type = CodeField(Type.choices, required=False, allow_blank=True)

    class Meta:
        model = Partnership
        fields = [
            "id",
            "programme",
            "title",
            "stage",
            "stage_since",
            "closed_reason",
            "partnership_type",
            "shared_vision",
            "programme_point_person",
            "opportunity",
            "started_on",
            "partners",
            *STAMPS,
        ]
        read_only_fields = ["stage", "stage_since", "closed_reason", "started_on"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        asked = self.initial_data.get("stage") if hasattr(self.initial_data, "get") else None
        current = self.instance.stage if self.instance is not None else Stage.IDENTIFIED
        if asked is not None and asked != current:
            raise serializers.ValidationError(
                {"stage": ["The stage changes only through POST .../advance/, past the gates."]}
            )
        return super().validate(attrs)

    def create(self, validated_data: dict[str, Any]) -> Partnership:
        programme = validated_data.pop("programme")
        title = validated_data.pop("title")
        user = self.context["request"].user
        return stages.create_partnership(programme, title, user, **validated_data)

    def update(self, instance: Partnership, validated_data: dict[str, Any]) -> Partnership:
        old_type = instance.partnership_type
        changed = _apply(instance, validated_data)
        partners.save_partnership(instance, changed, old_type)
        return instance


def _apply(instance: Any, data: dict[str, Any]) -> list[str]:
    """Set the given fields; the names of those whose value changed."""
    changed = [k for k, v in data.items() if k != "programme" and getattr(instance, k) != v]
    for key, value in data.items():
        setattr(instance, key, value)
    return changed


class PartnerSerializer(ProgrammeRecordSerializer):
    """An organisation in a partnership, with its role, point-person (a contact at it),
    objectives and preferred type."""

    partnership = RecordField(queryset=Partnership.objects.all())
    organisation = RecordField(queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    point_person = RecordField(queryset=Contact.objects.all(), required=False, allow_null=True)
    role = CodeField(PartnerRole.choices)

    class Meta:
        model = Partner
        fields = [
            "id",
            "programme",
            "partnership",
            "organisation",
            "organisation_name",
            "role",
            "point_person",
            "objectives",
            "preferred_type",
            *STAMPS,
        ]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        instance = self.instance
        for name in ("partnership", "organisation"):
            if instance is not None and name in attrs and attrs[name] != getattr(instance, name):
                raise serializers.ValidationError(
                    {name: ["Cannot change; add another partner instead."]}
                )
        organisation = attrs.get("organisation", getattr(instance, "organisation", None))
        person = attrs.get("point_person", getattr(instance, "point_person", None))
        if (
            person is not None
            and organisation is not None
            and (person.organisation_id != organisation.pk)
        ):
            raise serializers.ValidationError(
                {"point_person": ["The point-person must be a contact at this organisation."]}
            )
        return attrs

    def create(self, validated_data: dict[str, Any]) -> Partner:
        return partners.add_partner(Partner(**validated_data))

    def update(self, instance: Partner, validated_data: dict[str, Any]) -> Partner:
        old_type = instance.preferred_type
        changed = _apply(instance, validated_data)
        return partners.update_partner(instance, changed, old_type)


class ConcernSerializer(ProgrammeRecordSerializer):
    """A concern, fear or deal-breaker; `raised_by` empty: raised by the programme team. A
    resolved or accepted one needs its `resolution`."""

    partnership = RecordField(queryset=Partnership.objects.all())
    raised_by = RecordField(queryset=Partner.objects.all(), required=False, allow_null=True)
    is_open = serializers.BooleanField(read_only=True)
    reason = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=4000,
        help_text="Why the status changes (kept in the timeline and the history).",
    )

    class Meta:
        model = Concern
        fields = [
            "id",
            "programme",
            "partnership",
            "raised_by",
            "title",
            "description",
            "category",
            "severity",
            "is_deal_breaker",
            "status",
            "is_open",
            "raised_on",
            "resolution",
            "resolved_on",
            "reason",
            *STAMPS,
        ]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        instance = self.instance
        if instance is not None and attrs.get("partnership", instance.partnership) != (
            instance.partnership
        ):
            raise serializers.ValidationError({"partnership": ["A concern cannot move."]})
        return attrs

    def create(self, validated_data: dict[str, Any]) -> Concern:
        validated_data.pop("reason", "")
        partnership = validated_data.pop("partnership")
        return trust.raise_concern(partnership, Concern(**validated_data))

    def update(self, instance: Concern, validated_data: dict[str, Any]) -> Concern:
        reason = validated_data.pop("reason", "")
        _apply(instance, validated_data)
        return trust.update_concern(instance, reason)


class RatingSerializer(serializers.ModelSerializer[HealthRating]):
    """One partner's rating of one aspect."""

    organisation_name = serializers.CharField(source="partner.organisation.name", read_only=True)

    class Meta:
        model = HealthRating
        fields = ["partner", "organisation_name", "aspect", "light", "comment", "by_partner"]
        read_only_fields = fields


class HealthCheckSerializer(ProgrammeRecordSerializer):
    """A health check with every rating, its overall light and score (health-check-v1: the
    worst rating counts)."""

    partnership = serializers.PrimaryKeyRelatedField[Partnership](read_only=True)
    ratings = RatingSerializer(many=True, read_only=True)
    overall = serializers.SerializerMethodField()
    score = serializers.SerializerMethodField()

    class Meta:
        model = HealthCheck
        fields = [
            "id",
            "programme",
            "partnership",
            "held_on",
            "due_on",
            "notes",
            "overall",
            "score",
            "ratings",
            *STAMPS,
        ]
        read_only_fields = fields

    def _result(self, obj: HealthCheck) -> Any:
        cached = getattr(obj, "_assessed", None)
        if cached is None:
            (cached,) = results_of([obj], [])
            obj._assessed = cached  # type: ignore[attr-defined]
        return cached

    @extend_schema_field({"type": "string", "enum": ["green", "amber", "red", ""]})
    def get_overall(self, obj: HealthCheck) -> str:
        light = self._result(obj).overall
        return str(light.value) if light else ""

    def get_score(self, obj: HealthCheck) -> float | None:
        score: float | None = self._result(obj).score
        return score


class TimelineEventSerializer(serializers.ModelSerializer[TimelineEvent]):
    """One timeline entry; `flagged` marks overrides and deal-breakers."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    by = serializers.CharField(source="actor_label", read_only=True)

    class Meta:
        model = TimelineEvent
        fields = [*TIMELINE_FIELDS]
        read_only_fields = fields


class UnmetSerializer(serializers.Serializer[Any]):
    """One unmet requirement of a gate."""

    code = serializers.CharField(help_text="Stable code, e.g. open_deal_breaker.")
    message = serializers.CharField()
    rule = serializers.CharField(help_text='The gate rule, or "stages" for the move itself.')
    version = serializers.CharField(help_text="The ruleset, e.g. gates-v1.")
    stage = serializers.CharField(help_text="The stage whose gate asks for it.")


class GateProblemSerializer(serializers.Serializer[Any]):
    """The 409 answer when a gate blocks: every unmet requirement."""

    detail = serializers.CharField()
    current = serializers.CharField(help_text=STAGE_TEXT)
    target = serializers.CharField(help_text=STAGE_TEXT)
    ruleset = serializers.CharField()
    overridable = serializers.BooleanField(
        help_text="Whether an admin or PSE lead may override with a reason."
    )
    unmet = UnmetSerializer(many=True)


class OverrideRefusedSerializer(GateProblemSerializer):
    """The 403 answer when an override may not be recorded: the gate's problem and why not."""

    problems = serializers.ListField(child=serializers.CharField())


class VerdictSerializer(serializers.Serializer[Any]):
    """One rule's verdict on one stage's gate."""

    stage = serializers.CharField()
    rule = serializers.CharField()
    met = serializers.BooleanField()
    reason = serializers.CharField()


class GateCheckSerializer(serializers.Serializer[Any]):
    """What the gates say about a move, without making it."""

    passed = serializers.BooleanField()
    current = serializers.CharField(help_text=STAGE_TEXT)
    target = serializers.CharField(help_text=STAGE_TEXT)
    move = serializers.CharField(help_text="forward, back, terminal, reopen or none.")
    ruleset = serializers.CharField()
    overridable = serializers.BooleanField()
    unmet = UnmetSerializer(many=True)
    verdicts = VerdictSerializer(many=True)


class AdvanceSerializer(serializers.Serializer[Any]):
    """A stage move: the target stage, the reason (needed to close, to reopen and to override)
    and whether to override a blocked gate."""

    target = CodeField(Stage.choices, help_text=f"The stage to move to. {STAGE_TEXT}")
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    override = serializers.BooleanField(
        default=False, help_text="Move despite unmet requirements (admins and PSE leads)."
    )


class GateQuery(serializers.Serializer[Any]):
    """The move to check."""

    target = serializers.ChoiceField(choices=Stage.choices, help_text="The stage to move to.")
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=4000,
        help_text="The reason that closing or reopening needs.",
    )


class StageChangeSerializer(serializers.ModelSerializer[StageChange]):
    """A stage move as recorded, with the requirements an override passed."""

    from_stage = serializers.CharField(read_only=True, help_text="Empty for the creation.")
    to_stage = serializers.CharField(read_only=True)
    overridden = UnmetSerializer(many=True, read_only=True)
    is_override = serializers.BooleanField(read_only=True)

    class Meta:
        model = StageChange
        fields = [
            "id",
            "from_stage",
            "to_stage",
            "kind",
            "at",
            "by",
            "reason",
            "ruleset",
            "is_override",
            "override_role",
            "overridden",
        ]
        read_only_fields = fields


class AdvancedSerializer(serializers.Serializer[Any]):
    """The answer of a move that happened."""

    stage = serializers.CharField(help_text=STAGE_TEXT)
    stage_since = serializers.DateTimeField()
    change = StageChangeSerializer()
