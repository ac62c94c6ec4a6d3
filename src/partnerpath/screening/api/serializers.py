"""Serializers of the screening API: watch lists with their versions, screenings, hits with
their list entry, explanation and decision, and the requests to start a screening or decide."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from partnerpath.api.fields import ProgrammeField, RecordField
from partnerpath.registry.models import Organisation
from partnerpath.screening.choices import Decision
from partnerpath.screening.models import (
    Adjudication,
    Hit,
    ListEntry,
    ListVersion,
    Screening,
    WatchList,
)


class ListVersionSerializer(serializers.ModelSerializer[ListVersion]):
    """One imported file of a list."""

    list = serializers.CharField(source="watch_list.name", read_only=True)

    class Meta:
        model = ListVersion
        fields = [
            "id",
            "list",
            "publication_date",
            "date_is_import_date",
            "checksum",
            "source_format",
            "source_name",
            "entity_count",
            "imported_at",
            "is_current",
        ]
        read_only_fields = fields


class VersionOfListSerializer(serializers.ModelSerializer[ListVersion]):
    """A version nested in its list."""

    class Meta:
        model = ListVersion
        fields = [
            "id",
            "publication_date",
            "date_is_import_date",
            "checksum",
            "source_format",
            "source_name",
            "entity_count",
            "imported_at",
            "is_current",
        ]
        read_only_fields = fields


class WatchListSerializer(serializers.ModelSerializer[WatchList]):
    """A watch list and its versions, newest first."""

    versions = VersionOfListSerializer(many=True, read_only=True)

    class Meta:
        model = WatchList
        fields = ["id", "name", "created_at", "versions"]
        read_only_fields = fields


class ScreeningSerializer(serializers.ModelSerializer[Screening]):
    """A screening run with its progress."""

    programme = serializers.CharField(source="programme.slug", read_only=True)
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, default=None
    )
    requested_by = serializers.CharField(
        source="requested_by.username", read_only=True, default=None
    )
    list_versions = ListVersionSerializer(many=True, read_only=True)
    percent_done = serializers.IntegerField(read_only=True)

    class Meta:
        model = Screening
        fields = [
            "id",
            "programme",
            "scope",
            "organisation",
            "organisation_name",
            "trigger",
            "status",
            "total_count",
            "done_count",
            "percent_done",
            "started_at",
            "finished_at",
            "algorithm",
            "threshold",
            "list_versions",
            "requested_by",
            "task_id",
            "error",
            "hit_count",
            "new_hit_count",
            "created_at",
        ]
        read_only_fields = fields


class ScreeningStartSerializer(serializers.Serializer[Any]):
    """What to screen: one organisation of the programme, or (without one) all active ones."""

    programme = ProgrammeField()
    organisation = RecordField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of the organisation to screen; leave out to screen all active ones.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        org = attrs.get("organisation")
        if org is not None and org.programme_id != attrs["programme"].pk:
            raise serializers.ValidationError(
                {"organisation": [f"Organisation {org.pk} belongs to another programme."]}
            )
        return attrs


class ListEntrySerializer(serializers.ModelSerializer[ListEntry]):
    """The list entry a hit matched, with its list and the list's date."""

    list = serializers.CharField(source="version.watch_list.name", read_only=True)
    list_date = serializers.DateField(source="version.publication_date", read_only=True)
    list_version = serializers.IntegerField(source="version_id", read_only=True)

    class Meta:
        model = ListEntry
        fields = [
            "list",
            "list_date",
            "list_version",
            "entity_id",
            "schema",
            "caption",
            "names",
            "countries",
            "identifiers",
            "birth_dates",
            "dataset",
            "content_hash",
        ]
        read_only_fields = fields


class AdjudicationSerializer(serializers.ModelSerializer[Adjudication]):
    """A decision with its reason, and any change waiting for a second person."""

    decided_by = serializers.CharField(source="decided_by.username", read_only=True, default=None)
    proposed_by = serializers.CharField(source="proposed_by.username", read_only=True, default=None)
    confirmed_by = serializers.CharField(
        source="confirmed_by.username", read_only=True, default=None
    )
    awaiting_second_person = serializers.BooleanField(read_only=True)
    proposed_decision = serializers.CharField(
        read_only=True,
        help_text="The decision waiting for a second person (a value of decision), or empty.",
    )
    entry_hash = serializers.CharField(read_only=True)

    class Meta:
        model = Adjudication
        fields = [
            "id",
            "decision",
            "reason",
            "decided_by",
            "decided_at",
            "awaiting_second_person",
            "proposed_decision",
            "proposed_reason",
            "proposed_by",
            "proposed_at",
            "confirmed_by",
            "confirmed_at",
            "entry_hash",
        ]
        read_only_fields = fields


class HitSerializer(serializers.ModelSerializer[Hit]):
    """A hit: who was screened, the list entry, the score with its per-feature explanation, and
    the decision that applies (or the earlier one when the list entry changed)."""

    programme = serializers.CharField(source="programme.slug", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    key_individual_name = serializers.CharField(
        source="key_individual.name", read_only=True, default=None
    )
    subject_name = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    entry_changed = serializers.BooleanField(read_only=True)
    list_entry = ListEntrySerializer(read_only=True)
    adjudication = AdjudicationSerializer(read_only=True)
    previous_adjudication = AdjudicationSerializer(read_only=True)

    class Meta:
        model = Hit
        fields = [
            "id",
            "programme",
            "screening",
            "organisation",
            "organisation_name",
            "key_individual",
            "key_individual_name",
            "subject_name",
            "subject",
            "watch_list",
            "entity_id",
            "entry_hash",
            "status",
            "is_new",
            "is_latest",
            "entry_changed",
            "score",
            "threshold",
            "algorithm",
            "query_name",
            "matched_name",
            "explanation",
            "list_entry",
            "adjudication",
            "previous_adjudication",
            "created_at",
        ]
        read_only_fields = fields


class DecisionSerializer(serializers.Serializer[Any]):
    """A decision on a hit and its reason (required)."""

    decision = serializers.ChoiceField(choices=Decision.choices)
    reason = serializers.CharField(max_length=4000, trim_whitespace=True)
