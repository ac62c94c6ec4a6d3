"""Serializers of the registry API: organisations with their profile and nested facts, contacts,
key individuals, policies, sources and links between organisations."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from partnerpath.api.fields import (
    CountryCodeField,
    RecordField,
    choice_list_field,
    country_list_field,
)
from partnerpath.api.serializers import ProgrammeRecordSerializer
from partnerpath.registry import services
from partnerpath.registry.choices import Sector
from partnerpath.registry.models import (
    PROFILE_FIELDS,
    Contact,
    KeyIndividual,
    Organisation,
    OrganisationLink,
    Policy,
    Source,
)
from partnerpath.registry.validators import (
    MAX_OTHER_NAME_LENGTH,
    MAX_OTHER_NAMES,
    other_name_problem,
    other_names_count_problem,
    tidy_names,
)

STAMPS = ["created_at", "updated_at"]
# Sane upper bounds keep numbers inside every database's integer range.
MAX_EMPLOYEES = 10_000_000
MAX_CHECKIN_DAYS = 3650


def _organisation_field(**kwargs: Any) -> RecordField:
    return RecordField(queryset=Organisation.objects.all(), **kwargs)


class OtherNamesField(serializers.ListField):
    """Other names as a list of strings; blanks and repeats are dropped, the rest kept in order."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            f"Former names, trading names, names in local script: up to {MAX_OTHER_NAMES} names "
            f"of up to {MAX_OTHER_NAME_LENGTH} characters; each is screened like the name.",
        )
        super().__init__(child=serializers.CharField(allow_blank=True), **kwargs)

    def to_internal_value(self, data: Any) -> list[str]:
        names = [str(n) for n in super().to_internal_value(data)]
        errors = {
            index: [problem]
            for index, name in enumerate(names)
            if (problem := other_name_problem(name))
        }
        if errors:
            raise serializers.ValidationError(errors)  # type: ignore[arg-type]
        names = tidy_names(names)
        count = other_names_count_problem(names)
        if count:
            raise serializers.ValidationError(count)
        return names


class DocumentLinkMixin(serializers.Serializer[Any]):
    """Where an API client downloads a source's document (members only, never a public URL)."""

    document_name = serializers.SerializerMethodField()
    document_url = serializers.SerializerMethodField()

    def get_document_name(self, obj: Source) -> str:
        return (obj.document.name or "").rsplit("/", 1)[-1]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_document_url(self, obj: Source) -> str | None:
        if not obj.document:
            return None
        request = self.context.get("request")
        return reverse("api:source-document", kwargs={"pk": obj.pk}, request=request)


class ContactSerializer(ProgrammeRecordSerializer):
    """A person at an organisation."""

    organisation = _organisation_field()
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Contact
        fields = [
            "id",
            "programme",
            "organisation",
            "organisation_name",
            "name",
            "title",
            "department",
            "email",
            "phone",
            "is_champion",
            "can_commit_resources",
            "is_active",
            "notes",
            *STAMPS,
        ]


class KeyIndividualSerializer(ProgrammeRecordSerializer):
    """A person who owns, directs or runs an organisation."""

    organisation = _organisation_field()
    other_names = OtherNamesField()
    nationality = CountryCodeField(required=False, allow_blank=True)

    class Meta:
        model = KeyIndividual
        fields = [
            "id",
            "programme",
            "organisation",
            "name",
            "other_names",
            "role",
            "nationality",
            "date_of_birth",
            "notes",
            *STAMPS,
        ]

    def validate_date_of_birth(self, value: Any) -> Any:
        if value is not None and value > timezone.localdate():
            raise serializers.ValidationError("A date of birth cannot be in the future.")
        return value


class PolicySerializer(ProgrammeRecordSerializer):
    """A published commitment of an organisation."""

    organisation = _organisation_field()

    class Meta:
        model = Policy
        fields = [
            "id",
            "programme",
            "organisation",
            "kind",
            "title",
            "url",
            "year",
            "notes",
            *STAMPS,
        ]
        extra_kwargs = {"year": {"min_value": 1950, "max_value": 2100}}


