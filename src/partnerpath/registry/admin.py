"""Django admin for site operators: the registry's records, read with their programme."""

from django.contrib import admin

from partnerpath.registry.models import (
    Contact,
    KeyIndividual,
    Organisation,
    OrganisationLink,
    Policy,
    Source,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "programme", "kind", "hq_country", "is_active"]
    list_filter = ["programme", "kind", "is_active"]
    search_fields = ["name", "registration_number", "lei"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "organisation", "programme", "department", "is_champion"]
    list_filter = ["programme", "department", "is_champion"]
    search_fields = ["name", "email"]


for model in (KeyIndividual, OrganisationLink, Policy, Source):
    admin.site.register(model)
