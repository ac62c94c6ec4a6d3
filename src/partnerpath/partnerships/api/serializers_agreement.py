"""Serializers of a partnership's agreement in the API: the agreement with its checklist ratings
and earlier versions (read), resource contributions and success indicators (read, and added or
removed until the agreement is signed)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from rest_framework import serializers

from partnerpath.api.fields import id_field
from partnerpath.core.lifecycle.agreement import IN_PLACE_LABELS, INGREDIENTS
from partnerpath.partnerships.api.serializers import CodeField
from partnerpath.partnerships.choices import ContributionKind
from partnerpath.partnerships.models import (
    Agreement,
    AgreementVersion,
    Contribution,
    Partner,
    Partnership,
    SuccessIndicator,
)
from partnerpath.partnerships.services import agreement as service

CURRENCY = re.compile(r"[A-Z]{3}")


class AgreementFieldsSerializer(serializers.ModelSerializer[Agreement]):
    """The agreement as it stands: its fields, whether this version is signed (by its own signed
    document, or an earlier one an amendment said still covers it) and that in words."""

    signed = serializers.BooleanField(source="is_signed", read_only=True)
    signed_for_version = serializers.IntegerField(
        source="signed_for",
        read_only=True,
        allow_null=True,
        help_text="The version the attached signed document was signed for.",
    )
    signed_document = serializers.SerializerMethodField()
    signature = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "id",
            "version",
            "activities",
            "roles",
            "contributions_agreed",
            "steering_body",
            "cadence",
            "decision_rule",
            "risk_protocol",
            "do_no_harm",
            "review_on",
            "signed_on",
            "signed_document",
            "signed",
            "signed_for_version",
            "coverage_reason",
            "signature",
            "checklist_name",
            "updated_at",
        ]
        read_only_fields = fields

    def get_signed_document(self, obj: Agreement) -> str:
        """The signed document's file name ('' when none is attached)."""
        return service.file_name(obj.signed_document.name)

    def get_signature(self, obj: Agreement) -> str:
        """Whether it is signed, in words."""
        return service.signature_of(obj)


class ChecklistItemSerializer(serializers.Serializer[Any]):
    """One ingredient of the agreement checklist and its rating."""

    key = serializers.CharField()
    name = serializers.CharField(help_text="The ingredient in words.")
    rating = serializers.CharField(
        help_text="not_relevant, not_in_place, partially_in_place, fully_in_place, or '' when "
        "not rated."
    )
    rating_label = serializers.CharField()


class AgreementVersionSerializer(serializers.ModelSerializer[AgreementVersion]):
    """A version an amendment replaced, kept whole: every field, contributions and indicators
    as they were (``snapshot``), with who replaced it and why."""

    replaced_by = serializers.SerializerMethodField()
    signed_document = serializers.SerializerMethodField()

    class Meta:
        model = AgreementVersion
        fields = [
            "version",
            "replaced_at",
            "replaced_by",
            "amendment_reason",
            "signed_document",
            "snapshot",
        ]
        read_only_fields = fields

    def get_replaced_by(self, obj: AgreementVersion) -> str:
        """The username of who amended it."""
        return obj.replaced_by.get_username() if obj.replaced_by else ""

    def get_signed_document(self, obj: AgreementVersion) -> str:
        """Its signed document's file name."""
        return service.file_name(obj.signed_document.name)


class AgreementAnswerSerializer(serializers.Serializer[Any]):
    """The agreement, its checklist (agreement-checklist-v1) and its earlier versions."""

    agreement = AgreementFieldsSerializer()
    checklist = ChecklistItemSerializer(many=True)
    checklist_summary = serializers.CharField()
    share_in_place = serializers.FloatField()
    versions = AgreementVersionSerializer(many=True)


def agreement_answer(agreement: Agreement) -> dict[str, Any]:
    """The body of GET .../agreement/."""
    ratings = agreement.checklist or {}
    summary = service.checklist_summary(agreement)
    checklist = []
    for ingredient in INGREDIENTS:
        value = str(ratings.get(ingredient.key, ""))
        rated = service.IN_PLACE_VALUES.get(value)
        checklist.append(
            {
                "key": ingredient.key,
                "name": ingredient.label,
                "rating": rated.value if rated else "",
                "rating_label": IN_PLACE_LABELS[rated] if rated else "Not rated",
            }
        )
    versions = agreement.versions.select_related("replaced_by").order_by("-version")
    return {
        "agreement": AgreementFieldsSerializer(agreement).data,
        "checklist": checklist,
        "checklist_summary": summary.summary,
        "share_in_place": summary.share_in_place,
        "versions": AgreementVersionSerializer(versions, many=True).data,
    }


class PartnerOfPartnership(serializers.PrimaryKeyRelatedField[Partner]):
    """The id of a partner of the partnership in the URL."""

    default_error_messages = {
        "does_not_exist": "No partner with id {pk_value} in this partnership.",
        "incorrect_type": "Give a partner id (a whole number), not {data_type}.",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("pk_field", id_field())
        kwargs.setdefault("help_text", "A partner of this partnership (its id).")
        super().__init__(queryset=Partner.objects.all(), **kwargs)

    def get_queryset(self) -> Any:
        partnership: Partnership | None = self.context.get("partnership")
        if partnership is None:
            return Partner.objects.none()
        return partnership.partners.select_related("organisation")


class ContributionSerializer(serializers.ModelSerializer[Contribution]):
    """What one partner brings: `kind` cash, in_kind or expertise, a `value` (0 or more) with
    its three-letter `currency`."""

    partner = PartnerOfPartnership()
    organisation_name = serializers.CharField(source="partner.organisation.name", read_only=True)
    kind = CodeField(ContributionKind.choices)
    value = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
        allow_null=True,
        coerce_to_string=False,
    )
    currency = serializers.CharField(
        required=False, allow_blank=True, max_length=3, help_text="ISO code, e.g. USD or THB."
    )

    class Meta:
        model = Contribution
        fields = [
            "id",
            "partner",
            "organisation_name",
            "kind",
            "description",
            "value",
            "currency",
            "created_at",
        ]
        read_only_fields = ["id", "organisation_name", "created_at"]

    def validate_currency(self, value: str) -> str:
        """Three letters, stored upper-case."""
        code = value.strip().upper()
        if code and not CURRENCY.fullmatch(code):
            raise serializers.ValidationError("Use a three-letter currency code such as USD.")
        return code

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("value") is not None and not attrs.get("currency"):
            raise serializers.ValidationError(
                {"currency": ["Give the currency of the value, e.g. USD."]}
            )
        return attrs


class IndicatorSerializer(serializers.ModelSerializer[SuccessIndicator]):
    """A success indicator with its target and how it is verified."""

    class Meta:
        model = SuccessIndicator
        fields = ["id", "name", "target", "means_of_verification", "created_at"]
        read_only_fields = ["id", "created_at"]


class SignedSerializer(serializers.Serializer[Any]):
    """The 409 answer when the agreement is signed: change it by an amendment."""

    detail = serializers.CharField()
