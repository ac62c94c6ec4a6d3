"""Serializers of the due-diligence API: checklists with their answers, the risk protocol with its
referral contacts and steps, and incident notes."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partnerpath.accounts.models import User
from partnerpath.api.fields import RecordField
from partnerpath.api.serializers import ProgrammeRecordSerializer
from partnerpath.core.risk.checklist import QUESTION_BY_KEY, SCALE_ANSWERS, Status
from partnerpath.diligence import services
from partnerpath.diligence.choices import ANSWER_CHOICES, QUESTION_CHOICES
from partnerpath.diligence.models import (
    Checklist,
    ChecklistAnswer,
    IncidentNote,
    ProtocolStep,
    ReferralContact,
    RiskProtocol,
)
from partnerpath.registry.models import Organisation

STAMPS = ["created_at", "updated_at"]


class AnswerSerializer(serializers.ModelSerializer[ChecklistAnswer]):
    """One question's answer; the evidence document is uploaded on the web page."""

    question = serializers.ChoiceField(choices=QUESTION_CHOICES)
    answer = serializers.ChoiceField(choices=ANSWER_CHOICES)
    reviewed_by = serializers.PrimaryKeyRelatedField[User](read_only=True)
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = ChecklistAnswer
        fields = [
            "question",
            "answer",
            "remediated",
            "note",
            "evidence_url",
            "has_document",
            "reviewed_by",
            "reviewed_at",
            "carried_over",
        ]
        read_only_fields = ["reviewed_at", "carried_over"]

    def get_has_document(self, obj: ChecklistAnswer) -> bool:
        return bool(obj.evidence_document)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # A PATCH makes nested answers partial too; an answer still needs both fields.
        missing = {
            name: ["This field is required: an answer names its question and the answer."]
            for name in ("question", "answer")
            if name not in attrs
        }
        if missing:
            raise serializers.ValidationError(missing)
        question = QUESTION_BY_KEY[attrs["question"]]
        allowed = [a.value for a in SCALE_ANSWERS[question.scale]]
        if attrs["answer"] not in allowed:
            raise serializers.ValidationError(
                {"answer": [f"{question.key} takes one of: {', '.join(allowed)}."]}
            )
        return attrs


