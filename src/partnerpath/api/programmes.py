"""The programmes the user belongs to, with the user's role in each (read-only)."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from rest_framework import serializers, viewsets
from rest_framework.permissions import IsAuthenticated

from partnerpath.accounts.choices import Role
from partnerpath.accounts.models import Membership, User
from partnerpath.api.pagination import Pagination


class ProgrammeSerializer(serializers.ModelSerializer[Membership]):
    """A programme as one of its members sees it."""

    slug = serializers.SlugField(source="programme.slug", read_only=True)
    name = serializers.CharField(source="programme.name", read_only=True)
    description = serializers.CharField(source="programme.description", read_only=True)
    is_demo = serializers.BooleanField(source="programme.is_demo", read_only=True)
    stale_after_days = serializers.IntegerField(source="programme.stale_after_days", read_only=True)
    role = serializers.ChoiceField(choices=Role.choices, read_only=True, help_text="Your role.")
    can_edit = serializers.BooleanField(read_only=True, help_text="Whether you may change records.")
    can_manage = serializers.BooleanField(
        read_only=True, help_text="Whether you may manage the team."
    )

    class Meta:
        model = Membership
        fields = [
            "slug",
            "name",
            "description",
            "is_demo",
            "stale_after_days",
            "role",
            "can_edit",
            "can_manage",
            "joined_at",
        ]


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet[Membership]):
    """Your programmes; other programmes answer 404."""

    serializer_class = ProgrammeSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = Pagination
    queryset = Membership.objects.select_related("programme")
    lookup_field = "programme__slug"
    lookup_url_kwarg = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self) -> QuerySet[Membership, Any]:
        queryset = super().get_queryset().order_by("programme__name", "programme_id")
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return queryset.none()
        return queryset.filter(user=cast(User, self.request.user))
