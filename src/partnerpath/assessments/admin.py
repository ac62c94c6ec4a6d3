"""Admin of assessments: read what was stored (changes go through the pages and services)."""

from django.contrib import admin

from partnerpath.assessments.models import AnswerRecord, Assessment, ProgrammeRubric


class AnswerInline(admin.TabularInline):  # type: ignore[type-arg]
    model = AnswerRecord
    extra = 0
    fields = ["indicator_id", "value", "evidence_url", "evidence_date", "recorded_by"]
    readonly_fields = ["indicator_id", "value", "evidence_url", "evidence_date", "recorded_by"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["__str__", "programme", "rubric_key", "status", "level", "confidence"]
    list_filter = ["kind", "status", "rubric_key"]
    search_fields = ["organisation__name"]
    readonly_fields = ["result", "level", "score", "confidence"]
    inlines = [AnswerInline]


@admin.register(ProgrammeRubric)
class ProgrammeRubricAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["key", "programme", "kind", "base_key", "created_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["key", "title"]
    readonly_fields = ["document"]
