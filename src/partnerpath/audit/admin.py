"""Read-only history in the admin."""

from typing import Any

from django.contrib import admin

from partnerpath.audit.models import Change


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["at", "programme", "actor_label", "action", "content_type", "object_repr"]
    list_filter = ["action", "programme", "content_type"]
    search_fields = ["object_repr", "actor_label", "reason"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