class SourceSerializer(DocumentLinkMixin, ProgrammeRecordSerializer):
    """Where a fact comes from: a URL, or a document uploaded as multipart form data."""

    organisation = _organisation_field()
    key_individual = RecordField(
        queryset=KeyIndividual.objects.all(),
        required=False,
        allow_null=True,
        help_text="The key individual the fact is about, if any (of the same organisation).",
    )

    class Meta:
        model = Source
        fields = [
            "id",
            "programme",
            "organisation",
            "key_individual",
            "field",
            "title",
            "url",
            "document",
            "document_name",
            "document_url",
            "accessed_on",
            "quote",
            "created_by",
            *STAMPS,
        ]
        read_only_fields = ["created_by"]
        extra_kwargs = {"document": {"write_only": True}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        organisation = attrs.get("organisation") or getattr(self.instance, "organisation", None)
        person = attrs.get("key_individual", getattr(self.instance, "key_individual", None))
        if person and organisation and person.organisation_id != organisation.pk:
            message = f"Key individual {person.pk} is not of organisation {organisation.pk}."
            raise serializers.ValidationError({"key_individual": [message]})
        url = attrs.get("url", getattr(self.instance, "url", ""))
        document = attrs.get("document", getattr(self.instance, "document", None))
        if not url and not document:
            raise serializers.ValidationError(
                {"url": ["Give the source's URL or upload the document."]}
            )
        return attrs

    def create(self, validated_data: dict[str, Any]) -> Source:
        validated_data["created_by"] = self.context["request"].user
        return super().create(validated_data)  # type: ignore[no-any-return]


class OrganisationLinkSerializer(ProgrammeRecordSerializer):
    """`from_organisation` <kind> `to_organisation`, for example: is the parent company of."""

    from_organisation = _organisation_field()
    to_organisation = _organisation_field()
    from_organisation_name = serializers.CharField(source="from_organisation.name", read_only=True)
    to_organisation_name = serializers.CharField(source="to_organisation.name", read_only=True)

    class Meta:
        model = OrganisationLink
        fields = [
            "id",
            "programme",
            "from_organisation",
            "from_organisation_name",
            "kind",
            "to_organisation",
            "to_organisation_name",
            "note",
            *STAMPS,
        ]
        validators: list[Any] = []  # duplicates get a clearer message in validate()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if self.instance is not None:
            for name in ("from_organisation", "kind", "to_organisation"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError(
                        {name: ["To change a link's ends or kind, delete it and add a new one."]}
                    )
            return attrs
        source, kind, target = attrs["from_organisation"], attrs["kind"], attrs["to_organisation"]
        if source.pk == target.pk:
            raise serializers.ValidationError(
                {"to_organisation": ["An organisation cannot be linked to itself."]}
            )
        exists = OrganisationLink.objects.filter(
            from_organisation=source, kind=kind, to_organisation=target
        ).exists()
        if exists:
            raise serializers.ValidationError(
                {"non_field_errors": ["This link is already recorded."]}
            )
        return attrs

    def create(self, validated_data: dict[str, Any]) -> OrganisationLink:
        try:
            return services.link_organisations(
                validated_data["from_organisation"],
                validated_data["kind"],
                validated_data["to_organisation"],
                validated_data.get("note", ""),
            )
        except services.LinkError as exc:
            raise serializers.ValidationError({"to_organisation": [str(exc)]}) from exc


class OrganisationSerializer(ProgrammeRecordSerializer):
    """An organisation's desk-research profile. Its key individuals, policies, sources and links
    are read here, in the same shape as their own endpoints, and written through those."""

    other_names = OtherNamesField()
    hq_country = CountryCodeField(required=False, allow_blank=True)
    countries_of_operation = country_list_field()
    countries_of_sourcing = country_list_field()
    sectors = choice_list_field(Sector.choices, help_text="Codes of the controlled sector list.")
    registration_jurisdiction = CountryCodeField(required=False, allow_blank=True)
    key_individuals = KeyIndividualSerializer(many=True, read_only=True)
    policies = PolicySerializer(many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)
    links_out = OrganisationLinkSerializer(
        many=True, read_only=True, help_text="Links where this organisation is `from_organisation`."
    )
    links_in = OrganisationLinkSerializer(
        many=True, read_only=True, help_text="Links where this organisation is `to_organisation`."
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "programme",
            *PROFILE_FIELDS,
            "key_individuals",
            "policies",
            "sources",
            "links_out",
            "links_in",
            *STAMPS,
        ]
        extra_kwargs = {
            "employees": {"max_value": MAX_EMPLOYEES},
            "checkin_every_days": {"min_value": 1, "max_value": MAX_CHECKIN_DAYS},
        }

    def validate_lei(self, value: str) -> str:
        return value.strip().upper()
