"""Django admin for site operators: watch lists and their versions, screenings, hits and
decisions, read-only (lists change through `partnerpath lists import`, decisions on the pages)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from partnerpath.screening.models import Adjudication, Hit, ListVersion, Screening, WatchList


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Operators look; changes go through the command line and the pages, which keep history."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WatchList)
class WatchListAdmin(ReadOnlyAdmin):
    list_display = ["name", "created_at"]


@admin.register(ListVersion)
class ListVersionAdmin(ReadOnlyAdmin):
    list_display = ["watch_list", "publication_date", "entity_count", "imported_at", "is_current"]
    list_filter = ["watch_list", "is_current"]


@admin.register(Screening)
class ScreeningAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "programme", "organisation", "status", "hit_count"]
    list_filter = ["programme", "status", "trigger"]


@admin.register(Hit)
class HitAdmin(ReadOnlyAdmin):
    list_display = ["query_name", "matched_name", "score", "programme", "is_latest"]
    list_filter = ["programme", "is_latest"]
    list_select_related = ["programme"]


@admin.register(Adjudication)
class AdjudicationAdmin(ReadOnlyAdmin):
    list_display = ["subject", "entity_id", "decision", "decided_by", "decided_at", "programme"]
    list_filter = ["programme", "decision"]
    list_select_related = ["programme", "decided_by"]
