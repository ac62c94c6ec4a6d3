"""Django admin for site operators: reference data versions (read-only) and the programmes'
due-diligence records."""

from typing import Any

from django.contrib import admin

from partnerpath.diligence.models import (
    Checklist,
    ChecklistAnswer,
    DiligenceSettings,
    IncidentNote,
    ProtocolStep,
    ReferenceDataset,
    ReferralContact,
    RiskProtocol,
)


@admin.register(ReferenceDataset)
class ReferenceDatasetAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Versions are imported with `partnerpath reference import`, never edited by hand."""

    list_display = ["id", "kind", "source_name", "edition", "imported_at", "row_count"]
    list_filter = ["kind"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["organisation", "programme", "rating", "signed_off_at", "expires_on"]
    list_filter = ["programme", "rating"]


@admin.register(IncidentNote)
class IncidentNoteAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "organisation", "programme", "kind", "status", "created_at"]
    list_filter = ["programme", "kind", "status"]


for model in (ChecklistAnswer, DiligenceSettings, RiskProtocol, ReferralContact, ProtocolStep):
    admin.site.register(model)
