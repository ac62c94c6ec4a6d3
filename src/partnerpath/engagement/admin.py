"""Django admin for site operators: the engagement log."""

from django.contrib import admin

from partnerpath.engagement.models import Connection, FollowUp, Interaction


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["occurred_on", "title", "kind", "programme"]
    list_filter = ["programme", "kind"]
    search_fields = ["title", "summary"]
    date_hierarchy = "occurred_on"


admin.site.register(FollowUp)
admin.site.register(Connection)