class ChecklistSerializer(ProgrammeRecordSerializer):
    """An organisation's due-diligence checklist: answers, rating and why, sign-off, expiry.
    Creating one starts a new round (copying the previous answers for review); `answers` on a
    create or change records those answers as the API user."""

    organisation = RecordField(queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    status = serializers.SerializerMethodField()
    inherent_level = serializers.CharField(
        read_only=True, help_text="The organisation's inherent risk when last rated; empty: none."
    )
    answers = AnswerSerializer(many=True, required=False)

    class Meta:
        model = Checklist
        fields = [
            "id",
            "programme",
            "organisation",
            "organisation_name",
            "status",
            "rating",
            "rating_rule",
            "rating_reasons",
            "inherent_level",
            "inherent_rule",
            "answers",
            "previous",
            "created_by",
            "last_edited_by",
            "signed_off_by",
            "signed_off_at",
            "sign_off_note",
            "expires_on",
            "superseded_on",
            *STAMPS,
        ]
        read_only_fields = [
            "rating",
            "rating_rule",
            "rating_reasons",
            "inherent_level",
            "inherent_rule",
            "previous",
            "created_by",
            "last_edited_by",
            "signed_off_by",
            "signed_off_at",
            "sign_off_note",
            "expires_on",
            "superseded_on",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=[s.value for s in Status]))
    def get_status(self, obj: Checklist) -> str:
        return obj.status(services.today()).value

    def validate_organisation(self, value: Organisation) -> Organisation:
        if self.instance is not None and value.pk != self.instance.organisation_id:
            raise serializers.ValidationError("A checklist cannot move to another organisation.")
        return value

    def validate_answers(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        questions = [item["question"] for item in value]
        if len(questions) != len(set(questions)):
            raise serializers.ValidationError("Each question may appear only once.")
        return value

    def related_values(self, attrs: Any) -> dict[str, Any]:
        related = super().related_values(attrs)
        related.pop("answers", None)
        return related

    def _answer(self, checklist: Checklist, answers: list[dict[str, Any]]) -> Checklist:
        user = self.context["request"].user
        for item in answers:
            values = dict(item)
            try:
                services.answer_question(checklist, values.pop("question"), values, user)
            except services.ChecklistLocked as exc:
                raise serializers.ValidationError({"answers": [str(exc)]}) from None
        return services.with_answers(Checklist.objects.filter(pk=checklist.pk)).get()

    def create(self, validated_data: dict[str, Any]) -> Checklist:
        checklist = services.start_checklist(
            validated_data["organisation"], self.context["request"].user
        )
        return self._answer(checklist, validated_data.get("answers", []))

    def update(self, instance: Checklist, validated_data: dict[str, Any]) -> Checklist:
        return self._answer(instance, validated_data.get("answers", []))


class SignOffSerializer(serializers.Serializer[Any]):
    """A second person's sign-off."""

    note = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class ReferralContactSerializer(serializers.ModelSerializer[ReferralContact]):
    """Someone a case is referred to."""

    id = serializers.IntegerField(required=False)

    class Meta:
        model = ReferralContact
        fields = ["id", "name", "organisation_name", "phone", "email", "handles", "hours"]


class ProtocolStepSerializer(serializers.ModelSerializer[ProtocolStep]):
    """One step, in order."""

    id = serializers.IntegerField(required=False)

    class Meta:
        model = ProtocolStep
        fields = ["id", "order", "action", "responsible", "within"]


def _save_parts(
    protocol: RiskProtocol, model: Any, related: str, items: list[dict[str, Any]]
) -> None:
    """Create, change and delete the protocol's contacts or steps to match ``items``."""
    existing = {p.pk: p for p in getattr(protocol, related).all()}
    kept: set[int] = set()
    for item in items:
        data = dict(item)
        pk = data.pop("id", None)
        if pk is None:
            model.objects.create(programme_id=protocol.programme_id, protocol=protocol, **data)
            continue
        part = existing[pk]
        for name, value in data.items():
            setattr(part, name, value)
        part.save()
        kept.add(pk)
    for pk, part in existing.items():
        if pk not in kept:
            part.delete()


class RiskProtocolSerializer(ProgrammeRecordSerializer):
    """The programme's risk protocol and Do No Harm commitments, with its referral contacts and
    steps; a list given replaces the current one (items with `id` change, without are added)."""

    contacts = ReferralContactSerializer(many=True, required=False)
    steps = ProtocolStepSerializer(many=True, required=False)

    class Meta:
        model = RiskProtocol
        fields = [
            "id",
            "programme",
            "scope",
            "title",
            "who_is_told",
            "do_no_harm",
            "confidentiality",
            "reviewed_on",
            "contacts",
            "steps",
            *STAMPS,
        ]
        read_only_fields = ["scope"]
        validators: list[Any] = []  # one protocol per programme: checked in validate() in words

    def related_values(self, attrs: Any) -> dict[str, Any]:
        related = super().related_values(attrs)
        related.pop("contacts", None)
        related.pop("steps", None)
        return related

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        programme = self.target_programme(attrs)
        if self.instance is None and services.protocol_of(programme) is not None:
            raise serializers.ValidationError(
                {"programme": ["This programme has its protocol already; change that one."]}
            )
        for related in ("contacts", "steps"):
            known = (
                set(getattr(self.instance, related).values_list("pk", flat=True))
                if self.instance
                else set()
            )
            unknown = [
                i["id"]
                for i in attrs.get(related, [])
                if i.get("id") is not None and i["id"] not in known
            ]
            if unknown:
                raise serializers.ValidationError(
                    {related: [f"{unknown[0]} is not this protocol's; leave out `id` to add one."]}
                )
        return attrs

    def _parts(self, protocol: RiskProtocol, data: dict[str, Any]) -> None:
        if data.get("contacts") is not None:
            _save_parts(protocol, ReferralContact, "contacts", data["contacts"])
        if data.get("steps") is not None:
            _save_parts(protocol, ProtocolStep, "steps", data["steps"])

    def create(self, validated_data: dict[str, Any]) -> RiskProtocol:
        parts = {k: validated_data.pop(k, None) for k in ("contacts", "steps")}
        protocol = RiskProtocol.objects.create(**validated_data)
        self._parts(protocol, parts)
        return protocol

    def update(self, instance: RiskProtocol, validated_data: dict[str, Any]) -> RiskProtocol:
        parts = {k: validated_data.pop(k, None) for k in ("contacts", "steps")}
        for name, value in validated_data.items():
            setattr(instance, name, value)
        instance.save()
        self._parts(instance, parts)
        return instance


class IncidentSerializer(ProgrammeRecordSerializer):
    """A suspected or identified case linked to an organisation."""

    organisation = RecordField(queryset=Organisation.objects.all())
    referred_to = RecordField(
        queryset=ReferralContact.objects.all(), required=False, allow_null=True
    )
    recorded_by = serializers.PrimaryKeyRelatedField[User](read_only=True)

    class Meta:
        model = IncidentNote
        fields = [
            "id",
            "programme",
            "organisation",
            "kind",
            "status",
            "title",
            "occurred_on",
            "account",
            "actions_taken",
            "referred_to",
            "recorded_by",
            *STAMPS,
        ]

    def create(self, validated_data: dict[str, Any]) -> IncidentNote:
        return IncidentNote.objects.create(
            recorded_by=self.context["request"].user, **validated_data
        )
