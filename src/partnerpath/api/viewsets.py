"""The base of every programme record's endpoint: scoped to the user's programmes, validated
list filters, the web app's permissions, and writes recorded in history under the API user."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models, transaction
from django.db.models import QuerySet
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from partnerpath.api.access import (
    ProgrammeRole,
    in_my_programmes,
    programme_by_slug,
    require_edit_role,
)
from partnerpath.api.pagination import Pagination
from partnerpath.audit.context import acting_as


class ProgrammeQuery(serializers.Serializer[Any]):
    """Filters every list takes."""

    programme = serializers.SlugField(
        required=False, help_text="Only records of this programme (its slug)."
    )


def yes_no_field(help_text: str) -> serializers.ChoiceField:
    """An optional yes/no filter."""
    return serializers.ChoiceField(
        choices=[("yes", "yes"), ("no", "no")], required=False, help_text=help_text
    )


class ProgrammeReadViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]
):
    """List and read one kind of programme record: only those of the user's programmes
    (outsiders get 404 and never see a record in a list), with validated list filters."""

    permission_classes = [IsAuthenticated, ProgrammeRole]
    pagination_class = Pagination
    query_serializer_class: type[serializers.Serializer[Any]] = ProgrammeQuery
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return queryset.none()
        return in_my_programmes(queryset, self.request.user)

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """Lists only: validate the query parameters (400 when wrong), then filter."""
        if self.action != "list":
            return queryset
        query = self.query_serializer_class(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = dict(query.validated_data)
        slug = params.pop("programme", "")
        if slug:
            queryset = queryset.filter(programme=programme_by_slug(self.request, slug))
        return self.filter_records(queryset, params)

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        """Apply the validated filters of this resource (none by default)."""
        return queryset


class ProgrammeRecordViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    ProgrammeReadViewSet,
):
    """List, read, create, change and delete one kind of programme record.

    Outsiders never see a record (404, absent from lists); any member reads; admins, PSE leads
    and team members write (403 for reviewers and viewers)."""

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = request.data if isinstance(request.data, Mapping) else {}
        require_edit_role(request, data.get("programme"))
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        with transaction.atomic(), acting_as(self.request.user):
            serializer.save()

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        with transaction.atomic(), acting_as(self.request.user):
            serializer.save()

    def perform_destroy(self, instance: models.Model) -> None:
        with transaction.atomic(), acting_as(self.request.user):
            instance.delete()
