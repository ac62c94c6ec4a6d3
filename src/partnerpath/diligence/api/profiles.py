"""Serializers of the computed risk profile and of the reference data versions (read-only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rest_framework import serializers

from partnerpath.core.risk.profile import RiskProfile
from partnerpath.diligence.choices import TIER_CHOICES, RiskLevel
from partnerpath.diligence.models import ReferenceDataset
from partnerpath.registry.models import Organisation


@dataclass(frozen=True)
class OrganisationProfile:
    """An organisation with its computed profile."""

    organisation: Organisation
    profile: RiskProfile


class DataSourceSerializer(serializers.Serializer[Any]):
    """The dataset a figure comes from."""

    name = serializers.CharField()
    edition = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)
    imported_on = serializers.DateField()
    citation = serializers.CharField()


class TierSerializer(serializers.Serializer[Any]):
    """A TIP Report tier placement."""

    tier = serializers.ChoiceField(choices=TIER_CHOICES)
    year = serializers.IntegerField()

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        # `label` is also an attribute of every serializer field, so it is added here.
        return {**super().get_fields(), "label": serializers.CharField()}


class PrevalenceSerializer(serializers.Serializer[Any]):
    """A prevalence estimate."""

    per_thousand = serializers.FloatField()
    people = serializers.IntegerField(allow_null=True)
    year = serializers.IntegerField(allow_null=True)

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        # `source` is also an attribute of every serializer field, so it is added here.
        source = serializers.CharField(help_text="The row's own source, when the file named one.")
        return {**super().get_fields(), "source": source}


class GoodsListingSerializer(serializers.Serializer[Any]):
    """A DOL listing that concerns the organisation, and why."""

    good = serializers.CharField(source="listing.good")
    child_labour = serializers.BooleanField(source="listing.child_labour")
    forced_labour = serializers.BooleanField(source="listing.forced_labour")
    forced_child_labour = serializers.BooleanField(source="listing.forced_child_labour")
    derived = serializers.BooleanField(source="listing.derived")
    derived_from = serializers.CharField(source="listing.derived_from")
    because = serializers.ListField(child=serializers.CharField())

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        return {**super().get_fields(), "source": DataSourceSerializer()}


class SignalSerializer(serializers.Serializer[Any]):
    """One figure, the level it points to, and its source."""

    level = serializers.ChoiceField(choices=RiskLevel.choices)
    reason = serializers.CharField()

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        return {**super().get_fields(), "source": serializers.CharField()}


class CountryRiskSerializer(serializers.Serializer[Any]):
    """Everything known about one of the organisation's countries."""

    country = serializers.CharField()
    name = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    level = serializers.ChoiceField(choices=RiskLevel.choices, allow_null=True)
    tier = TierSerializer(allow_null=True)
    tier_source = DataSourceSerializer(allow_null=True)
    prevalence = PrevalenceSerializer(allow_null=True)
    prevalence_source = DataSourceSerializer(allow_null=True)
    listings = GoodsListingSerializer(many=True)
    signals = SignalSerializer(many=True)


class InterestSerializer(serializers.Serializer[Any]):
    """A goods term looked for on the DOL List, and why."""

    term = serializers.CharField()
    because = serializers.CharField()


class RiskProfileSerializer(serializers.Serializer[Any]):
    """An organisation's inherent-risk profile, computed on the reference data in force."""

    organisation = serializers.IntegerField(source="organisation.pk")
    organisation_name = serializers.CharField(source="organisation.name")
    programme = serializers.SlugField(source="organisation.programme.slug")
    rule = serializers.CharField(source="profile.rule")
    level = serializers.ChoiceField(
        source="profile.level",
        choices=RiskLevel.choices,
        allow_null=True,
        help_text="null: not rated (no country or no figures).",
    )
    explanation = serializers.ListField(source="profile.explanation", child=serializers.CharField())
    countries = CountryRiskSerializer(source="profile.countries", many=True)
    goods_looked_for = InterestSerializer(source="profile.interests", many=True)
    gaps = serializers.ListField(source="profile.gaps", child=serializers.CharField())
    sources = DataSourceSerializer(source="profile.sources", many=True)


class ReferenceDatasetSerializer(serializers.ModelSerializer[ReferenceDataset]):
    """One imported version of a reference source."""

    class Meta:
        model = ReferenceDataset
        fields = [
            "id",
            "kind",
            "source_name",
            "edition",
            "published_on",
            "imported_at",
            "file_name",
            "checksum",
            "row_count",
            "notes",
        ]
