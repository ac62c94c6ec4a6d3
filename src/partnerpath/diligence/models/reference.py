"""Reference data shared by every programme: each imported file is a dataset version (source,
edition, dates, checksum) with its rows. Nothing here belongs to one programme."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from partnerpath.audit.recorder import audited
from partnerpath.core.risk.reference import (
    Dataset,
    GoodsListing,
    PrevalenceEstimate,
    Tier,
    TierPlacement,
)
from partnerpath.diligence.choices import TIER_CHOICES, ReferenceKind


@audited(exclude=("notes",))
class ReferenceDataset(models.Model):
    """One imported edition of a reference source (DOL List, TIP tiers, prevalence)."""

    kind = models.CharField(max_length=20, choices=ReferenceKind.choices)
    source_name = models.CharField(max_length=200)
    edition = models.CharField(max_length=60, help_text="Year or edition, e.g. 2022 or 1999-2015.")
    published_on = models.DateField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    in_force_since = models.DateTimeField(
        default=timezone.now,
        help_text="When it last became the version in force: its import, or importing the same "
        "file again to go back to it.",
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    checksum = models.CharField("SHA-256 checksum", max_length=64)
    row_count = models.PositiveIntegerField(default=0)
    notes = models.JSONField(default=list, blank=True, help_text="Rows left out on purpose.")

    class Meta:
        ordering = ["-in_force_since", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "checksum"], name="one_import_per_file")
        ]

    def __str__(self) -> str:
        return f"{self.source_name}, {self.edition}"

    def as_dataset(self) -> Dataset:
        """The core's view of this dataset, for citations."""
        return Dataset(self.source_name, self.edition, self.imported_at.date(), self.published_on)


class GoodsListingRow(models.Model):
    """One good from one country on an edition of the DOL List."""

    dataset = models.ForeignKey(ReferenceDataset, on_delete=models.CASCADE, related_name="goods")
    good = models.CharField(max_length=200)
    sector = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=2)
    country_name = models.CharField(max_length=200)
    child_labour = models.BooleanField(default=False)
    forced_labour = models.BooleanField(default=False)
    forced_child_labour = models.BooleanField(default=False)
    derived = models.BooleanField(default=False)
    derived_from = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["good", "country"]
        indexes = [models.Index(fields=["dataset", "country"])]

    def __str__(self) -> str:
        return f"{self.good} ({self.country_name})"

    def as_listing(self) -> GoodsListing:
        """The core's view of this row."""
        return GoodsListing(
            self.good,
            self.country,
            self.country_name,
            self.sector,
            self.child_labour,
            self.forced_labour,
            self.forced_child_labour,
            self.derived,
            self.derived_from,
        )


class TierPlacementRow(models.Model):
    """A country's TIP Report tier in one year, from one imported file."""

    dataset = models.ForeignKey(ReferenceDataset, on_delete=models.CASCADE, related_name="tiers")
    country = models.CharField(max_length=2)
    country_name = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField()
    tier = models.CharField(max_length=10, choices=TIER_CHOICES)

    class Meta:
        ordering = ["country", "-year"]
        indexes = [models.Index(fields=["country", "-year"])]

    def __str__(self) -> str:
        return f"{self.country_name} {self.year}: {self.get_tier_display()}"

    def as_placement(self) -> TierPlacement:
        """The core's view of this row."""
        return TierPlacement(self.country, self.country_name, self.year, Tier(self.tier))


class PrevalenceRow(models.Model):
    """Estimated people in modern slavery per 1,000 in a country, from one imported file."""

    dataset = models.ForeignKey(
        ReferenceDataset, on_delete=models.CASCADE, related_name="prevalence"
    )
    country = models.CharField(max_length=2)
    country_name = models.CharField(max_length=200)
    per_thousand = models.FloatField("per 1,000 population")
    people = models.BigIntegerField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["country"]
        indexes = [models.Index(fields=["dataset", "country"])]

    def __str__(self) -> str:
        return f"{self.country_name}: {self.per_thousand:g} per 1,000"

    def as_estimate(self) -> PrevalenceEstimate:
        """The core's view of this row."""
        return PrevalenceEstimate(
            self.country, self.country_name, self.per_thousand, self.people, self.year, self.source
        )
