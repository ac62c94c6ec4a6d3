"""Django admin for site operators: the programmes' opportunities, templates, weights and rounds
(read for support; scores are entered by raters on the pages)."""

from django.contrib import admin

from partnerpath.prioritisation.models import (
    Opportunity,
    RaterSheet,
    Round,
    ScorecardTemplateVersion,
    WeightDecision,
)


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Opportunities of every programme."""

    list_display = ["title", "programme", "status", "partnership_type"]
    list_filter = ["status", "programme"]
    search_fields = ["title"]


@admin.register(ScorecardTemplateVersion)
class ScorecardTemplateVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Template versions; a stored version is never edited (tailoring makes a new one)."""

    list_display = ["name", "version", "programme", "based_on"]
    readonly_fields = ["document"]


@admin.register(WeightDecision)
class WeightDecisionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Weights agreed on record."""

    list_display = ["id", "programme", "template_version", "method", "agreed_by", "agreed_on"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Scoring rounds."""

    list_display = ["name", "programme", "status", "created_at"]
    list_filter = ["status"]


@admin.register(RaterSheet)
class RaterSheetAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Raters' sheets and when they were submitted."""

    list_display = ["round", "rater", "submitted_at"]
