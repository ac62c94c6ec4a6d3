"""Django admin for site operators (superusers): users, programmes, memberships, invitations."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from partnerpath.accounts.models import Invitation, LoginFailure, Membership, Programme, User

admin.site.site_header = "PartnerPath administration"
admin.site.register(User, UserAdmin)


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "slug", "is_demo", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "email",
        "programme",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["programme", "role"]
    exclude = ["token"]


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["username", "ip_address", "at"]
    search_fields = ["username"]
