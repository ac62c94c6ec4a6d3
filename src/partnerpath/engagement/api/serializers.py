"""Serializers of the engagement API: connections between people, interactions with their
follow-up actions (nested and writable), and follow-ups on their own."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from partnerpath.api.fields import RecordField, TeamMemberField
from partnerpath.api.serializers import ProgrammeRecordSerializer
from partnerpath.engagement.models import Connection, FollowUp, Interaction
from partnerpath.engagement.services import (
    connection_between,
    duplicate_connection_message,
    interaction_date_problem,
)
from partnerpath.registry.models import Contact, Organisation

STAMPS = ["created_at", "updated_at"]


def _person_label(user: Any, contact: Contact | None) -> str:
    if user is not None:
        return str(user)
    if contact is not None:
        return f"{contact.name} ({contact.organisation.name})"
    return ""


class ConnectionSerializer(ProgrammeRecordSerializer):
    """Two people who know each other. Each side is a team member (`*_user`) or a contact
    (`*_contact`): give exactly one of the two, and null for the other."""

    from_user = TeamMemberField(required=False, allow_null=True)
    from_contact = RecordField(queryset=Contact.objects.all(), required=False, allow_null=True)
    to_user = TeamMemberField(required=False, allow_null=True)
    to_contact = RecordField(queryset=Contact.objects.all(), required=False, allow_null=True)
    from_person = serializers.SerializerMethodField()
    to_person = serializers.SerializerMethodField()

    class Meta:
        model = Connection
        fields = [
            "id",
            "programme",
            "from_user",
            "from_contact",
            "from_person",
            "kind",
            "to_user",
            "to_contact",
            "to_person",
            "note",
            *STAMPS,
        ]

    def get_from_person(self, obj: Connection) -> str:
        return _person_label(obj.from_user, obj.from_contact)

    def get_to_person(self, obj: Connection) -> str:
        return _person_label(obj.to_user, obj.to_contact)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        sides: dict[str, tuple[Any, Any]] = {}
        for side in ("from", "to"):
            user = attrs.get(f"{side}_user", getattr(self.instance, f"{side}_user", None))
            contact = attrs.get(f"{side}_contact", getattr(self.instance, f"{side}_contact", None))
            if (user is None) == (contact is None):
                raise serializers.ValidationError(
                    {f"{side}_user": [f"Give exactly one of {side}_user and {side}_contact."]}
                )
            sides[side] = (user, contact)
        field = "to_user" if sides["to"][0] else "to_contact"
        if sides["from"] == sides["to"]:
            message = "A person cannot be connected to themselves."
            raise serializers.ValidationError({field: [message]})
        programme = self.target_programme(attrs)
        one, two = (user or contact for user, contact in (sides["from"], sides["to"]))
        existing = connection_between(programme, one, two)
        if existing is not None and existing.pk != getattr(self.instance, "pk", None):
            raise serializers.ValidationError({field: [duplicate_connection_message(existing)]})
        return attrs


class NestedFollowUpSerializer(serializers.ModelSerializer[FollowUp]):
    """A follow-up action inside an interaction. On update, items with an `id` change that
    follow-up, items without one are added, and follow-ups left out are deleted."""

    id = serializers.IntegerField(required=False, help_text="Leave out to add a follow-up.")
    owner = TeamMemberField(required=False, allow_null=True)
    is_done = serializers.BooleanField(read_only=True)

    class Meta:
        model = FollowUp
        fields = ["id", "description", "owner", "due_on", "done_on", "is_done"]


class InteractionSerializer(ProgrammeRecordSerializer):
    """A meeting, call, e-mail, workshop, event or site visit, with its follow-ups."""

    organisations = RecordField(queryset=Organisation.objects.all(), many=True, allow_empty=False)
    contacts = RecordField(queryset=Contact.objects.all(), many=True, required=False)
    team = TeamMemberField(many=True, required=False)
    follow_ups = NestedFollowUpSerializer(many=True, required=False)

    class Meta:
        model = Interaction
        fields = [
            "id",
            "programme",
            "kind",
            "occurred_on",
            "title",
            "summary",
            "organisations",
            "contacts",
            "team",
            "follow_ups",
            "created_by",
            *STAMPS,
        ]
        read_only_fields = ["created_by"]

    def validate_occurred_on(self, value: Any) -> Any:
        problem = interaction_date_problem(value)
        if problem:
            raise serializers.ValidationError(problem)
        return value

    def related_values(self, attrs: Any) -> dict[str, Any]:
        related = super().related_values(attrs)
        related.pop("follow_ups", None)
        owners = [f["owner"] for f in attrs.get("follow_ups", []) if f.get("owner") is not None]
        if owners:
            related["follow_ups"] = owners
        return related

    def validate_follow_ups(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        ids = [item["id"] for item in value if item.get("id") is not None]
        known = (
            set(self.instance.follow_ups.values_list("pk", flat=True)) if self.instance else set()
        )
        unknown = [pk for pk in ids if pk not in known]
        if unknown:
            raise serializers.ValidationError(
                f"Follow-up {unknown[0]} is not one of this interaction's; "
                "leave out `id` to add a follow-up."
            )
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError("Each follow-up may appear only once.")
        return value

    def create(self, validated_data: dict[str, Any]) -> Interaction:
        relations = _pop_relations(validated_data)
        follow_ups = validated_data.pop("follow_ups", [])
        user = self.context["request"].user
        interaction = Interaction.objects.create(created_by=user, **validated_data)
        for name, values in relations.items():
            getattr(interaction, name).set(values)
        _save_follow_ups(interaction, follow_ups)
        return interaction

    def update(self, instance: Interaction, validated_data: dict[str, Any]) -> Interaction:
        relations = _pop_relations(validated_data)
        follow_ups = validated_data.pop("follow_ups", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        instance.save()
        for name, values in relations.items():
            getattr(instance, name).set(values)
        if follow_ups is not None:
            _save_follow_ups(instance, follow_ups, replace=True)
        return instance


def _pop_relations(validated_data: dict[str, Any]) -> dict[str, Any]:
    """Take the many-to-many values out of the data (they are set after saving)."""
    names = ("organisations", "contacts", "team")
    return {name: validated_data.pop(name) for name in names if name in validated_data}


def _save_follow_ups(
    interaction: Interaction, items: list[dict[str, Any]], replace: bool = False
) -> None:
    """Create, change and (when replacing) delete the interaction's follow-ups."""
    existing = {f.pk: f for f in interaction.follow_ups.all()}
    kept: set[int] = set()
    for item in items:
        data = dict(item)
        pk = data.pop("id", None)
        if pk is None:
            FollowUp.objects.create(
                programme_id=interaction.programme_id, interaction=interaction, **data
            )
            continue
        follow_up = existing[pk]
        for name, value in data.items():
            setattr(follow_up, name, value)
        follow_up.save()
        kept.add(pk)
    if replace:
        for pk, follow_up in existing.items():
            if pk not in kept:
                follow_up.delete()


class FollowUpSerializer(ProgrammeRecordSerializer):
    """A follow-up action of an interaction."""

    interaction = RecordField(queryset=Interaction.objects.all())
    owner = TeamMemberField(required=False, allow_null=True)
    is_done = serializers.BooleanField(read_only=True)

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "programme",
            "interaction",
            "description",
            "owner",
            "due_on",
            "done_on",
            "is_done",
            *STAMPS,
        ]
